// <jalon-dashboard-page>: the finance reviewer's view — tiles, spend against milestones,
// breakdowns, variance and the review list; filters live in the URL and drive everything.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { Dashboard, MilestoneProgress } from '../../server/contract/plan.js';
import { delegationsExport } from '../api/delegations.js';
import { paymentsExport, varianceExport } from '../api/exports.js';
import { milestones } from '../api/plan.js';
import { dashboard, dashboardGhts } from '../api/reports.js';
import '../components/jalon-breakdown-table.js';
import '../components/jalon-chart-figure.js';
import '../components/jalon-delegation-table.js';
import '../components/jalon-export-links.js';
import '../components/jalon-review-list.js';
import '../components/jalon-variance-table.js';
import {
  barsHeight,
  byEnvelopeConfig,
  chartMilestones,
  byRegionConfig,
  byYearAxisConfig,
  hasDelegated,
  regionsByAllocated,
  spendChartConfig,
} from '../lib/chart-configs.js';
import {
  formatCompact,
  formatDate,
  formatEuros,
  formatMonth,
  formatPercent,
  formatTime,
  localToday,
} from '../lib/format.js';
import { varianceScope } from '../../shared/variance.js';
import { t } from '../i18n/dashboard.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { readParams, writeParams } from '../lib/url.js';

const KEYS = ['envelopeId', 'region', 'axis'] as const;

