// <jalon-award-card>: one funded action of an establishment — amounts, payments, milestones,
// and the declaration that the action is done.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AwardLine, Completion, MilestoneProgress } from '../../server/contract/plan.js';
import { declareCompletion } from '../api/reports.js';
import { fire } from '../lib/fire.js';
import { amountOf, formatDate, formatEuros, formatPercent, localToday, sumAmounts } from '../lib/format.js';
import { t } from '../i18n/awards.js';
import { tokens, ui } from '../lib/styles.js';
import { FIRST_DAY, YEARS } from '../lib/years.js';

@customElement('jalon-award-card')
export class JalonAwardCard extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    article { background: var(--bg); border: 1px solid var(--border); border-top: 4px solid var(--blue); padding: 24px; margin-bottom: 24px; }
    header { display: flex; justify-content: space-between; gap: 16px; align-items: flex-start; margin-bottom: 16px; }
    .code { font-size: 0.875rem; font-weight: 700; color: var(--blue); display: block; }
    .env { color: var(--muted); font-size: 0.9375rem; margin: 0; }
    dl { display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; margin: 16px 0; }
    dl div { background: var(--bg-alt); padding: 12px 16px; }
    dt { font-size: 0.875rem; color: var(--muted); }
    dd { margin: 0; font-weight: 700; font-size: 1.125rem; font-variant-numeric: tabular-nums; }
    .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; margin-top: 16px; }
    h3 { font-size: 1rem; }
    /* the same columns in every card, whatever the amounts */
    table.years { table-layout: fixed; width: 100%; }
    ul { margin: 0; padding-left: 20px; }
    form { display: flex; gap: 12px; align-items: flex-end; flex-wrap: wrap; margin-top: 8px; }
    .done { color: var(--success); font-weight: 500; }
    .ask { margin: 16px 0 0; }
    @media (max-width: 1000px) { dl { grid-template-columns: 1fr 1fr; } .cols { grid-template-columns: 1fr; } }
  `,
  ];

  @property({ attribute: false }) line!: AwardLine;
  @property({ attribute: false }) milestones: MilestoneProgress[] = [];
  @property({ attribute: false }) completion?: Completion;
  @property() finess = '';
  @state() private _date = localToday();
  @state() private _msg: { kind: 'error' | 'success'; text: string } | null = null;
  @state() private _busy = false;
  /** A declaration is sent only once confirmed: the first click shows the date and asks. */
  @state() private _confirming = false;

  private async _ask() {
    this._confirming = true;
    this._msg = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input[type="date"]')?.focus();
  }

  private async _cancel() {
    this._confirming = false;
    this._date = localToday();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button.declare')?.focus();
  }

  private async _declare(e: SubmitEvent) {
    e.preventDefault();
    this._busy = true;
    this._msg = null;
    try {
      const completion = await declareCompletion({
        finess: this.finess,
        actionId: this.line.action.id,
        completedOn: this._date,
      });
      this._msg = { kind: 'success', text: t.awards.declaredOk(this.line.action.title) };
      this._confirming = false;
      fire(this, 'completion-declared', { completion });
    } catch (err) {
      this._msg = { kind: 'error', text: (err as Error).message };
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const { allocation: a, action, envelope } = this.line;
    const amounts = a.amounts;
    const id = `aw-${a.id}`;
    return html`<article aria-labelledby="${id}-t" data-action=${action.id}>
      <header>
        <div><span class="code">${action.code} · ${t.axisShort(action.axis)}</span><h2 id="${id}-t">${action.title}</h2>
          <p class="env">${t.common.envelope} : ${envelope.name} (${envelope.status === 'announced' ? t.money.announced : t.money.committed})</p></div>
        <div>${a.revision ? html`<span class="badge warning">${t.revisionPending}</span> ` : nothing}
          <span class="badge ${a.status === 'approved' ? 'success' : a.status === 'rejected' ? 'error' : 'info'}">${t.statuses[a.status]}</span></div>
      </header>
      <dl>
        <div><dt>${t.awards.total}</dt><dd>${formatEuros(sumAmounts(amounts))}</dd></div>
        <div><dt>${t.money.approved}</dt><dd>${formatEuros(this.line.approvedCents)}</dd></div>
        <div><dt>${t.money.paid}</dt><dd>${formatEuros(this.line.paidCents)}</dd></div>
        <div><dt>${t.money.remainingToPay}</dt><dd>${formatEuros(this.line.remainingCents)}</dd></div>
      </dl>
      <table class="years"><caption>${t.awards.yearly}</caption>
        <thead><tr>${YEARS.map((y) => html`<th scope="col" class="num">${y}</th>`)}<th scope="col" class="num">${t.common.total}</th></tr></thead>
        <tbody><tr>${YEARS.map((y) => html`<td class="num">${formatEuros(amountOf(amounts, y))}</td>`)}<td class="num"><strong>${formatEuros(sumAmounts(amounts))}</strong></td></tr></tbody>
      </table>
      <div class="cols">
        <div><h3>${t.awards.payments(this.line.payments.length)}</h3>
          ${this.line.payments.length ? html`<ul>${this.line.payments.map((p) => html`<li>${formatDate(p.paidOn)} : ${formatEuros(p.amountCents)}${p.tranche ? ` (${t.awards.tranche.toLowerCase()} ${p.tranche})` : ''}</li>`)}</ul>` : html`<p class="hint">—</p>`}
        </div>
        <div><h3>${t.awards.milestones}</h3>
          ${
            this.milestones.length
              ? html`<ul>${this.milestones.map(
                  (m) => html`<li><strong>${formatDate(m.date)}</strong> — ${m.title}
            ${m.target ? html` (${t.common.counted(m.completed, m.population)}, ${t.awards.target(formatPercent(m.target.share))})` : nothing}
            ${m.status ? html` <span class="badge ${{ achieved: 'success', on_track: 'info', at_risk: 'warning', missed: 'error' }[m.status]}">${t.milestoneStatus[m.status]}</span>` : nothing}</li>`,
                )}</ul>`
              : html`<p class="hint">—</p>`
          }
        </div>
      </div>
      <div role="status" aria-live="polite">${this._msg ? html`<div class="alert ${this._msg.kind}" style="margin-top:16px"><p>${this._msg.text}</p></div>` : nothing}</div>
      ${
        this.completion
          ? html`<p class="done">✓ ${t.awards.declared(formatDate(this.completion.completedOn))} — ${this.completion.validatedAt ? t.awards.validated : t.awards.pendingCheck}</p>`
          : a.status !== 'approved'
            ? nothing
            : !this._confirming
              ? html`<p class="ask"><button class="btn declare" type="button" aria-label="${t.awards.declare} : ${action.title}" @click=${this._ask}>${t.awards.declare}</button></p>`
              : html`<form @submit=${this._declare}>
            <div class="field"><label for="${id}-d">${t.awards.completedOn}</label>
              <input id="${id}-d" type="date" min=${FIRST_DAY} max=${localToday()} .value=${this._date}
                @input=${(e: InputEvent) => {
                  this._date = (e.target as HTMLInputElement).value;
                }} required></div>
            <button class="btn" ?disabled=${this._busy}>${t.awards.confirmDeclare}</button>
            <button class="btn tertiary" type="button" ?disabled=${this._busy} @click=${this._cancel}>${t.common.cancel}</button></form>`
      }
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-award-card': JalonAwardCard;
  }
}
