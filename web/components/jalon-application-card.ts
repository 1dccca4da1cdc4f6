// <jalon-application-card>: one of an establishment's applications — its window, state and dates,
// the draft's edit, submit and withdraw; refused: the reason; granted: each committed objective
// with its deadline, the checks' verdicts, its tranche and what was paid on it, the evidence
// given, and the declaration form (« que dois-je livrer, et quand »).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Application, FundingWindow } from '../../server/contract/windows.js';
import { getAllocation } from '../api/allocations.js';
import {
  declarationsOf,
  evidenceUrl,
  paymentsOf,
  submitApplication,
  withdrawApplication,
} from '../api/applications.js';
import { declarable, objectiveRows, type ObjectiveRow } from '../lib/applications.js';
import { fire } from '../lib/fire.js';
import { formatBytes, formatDate, formatEuros } from '../lib/format.js';
import { t } from '../i18n/applications.js';
import { cardTable } from '../lib/catalog-form.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import './jalon-application-form.js';
import './jalon-objective-declaration.js';

const k = t.applications;
const BADGE: Record<Application['state'], string> = {
  draft: 'neutral',
  submitted: 'info',
  granted: 'success',
  refused: 'error',
  withdrawn: 'neutral',
};
const STATE_BADGE: Record<ObjectiveRow['state'], string> = {
  none: 'neutral',
  pending_ars: 'warning',
  refused_ars: 'error',
  pending_ans: 'warning',
  refused_ans: 'error',
  achieved: 'success',
};

@customElement('jalon-application-card')
export class JalonApplicationCard extends LitElement {
  static override styles = [
    tokens,
    ui,
    cardTable,
    css`
    :host { display: block; }
    article { background: var(--bg); border: 1px solid var(--border); border-top: 4px solid var(--blue); padding: 24px; margin-bottom: 24px; }
    header { display: flex; justify-content: space-between; gap: 8px 16px; align-items: flex-start; flex-wrap: wrap; }
    header > div { min-width: 0; flex: 1 1 320px; }
    h3 { overflow-wrap: anywhere; margin: 0; }
    .code { font-size: 0.875rem; font-weight: 700; color: var(--blue); display: block; }
    .ref { color: var(--muted); font-size: 0.9375rem; margin: 0; }
    dl { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; margin: 16px 0; }
    dl div { background: var(--bg-alt); padding: 12px 16px; min-width: 0; }
    dt { font-size: 0.875rem; color: var(--muted); }
    dd { margin: 0; font-weight: 700; font-size: 1.125rem; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
    .buttons { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
    .confirm { margin-top: 8px; padding: 12px 16px; border-left: 4px solid var(--warning); background: var(--bg-alt); }
    .confirm p { margin: 0 0 8px; }
    .why { margin: 4px 0 0; font-size: 0.875rem; overflow-wrap: anywhere; }
    .files { list-style: none; margin: 4px 0 0; padding: 0; font-size: 0.875rem; }
    .files a { overflow-wrap: anywhere; }
    td.form { background: var(--bg-alt); padding: 0 12px 12px; }
    @media (max-width: 720px) {
      article { padding: 16px; }
      dl { grid-template-columns: minmax(0, 1fr); gap: 8px; }
      td.form { padding: 0; }
    }
  `,
  ];

  @property({ attribute: false }) application!: Application;
  @property({ attribute: false }) window!: FundingWindow;
  @property({ type: Number }) capCents?: number;
  /** A GHT's application (« un dossier par GHT »): the GHT's name. */
  @property() ghtName = '';
  /** Today, in the user's time zone (AAAA-MM-JJ): which phases are open. */
  @property() today = '';
  @state() private _mode: 'idle' | 'edit' | 'withdraw' = 'idle';
  /** The objective whose declaration form is open. */
  @state() private _declaring = '';
  @state() private _busy = false;
  @state() private _error = '';

