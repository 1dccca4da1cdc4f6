// <jalon-applications-page>: « Candidatures ». An establishment: the windows it may apply to and
// until when (with its cap; a GHT's support establishment, its own and its GHT's: it applies for
// either), its applications and their states, and for a granted one what it must deliver and when
// (jalon-application-card). Staff: the applications to instruct and the
// declarations to check at their level, with counts and deadlines (an ARS account its region's:
// the API scopes every list).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { Application, Declaration, FundingWindow } from '../../server/contract/windows.js';
import { listApplications, listDeclarations } from '../api/applications.js';
import { eligibilityOf, windows as listWindows, type ApplicantEligibility } from '../api/windows.js';
import '../components/jalon-application-card.js';
import '../components/jalon-application-form.js';
import '../components/jalon-check-list.js';
import '../components/jalon-instruction-list.js';
import { applicationsOpen, isLive } from '../lib/applications.js';
import type { JalonEvent } from '../lib/fire.js';
import { formatCount, formatDate, formatEuros, localToday } from '../lib/format.js';
import { t } from '../i18n/applications.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { declarationState } from '../../shared/objectives.js';

const k = t.applications;
const byDate = (f: (x: Application) => string | undefined) => (a: Application, b: Application) =>
  (f(a) ?? '').localeCompare(f(b) ?? '');