@customElement('jalon-dashboard-page')
export class JalonDashboardPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .top { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; }
    .tools { display: flex; gap: 16px; align-items: center; justify-content: flex-end; padding-top: 4px; flex: none; }
    .card-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; flex-wrap: wrap; }
    .filters { display: grid; grid-template-columns: repeat(3, minmax(200px, 1fr)); gap: 16px; margin-bottom: 24px; background: var(--bg); border: 1px solid var(--border); padding: 16px 24px; }
    .tiles { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)) minmax(0, 1.2fr); gap: 16px; margin: 0 0 24px; padding: 0; list-style: none; min-height: 164px; }
    .tile { background: var(--bg); border: 1px solid var(--border); border-top: 4px solid var(--blue); padding: 16px 20px; min-width: 0; }
    /* announced credits are not money yet: set apart, never added to the committed tiles */
    .tile.announced { border: 1px dashed #929292; border-top: 4px solid #929292; background: var(--bg-alt, #f6f6f6); }
    .tile .k { font-size: 0.875rem; color: var(--muted); display: block; }
    .tile .v { font-size: 1.75rem; font-weight: 700; line-height: 2.25rem; display: block; margin: 4px 0 0; }
    .tile .x { font-size: 0.8125rem; display: block; font-variant-numeric: tabular-nums; margin-bottom: 4px; overflow-wrap: anywhere; }
    .tile .s { font-size: 0.8125rem; color: var(--mention); display: block; }
    .skeleton .v, .skeleton .x { color: transparent; background: #eeeeee; border-radius: 2px; }
    .skeleton-chart { min-height: 560px; background: var(--bg); border: 1px solid var(--border); margin-bottom: 24px; }
    .printed { display: none; }
    .notice { margin: 0 0 16px; padding: 12px 16px; border-left: 4px solid #929292; background: var(--bg-alt, #f6f6f6); }
    /* minmax(0, 1fr): a wide data table scrolls inside its figure instead of widening the page */
    .grid2 { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 24px; margin-bottom: 24px; }
    .full { margin-bottom: 24px; }
    jalon-chart-figure.tall { --chart-height: 380px; }
    @media (max-width: 1200px) { .top, .tools { flex-wrap: wrap; } .tiles { grid-template-columns: repeat(3, minmax(0, 1fr)); min-height: 340px; } .grid2 { grid-template-columns: minmax(0, 1fr); } }
    @media (max-width: 720px) {
      .filters { grid-template-columns: minmax(0, 1fr); padding: 12px 16px; }
      .tiles { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; min-height: 480px; }
      .tile { padding: 12px; } .tile .v { font-size: 1.375rem; line-height: 1.75rem; }
      .top { flex-direction: column; gap: 8px; }
      .tools { flex: 1 1 auto; flex-wrap: wrap; justify-content: flex-start; gap: 8px; }
      jalon-chart-figure.tall { --chart-height: 300px; }
    }
    @media print {
      .filters, .review { display: none; }
      .printed { display: block; font-size: 9pt; margin: 0 0 8px; border: 1px solid #999; padding: 4px 8px; }
      .tiles { grid-template-columns: repeat(6, 1fr); gap: 6px; min-height: 0; } .tile { padding: 8px; } .tile .v { font-size: 14pt; line-height: 1.3; }
      .grid2 { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
      jalon-chart-figure.tall { --chart-height: 240px; }
    }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @state() private _f = readParams(KEYS);
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  /** When the page is printed (set by beforeprint): the printout says when and by whom. */
  @state() private _printedAt = new Date();
  private _beforePrint = () => {
    this._printedAt = new Date();
  };

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('beforeprint', this._beforePrint);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('beforeprint', this._beforePrint);
  }

  // milestones do not depend on the filters: read once, beside the reference lists
  private _refs = new Task(this, {
    task: ([reference]) => Promise.all([reference.envelopes(), reference.regions(), milestones()]),
    args: () => [this._plan.reference] as const,
  });
  private _data = new Task(this, {
    task: ([f]) => dashboard({ envelopeId: f.envelopeId, region: f.region, axis: f.axis }),
    args: () => [this._f, this._plan.version] as const,
  });
  // the breakdown by GHT (~300 rows nationally) is read apart, for its section below the charts
  private _ghts = new Task(this, {
    task: ([f]) => dashboardGhts({ envelopeId: f.envelopeId, region: f.region, axis: f.axis }),
    args: () => [this._f, this._plan.version] as const,
  });

  private _set(key: (typeof KEYS)[number], v: string) {
    this._f = { ...this._f, [key]: v };
    writeParams(this._f);
  }

  override render() {
    const [envs, regs, ms] = this._refs.value ?? [[], [], []];
    const codes = new Map(envs.map((e) => [e.id, e.code]));
    const sel = (
      key: (typeof KEYS)[number],
      label: string,
      all: string,
      opts: Array<[string, string]>,
    ) => html`<div class="field">
      <label for="d-${key}">${label}</label>
      <select id="d-${key}" .value=${this._f[key]} @change=${(e: Event) => this._set(key, (e.target as HTMLSelectElement).value)}>
        <option value="">${all}</option>${opts.map(([v, l]) => html`<option value=${v} ?selected=${v === this._f[key]}>${l}</option>`)}</select></div>`;
    return html`
      <div class="top"><div><h1>${t.dashboard.title}</h1><p class="lead">${t.dashboard.intro}</p></div>
        <div class="tools no-print">
          <jalon-export-links .links=${paymentsExport(this._f)} subject=${t.exports.payments}
            label=${Object.values(this._f).some(Boolean) ? t.exports.paymentsFiltered : t.exports.paymentsAll}></jalon-export-links>
          <button class="btn secondary" @click=${() => print()}>${t.dashboard.print}</button></div></div>
      <div class="filters" role="search" aria-label=${t.dashboard.filters}>
        ${sel(
          'envelopeId',
          t.common.envelope,
          t.dashboard.allEnvelopes,
          envs.map((e) => [e.id, `${e.code} — ${e.name}`]),
        )}
        ${
          // an ARS account sees its region only: no other region to choose
          this.me?.user.region
            ? sel('region', t.common.region, regs.find((r) => r.code === this.me!.user.region)?.name ?? '', [])
            : sel(
                'region',
                t.common.region,
                t.common.allRegions,
                regs.map((r) => [r.code, r.name]),
              )
        }
        ${sel('axis', t.dashboard.axis, t.dashboard.allAxes, Object.entries(t.axes))}
      </div>
      <p class="printed" data-testid="printed">${this._printedLine(envs, regs)}</p>
      ${
        // until the figures and the milestones are both in, the space they take is held
        this._data.value === undefined || this._refs.value === undefined
          ? this._data.error !== undefined
            ? renderTask(this._data, () => nothing)
            : this._skeleton()
          : renderTask(
              this._data,
              (d) =>
                this._body(
                  d,
                  codes,
                  ms,
                  varianceScope(regs.find((r) => r.code === this._f.region)?.name, this._f.axis),
                ),
              { keepValue: true },
            )
      }
      ${
        this.me?.user.role === 'reviewer'
          ? html`<section class="card review" aria-labelledby="review-title">
        <h2 id="review-title">${t.dashboard.reviewTitle}</h2><p class="hint">${t.dashboard.reviewIntro}</p>
        <jalon-review-list .filters=${{ ...this._f }}></jalon-review-list></section>`
          : nothing
      }`;
  }

  /** Who printed, when, under which filters: a printout is read away from the screen. */
  private _printedLine(
    envs: Array<{ id: string; code: string; name: string }>,
    regs: Array<{ code: string; name: string }>,
  ) {
    const f = this._f;
    const env = envs.find((e) => e.id === f.envelopeId);
    const filters = [
      `${t.common.envelope} : ${env ? `${env.code} — ${env.name}` : t.dashboard.allEnvelopes}`,
      `${t.common.region} : ${regs.find((r) => r.code === f.region)?.name ?? t.common.allRegions}`,
      `${t.dashboard.axis} : ${f.axis ? (t.axes[f.axis] ?? f.axis) : t.dashboard.allAxes}`,
    ];
    const who = this.me ? `${this.me.user.name} (${this.me.user.email})` : '';
    const at = this._printedAt;
    return t.dashboard.printed(formatDate(localToday(at)), formatTime(at), who, filters.join(' ; '));
  }

  private _skeleton() {
    const k = t.dashboard.tiles;
    return html`<div aria-busy="true"><p class="sr-only" role="status">${t.app.loading}</p>
      <ul class="tiles skeleton" aria-hidden="true">${[
        k.committed,
        k.allocated,
        k.approved,
        k.paid,
        k.remaining,
        k.announced,
      ].map(
        (label) =>
          html`<li class="tile"><span class="k">${label}</span><span class="v">…</span><span class="x">…</span><span class="s">&nbsp;</span></li>`,
      )}</ul>
      <div class="skeleton-chart" aria-hidden="true"></div></div>`;
  }

  private _body(d: Dashboard, codes: Map<string, string>, ms: MilestoneProgress[], scope: string) {
    const tt = d.totals;
    // Announced credits are not money yet: every money tile is measured against committed credits
    const c = tt.byStatus.committed,
      a = tt.byStatus.announced;
    const tile = (k: string, cents: number, sub: string, cls = '', testid = '') =>
      html`<li class="tile ${cls}" data-testid=${testid || nothing}><span class="k">${k}</span>
      <span class="v">${formatCompact(cents)}</span><span class="x">${formatEuros(cents)}</span><span class="s">${sub}</span></li>`;
    const share = (part: number, whole: number, of: (whole: string) => string) =>
      whole ? t.dashboard.tileShare(formatPercent(part / whole), of(formatCompact(whole))) : '';
    // envelopes are national: under a region or axis filter their amounts say so, and what was
    // allocated here is set against what was allocated nationally
    const scoped = Boolean(this._f.region || this._f.axis);
    const allocatedNationally = c.totalCents - c.remainingCents;
    const e = formatEuros;
    const notes = chartMilestones(d.series, ms).map((m) => ({
      n: m.n,
      text: m.title,
      date: m.date,
      when: formatDate(m.date),
    }));
    const triRows = (
      rows: Array<{ label: string; allocatedCents: number; approvedCents: number; paidCents: number }>,
    ) => rows.map((r) => [r.label, e(r.allocatedCents), e(r.approvedCents), e(r.paidCents)]);
    const triCols = ['', t.money.allocated, t.money.approved, t.money.paid];
    const regionRows = regionsByAllocated(d.byRegion);
    // « Délégué » beside allocated, approved and paid once a region holds delegated credits
    const delegated = hasDelegated(regionRows);
    // an announced envelope says so wherever it is named (chart, its table)
    const envLabels = new Map(
      d.byEnvelope.map((r) => {
        const code = codes.get(r.key) ?? r.label;
        return [r.key, r.status === 'announced' ? t.dashboard.announcedEnvelope(code) : code];
      }),
    );
    // the envelope filter on an announced envelope: the money figures are empty, say why
    const announcedOnly = d.byEnvelope.length > 0 && d.byEnvelope.every((r) => r.status === 'announced');
    const regionsHeight = barsHeight(regionRows.length, undefined, delegated ? 4 : 3);
    return html`
      ${announcedOnly ? html`<p class="notice" role="note" data-testid="announced-only">${t.dashboard.announcedSelected(formatCompact(a.allocatedCents))}</p>` : nothing}
      <ul class="tiles" data-testid="tiles">
        ${tile(t.dashboard.tiles.committed, c.totalCents, scoped ? t.dashboard.tileNational : t.dashboard.tileCommitted, '', 'tile-committed')}
        ${tile(
          t.dashboard.tiles.allocated,
          c.allocatedCents,
          scoped
            ? share(c.allocatedCents, allocatedNationally, t.dashboard.ofAllocatedNationally)
            : share(c.allocatedCents, c.totalCents, t.dashboard.ofCommitted),
          '',
          'tile-allocated',
        )}
        ${tile(t.dashboard.tiles.approved, c.approvedCents, share(c.approvedCents, c.allocatedCents, t.dashboard.ofAllocated), '', 'tile-approved')}
        ${tile(t.dashboard.tiles.paid, c.paidCents, share(c.paidCents, c.approvedCents, t.dashboard.ofApproved), '', 'tile-paid')}
        ${tile(t.dashboard.tiles.remaining, c.remainingCents, scoped ? t.dashboard.tileRemainingNational : t.dashboard.tileRemaining, '', 'tile-remaining')}
        ${tile(t.dashboard.tiles.announced, a.totalCents, t.dashboard.tileAnnounced(formatCompact(a.allocatedCents)), 'announced', 'tile-announced')}
      </ul>
      <jalon-chart-figure class="full tall" data-chart="spend" .heading=${t.dashboard.spendTitle} .description=${t.dashboard.spendDesc}
        .config=${spendChartConfig(d.series, ms)} .notes=${notes} notesLabel=${t.dashboard.milestonesLegend}
        .table=${{
          columns: [t.dashboard.month, t.dashboard.spendAllocated, t.money.approved, t.money.paid],
          // quarter ends; approved and paid are known up to today only
          rows: d.series.months.flatMap((m, i) =>
            i % 3 === 2
              ? [
                  [
                    formatMonth(m),
                    e(d.series.plannedCents[i]!),
                    i < d.series.approvedCents.length ? e(d.series.approvedCents[i]!) : t.common.none,
                    i < d.series.paidCents.length ? e(d.series.paidCents[i]!) : t.common.none,
                  ],
                ]
              : [],
          ),
        }}></jalon-chart-figure>
      <div class="grid2">
        <jalon-chart-figure data-chart="years" .heading=${t.dashboard.byYearTitle} .description=${t.dashboard.committedOnlyDesc} .config=${byYearAxisConfig(d.byYear)}
          .table=${{ columns: [t.common.year, ...['1', '2', '3', '4'].map((a) => t.axisShort(a))], rows: d.byYear.map((y) => [y.label, ...['1', '2', '3', '4'].map((a) => e(y.byAxis[a] ?? 0))]) }}></jalon-chart-figure>
        <jalon-chart-figure data-chart="envelopes" .heading=${t.dashboard.byEnvelopeTitle} .description=${t.dashboard.byEnvelopeDesc} .config=${byEnvelopeConfig(d.byEnvelope, envLabels)}
          .table=${{ columns: [t.common.envelope, t.money.budget, t.money.allocated, t.money.approved, t.money.paid], rows: d.byEnvelope.map((r) => [envLabels.get(r.key) ?? r.label, e(r.totalCents), e(r.allocatedCents), e(r.approvedCents), e(r.paidCents)]) }}></jalon-chart-figure>
      </div>
      <jalon-chart-figure class="full" data-chart="regions" .heading=${t.dashboard.byRegionTitle}
        .description=${delegated ? t.dashboard.byRegionDelegatedDesc : t.dashboard.committedOnlyDesc} .config=${byRegionConfig(regionRows)}
        style="--chart-height: ${regionsHeight}px; --chart-print-height: ${Math.round(regionsHeight * 0.6)}px"
        .table=${{
          columns: [t.common.region, ...(delegated ? [t.money.delegated] : []), ...triCols.slice(1)],
          rows: triRows(regionRows).map((cells, i) =>
            delegated ? [cells[0]!, e(regionRows[i]!.delegatedCents), ...cells.slice(1)] : cells,
          ),
        }}></jalon-chart-figure>
      ${this._delegations(d)}
      <section class="card" aria-labelledby="ght-title" data-testid="dashboard-ght">
        <div class="card-head"><h2 id="ght-title">${t.dashboard.byGhtTitle}</h2>
          <jalon-export-links subject=${t.dashboard.byGhtExport} .links=${varianceExport(this._f)}></jalon-export-links></div>
        <p class="hint">${t.dashboard.byGhtDesc}</p>
        ${renderTask(
          this._ghts,
          (rows) =>
            html`<jalon-breakdown-table .rows=${rows} keyHeader=${t.dashboard.ght} label=${t.dashboard.byGhtLabel}
              totalLabel=${t.dashboard.byGhtTotal}></jalon-breakdown-table>`,
          { keepValue: true, heading: false },
        )}
      </section>
      <section class="card" aria-labelledby="variance-title">
        <div class="card-head"><h2 id="variance-title">${t.dashboard.varianceTitle}</h2>
          <jalon-export-links subject=${t.exports.variance} .links=${varianceExport(this._f)}></jalon-export-links></div>
        <jalon-variance-table .byEnvelope=${d.byEnvelope} .byRegion=${d.byRegion} scope=${scope}></jalon-variance-table>
      </section>`;
  }

  /** The ARS's delegated credits and their use, when a region holds some of the selected envelopes;
   *  one envelope's delegation table can be exported (the circular's annex). */
  private _delegations(d: Dashboard) {
    if (!d.delegations.length) return nothing;
    const envelopeId = this._f.envelopeId;
    return html`<section class="card" aria-labelledby="delegations-title" data-testid="dashboard-delegations">
      <div class="card-head"><h2 id="delegations-title">${t.dashboard.delegationsTitle}</h2>
        ${envelopeId ? html`<jalon-export-links subject=${t.dashboard.delegationsExport} .links=${delegationsExport(envelopeId)}></jalon-export-links>` : nothing}</div>
      <p class="hint">${t.dashboard.delegationsDesc}${this._f.axis ? ` ${t.dashboard.delegationsAxisNote}` : ''}</p>
      <jalon-delegation-table .rows=${d.delegations} label=${t.dashboard.delegationsLabel}></jalon-delegation-table>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-dashboard-page': JalonDashboardPage;
  }
}
