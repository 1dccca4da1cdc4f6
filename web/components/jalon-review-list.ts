// <jalon-review-list>: proposed allocations and pending revisions, approved or rejected here.
// Separation of duties is the server's rule: its 403 message is shown on the row.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Action, Allocation, Envelope, Establishment } from '../../server/contract/plan.js';
import { shownAmounts } from '../../shared/amounts.js';
import { approveAllocation, firstAllocations, rejectAllocation, type AllocationFilters } from '../api/allocations.js';
import { fire } from '../lib/fire.js';
import { formatEuros, sumAmounts } from '../lib/format.js';
import { t } from '../i18n/dashboard.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { pager } from '../lib/pager.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import type { DashboardFilters } from '../api/reports.js';

const SHOWN = 12;

type Query = Pick<AllocationFilters, 'envelopeId' | 'region' | 'axis'>;
interface ReviewPage {
  items: Allocation[];
  total: number;
  offset: number;
}
interface ReviewData extends ReviewPage {
  ests: Map<Establishment['finess'], Establishment>;
  acts: Map<Action['id'], Action>;
  envs: Map<Envelope['id'], Envelope>;
}

/** A page of what awaits a reviewer: proposals and pending revisions ("avenants"), one list on
 *  the server. Past the end (someone else decided the last rows meanwhile), the last page. */
const reviewPage = async (q: Query, offset: number): Promise<ReviewPage> => {
  const page = await firstAllocations({ ...q, status: 'pending' }, SHOWN, offset);
  if (offset > 0 && offset >= page.total) return reviewPage(q, Math.max(0, Math.ceil(page.total / SHOWN) - 1) * SHOWN);
  return { items: page.items, total: page.total, offset };
};

