// <jalon-review-list>: what awaits a reviewer (proposals and avenants, old → new per year) and
// what was approved; filtered, searched and sorted on the server; approved or rejected one at a
// time, approved several at once after a confirmation, an approval withdrawn with a reason while
// nothing is paid. Separation of duties and the other rules are the server's: its refusal is
// shown where the decision was asked for. Below 760 px wide the table becomes cards.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type {
  Action,
  Allocation,
  Envelope,
  Establishment,
  PooledResource,
  Region,
  Tranche,
} from '../../server/contract/plan.js';
import { proposedAt, shownAmounts } from '../../shared/amounts.js';
import { PLAN_YEARS } from '../../shared/years.js';
import {
  approveAllocation,
  firstAllocations,
  rejectAllocation,
  unapproveAllocation,
  type AllocationFilters,
} from '../api/allocations.js';
import type { DashboardFilters } from '../api/reports.js';
import './jalon-approve-dialog.js';
import { selectionCents, type ApproveRow, type JalonApproveDialog } from './jalon-approve-dialog.js';
import { beneficiaryName, pooledLine } from '../lib/beneficiary.js';
import { fire } from '../lib/fire.js';
import { formatCount, formatDate, formatEuros, formatSignedEuros, sumAmounts } from '../lib/format.js';
import { t } from '../i18n/dashboard.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { pager } from '../lib/pager.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';

const SHOWN = 12;

type View = 'pending' | 'approved';
/** The orders each view offers, its default first (the queue: oldest proposals first). */
const SORTS: Record<View, string[]> = {
  pending: ['proposed', '-proposed', 'establishment', '-establishment', '-amount', 'amount'],
  approved: ['-approved', 'approved', 'establishment', '-establishment', '-amount', 'amount'],
};
const STATUS: Record<View, string> = { pending: 'pending', approved: 'approved' };

interface Query {
  envelopeId: string;
  region: string;
  actionId: string;
  q: string;
  sort: string;
}
/** A row as staff read it: with what was paid on it, net of cancellations. */
type Row = Allocation & { paidCents?: number };
interface ReviewData {
  items: Row[];
  total: number;
  offset: number;
  /** How many the other view holds, for its button. */
  otherTotal: number;
  ests: Map<Establishment['finess'], Establishment>;
  /** Pooled regional resources by SIRET: an allocation's `finess` may name one. */
  pooled: Map<PooledResource['siret'], PooledResource>;
  regionNames: Map<Region['code'], string>;
  acts: Map<Action['id'], Action>;
  envs: Map<Envelope['id'], Envelope>;
}

/** A page of a view; past the end (someone decided the last rows meanwhile), its last page. */
const viewPage = async (
  f: AllocationFilters,
  offset: number,
): Promise<{ items: Row[]; total: number; offset: number }> => {
  const page = await firstAllocations(f, SHOWN, offset);
  if (offset > 0 && offset >= page.total) return viewPage(f, Math.max(0, Math.ceil(page.total / SHOWN) - 1) * SHOWN);
  return { items: page.items, total: page.total, offset };
};

