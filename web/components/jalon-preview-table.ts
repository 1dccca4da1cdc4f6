// <jalon-preview-table>: who gets what in a preview (a bulk allocation, an import's simulation):
// establishment, region, amount per year and total, one page at a time. The table scrolls inside
// its own box (a phone never scrolls sideways); the pager asks the owner for another page
// ('preview-page'), and the rows shown stay, dimmed, until it arrives (no shift).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import type { PlanYear, YearAmounts } from '../../server/contract/plan.js';
import { fire } from '../lib/fire.js';
import { formatEuros, formatSignedEuros } from '../lib/format.js';
import { pager } from '../lib/pager.js';
import { tp } from '../i18n/previews.js';
import { tokens, ui } from '../lib/styles.js';

export interface PreviewTableRow {
  key: string;
  finess: string;
  name: string;
  regionName: string;
  /** A second line under the name (an import row's line, envelope and action). */
  detail?: string;
  badge?: { text: string; kind: 'info' | 'warning' | 'success' | 'neutral' };
  amounts?: YearAmounts;
  totalCents?: number;
  changeCents?: number;
  /** Instead of amounts (a skipped establishment: what it already holds). */
  note?: string;
}

@customElement('jalon-preview-table')
export class JalonPreviewTable extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; margin: 0 0 16px; min-width: 0; }
    .box { max-height: 420px; overflow: auto; border: 1px solid var(--border); max-width: 100%; }
    .box:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
    table { min-width: 560px; }
    caption { padding: 12px 12px 8px; }
    thead th { position: sticky; top: 0; z-index: 1; }
    td.finess { white-space: nowrap; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.875rem; }
    td.name { min-width: 14em; }
    .detail { display: block; color: var(--muted); font-size: 0.8125rem; }
    .busy tbody { opacity: 0.5; }
    .pager { margin-top: 8px; }
  `,
  ];

  @property() caption = '';
  @property({ attribute: false }) rows: PreviewTableRow[] = [];
  @property({ attribute: false }) years: PlanYear[] = [];
  @property({ type: Number }) offset = 0;
  @property({ type: Number }) size = 50;
  @property({ type: Number }) total = 0;
  @property({ type: Boolean }) busy = false;
  /** Shows the « Écart » column (an import's change). */
  @property({ type: Boolean, attribute: 'show-change' }) showChange = false;
  /** When set, a column of notes with this heading replaces the amounts. */
  @property({ attribute: 'note-label' }) noteLabel = '';
  @property({ attribute: 'testid' }) testid = 'preview-table';
  /** The first two columns' headings: a bulk allocation to pooled resources lists SIRETs. */
  @property({ attribute: 'id-label' }) idLabel = tp.finess;
  @property({ attribute: 'name-label' }) nameLabel = tp.establishment;

  override render() {
    if (!this.total) return nothing;
    const amounts = !this.noteLabel;
    return html`<div class="box" tabindex="0" role="region" aria-label=${tp.region_(this.caption)} aria-busy=${this.busy}>
        <table data-testid=${this.testid} class=${classMap({ busy: this.busy })}>
          <caption>${this.caption}</caption>
          <thead><tr>
            <th scope="col">${this.idLabel}</th><th scope="col">${this.nameLabel}</th><th scope="col">${tp.region}</th>
            ${amounts ? html`${this.years.map((y) => html`<th scope="col" class="num">${y}</th>`)}<th scope="col" class="num">${tp.total}</th>${this.showChange ? html`<th scope="col" class="num">${tp.change}</th>` : nothing}` : html`<th scope="col">${this.noteLabel}</th>`}
          </tr></thead>
          <tbody>${this.rows.map((r) => this._row(r, amounts))}</tbody>
        </table>
      </div>
      ${this.total > this.size ? pager({ offset: this.offset, size: this.size, shown: this.rows.length, total: this.total, testid: `${this.testid}-range`, go: (offset) => fire(this, 'preview-page', { offset }) }) : nothing}`;
  }

  private _row(r: PreviewTableRow, amounts: boolean) {
    return html`<tr data-finess=${r.finess}>
      <td class="finess">${r.finess}</td>
      <td class="name">${r.name}${r.badge ? html` <span class="badge ${r.badge.kind}">${r.badge.text}</span>` : nothing}${r.detail ? html`<span class="detail">${r.detail}</span>` : nothing}</td>
      <td>${r.regionName}</td>
      ${
        amounts
          ? html`${this.years.map((y) => html`<td class="num">${r.amounts?.[y] ? formatEuros(r.amounts[y]) : ''}</td>`)}
        <td class="num"><strong>${formatEuros(r.totalCents ?? 0)}</strong></td>
        ${this.showChange ? html`<td class="num">${formatSignedEuros(r.changeCents ?? 0)}</td>` : nothing}`
          : html`<td>${r.note ?? ''}</td>`
      }
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-preview-table': JalonPreviewTable;
  }
}
