// <jalon-payable-list>: the reviewer's « À verser » — every tranche payable now (établissement,
// guichet, objectif, montant, déjà versé, à verser) and the total, recorded in one step after a
// confirmation: one transaction, all or nothing; a refusal names its row, which is marked.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { PayableTranche } from '../../server/contract/windows.js';
import { ApiError } from '../api/client.js';
import { windows } from '../api/windows.js';
import { payable, recordBatch } from '../api/payable.js';
import { fire } from '../lib/fire.js';
import { formatDate, formatEuros, localToday } from '../lib/format.js';
import { t } from '../i18n/applications.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { queueStyles } from '../lib/queue-styles.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { FIRST_DAY } from '../lib/years.js';

const k = t.payable;

@customElement('jalon-payable-list')
export class JalonPayableList extends LitElement {
  static override styles = [
    tokens,
    ui,
    queueStyles,
    css`
    .bar { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-end; margin-top: 16px; }
    .bar .field { flex: 0 1 220px; }
    /* « Enregistrer les 29 versements (9 121 680,00 €) » wraps on a phone */
    .bar .btn { white-space: normal; text-align: left; }
    .confirm { margin-top: 16px; padding: 12px 16px; border-left: 4px solid var(--warning); background: var(--bg-alt); }
    .confirm p { margin: 0 0 8px; }
    tr.refused th, tr.refused td { background: var(--error-bg); }
    .box { overflow-x: auto; }
    .pick { max-width: 480px; margin-bottom: 16px; }
    .alert p + p { margin-top: 8px; }
    @media (max-width: 720px) { .card { padding: 16px; } }
  `,
  ];

  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  @state() private _paidOn = localToday();
  @state() private _confirming = false;
  @state() private _busy = false;
  @state() private _notice: { kind: 'success' | 'error'; text: string } | null = null;
  /** The row a refusal named (its index in the list sent). */
  @state() private _refused: { index: number; text: string } | null = null;
  /** Only one window's tranches (the API's windowId filter); empty: all. */
  @state() private _windowId = '';
  /** Bumped by « Relire la liste » after a refusal. */
  @state() private _reads = 0;

  private _windows = new Task(this, {
    task: async () => new Map((await windows()).map((w) => [w.id, w])),
    args: () => [],
  });

  private _data = new Task(this, {
    task: ([windowId]) => payable(windowId ? { windowId } : {}),
    args: () => [this._windowId, this._plan.version, this._reads] as const,
  });

  private _reread() {
    this._refused = null;
    this._notice = null;
    this._reads++;
  }

  private async _record(items: PayableTranche[]) {
    this._busy = true;
    this._notice = null;
    this._refused = null;
    const sent = items.map((x) => ({ allocationId: x.allocationId, tranche: x.code, amountCents: x.payableCents }));
    try {
      const done = await recordBatch(this._paidOn, sent);
      this._confirming = false;
      this._notice = { kind: 'success', text: k.recorded(done.count, formatEuros(done.totalCents)) };
      if (done.items[0]) fire(this, 'payments-changed', { payment: done.items[0] });
    } catch (err) {
      const path = err instanceof ApiError ? err.problem.errors?.find((e) => /^items\.\d+/.test(e.path)) : undefined;
      const index = path ? Number(path.path.split('.')[1]) : -1;
      const row = items[index];
      if (path && row) this._refused = { index, text: path.message };
      const paidOn = err instanceof ApiError ? err.fieldMessage('paidOn') : undefined;
      this._notice = {
        kind: 'error',
        text: row ? k.refusedRow(`${row.name}, ${row.label}`, path!.message) : (paidOn ?? (err as Error).message),
      };
      this._confirming = false;
    } finally {
      this._busy = false;
    }
  }

