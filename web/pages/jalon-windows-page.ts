// <jalon-windows-page>: the funding windows (« Guichets »). Without `?id=` in the URL, the list:
// code, name, envelope (staff), the phase running today with its dates, objectives and files.
// With `?id=`, one window: its phases as a timeline with today marked and the extensions, its
// objectives and shares, eligibility and caps, the published national figures beside the plan's
// own; staff read its funnel; an establishment its eligibility and cap, and the way to apply.
// National planners create, edit and delete windows (deletion refused once applied to), extend a
// phase, and free the unmet tranches once declarations are closed.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { Action, Envelope, Region } from '../../server/contract/plan.js';
import type { FundingWindow } from '../../server/contract/windows.js';
import {
  applicationTotal,
  deleteWindow,
  eligibilityOf,
  funnelOf,
  windowById,
  windows,
  type ApplicantEligibility,
  type Funnel,
} from '../api/windows.js';
import type { JalonWindowExtend } from '../components/jalon-window-extend.js';
import '../components/jalon-window-details.js';
import { CatalogController } from '../controllers/catalog-controller.js';
import { cardTable } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { formatDate, formatEuros, formatShare, localToday } from '../lib/format.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { loadFailed, renderTask } from '../lib/task-view.js';
import { readParams } from '../lib/url.js';
import { formatStaff, standing } from '../lib/windows.js';
import { t } from '../i18n/windows.js';

const s = t.windows;

interface Reference {
  envelopes: Envelope[];
  actions: Action[];
  regions: Region[];
}

