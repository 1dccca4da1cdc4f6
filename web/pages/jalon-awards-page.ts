import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('jalon-awards-page')
export class JalonAwardsPage extends LitElement {
  override render() { return html`<h1>awards</h1>`; }
}

declare global {
  interface HTMLElementTagNameMap { 'jalon-awards-page': JalonAwardsPage }
}
