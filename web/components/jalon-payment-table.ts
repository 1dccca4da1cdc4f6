// <jalon-payment-table>: a page of the payments register. Counter-entries carry the « Annulation »
// badge, their reason and the payment they cancel; a cancelled payment is marked « Annulé ». Below
// 720 px each row is a card. « Annuler ce versement » asks the page (payment-cancel).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type {
  Action,
  Allocation,
  Envelope,
  Establishment,
  Payment,
  PooledResource,
} from '../../server/contract/plan.js';
import { beneficiaryName, pooledLine } from '../lib/beneficiary.js';
import { fire } from '../lib/fire.js';
import { formatDate, formatDateTime, formatEuros, formatSignedEuros } from '../lib/format.js';
import { t } from '../i18n/payments.js';
import { tokens, ui } from '../lib/styles.js';

/** What names a payment's allocation: its establishment or pooled regional resource, action and envelope. */
export interface PaymentRefs {
  allocations: ReadonlyMap<Allocation['id'], Allocation>;
  establishments: ReadonlyMap<Establishment['finess'], Establishment>;
  /** By SIRET: an allocation's `finess` may name one. */
  pooled: ReadonlyMap<PooledResource['siret'], PooledResource>;
  regionNames: ReadonlyMap<string, string>;
  actions: ReadonlyMap<Action['id'], Action>;
  envelopes: ReadonlyMap<Envelope['id'], Envelope>;
}

/** Before the references are read. */
const NONE = new Map<string, never>();

@customElement('jalon-payment-table')
export class JalonPaymentTable extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    td { vertical-align: top; }
    .day { white-space: nowrap; }
    .sub { display: block; font-size: 0.8125rem; color: var(--mention); font-weight: 400; overflow-wrap: anywhere; }
    .reason { display: block; font-size: 0.875rem; margin-top: 4px; overflow-wrap: anywhere; }
    tr.counter td, tr.counter th { background: var(--warning-bg); }
    tr.cancelled .amount { text-decoration: line-through; color: var(--mention); }
    .right { text-align: right; }
    @media (max-width: 720px) {
      table, caption, tbody, tr, td, th { display: block; width: 100%; }
      thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      tr { border: 1px solid var(--border); margin-bottom: 12px; padding: 8px 0; }
      tr.counter { background: var(--warning-bg); }
      td, th { border: 0; padding: 4px 12px; }
      td[data-label]::before { content: attr(data-label); display: block; font-size: 0.75rem; font-weight: 700; color: var(--muted); }
      .num, .right { text-align: left; }
    }
  `,
  ];

  @property({ attribute: false }) items: Payment[] = [];
  @property({ attribute: false }) refs?: PaymentRefs;
  /** A reviewer: each payment not yet cancelled gets « Annuler ce versement ». */
  @property({ type: Boolean }) editable = false;
  @property() caption = '';

  /** « CH de Versailles — 1 200,00 € le 3 mars 2025 », for the button's name and the dialog. */
  private _label(p: Payment, name: string) {
    return `${name} — ${formatEuros(Math.abs(p.amountCents))}, ${formatDate(p.paidOn)}`;
  }

  private _row(p: Payment) {
    const a = this.refs?.allocations.get(p.allocationId);
    const who = { ests: this.refs?.establishments ?? NONE, pooled: this.refs?.pooled ?? NONE };
    const name = a ? beneficiaryName(who, a.finess) : p.allocationId;
    // a pooled resource: its SIRET, region and what it is, as the allocations grid shows it
    const id = a ? (pooledLine(who, a.finess, this.refs?.regionNames ?? NONE) ?? a.finess) : '';
    const what = a
      ? `${this.refs?.actions.get(a.actionId)?.code ?? a.actionId} · ${this.refs?.envelopes.get(a.envelopeId)?.code ?? a.envelopeId}`
      : p.allocationId;
    const kind = p.cancelsId ? 'counter' : p.cancelledBy ? 'cancelled' : '';
    return html`<tr class=${kind} data-id=${p.id} data-kind=${kind || 'payment'}>
      <td class="day" data-label=${t.payments.date}>${formatDate(p.paidOn)}</td>
      <th scope="row" data-label=${t.common.establishment}>${name}<span class="sub">${id} · ${what}</span></th>
      <td data-label=${t.payments.tranche}>${p.tranche || t.common.none}</td>
      <td class="num" data-label=${t.payments.amount}><span class="amount">${p.cancelsId ? formatSignedEuros(p.amountCents) : formatEuros(p.amountCents)}</span></td>
      <td data-label=${t.payments.movement}>${
        p.cancelsId
          ? html`<span class="badge warning">${t.payments.badgeCancel}</span>
            <span class="sub">${t.payments.cancelsOf(formatDate(p.paidOn), p.cancelsId)}</span>
            <span class="reason">${t.payments.reasonOf(p.reason ?? '')}</span>`
          : p.cancelledBy
            ? html`<span class="badge neutral">${t.payments.badgeCancelled}</span><span class="sub">${t.payments.cancelledByOf(p.cancelledBy)}</span>`
            : nothing
      }${p.createdBy ? html`<span class="sub">${t.payments.enteredBy(p.createdBy, formatDateTime(p.createdAt))}</span>` : nothing}</td>
      ${
        this.editable
          ? html`<td class="right">${
              p.cancelsId || p.cancelledBy
                ? nothing
                : html`<button class="btn danger small" type="button" aria-label=${t.payments.cancelButtonFor(this._label(p, name))}
                    @click=${() => fire(this, 'payment-cancel', { payment: p, label: this._label(p, name) })}>${t.payments.cancelButton}</button>`
            }</td>`
          : nothing
      }
    </tr>`;
  }

  override render() {
    return html`<table data-testid="payments-table">
      <caption>${this.caption}</caption>
      <thead><tr><th scope="col">${t.payments.date}</th><th scope="col">${t.common.establishment}</th><th scope="col">${t.payments.tranche}</th>
        <th scope="col" class="num">${t.payments.amount}</th><th scope="col">${t.payments.movement}</th>
        ${this.editable ? html`<th scope="col"><span class="sr-only">${t.common.actions}</span></th>` : nothing}</tr></thead>
      <tbody>${
        this.items.length
          ? this.items.map((p) => this._row(p))
          : html`<tr><td colspan=${this.editable ? 6 : 5}>${t.payments.empty}</td></tr>`
      }</tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-payment-table': JalonPaymentTable;
  }
}
