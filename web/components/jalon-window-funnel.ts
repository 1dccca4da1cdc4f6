// <jalon-window-funnel>: a window's funnel for staff — the steps from eligible to paid as a table
// (files, establishments, amount) and a bar chart of the files, the share of the envelope the caps
// cover and the grants take, then the same steps by region and by applicant category.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ChartConfiguration } from 'chart.js';
import type { Funnel, FunnelRow } from '../../server/contract/funnel.js';
import './jalon-chart.js';
import { barsHeight } from '../lib/chart-configs.js';
import { funnelChartConfig } from '../lib/funnel-chart.js';
import { formatCount, formatEuros, formatShare } from '../lib/format.js';
import { tokens, ui } from '../lib/styles.js';
import { t } from '../i18n/windows.js';

const s = t.windows;

@customElement('jalon-window-funnel')
export class JalonWindowFunnel extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .top { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 24px; align-items: start; }
    .scroller { overflow-x: auto; position: relative; }
    .shares { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 16px 0 0; }
    .shares div { min-width: 0; }
    .shares dt { font-size: 0.875rem; color: var(--muted); }
    .shares dd { margin: 0; font-size: 1.25rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    table { font-size: 0.875rem; }
    th, td { padding: 6px 8px; }
    .wide { min-width: 900px; }
    .wide td { white-space: nowrap; text-align: right; }
    .wide td span { display: block; color: var(--mention); }
    h3 { margin-top: 24px; }
    @media (max-width: 900px) { .top { grid-template-columns: minmax(0, 1fr); } }
  `,
  ];

  @property({ attribute: false }) funnel?: Funnel;
  /** Made anew only with a new funnel: the chart is updated in place, not on every render. */
  private _config?: ChartConfiguration<'bar'>;

  protected override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('funnel')) this._config = this.funnel ? funnelChartConfig(this.funnel, s.files) : undefined;
  }

  private _steps(f: Funnel) {
    return html`<div class="scroller"><table data-testid="funnel-total">
      <caption>${s.funnelTable}</caption>
      <thead><tr><th scope="col">${s.stage}</th><th scope="col" class="num">${s.files}</th>
        <th scope="col" class="num">${s.establishments}</th><th scope="col" class="num">${s.amount}</th></tr></thead>
      <tbody>${f.stages.map((st) => {
        const c = f.total.stages[st.stage];
        return html`<tr data-stage=${st.stage}><th scope="row">${st.label}</th><td class="num">${formatCount(c.count)}</td>
          <td class="num">${formatCount(c.establishments)}</td><td class="num">${formatEuros(c.cents)}</td></tr>`;
      })}</tbody></table></div>`;
  }

  /** Rows × steps: each cell the files then the amount. */
  private _by(f: Funnel, caption: string, rows: FunnelRow[], testid: string) {
    return html`<h3>${caption}</h3><div class="scroller" tabindex="0" role="region" aria-label=${caption}>
      <table class="wide" data-testid=${testid}>
      <caption class="sr-only">${caption} : ${s.files.toLowerCase()} et ${s.amount.toLowerCase()}</caption>
      <thead><tr><th scope="col">${caption === s.byRegion ? t.common.region : t.common.category}</th>
        ${f.stages.map((st) => html`<th scope="col" class="num">${st.label}</th>`)}</tr></thead>
      <tbody>${rows.map(
        (r) =>
          html`<tr data-key=${r.key}><th scope="row">${r.label}</th>${f.stages.map((st) => {
            const c = r.stages[st.stage];
            return html`<td>${formatCount(c.count)}<span>${formatEuros(c.cents)}</span></td>`;
          })}</tr>`,
      )}</tbody></table></div>`;
  }

  override render() {
    const f = this.funnel;
    if (!f) return nothing;
    const sh = f.shares;
    return html`<div class="top">
        <div>${this._steps(f)}
          <dl class="shares" data-testid="funnel-shares">
            <div><dt>${s.envelopeTotal}</dt><dd>${formatEuros(sh.envelopeCents)}</dd></div>
            <div><dt>${s.shareCapped}</dt><dd data-testid="share-capped">${formatShare(sh.cappedBp)}</dd></div>
            <div><dt>${s.shareGranted}</dt><dd data-testid="share-granted">${formatShare(sh.grantedBp)}</dd></div>
          </dl></div>
        <jalon-chart style=${`--chart-height: ${barsHeight(f.stages.length, 260, 1)}px`} .config=${this._config}
          label=${`${s.funnelChart}. ${s.funnelChartDesc}`}></jalon-chart>
      </div>
      ${this._by(f, s.byRegion, f.byRegion, 'funnel-regions')}
      ${this._by(f, s.byCategory, f.byCategory, 'funnel-categories')}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-window-funnel': JalonWindowFunnel;
  }
}
