// <jalon-payments-page>: the payments register — filters (envelope, region, establishment, dates)
// in the URL, the totals the server computes for them, a page of movements, the export. A reviewer
// records payments and cancels one by a counter-entry; planners and administrators read.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import type { Me } from '../../server/contract/auth.js';
import type { PaymentTotals } from '../../server/contract/plan.js';
import { allocationsByIds } from '../api/allocations.js';
import { paymentsExport } from '../api/exports.js';
import { listPayments, paymentTotals, type PaymentFilters } from '../api/payments.js';
import '../components/jalon-export-links.js';
import '../components/jalon-payment-cancel.js';
import '../components/jalon-payment-form.js';
import '../components/jalon-payment-table.js';
import '../components/jalon-payable-list.js';
import type { JalonPaymentCancel } from '../components/jalon-payment-cancel.js';
import type { PaymentRefs } from '../components/jalon-payment-table.js';
import type { JalonEvent } from '../lib/fire.js';
import { formatEuros } from '../lib/format.js';
import { t } from '../i18n/payments.js';
import { pager } from '../lib/pager.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { loadFailed } from '../lib/task-view.js';
import { readParams, writeParams } from '../lib/url.js';

const KEYS = ['envelopeId', 'region', 'q', 'from', 'to'] as const;
const PAGE = 25;
type Filters = Record<(typeof KEYS)[number], string>;