  private _detail = new Task(this, {
    task: async ([a]) => {
      if (a.state !== 'granted') return null;
      const [declarations, allocation, payments] = await Promise.all([
        declarationsOf(a.id),
        a.allocationId ? getAllocation(a.allocationId) : Promise.resolve(undefined),
        a.allocationId ? paymentsOf(a.allocationId) : Promise.resolve([]),
      ]);
      return objectiveRows(a, this.window, declarations, allocation, payments);
    },
    // the page reads the applications again after every write: a new object, its details anew
    args: () => [this.application] as const,
  });

  // once, not at every connection: an element shown again must not listen twice
  constructor() {
    super();
    this.addEventListener('form-close', (e) => {
      e.stopPropagation();
      const was = this._declaring || (this._mode === 'edit' ? 'edit' : '');
      this._mode = 'idle';
      this._declaring = '';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-opens="${was}"]`)?.focus());
    });
  }

  private async _step(write: () => Promise<Application>, message: string) {
    this._busy = true;
    this._error = '';
    try {
      await write();
      this._mode = 'idle';
      fire(this, 'applications-changed', { message });
    } catch (err) {
      this._error = (err as Error).message;
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const a = this.application;
    const w = this.window;
    const id = `ap-${a.id}`;
    return html`<article aria-labelledby="${id}-t" data-id=${a.id} data-state=${a.state}>
      <header><div><span class="code">${w.code}</span><h3 id="${id}-t">${w.name}</h3><p class="ref">${w.reference}</p>
        ${this.ghtName ? html`<p class="ref" data-testid="ght-file">${k.ghtFile(this.ghtName)}</p>` : nothing}</div>
        <span class="badge ${BADGE[a.state]}" data-testid="state">${t.applicationStates[a.state]}</span></header>
      <dl>
        <div><dt>${k.requested}</dt><dd>${formatEuros(a.requestedCents)}</dd></div>
        <div><dt>${k.granted}</dt><dd data-testid="granted">${a.grantedCents !== undefined ? formatEuros(a.grantedCents) : t.common.none}</dd></div>
        <div><dt>${k.objectives}</dt><dd>${a.objectives.join(', ')}</dd></div>
      </dl>
      ${this._dates(a)}
      ${a.state === 'refused' ? html`<div class="alert error"><p><strong>${k.refusalReason} :</strong> ${a.refusalReason ?? ''}</p></div>` : nothing}
      ${this._tools(a, id)}
      ${this._error ? html`<div class="alert error" role="alert"><p>${this._error}</p></div>` : nothing}
      ${a.state === 'granted' ? renderTask(this._detail, (rows) => (rows ? this._objectives(rows, id) : nothing), { keepValue: true, heading: false }) : nothing}
    </article>`;
  }

  private _dates(a: Application) {
    const parts = [
      a.submittedAt ? k.submittedOn(formatDate(a.submittedAt)) : '',
      a.state === 'submitted' ? k.instructBy(formatDate(this.window.phases.instructionEnd)) : '',
      a.grantedAt ? k.grantedOn(formatDate(a.grantedAt)) : '',
      a.refusedAt ? k.refusedOn(formatDate(a.refusedAt)) : '',
      a.withdrawnAt ? k.withdrawnOn(formatDate(a.withdrawnAt)) : '',
      a.state === 'draft' ? k.until(formatDate(this.window.phases.applicationsClose)) : '',
    ].filter(Boolean);
    return parts.length ? html`<p class="hint">${parts.join(' · ')}</p>` : nothing;
  }

  private _tools(a: Application, id: string) {
    if (this._mode === 'edit')
      return html`<jalon-application-form .window=${this.window} .application=${a}
        .capCents=${this.capCents}></jalon-application-form>`;
    if (this._mode === 'withdraw')
      return html`<div class="confirm" role="group" aria-labelledby="${id}-w"><p id="${id}-w">${k.confirmWithdraw}</p>
        <div class="buttons"><button class="btn danger" type="button" ?disabled=${this._busy}
          @click=${() => this._step(() => withdrawApplication(a), k.withdrawn(this.window.name))}>${k.confirmWithdrawButton}</button>
        <button class="btn tertiary" type="button" ?disabled=${this._busy} @click=${() => (this._mode = 'idle')}>${t.common.cancel}</button></div></div>`;
    if (a.state !== 'draft' && a.state !== 'submitted') return nothing;
    return html`<div class="buttons">
      ${
        a.state === 'draft'
          ? html`<button class="btn" type="button" ?disabled=${this._busy}
              @click=${() => this._step(() => submitApplication(a), k.submitted(this.window.name))}>${k.submit}</button>
            <button class="btn secondary" type="button" data-opens="edit" @click=${() => (this._mode = 'edit')}>${k.edit}</button>`
          : nothing
      }
      <button class="btn danger" type="button" @click=${() => (this._mode = 'withdraw')}>${k.withdraw}</button></div>`;
  }

  private _objectives(rows: ObjectiveRow[], id: string) {
    const total = (f: (r: ObjectiveRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    const w = this.window;
    return html`<h4 class="sr-only" id="${id}-o">${k.objectivesTitle}</h4>
      <p class="hint">${k.declarationsWindow(formatDate(w.phases.declarationsOpen), formatDate(w.phases.declarationsClose))}</p>
      <table class="cards" aria-labelledby="${id}-o" data-testid="objectives">
      <thead><tr><th scope="col">${k.objective}</th><th scope="col">${k.deadline}</th><th scope="col">${k.state}</th>
        <th scope="col" class="num">${k.tranche}</th><th scope="col" class="num">${k.paid}</th><th scope="col"><span class="sr-only">${t.common.actions}</span></th></tr></thead>
      <tbody>${rows.map((r) => this._row(r))}</tbody>
      <tfoot><tr><th scope="row" colspan="3">${k.total}</th><td class="num" data-label=${k.tranche}>${formatEuros(total((r) => r.trancheCents))}</td>
        <td class="num" data-label=${k.paid}>${formatEuros(total((r) => r.paidCents))}</td><td></td></tr></tfoot>
    </table>`;
  }

  private _row(r: ObjectiveRow) {
    const a = this.application;
    const can = declarable(r, this.window, this.today);
    const label = r.state === 'none' ? k.declare : k.declareAgain;
    return html`<tr data-objective=${r.code}>
        <th scope="row"><strong>${r.code}</strong> — ${r.title}</th>
        <td data-label=${k.deadline}>${formatDate(r.deadline)}</td>
        <td data-label=${k.state}><span class="badge ${STATE_BADGE[r.state]}" data-testid="objective-state">${t.objectiveStates[r.state]}</span>
          ${r.reason ? html`<p class="why"><strong>${k.reasonShort} :</strong> ${r.reason}</p>` : nothing}
          ${r.freed ? html`<p class="why">${k.freed}</p>` : nothing}
          ${r.last ? this._evidence(r) : nothing}</td>
        <td class="num" data-label=${k.tranche}>${formatEuros(r.trancheCents)}</td>
        <td class="num" data-label=${k.paid} data-testid="paid">${formatEuros(r.paidCents)}</td>
        <td>${
          can && this._declaring !== r.code
            ? html`<button class="btn small" type="button" data-opens=${r.code} aria-label="${label} : ${r.code}"
                @click=${() => (this._declaring = r.code)}>${label}</button>`
            : nothing
        }</td></tr>
      ${
        this._declaring === r.code
          ? html`<tr><td class="form" colspan="6"><jalon-objective-declaration applicationId=${a.id} objective=${r.code}
              objectiveTitle=${r.title}></jalon-objective-declaration></td></tr>`
          : nothing
      }`;
  }

  private _evidence(r: ObjectiveRow) {
    const d = r.last!;
    return html`<p class="why">${k.declaredOn(formatDate(d.achievedOn))}${d.comment ? ` — ${d.comment}` : ''}</p>
      <ul class="files" aria-label="${k.evidence} : ${r.code}">${d.evidence.map(
        (f) =>
          html`<li><a href=${evidenceUrl(d.id, f.sha256)} download=${f.name}>${f.name}</a> <span class="hint">${formatBytes(f.size)}</span></li>`,
      )}</ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-application-card': JalonApplicationCard;
  }
}
