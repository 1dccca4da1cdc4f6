// <jalon-scenario-compare>: the plan and up to three scenarios side by side, as the API compares
// them: totals and what would remain per envelope; one breakdown at a time (year, region, category,
// axis, GHT) as a chart and the same figures as a table; how many beneficiaries gain and lose, and
// the largest changes; each milestone's coverage (« 56 % des établissements prioritaires
// financés »); the comparison as CSV or XLSX.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CompareRow, Comparison } from '../../server/contract/scenarios.js';
import { comparisonExport } from '../api/exports.js';
import './jalon-chart.js';
import './jalon-export-links.js';
import { barsHeight } from '../lib/chart-configs.js';
import { formatEuros, formatPercent, formatSignedEuros } from '../lib/format.js';
import { compareChartConfig, type ScenarioReference } from '../lib/scenarios.js';
import { tokens, ui } from '../lib/styles.js';
import { t } from '../i18n/scenarios.js';

const c = t.compare;
type Dimension = keyof typeof c.dimensions;
const DIMENSIONS = Object.keys(c.dimensions) as Dimension[];

@customElement('jalon-scenario-compare')
export class JalonScenarioCompare extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .head { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; justify-content: space-between; margin-bottom: 24px; }
    .head .lead { margin-bottom: 8px; }
    h1:focus { outline: none; }
    .table-box { overflow-x: auto; position: relative; margin-bottom: 8px; }
    .table-box:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
    table { font-size: 0.875rem; }
    table.wide { min-width: 640px; }
    .alert.warning { color: var(--warning); }
    .pick { max-width: 320px; margin-bottom: 16px; }
    jalon-chart { margin-bottom: 16px; }
    .delta { display: block; font-size: 0.8125rem; color: var(--mention); }
    .delta.up { color: var(--success); }
    .delta.down { color: var(--error); }
    .movers { margin: 0 0 16px; padding-left: 20px; }
    .coverage { display: grid; gap: 16px; }
    .coverage h3 { margin-bottom: 4px; }
    .coverage ul { margin: 0; padding-left: 20px; }
    .below { color: var(--warning); font-weight: 500; }
    @media (max-width: 720px) { .card { padding: 16px; } }
  `,
  ];

  @property({ attribute: false }) comparison!: Comparison;
  @property({ attribute: false }) ids: string[] = [];
  @property({ attribute: false }) reference!: ScenarioReference;
  @state() private _dimension: Dimension = 'byRegion';

  private get _names() {
    return this.comparison.columns.map((col) => col.label);
  }

  /** A table of rows by column (its caption, the card's heading, for screen readers); `testid` marks it for the browser tests. */
  private _table(
    caption: string,
    head: string,
    rows: Array<{ key: string; label: string; cents: number[] }>,
    testid: string,
  ) {
    const names = this._names;
    return html`<div class="table-box" tabindex="0" role="region" aria-label=${caption}>
      <table class="wide" data-testid=${testid}><caption class="sr-only">${caption}</caption>
        <thead><tr><th scope="col">${head}</th>${names.map((n) => html`<th scope="col" class="num">${n}</th>`)}</tr></thead>
        <tbody>${rows.map(
          (r) =>
            html`<tr data-key=${r.key}><th scope="row">${r.label}</th>${r.cents.map(
              (v, i) =>
                html`<td class="num" data-col=${i}><span class="amount">${formatEuros(v)}</span>${i > 0 ? this._delta(v - r.cents[0]!) : nothing}</td>`,
            )}</tr>`,
        )}</tbody>
      </table></div>`;
  }

  private _delta(cents: number) {
    if (!cents) return nothing;
    return html`<span class=${`delta ${cents > 0 ? 'up' : 'down'}`}>${formatSignedEuros(cents)}</span>`;
  }

  override render() {
    const cmp = this.comparison;
    const scenarios = cmp.columns.slice(1);
    const links = comparisonExport(this.ids);
    return html`<p><a href="/scenarios">← ${c.back}</a></p>
      <div class="head"><div><h1 tabindex="-1">${c.title}</h1>
        <p class="lead">${c.intro(scenarios.map((x) => `« ${x.label} »`).join(', '))}</p>
        <p class="hint">${cmp.measure}</p></div>
        <jalon-export-links subject=${c.exports} .links=${links}></jalon-export-links>
      </div>
      ${scenarios.filter((x) => x.stale?.length).map((x) => html`<div class="alert warning" data-testid="stale-column"><p>${c.staleColumn(x.label, x.stale!.length)}</p></div>`)}
      <section class="card">
        <h2 id="totals-title">${c.totals}</h2>
        ${this._table(
          c.totals,
          c.totalsHead,
          [
            { key: 'total', label: c.total, cents: cmp.totalCents },
            ...cmp.byEnvelope,
            ...cmp.byEnvelope.map((e) => ({
              key: `remaining-${e.key}`,
              label: c.remaining(this.reference.envelopeMap.get(e.key)?.code ?? e.key),
              cents: e.remainingCents,
            })),
          ],
          'compare-totals',
        )}
      </section>
      ${this._breakdown(cmp)}
      ${this._movers(cmp)}
      ${this._coverage(cmp)}`;
  }

  private _breakdown(cmp: Comparison) {
    const rows: CompareRow[] = cmp[this._dimension];
    const label = c.dimensions[this._dimension];
    const horizontal = this._dimension === 'byRegion' || this._dimension === 'byGht';
    const height = horizontal ? barsHeight(rows.length, 320, cmp.columns.length) : 320;
    return html`<section class="card">
      <h2 id="breakdown-title">${c.chartTitle(label)}</h2>
      <div class="field pick"><label for="dimension">${c.breakdown}</label>
        <select id="dimension" @change=${(e: Event) => (this._dimension = (e.target as HTMLSelectElement).value as Dimension)}>
          ${DIMENSIONS.map((d) => html`<option value=${d} ?selected=${d === this._dimension}>${c.dimensions[d]}</option>`)}
        </select></div>
      <jalon-chart style="--chart-height:${height}px" .config=${compareChartConfig(cmp.columns, rows, horizontal)}
        label=${`${c.chartTitle(label)}. ${c.chartDescription}`}></jalon-chart>
      ${this._table(c.chartTitle(label), label, rows, 'compare-breakdown')}
    </section>`;
  }

  private _movers(cmp: Comparison) {
    const scenarios = cmp.columns.slice(1);
    const b = cmp.beneficiaries;
    return html`<section class="card" aria-labelledby="movers-title">
      <h2 id="movers-title">${c.movers}</h2>
      <ul class="movers" data-testid="movers">${cmp.movers.map(
        (m, i) =>
          html`<li>${c.moversLine(scenarios[i]!.label, m.gainers, formatEuros(m.gainedCents), m.losers, formatEuros(m.lostCents))}</li>`,
      )}</ul>
      ${
        b.items.length
          ? html`<div class="table-box" tabindex="0" role="region" aria-label=${c.moversCaption(b.items.length, b.total)}>
          <table class="wide" data-testid="compare-beneficiaries"><caption>${c.moversCaption(b.items.length, b.total)}</caption>
            <thead><tr><th scope="col">${c.beneficiary}</th><th scope="col">${t.common.region}</th>
              ${this._names.map((n) => html`<th scope="col" class="num">${n}</th>`)}</tr></thead>
            <tbody>${b.items.map(
              (
                x,
              ) => html`<tr data-finess=${x.finess}><th scope="row">${x.name}<br><span class="hint">${x.finess}</span></th>
                <td>${this.reference.regionNames.get(x.region) ?? x.region}</td>
                <td class="num" data-col="0"><span class="amount">${formatEuros(x.planCents)}</span></td>
                ${x.cents.map((v, i) => html`<td class="num" data-col=${i + 1}><span class="amount">${formatEuros(v)}</span>${this._delta(x.deltaCents[i]!)}</td>`)}</tr>`,
            )}</tbody>
          </table></div>`
          : nothing
      }
    </section>`;
  }

  private _coverage(cmp: Comparison) {
    if (!cmp.coverage.length) return nothing;
    return html`<section class="card" aria-labelledby="coverage-title">
      <h2 id="coverage-title">${c.coverage}</h2>
      <p class="hint">${c.coverageIntro}</p>
      <div class="coverage" data-testid="coverage">${cmp.coverage.map(
        (m) => html`<div data-milestone=${m.milestoneId}>
          <h3>${m.title} <span class="hint">(${c.target(formatPercent(m.targetShare))})</span></h3>
          <ul>${cmp.columns.map((col, i) => {
            const below = m.share[i]! < m.targetShare;
            return html`<li data-col=${i}><strong>${col.label}</strong> : ${c.coverageLine(formatPercent(m.share[i]!), c.populations[m.population], m.funded[i]!, m.populationCount)}${
              below ? html` — <span class="below">${c.below}</span>` : nothing
            }</li>`;
          })}</ul></div>`,
      )}</div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-scenario-compare': JalonScenarioCompare;
  }
}
