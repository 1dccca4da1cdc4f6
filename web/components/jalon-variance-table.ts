// <jalon-variance-table>: planned vs approved vs paid, by envelope or by region, sortable.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { BreakdownRow } from '../../server/contract/plan.js';
import { formatEuros, formatPercent } from '../lib/format.js';
import { t } from '../i18n/dashboard.js';
import { tokens, ui } from '../lib/styles.js';

type Key = 'label' | 'allocatedCents' | 'approvedCents' | 'paidCents' | 'gap' | 'rate';
type Row = BreakdownRow & { gap: number; rate: number };

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
    th button { font: inherit; font-weight: 700; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; display: inline-flex; gap: 4px; }
    .arrow { color: var(--blue); width: 1em; display: inline-block; }
    .neg { color: var(--error); }
    .scroll { overflow-x: auto; }
  `,
  ];

  @property({ attribute: false }) byEnvelope: BreakdownRow[] = [];
  @property({ attribute: false }) byRegion: BreakdownRow[] = [];
  @state() private _mode: 'envelope' | 'region' = 'envelope';
  @state() private _sort: { key: Key; dir: 1 | -1 } = { key: 'allocatedCents', dir: -1 };

  private _rows(): Row[] {
    const src = this._mode === 'envelope' ? this.byEnvelope : this.byRegion.filter((r) => r.allocatedCents > 0);
    const rows = src.map((r) => ({
      ...r,
      gap: r.allocatedCents - r.paidCents,
      rate: r.allocatedCents ? r.paidCents / r.allocatedCents : 0,
    }));
    const { key, dir } = this._sort;
    return rows.sort((a, b) => (key === 'label' ? a.label.localeCompare(b.label, 'fr') : a[key] - b[key]) * dir);
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
    const sum = (k: 'allocatedCents' | 'approvedCents' | 'paidCents') => rows.reduce((s, r) => s + r[k], 0);
    const tot = { a: sum('allocatedCents'), o: sum('approvedCents'), p: sum('paidCents') };
    return html`
      <div class="tabs" role="group" aria-label=${t.dashboard.varianceTitle}>
        <button type="button" aria-pressed=${this._mode === 'envelope'} @click=${() => {
          this._mode = 'envelope';
        }}>${t.dashboard.varianceByEnvelope}</button>
        <button type="button" aria-pressed=${this._mode === 'region'} @click=${() => {
          this._mode = 'region';
        }}>${t.dashboard.varianceByRegion}</button>
      </div>
      <div class="scroll"><table data-testid="variance-table">
        <caption class="sr-only">${t.dashboard.varianceTitle} — ${this._mode === 'envelope' ? t.dashboard.varianceByEnvelope : t.dashboard.varianceByRegion}</caption>
        <thead><tr>
          ${this._th('label', this._mode === 'envelope' ? t.common.envelope : t.common.region, false)}
          ${this._th('allocatedCents', t.money.allocated)}${this._th('approvedCents', t.money.approved)}${this._th('paidCents', t.money.paid)}
          ${this._th('gap', t.dashboard.varianceGap)}${this._th('rate', t.dashboard.consumption)}
        </tr></thead>
        <tbody>${rows.map(
          (r) => html`<tr><th scope="row">${r.label}</th>
          <td class="num">${formatEuros(r.allocatedCents)}</td><td class="num">${formatEuros(r.approvedCents)}</td><td class="num">${formatEuros(r.paidCents)}</td>
          <td class="num ${r.gap < 0 ? 'neg' : ''}">${formatEuros(r.gap)}</td><td class="num">${formatPercent(r.rate)}</td></tr>`,
        )}</tbody>
        <tfoot><tr><th scope="row">${t.common.total}</th><td class="num">${formatEuros(tot.a)}</td><td class="num">${formatEuros(tot.o)}</td>
          <td class="num">${formatEuros(tot.p)}</td><td class="num">${formatEuros(tot.a - tot.p)}</td><td class="num">${formatPercent(tot.a ? tot.p / tot.a : 0)}</td></tr></tfoot>
      </table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-variance-table': JalonVarianceTable;
  }
}
