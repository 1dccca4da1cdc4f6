import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('jalon-users-page')
export class JalonUsersPage extends LitElement {
  override render() { return html`<h1>users</h1>`; }
}

declare global {
  interface HTMLElementTagNameMap { 'jalon-users-page': JalonUsersPage }
}
