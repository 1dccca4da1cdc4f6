// <jalon-roadmap-page>: the 2023-2027 timeline, each milestone at its date with its target,
// measured progress (validated completions) and status, and beside it the declarations still
// awaiting a check; today is marked. Planners add, edit and delete milestones here.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { Action, MilestoneProgress, MilestoneStatus } from '../../server/contract/plan.js';
import { deleteMilestone } from '../api/checks.js';
import { milestones } from '../api/plan.js';
import '../components/jalon-milestone-form.js';
import type { JalonEvent } from '../lib/fire.js';
import { formatDate, formatPercent, localToday } from '../lib/format.js';
import { t } from '../i18n/roadmap.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { FIRST_DAY, LAST_DAY, YEARS } from '../lib/years.js';

const START = Date.parse(`${FIRST_DAY}T00:00:00Z`);
const SPAN = Date.parse(`${LAST_DAY}T23:59:59Z`) - START;
const at = (iso: string) =>
  Math.max(0, Math.min(100, ((Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) - START) / SPAN) * 100));
const BADGE: Record<MilestoneStatus, string> = {
  achieved: 'success',
  on_track: 'info',
  at_risk: 'warning',
  missed: 'error',
};

@customElement('jalon-roadmap-page')
export class JalonRoadmapPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .timeline { position: relative; height: 132px; margin: 8px 16px 0; }
    .axis { position: absolute; left: 0; right: 0; top: 64px; height: 4px; background: var(--blue); }
    .year { position: absolute; top: 76px; transform: translateX(-50%); font-weight: 700; font-size: 0.875rem; }
    .tick { position: absolute; top: 58px; width: 1px; height: 16px; background: var(--blue); }
    .dot { position: absolute; top: 52px; width: 28px; height: 28px; margin-left: -14px; border-radius: 50%; background: var(--bg);
      border: 3px solid var(--blue); display: grid; place-items: center; font-size: 0.75rem; font-weight: 700; color: var(--blue); }
    .dot.achieved { background: var(--success); border-color: var(--success); color: #fff; }
    .dot.missed { border-color: var(--error); color: var(--error); }
    .dot.at_risk { border-color: var(--warning); color: var(--warning); }
    .dot.up { top: 20px; }
    .today { position: absolute; top: 0; bottom: 8px; width: 0; border-left: 2px dashed var(--error); }
    .today span { position: absolute; left: 6px; top: 0; white-space: nowrap; font-size: 0.8125rem; font-weight: 700; color: var(--error); background: var(--bg); padding: 0 4px; }
    ol { list-style: none; padding: 0; margin: 0; display: grid; gap: 16px; }
    li { background: var(--bg); border: 1px solid var(--border); border-left: 4px solid var(--blue); padding: 16px 24px; display: grid;
      grid-template-columns: 44px 170px minmax(0, 1fr) auto; gap: 16px; align-items: start; }
    li.achieved { border-left-color: var(--success); } li.missed { border-left-color: var(--error); } li.at_risk { border-left-color: var(--warning); }
    .num { font-weight: 700; color: var(--blue); font-size: 1.25rem; text-align: left; }
    time { font-weight: 700; }
    h2.item { margin: 0 0 4px; font-size: 1.125rem; line-height: 1.5rem; }
    .desc { color: var(--muted); margin: 0 0 8px; }
    .measure { margin: 4px 0 0; font-weight: 500; }
    .bar { position: relative; height: 10px; background: var(--bg-contrast); margin-top: 8px; max-width: 560px; }
    .fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--blue); }
    .target { position: absolute; top: -4px; bottom: -4px; width: 2px; background: var(--text); }
    .today.end span { left: auto; right: 6px; }
    .declared { margin: 4px 0 0; color: var(--warning); font-weight: 500; }
    .head { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; justify-content: space-between; }
    .tools { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
    .side { display: grid; gap: 8px; justify-items: end; }
    .confirm { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin-top: 12px; }
    .confirm p { flex: 1 1 240px; margin: 0; }
    .form { margin-bottom: 24px; }
    li.editing { display: block; padding: 0; border: 0; background: none; }
    li.editing .form { margin: 0; }
    .list { min-height: 640px; }
    @media (max-width: 720px) {
      .timeline { margin: 8px 4px 0; }
      .year { font-size: 0.75rem; }
      .dot { width: 22px; height: 22px; margin-left: -11px; font-size: 0.625rem; }
      li { grid-template-columns: 32px minmax(0, 1fr); gap: 8px 12px; padding: 12px 16px; }
      li > div { grid-column: 1 / -1; }
      .side { justify-items: start; }
    }
    @media print { li { break-inside: avoid; padding: 8px 12px; } .tools { display: none; } }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @state() private _today = localToday();
  /** The milestone whose form is open ('' : a new one), or null; the one whose deletion is asked. */
  @state() private _editing: string | null = null;
  @state() private _confirming: string | null = null;
  @state() private _notice: { kind: 'success' | 'error'; text: string } | null = null;
  @state() private _busy = false;
  @state() private _version = 0;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  private _data = new Task(this, {
    task: async ([reference]) => {
      const [ms, acts] = await Promise.all([milestones(), reference.actions()]);
      return { ms: [...ms].sort((a, b) => a.date.localeCompare(b.date)), acts: new Map(acts.map((a) => [a.id, a])) };
    },
    args: () => [this._plan.reference, this._plan.version, this._version] as const,
  });

  private get _canEdit() {
    return this.me?.user.role === 'planner';
  }

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('milestone-saved', this._onSaved as EventListener);
    this.addEventListener('form-close', this._onClose);
  }

  override disconnectedCallback() {
    this.removeEventListener('milestone-saved', this._onSaved as EventListener);
    this.removeEventListener('form-close', this._onClose);
    super.disconnectedCallback();
  }

  private _onSaved = (ev: JalonEvent<'milestone-saved'>) => {
    ev.stopPropagation();
    void this._done({ kind: 'success', text: ev.detail.message }, `#edit-${ev.detail.id}`);
  };

  private _onClose = (ev: Event) => {
    ev.stopPropagation();
    const id = this._editing;
    this._editing = null;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(id ? `#edit-${id}` : '#new')?.focus(),
    );
  };

  /** After a write: the message, the list read again, then the focus where the user was. */
  private async _done(notice: { kind: 'success' | 'error'; text: string }, focus: string, changed = true) {
    this._notice = notice;
    this._editing = null;
    this._confirming = null;
    if (changed) this._version++;
    await this.updateComplete;
    await this._data.taskComplete.catch(() => {});
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>(focus) ?? this.renderRoot.querySelector<HTMLElement>('#new'))?.focus();
  }

  private _open(id: string) {
    this._editing = id;
    this._confirming = null;
    this._notice = null;
    void this.updateComplete.then(async () => {
      const form = this.renderRoot.querySelector('jalon-milestone-form');
      await form?.updateComplete;
      form?.renderRoot.querySelector<HTMLElement>('input')?.focus();
    });
  }

  private async _delete(m: MilestoneProgress) {
    this._busy = true;
    try {
      await deleteMilestone(m);
      await this._done({ kind: 'success', text: t.roadmap.deleted(m.title) }, '#new');
    } catch (err) {
      await this._done({ kind: 'error', text: (err as Error).message }, `#delete-${m.id}`, false);
    } finally {
      this._busy = false;
    }
  }

  private _form(m: MilestoneProgress | undefined, acts: Map<string, Action>) {
    return html`<div class="card form"><jalon-milestone-form .milestone=${m} .actions=${[...acts.values()]}></jalon-milestone-form></div>`;
  }

  override render() {
    return html`<div class="head"><div><h1>${t.roadmap.title}</h1><p class="lead">${t.roadmap.intro} ${t.roadmap.checkedOnly}</p></div>
      ${this._canEdit ? html`<button class="btn" id="new" type="button" @click=${() => this._open('')}>${t.roadmap.add}</button>` : nothing}</div>
      <div id="notice" role="status" aria-live="polite">${
        this._notice ? html`<div class="alert ${this._notice.kind}"><p>${this._notice.text}</p></div>` : nothing
      }</div>
      <div class="list">${renderTask(
        this._data,
        ({ ms, acts }) => html`
          ${this._editing === '' ? this._form(undefined, acts) : nothing}
          <section class="card" aria-label=${t.roadmap.timelineLabel}>
            <div class="timeline" aria-hidden="true">
              <div class="axis"></div>
              ${YEARS.map((y) => html`<div class="tick" style="left:${at(`${y}-01-01`)}%"></div><div class="year" style="left:${at(`${y}-07-01`)}%">${y}</div>`)}
              <div class="today ${at(this._today) > 50 ? 'end' : ''}" style="left:${at(this._today)}%" data-testid="today"><span>${t.roadmap.today(formatDate(this._today))}</span></div>
              ${ms.map((m, i) => html`<div class="dot ${m.status ?? ''} ${i % 2 ? 'up' : ''}" style="left:${at(m.date)}%" title=${m.title}>${i + 1}</div>`)}
            </div>
            <p class="sr-only">${t.roadmap.today(formatDate(this._today))}</p>
          </section>
          <ol data-testid="milestones">${ms.map((m, i) =>
            this._editing === m.id
              ? html`<li class="editing">${this._form(m, acts)}</li>`
              : this._item(m, i, acts.get(m.target?.actionId ?? '')?.title),
          )}</ol>`,
        { keepValue: true },
      )}</div>`;
  }

  private _item(m: MilestoneProgress, i: number, actionTitle?: string) {
    const past = m.date < this._today;
    const badge = m.status
      ? html`<span class="badge ${BADGE[m.status]}">${t.milestoneStatus[m.status]}</span>`
      : html`<span class="badge neutral">${past ? t.roadmap.past : t.roadmap.upcoming}</span>`;
    const tg = m.target;
    return html`<li class=${m.status ?? ''}>
      <span class="num" aria-hidden="true">${i + 1}</span>
      <time datetime=${m.date}>${formatDate(m.date)}</time>
      <div>
        <h2 class="item">${m.title}</h2>
        ${m.description ? html`<p class="desc">${m.description}</p>` : nothing}
        ${
          tg && m.progress !== null
            ? html`
          <p class="measure">${t.roadmap.progress(actionTitle ?? m.title, formatPercent(m.progress), tg.population === 'priority' ? t.roadmap.priorityPop : '', formatPercent(tg.share), formatDate(m.date))}</p>
          <p class="hint" style="margin:0">${t.common.counted(m.completed, m.population)}</p>
          ${m.declared > 0 ? html`<p class="declared" data-testid="declared">${t.roadmap.declared(m.declared)}</p>` : nothing}
          <div class="bar" aria-hidden="true"><div class="fill" style="width:${Math.min(100, m.progress * 100)}%"></div><div class="target" style="left:${tg.share * 100}%"></div></div>`
            : html`<p class="hint">${t.roadmap.noTarget}</p>`
        }
      </div>
      <div class="side">${badge}${this._canEdit ? this._tools(m) : nothing}</div>
    </li>`;
  }

  private _tools(m: MilestoneProgress) {
    const label = (verb: string) => t.roadmap.label(verb, m.title);
    return this._confirming === m.id
      ? html`<div class="confirm" role="group" aria-label=${label(t.roadmap.delete)}>
          <p>${t.roadmap.confirmDelete(m.title)}</p>
          <button class="btn danger small" id="confirm-${m.id}" type="button" ?disabled=${this._busy} @click=${() => this._delete(m)}>${t.roadmap.confirm}</button>
          <button class="btn secondary small" type="button" @click=${() => {
            this._confirming = null;
            void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#delete-${m.id}`)?.focus());
          }}>${t.common.cancel}</button>
        </div>`
      : html`<div class="tools">
          <button class="btn secondary small" id="edit-${m.id}" type="button" aria-label=${label(t.roadmap.edit)} @click=${() => this._open(m.id)}>${t.roadmap.edit}</button>
          <button class="btn danger small" id="delete-${m.id}" type="button" aria-label=${label(t.roadmap.delete)}
            @click=${() => {
              this._confirming = m.id;
              this._notice = null;
              void this.updateComplete.then(() =>
                this.renderRoot.querySelector<HTMLElement>(`#confirm-${m.id}`)?.focus(),
              );
            }}>${t.roadmap.delete}</button>
        </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-roadmap-page': JalonRoadmapPage;
  }
}
