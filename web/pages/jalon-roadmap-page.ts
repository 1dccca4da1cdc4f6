// <jalon-roadmap-page>: the 2023-2027 timeline, each milestone at its date with its target,
// measured progress and status; today is marked.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { MilestoneProgress, MilestoneStatus } from '../../server/contract/plan.js';
import { milestones } from '../api/plan.js';
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
      grid-template-columns: 44px 170px 1fr auto; gap: 16px; align-items: start; }
    li.achieved { border-left-color: var(--success); } li.missed { border-left-color: var(--error); } li.at_risk { border-left-color: var(--warning); }
    .num { font-weight: 700; color: var(--blue); font-size: 1.25rem; text-align: left; }
    time { font-weight: 700; }
    h2.item { margin: 0 0 4px; font-size: 1.125rem; line-height: 1.5rem; }
    .desc { color: var(--muted); margin: 0 0 8px; }
    .measure { margin: 4px 0 0; font-weight: 500; }
    .bar { position: relative; height: 10px; background: var(--bg-contrast); margin-top: 8px; max-width: 560px; }
    .fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--blue); }
    .target { position: absolute; top: -4px; bottom: -4px; width: 2px; background: var(--text); }
    @media print { li { break-inside: avoid; padding: 8px 12px; } }
  `,
  ];

  @state() private _today = localToday();
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  private _data = new Task(this, {
    task: async ([reference]) => {
      const [ms, acts] = await Promise.all([milestones(), reference.actions()]);
      return { ms: [...ms].sort((a, b) => a.date.localeCompare(b.date)), acts: new Map(acts.map((a) => [a.id, a])) };
    },
    args: () => [this._plan.reference] as const,
  });

  override render() {
    return html`<h1>${t.roadmap.title}</h1><p class="lead">${t.roadmap.intro}</p>
      ${renderTask(
        this._data,
        ({ ms, acts }) => html`
          <section class="card" aria-label=${t.roadmap.timelineLabel}>
            <div class="timeline" aria-hidden="true">
              <div class="axis"></div>
              ${YEARS.map((y) => html`<div class="tick" style="left:${at(`${y}-01-01`)}%"></div><div class="year" style="left:${at(`${y}-07-01`)}%">${y}</div>`)}
              <div class="today" style="left:${at(this._today)}%" data-testid="today"><span>${t.roadmap.today(formatDate(this._today))}</span></div>
              ${ms.map((m, i) => html`<div class="dot ${m.status ?? ''} ${i % 2 ? 'up' : ''}" style="left:${at(m.date)}%" title=${m.title}>${i + 1}</div>`)}
            </div>
            <p class="sr-only">${t.roadmap.today(formatDate(this._today))}</p>
          </section>
          <ol data-testid="milestones">${ms.map((m, i) => this._item(m, i, acts.get(m.target?.actionId ?? '')?.title))}</ol>`,
      )}`;
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
          <div class="bar" aria-hidden="true"><div class="fill" style="width:${Math.min(100, m.progress * 100)}%"></div><div class="target" style="left:${tg.share * 100}%"></div></div>`
            : html`<p class="hint">${t.roadmap.noTarget}</p>`
        }
      </div>
      <div>${badge}</div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-roadmap-page': JalonRoadmapPage;
  }
}
