import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('jalon-roadmap-page')
export class JalonRoadmapPage extends LitElement {
  override render() { return html`<h1>roadmap</h1>`; }
}

declare global {
  interface HTMLElementTagNameMap { 'jalon-roadmap-page': JalonRoadmapPage }
}
