// <jalon-allocations-page>: the planner's workspace — envelope, budget per year, filters, grid,
// add and bulk forms. It saves the grid's edits (If-Match) and re-reads the budget the moment a
// cell is saved; on a conflict (412) it reloads the row that changed.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { Allocation, Category, Establishment } from '../../server/contract/plan.js';
import { shownAmounts } from '../../shared/amounts.js';
import { getAllocation, listAllocations, saveAmounts } from '../api/allocations.js';
import { ApiError } from '../api/client.js';
import { allocationsExport } from '../api/exports.js';
import { envelopeBudget } from '../api/plan.js';
import '../components/jalon-allocation-form.js';
import '../components/jalon-allocation-grid.js';
import '../components/jalon-budget-summary.js';
import '../components/jalon-bulk-form.js';
import '../components/jalon-export-links.js';
import type { EditOutcome, JalonEvents } from '../lib/fire.js';
import { amountOf, formatEuros } from '../lib/format.js';
import { t } from '../i18n/allocations.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { loadFailed, renderTask } from '../lib/task-view.js';
import { readParams, writeParams } from '../lib/url.js';

const FILTERS = ['envelope', 'region', 'category', 'priority', 'actionId', 'status', 'q'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

@customElement('jalon-allocations-page')
export class JalonAllocationsPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .head { display: flex; gap: 24px; align-items: flex-end; justify-content: space-between; flex-wrap: wrap; margin-bottom: 24px; }
    .env { min-width: 360px; }
    .filters { display: grid; grid-template-columns: repeat(5, minmax(140px, 1fr)) minmax(200px, 1.5fr) auto; gap: 12px; align-items: end; margin-bottom: 16px; }
    .toolbar { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 16px; align-items: center; }
    .toolbar .count { margin-left: auto; color: var(--muted); }
    @media (max-width: 1100px) { .filters { grid-template-columns: repeat(3, 1fr); } }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @state() private _f: Filters = readParams(FILTERS);
  @state() private _q = this._f.q;
  @state() private _panel: 'add' | 'bulk' | null = null;
  @state() private _rows: Allocation[] = [];
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  private _debounce = 0;

  private _refs = new Task(this, {
    task: async ([reference]) => {
      const [envs, acts, regs, ests] = await Promise.all([
        reference.envelopes(),
        reference.actions(),
        reference.regions(),
        reference.establishmentIndex(),
      ]);
      if (!this._f.envelope || !envs.some((e) => e.id === this._f.envelope))
        this._set({ envelope: envs.find((e) => e.status === 'committed')?.id ?? envs[0]?.id ?? '' });
      return {
        envs,
        acts,
        regs,
        ests,
        actionMap: new Map(acts.map((a) => [a.id, a])),
        regionNames: new Map(regs.map((r) => [r.code, r.name])),
      };
    },
    args: () => [this._plan.reference] as const,
  });

  private _budget = new Task(this, {
    task: ([id]) => (id ? envelopeBudget(id) : Promise.resolve(undefined)),
    args: () => [this._f.envelope, this._plan.version] as const,
  });

  private _list = new Task(this, {
    task: async ([f], { signal }) => {
      if (!f.envelope) return [];
      const { items } = await listAllocations({
        envelopeId: f.envelope,
        region: f.region,
        category: f.category,
        priority: f.priority,
        actionId: f.actionId,
        status: f.status,
        q: f.q,
      });
      // A national envelope takes a moment to load: a newer filter may have answered first.
      if (!signal.aborted) this._rows = items;
      return items;
    },
    args: () => [this._f, this._plan.version] as const,
  });

  private _set(patch: Partial<Filters>) {
    this._f = { ...this._f, ...patch };
    writeParams(this._f);
  }

  private _onSearch(v: string) {
    this._q = v;
    clearTimeout(this._debounce);
    this._debounce = window.setTimeout(() => this._set({ q: v.trim() }), 250);
  }

  /** The row as the server now has it, and the budget read again. */
  private _replace(a: Allocation) {
    this._rows = this._rows.map((r) => (r.id === a.id ? a : r));
    this._budget.run();
  }

  /** Saves a grid edit; a refusal says why, and a conflict (412) shows the amount now stored. */
  private async _save(
    { allocation: a, year, cents, amounts }: JalonEvents['allocation-change'],
    ests: Map<string, Establishment>,
  ): Promise<EditOutcome> {
    try {
      const saved = await saveAmounts(a, amounts);
      this._replace(saved);
      const msg = saved.status === 'approved' ? t.allocations.savedRevision : t.allocations.saved;
      return { ok: true, message: msg(ests.get(a.finess)?.name ?? a.finess, year, formatEuros(cents)) };
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        const fresh = await getAllocation(a.id).catch(() => null);
        if (fresh) this._replace(fresh);
        return {
          ok: false,
          conflict: true,
          error: t.allocations.conflict(formatEuros(amountOf(shownAmounts(fresh ?? a), year)), formatEuros(cents)),
        };
      }
      const error =
        err instanceof ApiError
          ? (err.problem.detail ?? err.fieldMessage(`amounts.${year}`) ?? err.message)
          : err instanceof Error
            ? err.message
            : String(err);
      return { ok: false, error };
    }
  }

  private _scopeLabel(regionNames: Map<string, string>) {
    const f = this._f;
    const parts = [
      f.region ? (regionNames.get(f.region) ?? f.region) : t.common.allRegions,
      f.category ? t.categories[f.category as Category] : '',
      f.priority === 'true' ? t.common.priorityOnly : f.priority === 'false' ? t.common.nonPriority : '',
      f.q ? `« ${f.q} »` : '',
    ];
    return parts.filter(Boolean).join(' · ');
  }

  override render() {
    return html`
      <h1>${t.allocations.title}</h1>
      <p class="lead">${t.allocations.intro}</p>
      ${renderTask(this._refs, (r) => this._workspace(r))}`;
  }

  private _workspace(r: NonNullable<JalonAllocationsPage['_refs']['value']>) {
    const env = r.envs.find((e) => e.id === this._f.envelope);
    const select = (
      key: keyof Filters,
      label: string,
      all: string,
      options: Array<[string, string]>,
    ) => html`<div class="field">
      <label for="f-${key}">${label}</label>
      <select id="f-${key}" .value=${this._f[key]} @change=${(e: Event) => this._set({ [key]: (e.target as HTMLSelectElement).value })}>
        <option value="">${all}</option>${options.map(([v, l]) => html`<option value=${v} ?selected=${v === this._f[key]}>${l}</option>`)}
      </select></div>`;
    return html`
      <section class="card" aria-labelledby="budget-title">
        <div class="head">
          <div class="field env">
            <label for="envelope">${t.allocations.envelope}</label>
            <select id="envelope" .value=${this._f.envelope} @change=${(e: Event) => this._set({ envelope: (e.target as HTMLSelectElement).value })}>
              ${r.envs.map((e) => html`<option value=${e.id} ?selected=${e.id === this._f.envelope}>${e.code} — ${e.name}${e.status === 'announced' ? ` (${t.money.announced.toLowerCase()})` : ''}</option>`)}
            </select>
          </div>
          ${env ? html`<p class="hint" style="margin:0;max-width:60ch">${env.source}</p>` : nothing}
        </div>
        <h2 id="budget-title" class="sr-only">${t.allocations.summaryCaption}</h2>
        ${renderTask(this._budget, (b, updating) => html`<jalon-budget-summary .envelope=${env} .budget=${b} ?updating=${updating}></jalon-budget-summary>`, { keepValue: true, heading: false })}
      </section>
      <section class="card" aria-labelledby="grid-title">
        <h2 id="grid-title">${t.allocations.gridLabel}</h2>
        <div class="filters" role="search" aria-label=${t.allocations.filters}>
          ${select(
            'region',
            t.common.region,
            t.common.allFeminine,
            r.regs.map((x) => [x.code, x.name]),
          )}
          ${select('category', t.common.category, t.common.allFeminine, Object.entries(t.categories))}
          ${select('priority', t.common.priorityFilter, t.common.all, [
            ['true', t.common.priorityOnly],
            ['false', t.common.nonPriority],
          ])}
          ${select(
            'actionId',
            t.common.action,
            t.common.allFeminine,
            r.acts.map((a) => [a.id, `${a.code} — ${a.title}`]),
          )}
          ${select('status', t.common.status, t.common.all, [...Object.entries(t.statuses), ['revision', t.revisionPending]])}
          <div class="field"><label for="f-q">${t.common.search}</label>
            <input id="f-q" type="search" placeholder=${t.common.searchHint} .value=${this._q} @input=${(e: InputEvent) => this._onSearch((e.target as HTMLInputElement).value)}></div>
          <button class="btn tertiary" type="button" @click=${() => {
            this._q = '';
            this._set({ region: '', category: '', priority: '', actionId: '', status: '', q: '' });
          }}>${t.allocations.resetFilters}</button>
        </div>
        <div class="toolbar">
          <button class="btn ${this._panel === 'add' ? '' : 'secondary'}" aria-expanded=${this._panel === 'add'} aria-controls="panel"
            @click=${() => {
              this._panel = this._panel === 'add' ? null : 'add';
            }}>${t.allocations.add}</button>
          <button class="btn ${this._panel === 'bulk' ? '' : 'secondary'}" aria-expanded=${this._panel === 'bulk'} aria-controls="panel"
            @click=${() => {
              this._panel = this._panel === 'bulk' ? null : 'bulk';
            }}>${t.allocations.bulk}</button>
          <span class="count" role="status">${this._list.render({ pending: () => t.app.loading, complete: () => t.allocations.gridCaption(this._rows.length), error: () => '' })}</span>
          <jalon-export-links subject=${t.exports.allocations} .links=${allocationsExport({
            envelopeId: this._f.envelope,
            region: this._f.region,
            category: this._f.category,
            priority: this._f.priority,
            actionId: this._f.actionId,
            status: this._f.status,
            q: this._f.q,
          })}></jalon-export-links>
        </div>
        <div id="panel">${
          this._panel === 'add'
            ? html`<div class="card"><jalon-allocation-form .envelope=${env} .actions=${r.acts}></jalon-allocation-form></div>`
            : this._panel === 'bulk'
              ? html`<div class="card"><jalon-bulk-form .envelope=${env} .actions=${r.acts} .scopeLabel=${this._scopeLabel(r.regionNames)}
                .filter=${{ region: this._f.region || undefined, category: this._f.category || undefined, priority: this._f.priority ? this._f.priority === 'true' : undefined, q: this._f.q || undefined }}></jalon-bulk-form></div>`
              : nothing
        }</div>
        ${this._list.error ? loadFailed(this._list.error, false) : nothing}
        <jalon-allocation-grid .allocations=${this._rows} .establishments=${r.ests} .actions=${r.actionMap} .regionNames=${r.regionNames}
          @allocation-change=${(e: CustomEvent<JalonEvents['allocation-change']>) => e.detail.respond(this._save(e.detail, r.ests))}></jalon-allocation-grid>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-allocations-page': JalonAllocationsPage;
  }
}
