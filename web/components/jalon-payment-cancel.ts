// <jalon-payment-cancel>: the dialog that cancels a payment by a counter-entry — what will happen,
// a mandatory reason, a confirmation. `show(payment, label)` opens it; the API's refusal stays in it.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Payment } from '../../server/contract/plan.js';
import { ApiError } from '../api/client.js';
import { cancelPayment } from '../api/payments.js';
import { fire } from '../lib/fire.js';
import { formatEuros } from '../lib/format.js';
import { t } from '../i18n/payments.js';
import { tokens, ui } from '../lib/styles.js';

@customElement('jalon-payment-cancel')
export class JalonPaymentCancel extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    dialog { border: 1px solid var(--border-strong); padding: 24px; max-width: min(560px, calc(100vw - 32px)); width: 100%; }
    dialog::backdrop { background: rgb(22 22 22 / 0.5); }
    form { display: grid; gap: 16px; }
    textarea { min-height: 96px; resize: vertical; }
    .what { font-weight: 600; overflow-wrap: anywhere; }
    .actions { display: flex; gap: 12px; flex-wrap: wrap; justify-content: flex-end; }
  `,
  ];

  @state() private _payment?: Payment;
  @state() private _label = '';
  @state() private _reason = '';
  @state() private _error = '';
  @state() private _fieldError = '';
  @state() private _busy = false;
  @query('dialog') private _dialog!: HTMLDialogElement;

  async show(payment: Payment, label: string) {
    this._payment = payment;
    this._label = label;
    this._reason = '';
    this._error = '';
    this._fieldError = '';
    await this.updateComplete;
    if (!this._dialog.open) this._dialog.showModal();
    this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  }

  private _close() {
    this._dialog.close();
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const p = this._payment;
    if (!p) return;
    const reason = this._reason.trim();
    this._error = '';
    this._fieldError = reason ? '' : t.payments.reasonRequired;
    if (!reason) return;
    this._busy = true;
    try {
      const counter = await cancelPayment(p, reason);
      this._close();
      fire(this, 'payments-changed', { payment: counter });
    } catch (err) {
      this._fieldError = err instanceof ApiError ? (err.fieldMessage('reason') ?? '') : '';
      if (!this._fieldError) this._error = (err as Error).message;
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const p = this._payment;
    return html`<dialog aria-labelledby="pc-title" aria-describedby="pc-intro" data-testid="cancel-dialog">
      ${
        p
          ? html`<form @submit=${this._submit} novalidate>
          <h2 id="pc-title">${t.payments.cancelTitle}</h2>
          <p class="what">${this._label}</p>
          <p id="pc-intro">${t.payments.cancelIntro(formatEuros(Math.abs(p.amountCents)))}</p>
          <div class="field"><label for="pc-reason">${t.payments.reason}</label>
            <textarea id="pc-reason" required maxlength="1000" .value=${this._reason} aria-invalid=${this._fieldError ? 'true' : 'false'}
              aria-describedby=${this._fieldError ? 'pc-reason-err' : nothing}
              @input=${(e: InputEvent) => {
                this._reason = (e.target as HTMLTextAreaElement).value;
              }}></textarea>
            ${this._fieldError ? html`<span class="field-error" id="pc-reason-err">${this._fieldError}</span>` : nothing}</div>
          ${this._error ? html`<div class="alert error" role="alert"><p>${this._error}</p></div>` : nothing}
          <div class="actions">
            <button class="btn secondary" type="button" @click=${this._close}>${t.payments.keep}</button>
            <button class="btn danger" ?disabled=${this._busy}>${t.payments.confirmCancel}</button>
          </div>
        </form>`
          : nothing
      }
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-payment-cancel': JalonPaymentCancel;
  }
}