@customElement('jalon-payments-page')
export class JalonPaymentsPage extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .top { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; flex-wrap: wrap; }
    .filters { display: grid; grid-template-columns: repeat(2, minmax(160px, 1fr)) minmax(200px, 1.5fr) repeat(2, minmax(140px, 1fr)); gap: 16px; align-items: end; }
    .filters .actions { grid-column: 1 / -1; display: flex; gap: 12px; flex-wrap: wrap; }
    .tiles { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; margin: 0 0 24px; padding: 0; list-style: none; min-height: 104px; }
    .tile { background: var(--bg); border: 1px solid var(--border); border-top: 4px solid var(--blue); padding: 16px 20px; min-width: 0; }
    .tile.cancel { border-top-color: var(--warning); }
    .tile .k { font-size: 0.875rem; color: var(--muted); display: block; }
    .tile .v { font-size: 1.5rem; font-weight: 700; line-height: 2rem; display: block; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
    .tile .s { font-size: 0.8125rem; color: var(--mention); display: block; }
    .skeleton .v { color: transparent; background: var(--bg-contrast); border-radius: 2px; }
    .list { min-height: 420px; }
    .list-head { display: flex; justify-content: space-between; align-items: center; gap: 16px; flex-wrap: wrap; margin-bottom: 12px; }
    .list-head h2 { margin: 0; }
    @media (max-width: 1100px) { .filters { grid-template-columns: repeat(2, minmax(0, 1fr)); } .filters .q { grid-column: 1 / -1; } }
    @media (max-width: 720px) {
      .filters { grid-template-columns: minmax(0, 1fr); }
      .tiles { grid-template-columns: minmax(0, 1fr); gap: 8px; min-height: 264px; }
      .card { padding: 16px; }
    }
  `,
  ];

  @property({ attribute: false }) me?: Me;
  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  @state() private _f: Filters = readParams(KEYS);
  @state() private _offset = 0;
  @state() private _recording = false;
  @state() private _live = '';
  private _cancelLabel = '';
  @query('jalon-payment-cancel') private _cancel!: JalonPaymentCancel;

  private _refs = new Task(this, {
    task: ([reference]) => Promise.all([reference.envelopes(), reference.regions()]),
    args: () => [this._plan.reference] as const,
  });

  private _totals = new Task(this, {
    task: ([f]) => paymentTotals(f as PaymentFilters),
    args: () => [this._f, this._plan.version] as const,
  });

  private _list = new Task(this, {
    task: async ([f, offset, reference]) => {
      const [page, ests, pooled, regs, acts, envs] = await Promise.all([
        listPayments(f as PaymentFilters, PAGE, offset),
        reference.establishmentIndex(),
        reference.pooledIndex(),
        reference.regions(),
        reference.actions(),
        reference.envelopes(),
      ]);
      const allocations = await allocationsByIds([...new Set(page.items.map((p) => p.allocationId))]);
      const refs: PaymentRefs = {
        allocations: new Map(allocations.map((a) => [a.id, a])),
        establishments: ests,
        pooled,
        regionNames: new Map(regs.map((r) => [r.code, r.name])),
        actions: new Map(acts.map((a) => [a.id, a])),
        envelopes: new Map(envs.map((e) => [e.id, e])),
      };
      return { page, refs };
    },
    args: () => [this._f, this._offset, this._plan.reference, this._plan.version] as const,
  });

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('payment-cancel', (e) => {
      const { payment, label } = (e as JalonEvent<'payment-cancel'>).detail;
      this._cancelLabel = label;
      void this._cancel.show(payment, label);
    });
    this.addEventListener('payments-changed', (e) => {
      const p = (e as JalonEvent<'payments-changed'>).detail.payment;
      this._live = p.cancelsId ? t.payments.cancelledDone(this._cancelLabel) : '';
    });
  }

  private get _editable() {
    return this.me?.user.role === 'reviewer';
  }

  private _submit(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    this._f = Object.fromEntries(KEYS.map((k) => [k, String(d.get(k) ?? '').trim()])) as Filters;
    this._offset = 0;
    writeParams(this._f);
  }

  private _reset() {
    this._f = Object.fromEntries(KEYS.map((k) => [k, ''])) as Filters;
    this._offset = 0;
    writeParams(this._f);
  }

  private _filters() {
    const [envs, regs] = this._refs.value ?? [[], []];
    const sel = (key: 'envelopeId' | 'region', label: string, all: string, opts: Array<[string, string]>) =>
      html`<div class="field"><label for="pp-${key}">${label}</label>
        <select id="pp-${key}" name=${key}><option value="">${all}</option>
          ${opts.map(([v, l]) => html`<option value=${v} ?selected=${v === this._f[key]}>${l}</option>`)}</select></div>`;
    return html`<form class="card filters" role="search" aria-label=${t.payments.filters} @submit=${this._submit}>
      ${sel(
        'envelopeId',
        t.common.envelope,
        t.common.allFeminine,
        envs.map((e) => [e.id, `${e.code} — ${e.name}`]),
      )}
      ${sel(
        'region',
        t.common.region,
        t.common.allRegions,
        regs.map((r) => [r.code, r.name]),
      )}
      <div class="field q"><label for="pp-q">${t.payments.search}</label><input id="pp-q" name="q" type="search" .value=${this._f.q}></div>
      <div class="field"><label for="pp-from">${t.payments.from}</label><input id="pp-from" name="from" type="date" .value=${this._f.from}></div>
      <div class="field"><label for="pp-to">${t.payments.to}</label><input id="pp-to" name="to" type="date" .value=${this._f.to}></div>
      <div class="actions"><button class="btn">${t.payments.apply}</button>
        ${KEYS.some((k) => this._f[k]) ? html`<button class="btn tertiary" type="button" @click=${this._reset}>${t.payments.reset}</button>` : nothing}</div>
    </form>`;
  }

  private _tiles() {
    const v = this._totals.value;
    if (this._totals.error !== undefined && !v) return loadFailed(this._totals.error, false);
    const tot: PaymentTotals = v ?? { count: 0, paidCents: 0, cancelledCount: 0, cancelledCents: 0, netCents: 0 };
    return html`<ul class="tiles ${v ? '' : 'skeleton'}" aria-label=${t.payments.totals} data-testid="payment-totals" aria-busy=${v ? 'false' : 'true'}>
      <li class="tile"><span class="k">${t.payments.count}</span><span class="v" data-testid="total-paid">${formatEuros(tot.paidCents)}</span><span class="s">${t.payments.countOf(tot.count)}</span></li>
      <li class="tile cancel"><span class="k">${t.payments.cancelled}</span><span class="v" data-testid="total-cancelled">${formatEuros(tot.cancelledCents)}</span><span class="s">${t.payments.cancelledOf(tot.cancelledCount)}</span></li>
      <li class="tile"><span class="k">${t.payments.net}</span><span class="v" data-testid="total-net">${formatEuros(tot.netCents)}</span><span class="s">${t.payments.netHint}</span></li>
    </ul>`;
  }

  private _register() {
    const d = this._list.value;
    if (this._list.error !== undefined && !d) return loadFailed(this._list.error, false);
    if (!d) return html`<p class="loading" role="status">${t.app.loading}</p>`;
    return html`<jalon-payment-table .items=${d.page.items} .refs=${d.refs} ?editable=${this._editable}
        caption=${t.payments.listCaption(d.page.total)} aria-busy=${this._list.status === TaskStatus.PENDING ? 'true' : 'false'}></jalon-payment-table>
      ${d.page.total > PAGE ? pager({ offset: this._offset, size: PAGE, shown: d.page.items.length, total: d.page.total, go: (o) => (this._offset = o), testid: 'payments-range' }) : nothing}`;
  }

  override render() {
    const f = this._f;
    return html`
      <div class="top"><div><h1>${t.payments.title}</h1><p class="lead">${t.payments.intro}</p></div>
        ${
          this._editable && !this._recording
            ? html`<button class="btn" type="button" @click=${() => (this._recording = true)}>${t.payments.record}</button>`
            : nothing
        }</div>
      ${this._editable ? nothing : html`<div class="alert info" data-testid="read-only"><p>${t.payments.readOnly}</p></div>`}
      ${
        this._editable && this._recording
          ? html`<section class="card" data-testid="record">
          <jalon-payment-form></jalon-payment-form>
          <p><button class="btn tertiary" type="button" @click=${() => (this._recording = false)}>${t.payments.close}</button></p></section>`
          : nothing
      }
      ${this._editable ? html`<jalon-payable-list></jalon-payable-list>` : nothing}
      ${this._filters()}
      ${this._tiles()}
      <section class="card list" aria-labelledby="pp-list">
        <div class="list-head"><h2 id="pp-list">${t.payments.listTitle}</h2>
          <jalon-export-links .links=${paymentsExport({ envelopeId: f.envelopeId, region: f.region, q: f.q, from: f.from, to: f.to })}
            subject=${t.payments.exportSubject} label=${t.payments.exportLabel}></jalon-export-links></div>
        <div role="status" aria-live="polite" data-testid="payments-live">${this._live ? html`<div class="alert success"><p>${this._live}</p></div>` : nothing}</div>
        ${this._register()}
      </section>
      ${this._editable ? html`<jalon-payment-cancel></jalon-payment-cancel>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-payments-page': JalonPaymentsPage;
  }
}
