// <jalon-payment-cancel>: the dialog that cancels a payment by a counter-entry — what will happen,
// a mandatory reason, a confirmation. `show(payment, label)` opens it; the API's refusal stays in it.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Payment } from '../../server/contract/plan.js';
import { cancelPayment } from '../api/payments.js';
import { DialogController } from '../controllers/dialog-controller.js';
import { textField } from '../lib/catalog-form.js';
import { dialogStyles } from '../lib/dialog-styles.js';
import { fire } from '../lib/fire.js';
import { formatEuros } from '../lib/format.js';
import { t } from '../i18n/payments.js';
import { tokens, ui } from '../lib/styles.js';

@customElement('jalon-payment-cancel')
export class JalonPaymentCancel extends LitElement {
  static override styles = [
    tokens,
    ui,
    dialogStyles,
    css`
    .what { font-weight: 600; overflow-wrap: anywhere; }
  `,
  ];

  @state() private _payment?: Payment;
  @state() private _label = '';
  @state() private _reason = '';
  private _dialog = new DialogController(this, ['reason']);

  async show(payment: Payment, label: string) {
    this._payment = payment;
    this._label = label;
    this._reason = '';
    await this._dialog.open('textarea');
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const p = this._payment;
    if (!p) return;
    const reason = this._reason.trim();
    if (!reason) return this._dialog.refuse({ reason: t.payments.reasonRequired });
    await this._dialog.run(async () => {
      const counter = await cancelPayment(p, reason);
      fire(this, 'payments-changed', { payment: counter });
    });
  }

  override render() {
    const p = this._payment;
    const d = this._dialog;
    return html`<dialog aria-labelledby="pc-title" aria-describedby="pc-intro" data-testid="cancel-dialog">
      ${
        p
          ? html`<form @submit=${this._submit} novalidate>
          <h2 id="pc-title">${t.payments.cancelTitle}</h2>
          <p class="what">${this._label}</p>
          <p id="pc-intro">${t.payments.cancelIntro(formatEuros(Math.abs(p.amountCents)))}</p>
          ${textField('pc-reason', t.payments.reason, this._reason, (v) => (this._reason = v), {
            multiline: true,
            required: true,
            maxlength: 1000,
            error: d.errors.reason,
          })}
          ${d.error ? html`<div class="alert error" role="alert"><p>${d.error}</p></div>` : nothing}
          <div class="actions">
            <button class="btn secondary" type="button" @click=${() => d.close()}>${t.payments.keep}</button>
            <button class="btn danger" ?disabled=${d.busy}>${t.payments.confirmCancel}</button>
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
