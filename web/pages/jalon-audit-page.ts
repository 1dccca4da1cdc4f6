import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('jalon-audit-page')
export class JalonAuditPage extends LitElement {
  override render() { return html`<h1>audit</h1>`; }
}

declare global {
  interface HTMLElementTagNameMap { 'jalon-audit-page': JalonAuditPage }
}
