// <jalon-delegation-table>: what the regions holding a delegation did with it — delegated,
// allocated to their beneficiaries, approved, paid, remaining — with the national reserve and the
// total, to the cent. A table in its own scrolling box (a phone scrolls it, not the page).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../i18n/delegations.js';
import { formatEuros } from '../lib/format.js';
import { tokens, ui } from '../lib/styles.js';

export interface DelegationLine {
  key: string;
  label: string;
  delegatedCents: number;
  allocatedCents: number;
  approvedCents: number;
  paidCents: number;
  remainingCents: number;
}

const d = t.delegations;

@customElement('jalon-delegation-table')
export class JalonDelegationTable extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
      :host { display: block; }
      .scroller { overflow-x: auto; }
      table { min-width: 640px; font-size: 0.875rem; }
      th, td { padding: 6px 8px; }
      tfoot th, tfoot td, .reserve > * { font-weight: 700; }
      .neg { color: var(--error); }
    `,
  ];

  @property({ attribute: false }) rows: DelegationLine[] = [];
  /** The national reserve (regions without a delegation), shown after the regions; none: left out. */
  @property({ attribute: false }) reserve: DelegationLine | null = null;
  @property() label = d.consumptionLabel;

  override render() {
    if (!this.rows.length) return html`<p class="hint" data-testid="no-delegation">${d.noDelegation}</p>`;
    const sum = (k: keyof Omit<DelegationLine, 'key' | 'label'>) =>
      [...this.rows, ...(this.reserve ? [this.reserve] : [])].reduce((s, r) => s + r[k], 0);
    const total: DelegationLine = {
      key: 'total',
      label: d.totalRow,
      delegatedCents: sum('delegatedCents'),
      allocatedCents: sum('allocatedCents'),
      approvedCents: sum('approvedCents'),
      paidCents: sum('paidCents'),
      remainingCents: sum('remainingCents'),
    };
    return html`<div class="scroller" tabindex="0" role="region" aria-label=${this.label}><table aria-label=${this.label} data-testid="delegation-table">
      <thead><tr><th scope="col">${t.common.region}</th><th scope="col" class="num">${d.delegated}</th><th scope="col" class="num">${t.money.allocated}</th>
        <th scope="col" class="num">${t.money.approved}</th><th scope="col" class="num">${t.money.paid}</th><th scope="col" class="num">${d.remaining}</th></tr></thead>
      <tbody>${this.rows.map((r) => this._row(r))}${this.reserve ? this._row(this.reserve, 'reserve') : nothing}</tbody>
      <tfoot>${this._row(total, 'total', true)}</tfoot>
    </table></div>`;
  }

  private _row(r: DelegationLine, cls = '', foot = false) {
    const cell = (v: number, k: string) =>
      html`<td class="num ${v < 0 ? 'neg' : ''}" data-k=${k}>${formatEuros(v)}</td>`;
    return html`<tr class=${cls} data-key=${r.key} data-testid=${foot ? 'delegation-total' : 'delegation-row'}>
      <th scope="row">${r.label}</th>${cell(r.delegatedCents, 'delegated')}${cell(r.allocatedCents, 'allocated')}${cell(r.approvedCents, 'approved')}
      ${cell(r.paidCents, 'paid')}${cell(r.remainingCents, 'remaining')}</tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-delegation-table': JalonDelegationTable;
  }
}
