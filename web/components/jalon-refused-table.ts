// <jalon-refused-table>: the lines an import refused (line, FINESS, reason), in a scrolling box.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ImportRefusal } from '../api/imports.js';
import { t } from '../i18n/imports.js';
import { tokens, ui } from '../lib/styles.js';

@customElement('jalon-refused-table')
export class JalonRefusedTable extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; margin: 16px 0; }
    .box { max-height: 340px; overflow: auto; border: 1px solid var(--border); }
    caption { padding: 12px 12px 8px; color: var(--error); }
    thead th { position: sticky; top: 0; }
    td.line, td.finess { white-space: nowrap; font-variant-numeric: tabular-nums; }
    td.line { width: 6em; }
    td.finess { width: 9em; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.875rem; }
  `,
  ];

  @property({ attribute: false }) refused: ImportRefusal[] = [];
  /** How many lines were refused in all (the server lists the first 1,000). */
  @property({ type: Number }) total = 0;
  /** Which import the list belongs to (one page shows two). */
  @property() source = '';

  override render() {
    const total = Math.max(this.total, this.refused.length);
    if (!total) return nothing;
    return html`<div class="box" tabindex="0" role="region" aria-label=${this.source ? `${t.imports.refusedRegion} : ${this.source}` : t.imports.refusedRegion}>
      <table data-testid="refused-table">
        <caption>${t.imports.refusedCaption(total)}${total > this.refused.length ? html` <span class="hint">${t.imports.refusedTruncated(this.refused.length)}</span>` : nothing}</caption>
        <thead><tr><th scope="col">${t.imports.line}</th><th scope="col">FINESS</th><th scope="col">${t.imports.reason}</th></tr></thead>
        <tbody>${this.refused.map((r) => html`<tr><td class="line">${r.line.toLocaleString('fr-FR')}</td><td class="finess">${r.finess || t.common.none}</td><td>${r.reason}</td></tr>`)}</tbody>
      </table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-refused-table': JalonRefusedTable;
  }
}
