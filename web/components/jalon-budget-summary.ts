// <jalon-budget-summary>: an envelope's budget, allocated, approved, paid and remaining per year.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Envelope, EnvelopeBudget } from '../../server/contract/plan.js';
import { formatEuros } from '../lib/format.js';
import { t } from '../i18n/allocations.js';
import { tokens, ui } from '../lib/styles.js';
import { YEARS } from '../lib/years.js';

@customElement('jalon-budget-summary')
export class JalonBudgetSummary extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    /* positioned: the caption’s visually hidden text (absolute) stays inside the scrolling box */
    .scroll { overflow-x: auto; position: relative; }
    table { table-layout: fixed; min-width: 860px; }
    thead th:first-child { width: 16%; }
    th[scope="row"] { font-weight: 500; white-space: nowrap; }
    tr.remaining th, tr.remaining td { font-weight: 700; background: var(--blue-50); border-top: 2px solid var(--blue); }
    .neg { color: var(--error); }
    .muted { color: var(--mention); font-style: italic; }
    .updating { opacity: 0.6; transition: opacity .1s; }
  `,
  ];

  @property({ attribute: false }) envelope?: Envelope;
  @property({ attribute: false }) budget?: EnvelopeBudget;
  @property({ type: Boolean }) updating = false;

  override render() {
    const b = this.budget,
      env = this.envelope;
    if (!b || !env) return html``;
    const cell = (v: number | null) =>
      v === null
        ? html`<td class="num muted">${t.money.noYearBudget}</td>`
        : html`<td class="num ${v < 0 ? 'neg' : ''}">${formatEuros(v)}</td>`;
    const rows: Array<[string, (y: (typeof YEARS)[number]) => number | null, number, string]> = [
      [t.money.budget, (y) => b.years[y].budgetCents, b.totalCents, ''],
      [t.money.allocated, (y) => b.years[y].allocatedCents, b.allocatedCents, ''],
      [t.money.approved, (y) => b.years[y].approvedCents, b.approvedCents, ''],
      [t.money.paid, (y) => b.years[y].paidCents, b.paidCents, ''],
      [t.money.remaining, (y) => b.years[y].remainingCents, b.remainingCents, 'remaining'],
    ];
    // focusable, so that a keyboard can scroll it on a phone
    return html`<div class="scroll ${this.updating ? 'updating' : ''}" aria-busy=${this.updating ? 'true' : 'false'}
      tabindex="0" role="region" aria-label=${t.allocations.summary(env.code)}>
      <table data-testid="budget-summary">
        <caption>${t.allocations.summary(env.code)} <span class="sr-only">— ${t.allocations.summaryCaption}</span></caption>
        <thead><tr><th scope="col"><span class="sr-only">${t.common.year}</span></th>
          ${YEARS.map((y) => html`<th scope="col" class="num">${y}</th>`)}<th scope="col" class="num">${t.common.total}</th></tr></thead>
        <tbody>${rows.map(
          ([label, of, total, cls]) => html`<tr class=${cls} data-row=${cls || label}>
          <th scope="row">${label}</th>${YEARS.map((y) => cell(of(y)))}${cell(total)}</tr>`,
        )}</tbody>
      </table>
      <p class="hint">${t.allocations.paidByDate}</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-budget-summary': JalonBudgetSummary;
  }
}