@customElement('jalon-applications-page')
export class JalonApplicationsPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .data { min-height: 600px; }
    .windows { list-style: none; margin: 0; padding: 0; display: grid; gap: 16px; }
    .windows > li { background: var(--bg); border: 1px solid var(--border); border-left: 4px solid var(--blue); padding: 16px 20px; }
    .windows h3 { overflow-wrap: anywhere; }
    .windows p { margin: 4px 0; }
    .code { font-size: 0.875rem; font-weight: 700; color: var(--blue); display: block; }
    .cap { font-weight: 700; font-variant-numeric: tabular-nums; }
    ul.for { margin: 4px 0; padding-left: 20px; }
    .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 16px; margin: 0 0 24px; padding: 0; list-style: none; }
    .tile { background: var(--bg); border: 1px solid var(--border); border-top: 4px solid var(--blue); padding: 16px 20px; min-width: 0; }
    .tile .k { font-size: 0.875rem; color: var(--muted); display: block; }
    .tile .v { font-size: 1.5rem; font-weight: 700; line-height: 2rem; display: block; font-variant-numeric: tabular-nums; }
    .tile .s { font-size: 0.8125rem; color: var(--mention); display: block; }
    section { margin-bottom: 32px; }
    @media (max-width: 720px) { .card { padding: 16px; } .windows > li { padding: 12px 16px; } }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  /** Bumped after each write made here: the lists are read again. */
  @state() private _version = 0;
  @state() private _notice = '';
  /** The window whose new application form is open. */
  @state() private _applying = '';
  private _today = localToday();

  private get _role() {
    return this.me?.user.role;
  }
  /** The applicant: the account's establishment (a site or a legal entity). */
  private get _finess() {
    return this.me?.user.finess ?? this.me?.scope?.[0] ?? '';
  }
  /** The GHTs the account's establishment supports: it may apply for each. */
  private get _ghts() {
    return this.me?.ghts ?? [];
  }

  // once, not at every connection: an element shown again must not listen twice
  constructor() {
    super();
    this.addEventListener('applications-changed', (e) => {
      this._notice = (e as JalonEvent<'applications-changed'>).detail.message;
      this._version++;
    });
    this.addEventListener('form-close', () => {
      const was = this._applying;
      this._applying = '';
      if (was)
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#apply-${was}`)?.focus());
    });
  }

  private _mine = new Task(this, {
    task: async ([role, finess, ghts]) => {
      if (role !== 'establishment') return null;
      const [windows, applications] = await Promise.all([listWindows(), listApplications()]);
      const offered = windows
        .filter((w) => this._today <= w.phases.applicationsClose)
        .sort((a, b) => a.phases.applicationsClose.localeCompare(b.phases.applicationsClose));
      // per window, the establishment itself first, then each GHT it supports
      const caps = new Map<string, ApplicantEligibility[]>(
        await Promise.all(
          offered.map(
            async (w) =>
              [
                w.id,
                await Promise.all(
                  [undefined, ...(ghts ?? []).map((g) => g.code)].map((g) => eligibilityOf(w.id, finess, g)),
                ),
              ] as const,
          ),
        ),
      );
      return { windows: new Map(windows.map((w) => [w.id, w])), offered, caps, applications };
    },
    // the account's own array (a fresh [] at each update would read everything again)
    args: () => [this._role, this._finess, this.me?.ghts, this._version, this._plan.version] as const,
  });

  private _queues = new Task(this, {
    task: async ([role, reference]) => {
      if (role !== 'planner' && role !== 'reviewer') return null;
      const [windows, submitted, granted, declarations, ests] = await Promise.all([
        listWindows(),
        listApplications({ state: 'submitted' }),
        listApplications({ state: 'granted' }),
        listDeclarations({ state: 'pending_ars,pending_ans' }),
        reference.establishmentIndex(),
      ]);
      const oldest = (a: Declaration, b: Declaration) => a.createdAt.localeCompare(b.createdAt);
      return {
        windows: new Map(windows.map((w) => [w.id, w])),
        toInstruct: submitted.sort(byDate((a) => a.submittedAt)),
        applications: new Map(granted.map((a) => [a.id, a])),
        ars: declarations.filter((d) => declarationState(d) === 'pending_ars').sort(oldest),
        ans: declarations.filter((d) => declarationState(d) === 'pending_ans').sort(oldest),
        names: new Map([...ests].map(([f, e]) => [f, e.name])),
      };
    },
    args: () => [this._role, this._plan.reference, this._version, this._plan.version] as const,
  });

  override render() {
    const est = this._role === 'establishment';
    const ans = this._role === 'reviewer' && !this.me?.user.region;
    return html`<h1>${k.title}</h1>
      <p class="lead">${est ? k.introEstablishment : ans ? k.introAns : k.introStaff}</p>
      <div role="status" aria-live="polite" data-testid="notice">${this._notice ? html`<div class="alert success"><p>${this._notice}</p></div>` : nothing}</div>
      <div class="data">${
        est
          ? renderTask(this._mine, (d) => (d ? this._establishment(d) : nothing), { keepValue: true })
          : renderTask(this._queues, (d) => (d ? this._staff(d, ans) : nothing), { keepValue: true })
      }</div>`;
  }

  private _establishment(d: NonNullable<typeof this._mine.value>) {
    const mine = [...d.applications].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return html`<section aria-labelledby="ap-windows"><h2 id="ap-windows">${k.windowsTitle}</h2>
        ${d.offered.length ? html`<ul class="windows">${d.offered.map((w) => this._offer(w, d.caps.get(w.id) ?? [], mine))}</ul>` : html`<p>${k.noWindow}</p>`}</section>
      <section aria-labelledby="ap-mine"><h2 id="ap-mine">${k.mineTitle}</h2>
        ${
          mine.length
            ? mine.map((a) => {
                const w = d.windows.get(a.windowId);
                const own = d.caps.get(w?.id ?? '')?.find((e) => (e.applicant.ghtCode ?? '') === (a.ghtCode ?? ''));
                return w
                  ? html`<jalon-application-card .application=${a} .window=${w} .capCents=${own?.capCents ?? undefined}
                      ghtName=${a.ghtCode ? (this._ghts.find((g) => g.code === a.ghtCode)?.name ?? a.ghtCode) : ''}
                      today=${this._today}></jalon-application-card>`
                  : nothing;
              })
            : html`<p class="card">${k.mineNone}</p>`
        }</section>`;
  }

  private _offer(w: FundingWindow, es: ApplicantEligibility[], mine: Application[]) {
    const open = applicationsOpen(w, this._today);
    const live = mine.some((a) => a.windowId === w.id && isLive(a));
    const eligible = es.filter((e) => e.eligible);
    const p = w.phases;
    return html`<li data-window=${w.code}>
      <span class="code">${w.code}</span><h3>${w.name}</h3>
      <p class="hint">${w.reference} · ${k.objectivesOf(w.objectives.length)} · ${k.declareBy(formatDate(p.declarationsOpen))}</p>
      <p>${open ? k.until(formatDate(p.applicationsClose)) : k.from(formatDate(p.applicationsOpen))}</p>
      ${es.length > 1 ? this._capsFor(es) : this._capOf(es[0])}
      ${
        live
          ? html`<p class="hint">${k.alreadyApplied}</p>`
          : open && eligible.length
            ? this._applying === w.id
              ? html`<jalon-application-form .window=${w} .applicants=${eligible}></jalon-application-form>`
              : html`<button class="btn" id="apply-${w.id}" type="button" aria-label=${k.applyFor(w.name)}
                  @click=${() => (this._applying = w.id)}>${k.apply}</button>`
            : nothing
      }</li>`;
  }

  /** The establishment's own cap, or why it may not apply. */
  private _capOf(e: ApplicantEligibility | undefined) {
    return html`<p>${
      e?.eligible
        ? html`<span class="cap" data-testid="cap">${e.capCents !== null ? k.cap(formatEuros(e.capCents)) : ''}</span>`
        : html`<span class="badge neutral">${k.notEligible}</span> ${e?.reasons.join(' ') ?? ''}`
    }</p>`;
  }

  /** A GHT's support establishment: its own cap and each GHT's, or why not. */
  private _capsFor(es: ApplicantEligibility[]) {
    return html`<ul class="for" aria-label=${k.capsFor} data-testid="caps-for">${es.map((e) => {
      const who = e.applicant.ghtCode ? k.ghtApplicant(e.applicant.name) : e.applicant.name;
      return html`<li data-applicant=${e.applicant.ghtCode ?? e.applicant.finess}>${
        e.eligible
          ? html`<span class="cap">${e.capCents === null ? who : k.capOf(who, formatEuros(e.capCents))}</span>`
          : html`<span class="badge neutral">${k.notEligible}</span> ${k.notEligibleOf(who)} ${e.reasons.join(' ')}`
      }</li>`;
    })}</ul>`;
  }

  private _staff(d: NonNullable<typeof this._queues.value>, ans: boolean) {
    const planner = this._role === 'planner';
    const next = (days: string[]) => days.sort()[0];
    const instructBy = next(d.toInstruct.map((a) => d.windows.get(a.windowId)?.phases.instructionEnd ?? ''));
    const end = (list: Declaration[], level: 'arsChecksEnd' | 'ansChecksEnd') =>
      next(list.map((x) => d.windows.get(d.applications.get(x.applicationId)?.windowId ?? '')?.phases[level] ?? ''));
    const tile = (label: string, n: number, by: string | undefined, testid: string, until = k.checkBy) =>
      html`<li class="tile"><span class="k">${label}</span><span class="v" data-testid=${testid}>${formatCount(n)}</span>
        <span class="s">${by ? until(formatDate(by)) : t.common.none}</span></li>`;
    return html`${planner || ans ? nothing : html`<div class="alert info" data-testid="read-only"><p>${k.readOnly}</p></div>`}
      <ul class="tiles" aria-label=${k.countsTitle}>
        ${ans ? nothing : tile(k.toInstruct, d.toInstruct.length, instructBy, 'count-instruct', k.instructBy)}
        ${ans ? nothing : tile(k.toCheckArs, d.ars.length, end(d.ars, 'arsChecksEnd'), 'count-ars')}
        ${ans ? tile(k.toCheckAns, d.ans.length, end(d.ans, 'ansChecksEnd'), 'count-ans') : nothing}
      </ul>
      ${
        ans
          ? nothing
          : html`<section class="card" aria-labelledby="ap-instruct"><h2 id="ap-instruct">${k.toInstruct} (${d.toInstruct.length})</h2>
        <jalon-instruction-list .applications=${d.toInstruct} .windows=${d.windows} .names=${d.names} ?editable=${planner}></jalon-instruction-list></section>
      <section class="card" aria-labelledby="ap-ars"><h2 id="ap-ars">${k.toCheckArs} (${d.ars.length})</h2>
        <jalon-check-list level="ars" .declarations=${d.ars} .applications=${d.applications} .windows=${d.windows} .names=${d.names} ?editable=${planner}></jalon-check-list></section>`
      }
      ${
        ans
          ? html`<section class="card" aria-labelledby="ap-ans"><h2 id="ap-ans">${k.toCheckAns} (${d.ans.length})</h2>
        <jalon-check-list level="ans" .declarations=${d.ans} .applications=${d.applications} .windows=${d.windows} .names=${d.names} editable></jalon-check-list></section>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-applications-page': JalonApplicationsPage;
  }
}
