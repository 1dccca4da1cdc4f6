// <jalon-import-page>: the planner brings the data in — the FINESS extract, then allocations.
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import '../components/jalon-allocation-import.js';
import '../components/jalon-finess-import.js';
import { t } from '../i18n/imports.js';
import { tokens, ui } from '../lib/styles.js';

@customElement('jalon-import-page')
export class JalonImportPage extends LitElement {
  static override styles = [tokens, ui, css`:host { display: block; }`];

  override render() {
    return html`<h1>${t.imports.title}</h1><p class="lead">${t.imports.intro}</p>
      <jalon-finess-import></jalon-finess-import>
      <jalon-allocation-import></jalon-allocation-import>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-import-page': JalonImportPage;
  }
}
