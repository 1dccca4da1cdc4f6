// <jalon-instruction-list>: the submitted applications an ARS (or a national planner) instructs,
// oldest first, with the window's instruction deadline: « Accorder » an amount up to the
// applicant's cap (the version read, If-Match), or « Refuser » with a reason. Read-only for the
// others. The API's refusal (above what remains of the envelope or the delegation...) shows in
// the dialog.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Application, FundingWindow } from '../../server/contract/windows.js';
import { grantApplication, refuseApplication } from '../api/applications.js';
import { eligibilityOf } from '../api/windows.js';
import { DialogController } from '../controllers/dialog-controller.js';
import { textField } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { centsToInput, formatDate, formatEuros, parseEuros } from '../lib/format.js';
import { t } from '../i18n/applications.js';
import { tokens, ui } from '../lib/styles.js';
import { queueStyles } from '../lib/queue-styles.js';

const k = t.applications;

@customElement('jalon-instruction-list')
export class JalonInstructionList extends LitElement {
  static override styles = [tokens, ui, queueStyles];

  @property({ attribute: false }) applications: Application[] = [];
  @property({ attribute: false }) windows: ReadonlyMap<string, FundingWindow> = new Map();
  @property({ attribute: false }) names: ReadonlyMap<string, string> = new Map();
  /** May grant and refuse (a planner, national or of the application's region). */
  @property({ type: Boolean }) editable = false;
  @state() private _open: { app: Application; verb: 'grant' | 'refuse'; capCents?: number } | null = null;
  @state() private _value = '';
  private _dialog = new DialogController(this, ['amountCents', 'reason']);

  private _name(a: Application) {
    return this.names.get(a.finess) ?? a.finess;
  }

  private async _show(app: Application, verb: 'grant' | 'refuse') {
    this._open = { app, verb };
    this._value = verb === 'grant' ? centsToInput(app.requestedCents) : '';
    await this._dialog.open('#il-value');
    if (verb === 'grant') {
      // the cap is the window's caps row for this applicant: shown as the limit of the amount
      const e = await eligibilityOf(app.windowId, app.finess, app.ghtCode).catch(() => null);
      if (e && e.capCents !== null && this._open?.app.id === app.id)
        this._open = { ...this._open, capCents: e.capCents };
    }
  }

  private _close() {
    this._dialog.close();
    this._open = null;
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const o = this._open;
    if (!o) return;
    const who = this._name(o.app);
    let write: () => Promise<Application>;
    let message: string;
    if (o.verb === 'grant') {
      const p = parseEuros(this._value);
      if (!p.ok || p.cents === 0 || (o.capCents !== undefined && p.cents > o.capCents))
        return this._dialog.refuse({
          amountCents: !p.ok ? p.error : p.cents === 0 ? k.amountRequired : k.amountAboveCap(formatEuros(o.capCents!)),
        });
      write = () => grantApplication(o.app, p.cents);
      message = k.grantedDone(who, formatEuros(p.cents));
    } else {
      const reason = this._value.trim();
      if (!reason) return this._dialog.refuse({ reason: k.reasonRequired });
      write = () => refuseApplication(o.app, reason);
      message = k.refusedDone(who);
    }
    const done = await this._dialog.run(async () => {
      await write();
      fire(this, 'applications-changed', { message });
    });
    if (done) this._open = null;
  }

  override render() {
    if (!this.applications.length) return html`<p>${k.instructNone}</p>`;
    return html`<table class="cards" data-testid="to-instruct">
      <caption class="sr-only">${k.toInstruct}</caption>
      <thead><tr><th scope="col">${k.applicant}</th><th scope="col">${k.window}</th><th scope="col" class="num">${k.requested}</th>
        <th scope="col">${k.objectives}</th><th scope="col">${k.submittedAt}</th>${this.editable ? html`<th scope="col"><span class="sr-only">${t.common.actions}</span></th>` : nothing}</tr></thead>
      <tbody>${this.applications.map((a) => this._row(a))}</tbody></table>
      ${this._dialogView()}`;
  }

  private _row(a: Application) {
    const w = this.windows.get(a.windowId);
    const who = this._name(a);
    return html`<tr data-id=${a.id} data-finess=${a.finess}>
      <th scope="row">${who}<span class="sub">FINESS ${a.finess}</span></th>
      <td data-label=${k.window}>${w?.name ?? a.windowId}${w ? html`<span class="sub">${k.instructBy(formatDate(w.phases.instructionEnd))}</span>` : nothing}</td>
      <td class="num" data-label=${k.requested}>${formatEuros(a.requestedCents)}</td>
      <td data-label=${k.objectives}>${a.objectives.join(', ')}</td>
      <td data-label=${k.submittedAt}>${a.submittedAt ? formatDate(a.submittedAt) : t.common.none}</td>
      ${
        this.editable
          ? html`<td><div class="tools">
          <button class="btn small" id="grant-${a.id}" type="button" aria-label=${k.label(k.grant, who, w?.code ?? '')} @click=${() => this._show(a, 'grant')}>${k.grant}</button>
          <button class="btn danger small" id="refuse-${a.id}" type="button" aria-label=${k.label(k.refuse, who, w?.code ?? '')} @click=${() => this._show(a, 'refuse')}>${k.refuse}</button>
        </div></td>`
          : nothing
      }</tr>`;
  }

  private _dialogView() {
    const o = this._open;
    const grant = o?.verb === 'grant';
    // the one field's refusal (the amount's or the reason's, the API's or ours), or any other
    const d = this._dialog;
    const error = d.errors.amountCents || d.errors.reason || d.error;
    const hint = grant
      ? o?.capCents !== undefined
        ? k.grantHint(formatEuros(o.capCents))
        : k.amountHintNoCap
      : k.reasonHint;
    return html`<dialog aria-labelledby="il-title" @cancel=${(e: Event) => (e.preventDefault(), this._close())}>${
      o
        ? html`<form novalidate @submit=${this._submit}>
        <h2 id="il-title">${grant ? k.grantTitle : k.refuseTitle}</h2>
        <p>${k.what(this._name(o.app), this.windows.get(o.app.windowId)?.name ?? o.app.windowId)} — ${k.requested} : ${formatEuros(o.app.requestedCents)}</p>
        ${textField('il-value', grant ? k.grantAmount : k.reason, this._value, (v) => (this._value = v), {
          ...(grant ? { inputmode: 'decimal' } : { multiline: true }),
          hint,
          error: error || undefined,
        })}
        <div class="actions"><button class="btn ${grant ? '' : 'danger'}" ?disabled=${d.busy}>${grant ? k.grantConfirm : k.refuseConfirm}</button>
          <button class="btn secondary" type="button" @click=${() => this._close()}>${t.common.cancel}</button></div>
      </form>`
        : nothing
    }</dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-instruction-list': JalonInstructionList;
  }
}
