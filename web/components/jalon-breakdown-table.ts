// <jalon-breakdown-table>: allocated / approved / paid per row of a dashboard breakdown (the GHT
// one), with their total, to the cent. A long list scrolls in its own box (its header stays in
// view), and a phone scrolls the box sideways, not the page.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BreakdownRow } from '../../server/contract/plan.js';
import { t } from '../i18n/common.js';
import { formatEuros } from '../lib/format.js';
import { tokens, ui } from '../lib/styles.js';

const KEYS = ['allocatedCents', 'approvedCents', 'paidCents'] as const;

@customElement('jalon-breakdown-table')
export class JalonBreakdownTable extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
      :host { display: block; }
      .scroller { overflow: auto; max-height: 40rem; border: 1px solid var(--border); }
      table { font-size: 0.875rem; }
      th, td { padding: 6px 8px; }
      thead th { position: sticky; top: 0; background: var(--bg); box-shadow: inset 0 -1px 0 var(--border); }
      tfoot th, tfoot td { position: sticky; bottom: 0; }
      tbody th { font-weight: 400; min-width: 10rem; }
      /* a phone scrolls the page, not a box within it; the box still scrolls sideways */
      @media (max-width: 720px) { .scroller { max-height: none; } }
      @media print { .scroller { max-height: none; overflow: visible; border: 0; } thead th, tfoot th, tfoot td { position: static; } }
    `,
  ];

  @property({ attribute: false }) rows: BreakdownRow[] = [];
  /** The first column's header (« GHT »). */
  @property() keyHeader = '';
  /** The table's name, for screen readers and the scrolling box. */
  @property() label = '';
  @property() totalLabel = t.common.total;

  override render() {
    const total = (k: (typeof KEYS)[number]) => this.rows.reduce((s, r) => s + r[k], 0);
    const cells = (r: Pick<BreakdownRow, (typeof KEYS)[number]>) =>
      KEYS.map((k) => html`<td class="num" data-k=${k}>${formatEuros(r[k])}</td>`);
    return html`<div class="scroller" tabindex="0" role="region" aria-label=${this.label}>
      <table data-testid="breakdown-table">
        <caption class="sr-only">${this.label}</caption>
        <thead><tr><th scope="col">${this.keyHeader}</th><th scope="col" class="num">${t.money.allocated}</th>
          <th scope="col" class="num">${t.money.approved}</th><th scope="col" class="num">${t.money.paid}</th></tr></thead>
        <tbody>${this.rows.map((r) => html`<tr data-key=${r.key}><th scope="row">${r.label}</th>${cells(r)}</tr>`)}</tbody>
        <tfoot><tr data-testid="breakdown-total"><th scope="row">${this.totalLabel}</th>${cells({
          allocatedCents: total('allocatedCents'),
          approvedCents: total('approvedCents'),
          paidCents: total('paidCents'),
        })}</tr></tfoot>
      </table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-breakdown-table': JalonBreakdownTable;
  }
}