  override render() {
    return html`<section class="card" aria-labelledby="pb-title" data-testid="a-verser"><h2 id="pb-title">${k.title}</h2><p class="hint">${k.intro}</p>
      <div role="status" aria-live="polite" data-testid="payable-notice">${
        this._notice
          ? html`<div class="alert ${this._notice.kind}"><p>${this._notice.text}</p>${
              this._notice.kind === 'error'
                ? html`<p><button class="btn secondary small" type="button" @click=${this._reread}>${k.reread}</button></p>`
                : nothing
            }</div>`
          : nothing
      }</div>
      ${this._filter()}
      ${renderTask(this._data, (d) => this._view(d.items, d.totalCents, this._windows.value ?? new Map()), { keepValue: true, heading: false })}</section>`;
  }

  private _filter() {
    const windows = [...(this._windows.value?.values() ?? [])];
    if (!windows.length) return nothing;
    return html`<div class="field pick"><label for="pb-window">${k.window}</label>
      <select id="pb-window" @change=${(e: Event) => ((this._windowId = (e.target as HTMLSelectElement).value), (this._refused = null), (this._confirming = false))}>
        <option value="">${k.allWindows}</option>
        ${windows.map((w) => html`<option value=${w.id} ?selected=${w.id === this._windowId}>${w.code} — ${w.name}</option>`)}
      </select></div>`;
  }

  private _view(items: PayableTranche[], totalCents: number, windows: Map<string, { code: string; name: string }>) {
    if (!items.length) return html`<p data-testid="payable-empty">${k.none}</p>`;
    const total = formatEuros(totalCents);
    return html`<div class="box"><table class="cards" data-testid="payable">
        <caption class="sr-only">${k.caption(items.length)}</caption>
        <thead><tr><th scope="col">${k.establishment}</th><th scope="col">${k.window}</th><th scope="col">${k.objective}</th>
          <th scope="col" class="num">${k.amount}</th><th scope="col" class="num">${k.paid}</th><th scope="col" class="num">${k.due}</th></tr></thead>
        <tbody>${items.map((x, i) => {
          const w = x.windowId ? windows.get(x.windowId) : undefined;
          const refused = this._refused?.index === i;
          return html`<tr class=${refused ? 'refused' : ''} data-allocation=${x.allocationId} data-tranche=${x.code}>
            <th scope="row">${x.name}<span class="sub">${x.finess}</span></th>
            <td data-label=${k.window}>${w ? `${w.code} — ${w.name}` : t.common.none}</td>
            <td data-label=${k.objective}>${x.label}${refused ? html`<span class="field-error" role="alert">${this._refused!.text}</span>` : nothing}</td>
            <td class="num" data-label=${k.amount}>${formatEuros(x.amountCents)}</td>
            <td class="num" data-label=${k.paid}>${formatEuros(x.paidCents)}</td>
            <td class="num" data-label=${k.due}>${formatEuros(x.payableCents)}</td></tr>`;
        })}</tbody>
        <tfoot><tr><th scope="row" colspan="5">${k.total}</th><td class="num" data-label=${k.due} data-testid="payable-total">${total}</td></tr></tfoot>
      </table></div>
      <div class="bar">
        <div class="field"><label for="pb-date">${k.paidOn}</label>
          <input id="pb-date" type="date" min=${FIRST_DAY} max=${localToday()} .value=${this._paidOn} required
            @input=${(e: Event) => (this._paidOn = (e.target as HTMLInputElement).value)}></div>
        ${
          this._confirming
            ? nothing
            : html`<button class="btn" type="button" ?disabled=${this._busy || !this._paidOn}
                @click=${() => (this._confirming = true)}>${k.record(items.length, total)}</button>`
        }
      </div>
      ${
        this._confirming
          ? html`<div class="confirm" role="group" aria-labelledby="pb-confirm"><p id="pb-confirm">${k.confirm(items.length, total, formatDate(this._paidOn))}</p>
          <div class="actions"><button class="btn" type="button" ?disabled=${this._busy} @click=${() => this._record(items)}>${k.confirmButton}</button>
            <button class="btn tertiary" type="button" ?disabled=${this._busy} @click=${() => (this._confirming = false)}>${k.keep}</button></div></div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-payable-list': JalonPayableList;
  }
}
