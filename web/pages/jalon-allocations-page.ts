// <jalon-allocations-page>: the planner's workspace — envelope, budget per year, filters, grid,
// add and bulk forms. It saves the grid's edits (If-Match) and re-reads the budget the moment a
// cell is saved; on a conflict (412) it reloads the row that changed. It withdraws a proposal after
// a confirmation, splits a row into tranches in its dialog, and undoes or redoes the planner's own
// last steps (the history is the server's).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { Allocation, Category } from '../../server/contract/plan.js';
import { shownAmounts } from '../../shared/amounts.js';
import type { HistoryMove, HistoryView } from '../../server/contract/history.js';
import { getAllocation, listAllocations, saveAmounts, withdrawAllocation } from '../api/allocations.js';
import { discardStep, getHistory, moveHistory } from '../api/history.js';
import { ApiError, refusalOf } from '../api/client.js';
import { allocationsExport } from '../api/exports.js';
import { envelopeBudget } from '../api/plan.js';
import '../components/jalon-allocation-form.js';
import '../components/jalon-allocation-grid.js';
import '../components/jalon-allocation-tranches.js';
import type { JalonAllocationTranches } from '../components/jalon-allocation-tranches.js';
import type { GridRow } from '../components/jalon-allocation-grid.js';
import '../components/jalon-budget-summary.js';
import '../components/jalon-bulk-form.js';
import '../components/jalon-export-links.js';
import type { EditOutcome, JalonEvents } from '../lib/fire.js';
import { fire } from '../lib/fire.js';
import { amountOf, formatEuros, sumAmounts } from '../lib/format.js';
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
    .history { display: inline-flex; gap: 8px; }
    .notice-row { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; margin: 0 0 8px; }
    .notice { min-height: 1.5rem; margin: 0; }
    .notice.err { color: var(--error); font-weight: 500; }
    .notice.ok { color: var(--success); }
    dialog { max-width: min(36rem, calc(100vw - 32px)); border: 1px solid var(--border); padding: 24px; }
    dialog::backdrop { background: rgba(0, 0, 18, 0.4); }
    dialog h2 { margin-top: 0; }
    dialog .actions { display: flex; gap: 12px; justify-content: flex-end; flex-wrap: wrap; margin-top: 16px; }
    @media (max-width: 1100px) { .filters { grid-template-columns: repeat(3, minmax(0, 1fr)); } }
    @media (max-width: 640px) {
      .env { min-width: 0; width: 100%; }
      .filters { grid-template-columns: repeat(2, minmax(0, 1fr)); }
      .toolbar .count { margin-left: 0; }
    }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @state() private _f: Filters = readParams(FILTERS);
  @state() private _q = this._f.q;
  @state() private _panel: 'add' | 'bulk' | null = null;
  @state() private _rows: GridRow[] = [];
  @state() private _notice: { text: string; kind: 'ok' | 'err' | ''; blocked?: boolean } = { text: '', kind: '' };
  @state() private _withdrawing: GridRow | null = null;
  @state() private _moving = false;
  /** Bumped by every write made here: the history is read again. */
  @state() private _writes = 0;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  @query('jalon-allocation-tranches') private _tranches!: JalonAllocationTranches;
  /** The history's ETag, sent as If-Match by each move: from the last read or the last move. */
  private _historyTag: string | null = null;
  private _debounce = 0;

  private _refs = new Task(this, {
    task: async ([reference]) => {
      const [envs, acts, regs, ests, pooled] = await Promise.all([
        reference.envelopes(),
        reference.actions(),
        reference.regions(),
        reference.establishmentIndex(),
        reference.pooledIndex(),
      ]);
      if (!this._f.envelope || !envs.some((e) => e.id === this._f.envelope))
        this._set({ envelope: envs.find((e) => e.status === 'committed')?.id ?? envs[0]?.id ?? '' });
      return {
        envs,
        acts,
        regs,
        ests,
        pooled,
        actionMap: new Map(acts.map((a) => [a.id, a])),
        regionNames: new Map(regs.map((r) => [r.code, r.name])),
      };
    },
    args: () => [this._plan.reference] as const,
  });

  /** The planner's own steps: what « Annuler » and « Rétablir » would do next. */
  private _history = new Task(this, {
    task: async () => {
      const h = await getHistory();
      this._historyTag = h.etag;
      return h.view;
    },
    args: () => [this._plan.version, this._writes] as const,
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

  /** The row as the server now has it (what was paid on it kept), and the budget read again. */
  private _replace(a: Allocation) {
    this._rows = this._rows.map((r) => (r.id === a.id ? { paidCents: r.paidCents, ...a } : r));
    this._budget.run();
  }

  /** An establishment's or a pooled regional resource's name (its number when neither is known). */
  private _nameOf(finess: string): string {
    const r = this._refs.value;
    return r?.ests.get(finess)?.name ?? r?.pooled.get(finess)?.name ?? finess;
  }

  private _rowName(a: Allocation, envCode?: string): string {
    const act = this._refs.value?.actionMap.get(a.actionId)?.code ?? a.actionId;
    return `${this._nameOf(a.finess)} — ${act}${envCode ? ` (${envCode})` : ''}`;
  }

  /** Undo or redo, from the buttons or the grid's keys: the rows it changed are read again (a row
   *  that comes back is placed by reading the list again), then the budget. */
  private async _move(direction: 'undo' | 'redo') {
    if (this._moving) return;
    // a write just made here reads the history again: move from that read, not the one before it
    if (this._history.status === TaskStatus.PENDING) await this._history.taskComplete.catch(() => undefined);
    const next = direction === 'undo' ? this._history.value?.undo[0] : this._history.value?.redo[0];
    if (!next) {
      this._notice = {
        text: direction === 'undo' ? t.allocations.nothingToUndo : t.allocations.nothingToRedo,
        kind: '',
      };
      return;
    }
    this._moving = true;
    try {
      const answer = await moveHistory(direction, this._historyTag);
      this._historyTag = answer.etag;
      const moved: HistoryMove = answer.moved;
      const byId = new Map(moved.changed.map((c) => [c.id, c.allocation]));
      const shown = new Set(this._rows.map((r) => r.id));
      const back = moved.changed.some((c) => c.allocation && !shown.has(c.id));
      if (back) fire(this, 'allocations-changed', { count: moved.changed.length });
      else {
        this._rows = this._rows.flatMap((r) => {
          if (!byId.has(r.id)) return [r];
          const a = byId.get(r.id);
          return a ? [{ paidCents: r.paidCents, ...a }] : [];
        });
        this._budget.run();
      }
      this._notice = {
        text: (direction === 'undo' ? t.allocations.undone : t.allocations.redone)(moved.step.label),
        kind: 'ok',
      };
    } catch (err) {
      const id = err instanceof ApiError && err.status === 409 ? err.problem.errors?.[0]?.path : undefined;
      // refused because someone changed the row: the step may leave the history; the row as it now is
      this._notice = {
        text: err instanceof Error ? err.message : String(err),
        kind: 'err',
        blocked: !!id && direction === 'undo',
      };
      const fresh = id ? await getAllocation(id).catch(() => null) : null;
      if (fresh) this._replace(fresh);
    } finally {
      this._moving = false;
      this._writes++;
    }
  }

  private async _discard() {
    try {
      this._historyTag = (await discardStep(this._historyTag)).etag;
      this._notice = { text: t.allocations.discarded, kind: 'ok' };
    } catch (err) {
      this._notice = { text: err instanceof Error ? err.message : String(err), kind: 'err' };
    } finally {
      this._writes++;
    }
  }

  private async _withdraw(a: GridRow) {
    const name = this._rowName(a);
    this._withdrawing = null;
    try {
      await withdrawAllocation(a);
      this._rows = this._rows.filter((r) => r.id !== a.id);
      this._budget.run();
      this._notice = { text: t.allocations.withdrawn(name), kind: 'ok' };
    } catch (err) {
      this._notice = { text: err instanceof Error ? err.message : String(err), kind: 'err' };
    } finally {
      this._writes++;
    }
  }

  /** A duplicate's refusal in words, with a way to the allocation it names. */
  private async _duplicate(err: ApiError, a: Allocation): Promise<EditOutcome> {
    const id = /\((al-[\w-]+),/.exec(err.problem.detail ?? '')?.[1];
    const twin = id ? await getAllocation(id).catch(() => null) : null;
    const years = /en ((?:\d{4}(?:, )?)+) \(/.exec(err.problem.detail ?? '')?.[1];
    const r = this._refs.value;
    const other = twin ?? a;
    const name = this._nameOf(other.finess);
    const action = r?.actionMap.get(other.actionId)?.code ?? other.actionId;
    const env = r?.envs.find((e) => e.id === other.envelopeId)?.code ?? other.envelopeId;
    const error = years
      ? t.allocations.duplicateYears(name, action, env, years)
      : t.allocations.duplicate(name, action, env);
    const filters = {
      envelope: other.envelopeId,
      q: other.finess,
      actionId: other.actionId,
      region: '',
      category: '',
      priority: '',
      status: '',
    };
    const href = `/allocations?${new URLSearchParams({ envelope: other.envelopeId, q: other.finess, actionId: other.actionId })}`;
    return { ok: false, error, link: { text: t.allocations.seeDuplicate, href, filters } };
  }

  /** Saves a grid edit; a refusal says why, and a conflict (412) shows the amount now stored. */
  private async _save({ allocation: a, year, cents, amounts }: JalonEvents['allocation-change']): Promise<EditOutcome> {
    try {
      const saved = await saveAmounts(a, amounts);
      this._replace(saved);
      this._writes++;
      const msg = saved.status === 'approved' ? t.allocations.savedRevision : t.allocations.saved;
      return { ok: true, message: msg(this._nameOf(a.finess), year, formatEuros(cents)) };
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
      if (err instanceof ApiError && err.status === 409) return this._duplicate(err, a);
      return { ok: false, error: refusalOf(err, `amounts.${year}`) };
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
          <span class="history">${this._historyButtons()}</span>
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
        <div class="notice-row"><p class=${`notice ${this._notice.kind}`} role="status" aria-live="polite" data-testid="notice">${this._notice.text}</p>
          ${this._notice.blocked ? html`<button class="btn tertiary" type="button" data-testid="discard" @click=${() => void this._discard()}>${t.allocations.discard}</button>` : nothing}</div>
        <jalon-allocation-grid .allocations=${this._rows} .establishments=${r.ests} .pooled=${r.pooled} .actions=${r.actionMap} .regionNames=${r.regionNames}
          @allocation-change=${(e: CustomEvent<JalonEvents['allocation-change']>) => e.detail.respond(this._save(e.detail))}
          @allocation-withdraw=${(e: CustomEvent<JalonEvents['allocation-withdraw']>) => this._confirmWithdraw(e.detail.allocation)}
          @allocation-tranches=${(e: CustomEvent<JalonEvents['allocation-tranches']>) => void this._tranches.show(e.detail.allocation, this._rowName(e.detail.allocation))}
          @history-move=${(e: CustomEvent<JalonEvents['history-move']>) => void this._move(e.detail.direction)}
          @filters-change=${(e: CustomEvent<JalonEvents['filters-change']>) => {
            e.stopPropagation();
            this._q = e.detail.q ?? this._q;
            this._set(e.detail as Partial<Filters>);
          }}></jalon-allocation-grid>
      </section>
      <jalon-allocation-tranches .actions=${r.actionMap}
        @allocation-saved=${(e: CustomEvent<JalonEvents['allocation-saved']>) => {
          this._replace(e.detail.allocation);
          this._notice = { text: e.detail.message, kind: 'ok' };
          this._writes++;
        }}></jalon-allocation-tranches>
      ${this._withdrawDialog(r.envs)}`;
  }

  private _historyButtons() {
    const h: HistoryView | undefined = this._history.value;
    const undo = h?.undo[0],
      redo = h?.redo[0];
    return html`<button class="btn secondary" type="button" data-testid="undo" ?disabled=${!undo || this._moving}
        title=${undo ? t.allocations.undoTitle(undo.label) : t.allocations.nothingToUndo}
        aria-description=${undo ? t.allocations.undoTitle(undo.label) : t.allocations.nothingToUndo}
        @click=${() => void this._move('undo')}><span aria-hidden="true">↶</span> ${t.allocations.undo}</button>
      <button class="btn secondary" type="button" data-testid="redo" ?disabled=${!redo || this._moving}
        title=${redo ? t.allocations.redoTitle(redo.label) : t.allocations.nothingToRedo}
        aria-description=${redo ? t.allocations.redoTitle(redo.label) : t.allocations.nothingToRedo}
        @click=${() => void this._move('redo')}><span aria-hidden="true">↷</span> ${t.allocations.redo}</button>`;
  }

  private async _confirmWithdraw(a: GridRow) {
    this._withdrawing = a;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.showModal();
  }

  private _withdrawDialog(envs: Array<{ id: string; code: string }>) {
    const a = this._withdrawing;
    const close = () => {
      this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
      this._withdrawing = null;
    };
    return html`<dialog aria-labelledby="withdraw-title" @close=${() => (this._withdrawing = null)} data-testid="withdraw-dialog">${
      a
        ? html`<h2 id="withdraw-title">${t.allocations.withdrawTitle}</h2>
          <p>${t.allocations.withdrawConfirm(this._rowName(a, envs.find((e) => e.id === a.envelopeId)?.code), formatEuros(sumAmounts(shownAmounts(a))))}</p>
          <div class="actions">
            <button class="btn secondary" type="button" @click=${close}>${t.allocations.withdrawKeep}</button>
            <button class="btn danger" type="button" @click=${() => {
              this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
              void this._withdraw(a);
            }}>${t.allocations.withdraw}</button>
          </div>`
        : nothing
    }</dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-allocations-page': JalonAllocationsPage;
  }
}