@customElement('jalon-review-list')
export class JalonReviewList extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; container-type: inline-size; }
    .views { display: flex; gap: 8px; flex-wrap: wrap; margin-bottom: 16px; }
    .views .btn[aria-pressed="false"] { background: var(--bg); color: var(--blue); }
    .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px 16px; margin-bottom: 16px; align-items: end; }
    .body { min-height: 240px; }
    td, th[scope="row"] { vertical-align: top; }
    th.sel, td.sel { width: 44px; padding-right: 0; }
    input[type="checkbox"] { width: 20px; height: 20px; min-height: 0; margin: 2px 0 0; padding: 0; accent-color: var(--blue); }
    .pagesel { display: flex; gap: 8px; align-items: center; margin: 0 0 8px; font-size: 0.9375rem; }
    .acts { display: flex; gap: 8px; justify-content: flex-end; }
    .code { white-space: nowrap; }
    .locked { display: block; max-width: 24ch; margin-left: auto; text-align: right; }
    .sub { display: block; font-size: 0.8125rem; color: var(--mention); font-weight: 400; }
    .rowmsg { margin-top: 6px; font-size: 0.875rem; font-weight: 400; }
    .rowmsg.error { color: var(--error); }
    .changes { list-style: none; margin: 0; padding: 0; font-size: 0.875rem; text-align: right; }
    .changes .total { font-weight: 700; }
    .years { display: block; font-size: 0.8125rem; color: var(--mention); }
    form { display: flex; gap: 8px; align-items: flex-end; flex-wrap: wrap; margin-top: 8px; justify-content: flex-end; }
    form .field { flex: 1 1 220px; }
    .bulk { position: sticky; bottom: 0; z-index: 1; display: flex; gap: 8px 16px; align-items: center; flex-wrap: wrap;
      justify-content: space-between; background: var(--blue-50); border: 1px solid var(--blue-100); padding: 12px 16px; margin-top: 12px; }
    .bulk .btns { display: flex; gap: 8px; flex-wrap: wrap; }
    @container (max-width: 760px) {
      table, tbody, tr, td, th[scope="row"] { display: block; }
      thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      tr { position: relative; border: 1px solid var(--border); padding: 12px 16px; margin-bottom: 12px; }
      td, th[scope="row"] { border: 0; padding: 4px 0; width: auto; }
      td.sel { position: absolute; top: 12px; right: 12px; width: auto; padding: 0; }
      tr.selectable th[scope="row"] { padding-right: 36px; }
      td[data-label]::before { content: attr(data-label) " : "; font-weight: 500; color: var(--muted); }
      td.num { text-align: left; white-space: normal; }
      .changes { text-align: left; }
      .acts, form { justify-content: flex-start; flex-wrap: wrap; }
      .locked { margin-left: 0; text-align: left; max-width: none; }
      .bulk .btns, .bulk .btn { width: 100%; }
      .bulk .btn { justify-content: center; }
    }
  `,
  ];

  /** The dashboard's filters: the list follows its envelope, region and axis as they change. */
  @property({ attribute: false }) filters: DashboardFilters = {};
  @state() private _view: View = 'pending';
  @state() private _q: Query = { envelopeId: '', region: '', actionId: '', q: '', sort: SORTS.pending[0]! };
  @state() private _offset = 0;
  @state() private _busy = '';
  /** The row whose reason form is open: a rejection (pending) or a withdrawal (approved). */
  @state() private _asking = '';
  @state() private _rowMsg = new Map<string, string>();
  @state() private _live = '';
  @state() private _selected = new Map<string, ApproveRow>();
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  @query('jalon-approve-dialog') private _dialog!: JalonApproveDialog;
  private _seen: Record<'envelopeId' | 'region', string | undefined> = { envelopeId: undefined, region: undefined };
  private _typing?: ReturnType<typeof setTimeout>;

  private _refs = new Task(this, {
    task: ([reference]) => Promise.all([reference.envelopes(), reference.regions(), reference.actions()]),
    args: () => [this._plan.reference] as const,
  });

  private _data = new Task(this, {
    task: async ([view, q, axis, offset, reference]): Promise<ReviewData> => {
      // Only the rows shown and the totals: nationally, ~16,000 allocations wait for review.
      const f: AllocationFilters = {
        envelopeId: q.envelopeId,
        region: q.region,
        actionId: q.actionId,
        q: q.q.trim(),
        axis,
      };
      const other: View = view === 'pending' ? 'approved' : 'pending';
      const [page, otherPage, ests, pooled, regs, acts, envs] = await Promise.all([
        viewPage({ ...f, status: STATUS[view], sort: q.sort }, offset),
        firstAllocations({ ...f, status: STATUS[other] }, 1),
        reference.establishmentIndex(),
        reference.pooledIndex(),
        reference.regions(),
        reference.actions(),
        reference.envelopes(),
      ]);
      return {
        ...page,
        otherTotal: otherPage.total,
        ests,
        pooled,
        regionNames: new Map(regs.map((r) => [r.code, r.name])),
        acts: new Map(acts.map((a) => [a.id, a])),
        envs: new Map(envs.map((e) => [e.id, e])),
      };
    },
    onComplete: (d) => this._sync(d),
    // A decision bumps the plan version (allocations-changed): the list is read again.
    args: () =>
      [this._view, this._q, this.filters.axis, this._offset, this._plan.reference, this._plan.version] as const,
  });

  protected override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('filters')) return;
    // the dashboard hands a new object on each render: only a changed value moves the list
    let moved = false;
    const q = { ...this._q };
    for (const k of ['envelopeId', 'region'] as const) {
      const v = this.filters[k] ?? '';
      if (v !== this._seen[k]) {
        this._seen[k] = v;
        q[k] = v;
        moved = true;
      }
    }
    if (moved) this._refilter(q);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this._typing);
  }

  private _refilter(q: Query) {
    this._q = q;
    this._offset = 0;
    this._asking = '';
    this._rowMsg = new Map();
    this._selected = new Map();
  }

  private _set(key: keyof Query, value: string) {
    if (this._q[key] !== value) this._refilter({ ...this._q, [key]: value });
  }

  private _show(view: View) {
    if (view === this._view) return;
    this._view = view;
    this._live = '';
    this._refilter({ ...this._q, sort: SORTS[view][0]! });
  }

  private _go(offset: number) {
    this._offset = offset;
    this._asking = '';
    this._rowMsg = new Map();
  }

  private _name(d: ReviewData, a: Allocation) {
    return beneficiaryName(d, a.finess);
  }

  private _label(d: ReviewData, a: Allocation) {
    return `${this._name(d, a)} — ${d.acts.get(a.actionId)?.code ?? a.actionId} (${d.envs.get(a.envelopeId)?.code ?? a.envelopeId})`;
  }

  /** Announced credits are not money yet: the server refuses their approval, so none is offered. */
  private _approvable(d: ReviewData, a: Allocation) {
    return d.envs.get(a.envelopeId)?.status !== 'announced';
  }

  /** The selection follows the rows as read again: a selected row changed since (an avenant, new
   *  amounts) is confirmed with what it is now. */
  private _sync(d: ReviewData) {
    if (!this._selected.size) return;
    let next: Map<string, ApproveRow> | null = null;
    for (const a of d.items) {
      const picked = this._selected.get(a.id);
      if (picked && picked.allocation.rev !== a.rev)
        (next ??= new Map(this._selected)).set(a.id, { allocation: a, label: this._label(d, a) });
    }
    if (next) this._selected = next;
  }

  private _toggle(d: ReviewData, rows: readonly Allocation[], on: boolean) {
    const next = new Map(this._selected);
    for (const a of rows) {
      if (on) next.set(a.id, { allocation: a, label: this._label(d, a) });
      else next.delete(a.id);
    }
    this._selected = next;
  }

  private _decided(id: string, message: string) {
    this._live = message;
    this._asking = '';
    if (this._selected.has(id)) {
      const next = new Map(this._selected);
      next.delete(id);
      this._selected = next;
    }
    // the last row of a page decided: the page before, without asking past the end
    if (this._data.value?.items.length === 1 && this._offset > 0) this._offset = Math.max(0, this._offset - SHOWN);
    fire(this, 'allocations-changed', { count: 1 });
  }

  private async _act(a: Allocation, name: string, decision: 'approve' | 'reject' | 'unapprove', reason = '') {
    this._busy = a.id;
    const msgs = new Map(this._rowMsg);
    msgs.delete(a.id);
    try {
      if (decision === 'approve') await approveAllocation(a);
      else if (decision === 'reject') await rejectAllocation(a, reason);
      else await unapproveAllocation(a, reason);
      this._decided(
        a.id,
        decision === 'approve'
          ? t.dashboard.approved(name)
          : decision === 'reject'
            ? t.dashboard.rejected(name)
            : t.review.unapproved(name),
      );
    } catch (err) {
      msgs.set(a.id, (err as Error).message);
    } finally {
      this._rowMsg = msgs;
      this._busy = '';
    }
  }

  private async _approveSelection() {
    const rows = [...this._selected.values()];
    const done = await this._dialog.confirm(rows);
    if (!done) {
      // refused: what was refused may have changed since it was read (412): read the page again
      if (this._dialog.refused) void this._data.run();
      return;
    }
    this._selected = new Map();
    this._live = t.review.bulkApproved(done.count, formatEuros(done.totalCents));
    this._offset = 0;
    fire(this, 'allocations-changed', { count: done.count });
  }

  override render() {
    const d = this._data.value;
    const count = (v: View) => (d ? formatCount(v === this._view ? d.total : d.otherTotal) : t.common.none);
    const view = (v: View, label: (n: string) => string) =>
      html`<button class="btn small" type="button" aria-pressed=${this._view === v ? 'true' : 'false'}
        data-view=${v} @click=${() => this._show(v)}>${label(count(v))}</button>`;
    return html`
      <div class="views" role="group" aria-label=${t.review.views}>
        ${view('pending', t.review.pendingTab)}${view('approved', t.review.approvedTab)}</div>
      ${this._filters()}
      <div role="status" aria-live="polite" class="${this._live ? 'alert success' : ''}" data-testid="review-live">${this._live ? html`<p>${this._live}</p>` : nothing}</div>
      <div class="body">${renderTask(
        this._data,
        (data, updating) => (this._view === 'pending' ? this._pending(data, updating) : this._approved(data, updating)),
        { keepValue: true, heading: false },
      )}</div>
      <jalon-approve-dialog></jalon-approve-dialog>`;
  }

  private _filters() {
    const [envs, regs, acts] = this._refs.value ?? [[], [], []];
    const sel = (key: keyof Query, label: string, all: string | null, opts: Array<[string, string]>) =>
      html`<div class="field"><label for="rv-${key}">${label}</label>
        <select id="rv-${key}" @change=${(e: Event) => this._set(key, (e.target as HTMLSelectElement).value)}>
          ${all === null ? nothing : html`<option value="" ?selected=${!this._q[key]}>${all}</option>`}
          ${opts.map(([v, l]) => html`<option value=${v} ?selected=${v === this._q[key]}>${l}</option>`)}</select></div>`;
    return html`<div class="filters" role="search" aria-label=${t.review.filters}>
      ${sel(
        'envelopeId',
        t.common.envelope,
        t.dashboard.allEnvelopes,
        (envs as Envelope[]).map((e) => [e.id, e.code]),
      )}
      ${sel(
        'region',
        t.common.region,
        t.common.allRegions,
        (regs as Region[]).map((r) => [r.code, r.name]),
      )}
      ${sel(
        'actionId',
        t.common.action,
        t.review.allActions,
        (acts as Action[]).map((a) => [a.id, a.code]),
      )}
      <div class="field"><label for="rv-q">${t.review.search}</label>
        <input id="rv-q" type="search" autocomplete="off" placeholder=${t.review.searchPlaceholder} .value=${this._q.q}
          @input=${(e: InputEvent) => {
            // kept as typed (a trailing space stays in the field), trimmed when the list is asked for
            const v = (e.target as HTMLInputElement).value;
            clearTimeout(this._typing);
            this._typing = setTimeout(() => this._set('q', v), 300);
          }}></div>
      ${sel(
        'sort',
        t.review.sort,
        null,
        SORTS[this._view].map((s) => [s, t.review.sorts[s] ?? s]),
      )}
    </div>`;
  }

  /** An avenant: old → new for every year either holds, the difference, then the totals. */
  private _change(a: Allocation) {
    const before = a.amounts,
      after = shownAmounts(a);
    const years = PLAN_YEARS.filter((y) => (before[y] ?? 0) !== 0 || (after[y] ?? 0) !== 0);
    const line = (y: string, b: number, n: number) =>
      html`<li aria-label=${t.review.changeLabel(y, formatEuros(b), formatEuros(n), formatSignedEuros(n - b))}>${t.review.change(y, formatEuros(b), formatEuros(n), formatSignedEuros(n - b))}</li>`;
    const b = sumAmounts(before),
      n = sumAmounts(after);
    return html`<ul class="changes" data-testid="avenant-change">
      ${years.map((y) => line(y, before[y] ?? 0, after[y] ?? 0))}
      <li class="total">${t.review.totalChange(formatEuros(b), formatEuros(n), formatSignedEuros(n - b))}</li>
      ${a.revision?.tranches ? html`<li data-testid="avenant-tranches">${this._tranches(a.revision.tranches)}</li>` : nothing}</ul>`;
  }

  /** The tranches an avenant brings (freed ones stay on record, out of the sum). */
  private _tranches(list: Tranche[]) {
    const kept = list.filter((x) => !x.freedAt);
    return kept.length
      ? t.review.tranches(kept.map((x) => `${x.code} ${formatEuros(x.amountCents)}`).join(' · '))
      : t.review.noTranches;
  }

  private _amount(a: Allocation) {
    if (a.revision) return this._change(a);
    const years = PLAN_YEARS.filter((y) => a.amounts[y]);
    return html`${formatEuros(sumAmounts(a.amounts))}<span class="years">${years
      .map((y) => `${y} : ${formatEuros(a.amounts[y]!)}`)
      .join(' · ')}</span>`;
  }

  private _reasonForm(a: Allocation, name: string, decision: 'reject' | 'unapprove') {
    const label = decision === 'reject' ? t.dashboard.rejectReason : t.review.unapproveReason;
    return html`<form @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const r = new FormData(e.target as HTMLFormElement).get('reason');
      void this._act(a, name, decision, String(r ?? ''));
    }}>
      <div class="field"><label for="reason-${a.id}">${label}</label><input id="reason-${a.id}" name="reason" required maxlength="1000"></div>
      <button class="btn danger small" ?disabled=${this._busy === a.id}>${decision === 'reject' ? t.dashboard.rejectConfirm : t.review.unapproveConfirm}</button>
      <button class="btn tertiary small" type="button" @click=${() => {
        this._asking = '';
      }}>${t.common.cancel}</button></form>`;
  }

  private _head(d: ReviewData, a: Row, sub: string) {
    const msg = this._rowMsg.get(a.id);
    // a pooled resource says what it is beside its SIRET, as the allocations grid does
    return html`${this._name(d, a)}<span class="sub">${pooledLine(d, a.finess, d.regionNames) ?? a.finess} · ${sub}</span>
      ${a.status === 'proposed' && a.unapprovalReason ? html`<span class="sub">${t.review.withdrawnBefore(a.unapprovalReason)}</span>` : nothing}
      ${msg ? html`<div class="rowmsg error" role="alert">${msg}</div>` : nothing}`;
  }

  private _pending(d: ReviewData, loading: boolean) {
    if (d.items.length === 0) return html`<p class="hint">${t.review.pendingEmpty}</p>`;
    const rows = d.items.slice(0, SHOWN);
    const open = rows.filter((a) => this._approvable(d, a));
    const picked = open.filter((a) => this._selected.has(a.id)).length;
    const chosen = [...this._selected.values()];
    return html`
      <label class="pagesel"><input type="checkbox" data-testid="select-page" ?disabled=${!open.length}
        .checked=${open.length > 0 && picked === open.length} .indeterminate=${picked > 0 && picked < open.length}
        @change=${(e: Event) => this._toggle(d, open, (e.target as HTMLInputElement).checked)}>${t.review.selectPage}</label>
      <table data-testid="review-list" aria-busy=${loading ? 'true' : 'false'}>
        <caption class="sr-only">${t.review.pendingCaption}</caption>
        <thead><tr><th scope="col" class="sel"><span class="sr-only">${t.review.select}</span></th><th scope="col">${t.common.establishment}</th>
          <th scope="col">${t.common.action}</th><th scope="col">${t.common.envelope}</th>
          <th scope="col" class="num">${t.review.amount}</th><th scope="col"><span class="sr-only">${t.review.decision}</span></th></tr></thead>
        <tbody>${rows.map((a) => {
          const name = this._name(d, a);
          const sub = a.revision
            ? t.review.avenantOn(formatDate(a.revision.proposedAt), a.revision.proposedBy ?? '')
            : `${t.review.proposal}, ${t.review.proposedOn(formatDate(proposedAt(a)), a.updatedBy ?? a.createdBy ?? t.common.none)}`;
          const approvable = this._approvable(d, a);
          return html`<tr data-id=${a.id} class="selectable">
            <td class="sel"><input type="checkbox" aria-label=${t.review.selectRow(name)} ?disabled=${!approvable}
              .checked=${this._selected.has(a.id)}
              @change=${(e: Event) => this._toggle(d, [a], (e.target as HTMLInputElement).checked)}></td>
            <th scope="row">${this._head(d, a, sub)}</th>
            <td class="code" data-label=${t.common.action}>${d.acts.get(a.actionId)?.code ?? a.actionId}</td>
            <td class="code" data-label=${t.common.envelope}>${d.envs.get(a.envelopeId)?.code ?? a.envelopeId}</td>
            <td class="num" data-label=${a.revision ? t.review.avenant : t.review.amount}>${this._amount(a)}</td>
            <td>${
              this._asking === a.id
                ? this._reasonForm(a, name, 'reject')
                : html`${approvable ? nothing : html`<span class="hint locked">${t.review.announcedLocked}</span>`}<div class="acts">
                  ${approvable ? html`<button class="btn small" ?disabled=${loading || this._busy === a.id} @click=${() => this._act(a, name, 'approve')} aria-label="${t.dashboard.approve} : ${name}">${t.dashboard.approve}</button>` : nothing}
                  <button class="btn danger small" ?disabled=${loading || this._busy === a.id} @click=${() => {
                    this._asking = a.id;
                  }} aria-label="${t.dashboard.reject} : ${name}">${t.dashboard.reject}</button></div>`
            }</td>
          </tr>`;
        })}</tbody>
      </table>
      ${d.total > SHOWN ? pager({ offset: d.offset, size: SHOWN, shown: rows.length, total: d.total, go: (o) => this._go(o), testid: 'review-range' }) : nothing}
      <div class="bulk" data-testid="bulk-bar">
        <span>${chosen.length ? t.review.selected(chosen.length, formatEuros(selectionCents(chosen))) : t.review.noneSelected}</span>
        <span class="btns">
          ${chosen.length ? html`<button class="btn tertiary small" type="button" @click=${() => (this._selected = new Map())}>${t.review.clearSelection}</button>` : nothing}
          <button class="btn" type="button" ?disabled=${!chosen.length || loading} @click=${this._approveSelection}>${t.review.approveSelection}</button></span>
      </div>`;
  }

  private _approved(d: ReviewData, loading: boolean) {
    if (d.items.length === 0) return html`<p class="hint">${t.review.approvedEmpty}</p>`;
    const rows = d.items.slice(0, SHOWN);
    return html`
      <table data-testid="approved-list" aria-busy=${loading ? 'true' : 'false'}>
        <caption class="sr-only">${t.review.approvedTab(formatCount(d.total))}</caption>
        <thead><tr><th scope="col">${t.common.establishment}</th><th scope="col">${t.common.action}</th>
          <th scope="col">${t.common.envelope}</th><th scope="col" class="num">${t.review.approvedCol}</th>
          <th scope="col" class="num">${t.review.paidCol}</th><th scope="col"><span class="sr-only">${t.review.decision}</span></th></tr></thead>
        <tbody>${rows.map((a) => {
          const name = this._name(d, a);
          const paid = a.paidCents;
          return html`<tr data-id=${a.id}>
            <th scope="row">${this._head(d, a, t.review.approvedOn(a.approvedAt ? formatDate(a.approvedAt) : t.common.none, a.approvedBy ?? ''))}</th>
            <td class="code" data-label=${t.common.action}>${d.acts.get(a.actionId)?.code ?? a.actionId}</td>
            <td class="code" data-label=${t.common.envelope}>${d.envs.get(a.envelopeId)?.code ?? a.envelopeId}</td>
            <td class="num" data-label=${t.review.approvedCol}>${formatEuros(sumAmounts(a.amounts))}</td>
            <td class="num" data-label=${t.review.paidCol}>${paid === undefined ? t.common.none : formatEuros(paid)}</td>
            <td>${
              paid
                ? html`<span class="hint">${t.review.paidLocked}</span>`
                : a.revision
                  ? html`<span class="hint">${t.revisionPending}</span>`
                  : this._asking === a.id
                    ? this._reasonForm(a, name, 'unapprove')
                    : html`<div class="acts"><button class="btn danger small" ?disabled=${loading || this._busy === a.id}
                      aria-label="${t.review.unapprove} : ${name}" @click=${() => {
                        this._asking = a.id;
                      }}>${t.review.unapprove}</button></div>`
            }</td>
          </tr>`;
        })}</tbody>
      </table>
      ${d.total > SHOWN ? pager({ offset: d.offset, size: SHOWN, shown: rows.length, total: d.total, go: (o) => this._go(o), testid: 'approved-range' }) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-review-list': JalonReviewList;
  }
}
