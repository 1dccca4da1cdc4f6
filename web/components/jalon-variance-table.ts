// <jalon-variance-table>: planned vs approved vs paid, by envelope or by region, sortable. Its
// columns are the export's (shared/variance.ts): under a filter each says national or the filter's.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { BreakdownRow, EnvelopeRow } from '../../server/contract/plan.js';
import { CONSUMPTION_DEFINITION, VARIANCE_TOTALS, varianceColumns, type VarianceKey } from '../../shared/variance.js';
import { formatEuros, formatPercent } from '../lib/format.js';
import { t } from '../i18n/dashboard.js';
import { tokens, ui } from '../lib/styles.js';

type Key = VarianceKey;
type Row = BreakdownRow & {
  gap: number;
  rate: number;
  totalCents?: number;
  remainingCents?: number;
  status?: EnvelopeRow['status'];
};

@customElement('jalon-variance-table')
export class JalonVarianceTable extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .tabs { display: flex; gap: 0; margin-bottom: 16px; border-bottom: 1px solid var(--border); }
    .tabs button { font: inherit; background: none; border: 0; border-bottom: 3px solid transparent; padding: 8px 16px; cursor: pointer; color: var(--text); }
    .tabs button[aria-pressed="true"] { color: var(--blue); border-bottom-color: var(--blue); font-weight: 700; }
    th button { font: inherit; font-weight: 700; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; display: inline-flex; gap: 4px; text-align: inherit; }
    th.num { white-space: normal; min-width: 7.5rem; }
    tbody th, tfoot th { min-width: 12rem; max-width: 18rem; font-size: 0.875rem; }
    .arrow { color: var(--blue); width: 1em; display: inline-block; }
    .neg { color: var(--error); }
    .scroll { overflow-x: auto; }
    .definition { font-size: 0.875rem; color: var(--mention); margin: 12px 0 0; max-width: 72ch; }
    /* a phone: each row becomes a card of label / value lines */
    @media (max-width: 720px) {
      table, thead, tbody, tfoot, tr, th, td { display: block; }
      thead tr { display: flex; flex-wrap: wrap; gap: 4px 12px; border-bottom: 1px solid var(--border); padding-bottom: 8px; }
      thead th { border: 0; padding: 0; }
      tbody tr, tfoot tr { border: 1px solid var(--border); margin: 8px 0; padding: 8px 12px; }
      tbody th, tfoot th { border: 0; padding: 0 0 4px; }
      td { border: 0; padding: 2px 0; display: flex; justify-content: space-between; gap: 12px; text-align: right; }
      td::before { content: attr(data-label); text-align: left; color: var(--mention); white-space: normal; }
    }
  `,
  ];

  @property({ attribute: false }) byEnvelope: EnvelopeRow[] = [];
  @property({ attribute: false }) byRegion: BreakdownRow[] = [];
  /** What the filters restrict allocations to, in words (« Île-de-France »); '' for the whole plan. */
  @property() scope = '';
  @state() private _mode: 'envelope' | 'region' = 'envelope';
  @state() private _sort: { key: Key; dir: 1 | -1 } = { key: 'allocatedCents', dir: -1 };

  private _rows(): Row[] {
    const src: Array<BreakdownRow & Partial<Pick<EnvelopeRow, 'totalCents' | 'remainingCents' | 'status'>>> =
      this._mode === 'envelope' ? this.byEnvelope : this.byRegion.filter((r) => r.allocatedCents > 0);
    const rows = src.map((r) => ({
      ...r,
      gap: r.allocatedCents - r.paidCents,
      rate: r.allocatedCents ? r.paidCents / r.allocatedCents : 0,
    }));
    const { key, dir } = this._sort;
    return rows.sort(
      (a, b) => (key === 'label' ? a.label.localeCompare(b.label, 'fr') : (a[key] ?? 0) - (b[key] ?? 0)) * dir,
    );
  }

  private _th(key: Key, label: string, num = true) {
    const active = this._sort.key === key;
    const sort = active ? (this._sort.dir === 1 ? 'ascending' : 'descending') : 'none';
    return html`<th scope="col" class=${num ? 'num' : ''} aria-sort=${sort}>
      <button type="button" @click=${() => {
        this._sort = { key, dir: active ? (this._sort.dir === 1 ? -1 : 1) : key === 'label' ? 1 : -1 };
      }}>
        ${label}<span class="arrow" aria-hidden="true">${active ? (this._sort.dir === 1 ? '▲' : '▼') : ''}</span>
      </button></th>`;
  }

  override render() {
    const rows = this._rows();
    const cols = varianceColumns(this._mode, this.scope);
    const totalOf = (rs: Row[], label: string): Row => {
      const sum = (k: 'allocatedCents' | 'approvedCents' | 'paidCents' | 'totalCents' | 'remainingCents') =>
        rs.reduce((s, r) => s + (r[k] ?? 0), 0);
      return {
        key: 'total',
        label,
        allocatedCents: sum('allocatedCents'),
        approvedCents: sum('approvedCents'),
        paidCents: sum('paidCents'),
        totalCents: sum('totalCents'),
        remainingCents: sum('remainingCents'),
        gap: sum('allocatedCents') - sum('paidCents'),
        rate: sum('allocatedCents') ? sum('paidCents') / sum('allocatedCents') : 0,
      };
    };
    // by envelope, committed and announced ones are totalled apart: announced credits are not money yet
    const announced = rows.filter((r) => r.status === 'announced');
    const totals =
      this._mode === 'region'
        ? [totalOf(rows, VARIANCE_TOTALS.regions)]
        : [
            totalOf(
              rows.filter((r) => r.status !== 'announced'),
              VARIANCE_TOTALS.committed,
            ),
            ...(announced.length ? [totalOf(announced, VARIANCE_TOTALS.announced)] : []),
          ];
    const cell = (r: Row, key: Key, header: string) => {
      const v = key === 'rate' ? formatPercent(r.rate) : formatEuros((r[key as Exclude<Key, 'label'>] as number) ?? 0);
      return html`<td class="num ${key === 'gap' && r.gap < 0 ? 'neg' : ''}" data-label=${header}>${v}</td>`;
    };
    const line = (r: Row) =>
      html`<th scope="row">${r.label}${r.status === 'announced' ? html` <span class="badge neutral">${t.dashboard.announcedBadge}</span>` : nothing}</th>${cols.slice(1).map((c) => cell(r, c.key, c.header))}`;
    return html`
      <div class="tabs" role="group" aria-label=${t.dashboard.varianceTitle}>
        <button type="button" aria-pressed=${this._mode === 'envelope'} @click=${() => {
          this._mode = 'envelope';
        }}>${t.dashboard.varianceByEnvelope}</button>
        <button type="button" aria-pressed=${this._mode === 'region'} @click=${() => {
          this._mode = 'region';
        }}>${t.dashboard.varianceByRegion}</button>
      </div>
      <div class="scroll"><table data-testid="variance-table" aria-describedby="consumption">
        <caption class="sr-only">${t.dashboard.varianceTitle} — ${this._mode === 'envelope' ? t.dashboard.varianceByEnvelope : t.dashboard.varianceByRegion}</caption>
        <thead><tr>${cols.map((c) => this._th(c.key, c.header, c.key !== 'label'))}</tr></thead>
        <tbody>${rows.map((r) => html`<tr>${line(r)}</tr>`)}</tbody>
        <tfoot>${totals.map((r) => html`<tr>${line(r)}</tr>`)}</tfoot>
      </table></div>
      <p class="definition" id="consumption" data-testid="consumption">${CONSUMPTION_DEFINITION}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-variance-table': JalonVarianceTable;
  }
}