@customElement('jalon-windows-page')
export class JalonWindowsPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    cardTable,
    css`
    :host { display: block; }
    .head { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; justify-content: space-between; }
    .tools { display: flex; flex-wrap: wrap; gap: 8px; }
    .manage { display: grid; gap: 8px; justify-items: start; max-width: 480px; }
    .confirm { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
    .confirm p { flex: 1 1 240px; margin: 0; }
    .code { font-variant-numeric: tabular-nums; color: var(--muted); white-space: nowrap; font-weight: 400; }
    .now { margin: 0; }
    .now li { margin-bottom: 2px; }
    ul.plain { list-style: none; margin: 0; padding: 0; }
    .facts { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0 0 16px; }
    .facts div { min-width: 0; }
    .facts dt { font-size: 0.875rem; color: var(--muted); }
    .facts dd { margin: 0; font-weight: 500; overflow-wrap: anywhere; }
    .standing { border-left: 4px solid var(--blue); padding: 8px 16px; background: var(--bg); margin: 0 0 24px; }
    .standing p { margin: 0; }
    .cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 24px; }
    .cols > .card { margin-bottom: 0; }
    .stack { display: grid; gap: 24px; margin-bottom: 24px; }
    .you p { margin: 0 0 8px; }
    .you .cap { font-size: 1.25rem; font-weight: 700; }
    dl.figures { margin: 0; display: grid; gap: 12px; }
    dl.figures dt { font-size: 0.875rem; color: var(--muted); }
    dl.figures dd { margin: 0; font-weight: 700; font-size: 1.125rem; font-variant-numeric: tabular-nums; }
    dl.figures .src { display: block; font-weight: 400; font-size: 0.8125rem; color: var(--mention); }
    h1:focus { outline: none; }
    @media (max-width: 900px) { .cols { grid-template-columns: minmax(0, 1fr); } }
    @media (max-width: 720px) { .card { padding: 16px; } }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  @state() private _id = readParams(['id'] as const).id;
  /** Bumped by a save: the list and the window are read again. */
  @state() private _version = 0;
  private readonly _today = localToday();

  private get _role() {
    return this.me?.user.role;
  }
  private get _staff() {
    return !!this._role && this._role !== 'establishment';
  }
  private get _canEdit() {
    return this._role === 'planner' && !this.me?.user.region;
  }
  /** A national planner's controls, once their elements are loaded. */
  private get _editable() {
    return this._tools.value === true;
  }

  /** The form and the planner's dialogs: loaded for national planners only, as the funnel for staff. */
  private _tools = new Task(this, {
    task: async ([canEdit]) => {
      if (!canEdit) return false;
      await Promise.all([
        import('../components/jalon-window-form.js'),
        import('../components/jalon-window-extend.js'),
        import('../components/jalon-window-free-unmet.js'),
      ]);
      return true;
    },
    args: () => [this._canEdit] as const,
  });

  /** Envelopes only for staff (an establishment's account does not read them). */
  private _reference = new Task(this, {
    task: async ([reference, staff]): Promise<Reference> => {
      const [envelopes, actions, regions] = await Promise.all([
        staff ? reference.envelopes() : Promise.resolve([]),
        reference.actions(),
        reference.regions(),
      ]);
      return { envelopes, actions, regions };
    },
    args: () => [this._plan.reference, this._staff] as const,
  });

  private _list = new Task(this, {
    task: async ([id]) => {
      if (id) return null;
      // in the API's order: the latest opened first
      const list = await windows();
      const totals = await Promise.all(list.map((w) => applicationTotal(w.id).catch(() => undefined)));
      return list.map((w, i) => ({ window: w, applications: totals[i] }));
    },
    args: () => [this._id, this._version, this._plan.version] as const,
  });

  private _view = new Task(this, {
    task: async ([id, staff, finess, ghts]) => {
      if (!id) return null;
      const own = !staff && finess;
      const [w, , funnel, eligibility, forGhts] = await Promise.all([
        windowById(id),
        // the funnel's element brings chart.js: loaded for staff only, with their first window
        staff ? import('../components/jalon-window-funnel.js') : null,
        staff ? funnelOf(id).catch((e: unknown) => e as Error) : Promise.resolve(null),
        own ? eligibilityOf(id, finess).catch((e: unknown) => e as Error) : Promise.resolve(null),
        // a GHT's support establishment applies for its GHT too: each one's eligibility and cap
        Promise.all(own ? (ghts ?? []).map((g) => eligibilityOf(id, finess, g.code).catch(() => null)) : []),
      ]);
      return { window: w, funnel, eligibility, ghts: forGhts.filter((e): e is ApplicantEligibility => e !== null) };
    },
    args: () =>
      [this._id, this._staff, this.me?.user.finess ?? '', this.me?.ghts, this._version, this._plan.version] as const,
  });

  /** The form open ('' a new window), the deletion's confirmation and refusal, the notices. A
   *  deleted window leaves its page for the list, which the navigation reads again. */
  private _catalog = new CatalogController<FundingWindow>(this, {
    formTag: 'jalon-window-form',
    reloaded: () => (this._id ? this._view : this._list).taskComplete,
    remove: async (w) => {
      await deleteWindow(w);
      fire(this, 'navigate', { path: '/windows' });
    },
    deleted: (w) => s.deleted(w.code),
    labels: {
      edit: s.edit,
      editLabel: s.editLabel,
      delete: s.delete,
      deleteLabel: s.deleteLabel,
      confirmDelete: s.confirmDelete,
      confirm: s.confirmDeleteButton,
      cancel: t.common.cancel,
    },
    changed: (what) => {
      if (what === 'saved') this._version++;
    },
  });

  private _onPop = () => {
    const id = readParams(['id'] as const).id;
    if (id === this._id) return;
    this._id = id;
    this._catalog.close();
    void this._focusHeading();
  };

  /** Once the list or the window is read, its heading takes the focus. */
  private async _focusHeading() {
    await this.updateComplete;
    await (this._id ? this._view : this._list).taskComplete.catch(() => {});
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('popstate', this._onPop);
  }

  override disconnectedCallback() {
    removeEventListener('popstate', this._onPop);
    super.disconnectedCallback();
  }

  private _form(w?: FundingWindow) {
    const r = this._reference.value;
    if (!r) return nothing;
    return html`<section class="card"><jalon-window-form .window=${w} .envelopes=${r.envelopes} .actions=${r.actions}
      .regions=${r.regions}></jalon-window-form></section>`;
  }

  private _noticeBox() {
    const n = this._catalog.notice;
    return html`<div role="status" aria-live="polite">${n ? html`<div class="alert ${n.kind}"><p>${n.text}</p></div>` : nothing}</div>`;
  }

  /** What runs today, each period with its dates; else what comes next, or since when it closed. */
  standingText(w: FundingWindow) {
    const st = standing(w.phases, this._today);
    if (st.kind === 'running')
      return html`<ul class="plain now">${st.periods.map(
        (p) => html`<li>${s.period(s.periods[p.key], formatDate(p.from), formatDate(p.to))}</li>`,
      )}</ul>`;
    if (st.kind === 'next') return s.next(s.periods[st.period.key], formatDate(st.period.from));
    return s.closed(formatDate(st.since));
  }

  private _listView() {
    const envelopes = new Map((this._reference.value?.envelopes ?? []).map((e) => [e.id, e]));
    return html`<div class="head"><div><h1 tabindex="-1">${s.title}</h1><p class="lead">${s.intro}</p>
        ${this._canEdit ? nothing : html`<p class="hint">${s.readOnly}</p>`}</div>
        ${this._editable && this._catalog.editing !== '' ? html`<button class="btn" id="new" type="button" @click=${() => this._catalog.open('')}>${s.create}</button>` : nothing}
      </div>
      ${this._catalog.editing === '' ? this._form() : nothing}
      ${this._noticeBox()}
      <p class="hint" data-testid="today">${s.today(formatDate(this._today))}</p>
      <div class="card">${renderTask(
        this._list,
        (rows) => {
          const list = rows ?? [];
          return html`<div class="table-box"><table class="cards" data-testid="windows-table">
            <caption>${list.length ? s.count(list.length) : s.none}</caption>
            <thead><tr><th scope="col">${s.name}</th>${this._staff ? html`<th scope="col">${s.envelope}</th>` : nothing}
              <th scope="col">${s.now}</th><th scope="col">${s.counts}</th></tr></thead>
            <tbody>${list.map(({ window: w, applications }) => {
              const env = envelopes.get(w.envelopeId);
              return html`<tr data-window=${w.code}>
                <th scope="row"><a href="/windows?id=${encodeURIComponent(w.id)}" aria-label=${`${w.name} (${w.code})`}>${w.name}</a>
                  <br><span class="code">${w.code} · ${w.reference}</span></th>
                ${this._staff ? html`<td data-label=${s.envelope}>${env ? html`${env.code}<br><span class="code">${formatEuros(env.totalCents)}</span>` : w.envelopeId}</td>` : nothing}
                <td data-label=${s.now} data-testid="standing">${this.standingText(w)}</td>
                <td data-label=${s.counts}>${s.objectiveCount(w.objectives.length)}${
                  applications === undefined
                    ? nothing
                    : html`<br>${this._staff ? s.applicationCount(applications) : s.ownApplicationCount(applications)}`
                }</td></tr>`;
            })}</tbody></table></div>`;
        },
        { keepValue: true },
      )}</div>`;
  }

  private _youCard(d: NonNullable<JalonWindowsPage['_view']['value']>) {
    const finess = this.me?.user.finess;
    const el = d.eligibility;
    return html`<section class="card you" aria-labelledby="you-title" data-testid="eligibility">
      <h2 id="you-title">${s.youTitle}</h2>
      ${
        !finess
          ? html`<p>${s.noFiness}</p>`
          : el instanceof Error
            ? loadFailed(el, false)
            : el
              ? el.eligible
                ? html`<p><span class="badge success">${s.eligible}</span> ${el.applicant.name}</p>
                  ${el.capCents === null ? nothing : html`<p class="cap" data-testid="cap">${s.yourCap(formatEuros(el.capCents))}</p>`}
                  <p class="hint">${s.yourStaff(formatStaff(el.applicant.staff))}</p>
                  ${el.application ? html`<p data-testid="own-application">${s.yourApplication(t.applicationStates[el.application.state])}</p>` : nothing}`
                : html`<p><span class="badge error">${s.notEligible}</span> ${el.applicant.name}</p>
                  <ul data-testid="why">${el.reasons.map((r) => html`<li>${r}</li>`)}</ul>`
              : nothing
      }
      ${this._ghtLines(d.ghts)}
      ${
        [el, ...d.ghts].some((e) => e && !(e instanceof Error) && e.eligible)
          ? html`<p><a class="btn" href="/applications?windowId=${encodeURIComponent(d.window.id)}">${s.apply}</a></p>`
          : nothing
      }
    </section>`;
  }

  /** The GHTs the establishment supports: whether each may apply, and its cap. */
  private _ghtLines(list: readonly ApplicantEligibility[]) {
    if (!list.length) return nothing;
    return html`<ul class="plain" data-testid="ght-eligibility">${list.map(
      (e) =>
        html`<li>${
          e.eligible
            ? s.ghtCap(e.applicant.name, e.capCents === null ? '' : formatEuros(e.capCents))
            : s.ghtNotEligible(e.applicant.name, e.reasons.join(' '))
        }</li>`,
    )}</ul>`;
  }

  private _figures(w: FundingWindow, funnel: Funnel | Error | null) {
    const published = w.published ?? [];
    const plan = funnel && !(funnel instanceof Error) ? funnel : null;
    return html`<section class="card" aria-labelledby="figures-title">
      <h2 id="figures-title">${s.figures}</h2>
      <div class="cols">
        <div data-testid="published"><h3>${s.published}</h3>${
          published.length
            ? html`<dl class="figures">${published.map(
                (p) =>
                  html`<div><dt>${p.label}</dt><dd>${p.value}${p.source ? html`<span class="src">${s.source(p.source)}</span>` : nothing}</dd></div>`,
              )}</dl>`
            : html`<p>${s.publishedNone}</p>`
        }</div>
        ${
          plan
            ? html`<div data-testid="plan-figures"><h3>${s.plan}</h3><dl class="figures">
            <div><dt>${s.planApplied}</dt><dd>${plan.total.stages.applied.count}</dd></div>
            <div><dt>${s.planGranted}</dt><dd>${plan.total.stages.granted.count} · ${formatEuros(plan.total.stages.granted.cents)}</dd></div>
            <div><dt>${s.planCapped}</dt><dd>${formatShare(plan.shares.cappedBp)}</dd></div>
            <div><dt>${s.planDeclared}</dt><dd>${plan.total.stages.declared.count}</dd></div>
            <div><dt>${s.planPaid}</dt><dd>${formatEuros(plan.total.stages.paid.cents)}</dd></div>
          </dl></div>`
            : nothing
        }
      </div></section>`;
  }

  private _windowView() {
    return renderTask(
      this._view,
      (d) => {
        if (!d) return nothing;
        const w = d.window;
        const r = this._reference.value;
        const env = r?.envelopes.find((e) => e.id === w.envelopeId);
        const action = r?.actions.find((a) => a.id === w.actionId);
        const regionName = new Map((r?.regions ?? []).map((x) => [x.code, x.name]));
        return html`<p><a href="/windows">← ${s.all}</a></p>
        <div class="head"><div><h1 tabindex="-1">${w.name} <span class="code">${w.code}</span></h1>
          <dl class="facts">
            <div><dt>${s.reference}</dt><dd>${w.reference}</dd></div>
            ${this._staff ? html`<div><dt>${s.envelope}</dt><dd>${env ? `${env.code} — ${env.name} (${formatEuros(env.totalCents)})` : w.envelopeId}</dd></div>` : nothing}
            <div><dt>${s.action}</dt><dd>${action ? `${action.code} — ${action.title}` : w.actionId}</dd></div>
            <div><dt>${s.year}</dt><dd>${w.year}</dd></div>
          </dl></div>
          ${
            this._editable
              ? html`<div class="manage">${this._catalog.tools(w)}
              <button class="btn secondary small" id="extend" type="button" @click=${() => this.renderRoot.querySelector<JalonWindowExtend>('jalon-window-extend')?.show(w)}>${s.extend}</button>
            </div>`
              : nothing
          }
        </div>
        ${this._catalog.editing === w.id ? this._form(w) : nothing}
        ${this._noticeBox()}
        <div class="standing" data-testid="standing"><p><strong>${s.today(formatDate(this._today))}</strong></p>${this.standingText(w)}</div>
        ${this._staff ? nothing : this._youCard(d)}
        <jalon-window-details .window=${w} today=${this._today} .regionNames=${regionName}></jalon-window-details>
        ${this._figures(w, d.funnel)}
        ${
          this._staff
            ? html`<section class="card" aria-labelledby="funnel-title"><h2 id="funnel-title">${s.funnel}</h2>
              <p class="hint">${s.funnelIntro}</p>
              ${
                d.funnel instanceof Error
                  ? loadFailed(d.funnel, false)
                  : d.funnel
                    ? html`${d.funnel.region ? html`<p>${s.funnelRegion(regionName.get(d.funnel.region) ?? d.funnel.region)}</p>` : nothing}
                      <jalon-window-funnel .funnel=${d.funnel}></jalon-window-funnel>`
                    : nothing
              }</section>`
            : nothing
        }
        ${
          // the API frees nothing before the declarations close
          this._editable && this._today > w.phases.declarationsClose
            ? html`<jalon-window-free-unmet .window=${w}></jalon-window-free-unmet>`
            : nothing
        }
        ${this._editable ? html`<jalon-window-extend></jalon-window-extend>` : nothing}`;
      },
      { keepValue: true },
    );
  }

  override render() {
    if (!this._id) return this._listView();
    const failed = this._view.error;
    return failed
      ? html`<p><a href="/windows">← ${s.all}</a></p><h1 tabindex="-1">${s.title}</h1>${loadFailed(failed)}`
      : this._windowView();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-windows-page': JalonWindowsPage;
  }
}
