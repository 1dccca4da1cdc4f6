// <jalon-approve-dialog>: the confirmation before approving several allocations at once — how
// many and how much, what each one is — then one request, all or nothing. `confirm(rows)` opens
// it and resolves with what was approved, or null when the user keeps the selection as it is;
// the API's refusal (which names the allocation) stays in the dialog.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Allocation } from '../../server/contract/plan.js';
import { shownAmounts } from '../../shared/amounts.js';
import { approveAllocations } from '../api/allocations.js';
import { formatEuros, sumAmounts } from '../lib/format.js';
import { t } from '../i18n/dashboard.js';
import { tokens, ui } from '../lib/styles.js';

export interface ApproveRow {
  allocation: Allocation;
  /** Who and what, as the list names it: « CH de Versailles — D1-AD (CARE-D1) ». */
  label: string;
}
export interface Approved {
  count: number;
  totalCents: number;
}

/** What the selection approves: each allocation's amounts, an avenant's new ones. */
export const selectionCents = (rows: readonly ApproveRow[]): number =>
  rows.reduce((s, r) => s + sumAmounts(shownAmounts(r.allocation)), 0);

@customElement('jalon-approve-dialog')
export class JalonApproveDialog extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    dialog { border: 1px solid var(--border-strong); padding: 24px; max-width: min(640px, calc(100vw - 32px)); width: 100%; }
    dialog::backdrop { background: rgb(22 22 22 / 0.5); }
    ul { margin: 0 0 16px; padding: 0; list-style: none; max-height: 40vh; overflow: auto; border: 1px solid var(--border); }
    li { display: flex; justify-content: space-between; gap: 12px; padding: 8px 12px; border-bottom: 1px solid var(--border); }
    li:last-child { border-bottom: 0; }
    li span:first-child { overflow-wrap: anywhere; }
    .actions { display: flex; gap: 12px; flex-wrap: wrap; justify-content: flex-end; }
  `,
  ];

  @state() private _rows: readonly ApproveRow[] = [];
  @state() private _error = '';
  @state() private _busy = false;
  /** The last confirmation was refused by the server (the dialog was then closed without approving). */
  refused = false;
  @query('dialog') private _dialog!: HTMLDialogElement;
  private _resolve?: (done: Approved | null) => void;

  async confirm(rows: readonly ApproveRow[]): Promise<Approved | null> {
    this._resolve?.(null);
    this._rows = rows;
    this._error = '';
    this.refused = false;
    await this.updateComplete;
    if (!this._dialog.open) this._dialog.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('button[data-confirm]')?.focus();
    return new Promise((resolve) => {
      this._resolve = resolve;
    });
  }

  private _settle(done: Approved | null) {
    const resolve = this._resolve;
    this._resolve = undefined;
    if (this._dialog.open) this._dialog.close();
    resolve?.(done);
  }

  private async _approve() {
    const total = selectionCents(this._rows);
    this._busy = true;
    this._error = '';
    try {
      const done = await approveAllocations(
        this._rows.map((r) => r.allocation),
        total,
      );
      this._settle({ count: done.count, totalCents: done.totalCents });
    } catch (err) {
      this._error = (err as Error).message;
      this.refused = true;
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const total = selectionCents(this._rows);
    return html`<dialog aria-labelledby="ad-title" aria-describedby="ad-intro" data-testid="approve-dialog"
        @close=${() => this._settle(null)}>
      <h2 id="ad-title">${t.review.confirmTitle(this._rows.length, formatEuros(total))}</h2>
      <p id="ad-intro">${t.review.confirmIntro}</p>
      <ul tabindex="0" aria-label=${t.review.confirmList}>${this._rows.map(
        (r) =>
          html`<li><span>${r.label}</span><span class="num">${formatEuros(sumAmounts(shownAmounts(r.allocation)))}</span></li>`,
      )}</ul>
      ${this._error ? html`<div class="alert error" role="alert" data-testid="approve-error"><p>${this._error}</p></div>` : nothing}
      <div class="actions">
        <button class="btn secondary" type="button" @click=${() => this._settle(null)}>${t.review.keep}</button>
        <button class="btn" type="button" data-confirm ?disabled=${this._busy} @click=${this._approve}>${t.review.confirm}</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-approve-dialog': JalonApproveDialog;
  }
}