@customElement('jalon-review-list')
export class JalonReviewList extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    td { vertical-align: middle; }
    .acts { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; }
    .sub { display: block; font-size: 0.8125rem; color: var(--mention); font-weight: 400; }
    .rowmsg { margin-top: 6px; font-size: 0.875rem; }
    .rowmsg.error { color: var(--error); }
    form { display: flex; gap: 8px; align-items: flex-end; margin-top: 8px; }
    form input { min-width: 240px; }
  `,
  ];

  @property({ attribute: false }) filters: DashboardFilters = {};
  @state() private _busy = '';
  @state() private _rejecting = '';
  @state() private _rowMsg = new Map<string, string>();
  @state() private _live = '';
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  /** First row shown; back to 0 when the filters change. */
  @state() private _offset = 0;

  private _data = new Task(this, {
    task: async ([envelopeId, region, axis, offset, reference]): Promise<ReviewData> => {
      // Only the rows shown and the totals: nationally, ~16,000 allocations wait for review.
      const [page, ests, acts, envs] = await Promise.all([
        reviewPage({ envelopeId, region, axis }, offset),
        reference.establishmentIndex(),
        reference.actions(),
        reference.envelopes(),
      ]);
      return { ...page, ests, acts: new Map(acts.map((a) => [a.id, a])), envs: new Map(envs.map((e) => [e.id, e])) };
    },
    // The dashboard hands a new filters object on each render: compare the values, not the object.
    // A decision bumps the plan version (allocations-changed): the list is read again.
    args: () =>
      [
        this.filters.envelopeId,
        this.filters.region,
        this.filters.axis,
        this._offset,
        this._plan.reference,
        this._plan.version,
      ] as const,
  });

  protected override willUpdate(changed: Map<string, unknown>) {
    const before = changed.get('filters') as DashboardFilters | undefined;
    if (before && (['envelopeId', 'region', 'axis'] as const).some((k) => before[k] !== this.filters[k]))
      this._offset = 0;
  }

  private _go(offset: number) {
    this._offset = offset;
    this._rejecting = '';
    this._rowMsg = new Map();
  }

  private async _act(a: Allocation, name: string, reason?: string) {
    this._busy = a.id;
    const msgs = new Map(this._rowMsg);
    msgs.delete(a.id);
    try {
      if (reason === undefined) await approveAllocation(a);
      else await rejectAllocation(a, reason);
      this._live = reason === undefined ? t.dashboard.approved(name) : t.dashboard.rejected(name);
      this._rejecting = '';
      // the last row of a page decided: the page before, without asking past the end
      if (this._data.value?.items.length === 1 && this._offset > 0) this._offset = Math.max(0, this._offset - SHOWN);
      fire(this, 'allocations-changed', { count: 1 });
    } catch (err) {
      msgs.set(a.id, (err as Error).message);
    } finally {
      this._rowMsg = msgs;
      this._busy = '';
    }
  }

  override render() {
    // the rows stay while the next page or the list after a decision loads: the pager keeps focus
    return html`<div role="status" aria-live="polite" class="${this._live ? 'alert success' : ''}" data-testid="review-live">${this._live ? html`<p>${this._live}</p>` : nothing}</div>
      ${renderTask(this._data, (d, updating) => this._list(d, updating), { keepValue: true, heading: false })}`;
  }

  private _list(d: ReviewData, loading: boolean) {
    return d.items.length === 0
      ? html`<p class="hint">${t.dashboard.reviewEmpty}</p>`
      : html`
          <table data-testid="review-list" aria-busy=${loading ? 'true' : 'false'}>
            <caption class="sr-only">${t.dashboard.reviewTitle}</caption>
            <thead><tr><th scope="col">${t.common.establishment}</th><th scope="col">${t.common.action}</th><th scope="col">${t.common.envelope}</th>
              <th scope="col" class="num">${t.common.total}</th><th scope="col"><span class="sr-only">Décision</span></th></tr></thead>
            <tbody>${d.items.slice(0, SHOWN).map((a) => {
              const name = d.ests.get(a.finess)?.name ?? a.finess;
              const msg = this._rowMsg.get(a.id);
              return html`<tr data-id=${a.id}>
                <th scope="row">${name}<span class="sub">${a.finess} · ${a.revision ? t.revisionPending : t.dashboard.proposedBy(a.updatedBy ?? a.createdBy ?? '—')}</span>
                  ${msg ? html`<div class="rowmsg error" role="alert">${msg}</div>` : nothing}</th>
                <td>${d.acts.get(a.actionId)?.code ?? a.actionId}</td>
                <td>${d.envs.get(a.envelopeId)?.code ?? a.envelopeId}</td>
                <td class="num">${formatEuros(sumAmounts(shownAmounts(a)))}</td>
                <td>${
                  this._rejecting === a.id
                    ? html`<form @submit=${(e: SubmitEvent) => {
                        e.preventDefault();
                        const r = new FormData(e.target as HTMLFormElement).get('reason');
                        void this._act(a, name, String(r ?? ''));
                      }}>
                      <div class="field"><label for="reason-${a.id}">${t.dashboard.rejectReason}</label><input id="reason-${a.id}" name="reason" required></div>
                      <button class="btn danger small" ?disabled=${this._busy === a.id}>${t.dashboard.rejectConfirm}</button>
                      <button class="btn tertiary small" type="button" @click=${() => {
                        this._rejecting = '';
                      }}>${t.common.cancel}</button></form>`
                    : html`<div class="acts">
                      <button class="btn small" ?disabled=${loading || this._busy === a.id} @click=${() => this._act(a, name)} aria-label="${t.dashboard.approve} : ${name}">${t.dashboard.approve}</button>
                      <button class="btn danger small" ?disabled=${loading || this._busy === a.id} @click=${() => {
                        this._rejecting = a.id;
                      }} aria-label="${t.dashboard.reject} : ${name}">${t.dashboard.reject}</button></div>`
                }</td>
              </tr>`;
            })}</tbody>
          </table>
          ${d.total > SHOWN ? pager({ offset: d.offset, size: SHOWN, shown: d.items.length, total: d.total, go: (o) => this._go(o), testid: 'review-range' }) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-review-list': JalonReviewList;
  }
}
