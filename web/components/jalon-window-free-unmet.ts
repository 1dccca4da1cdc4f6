// <jalon-window-free-unmet>: « Libérer les tranches non atteintes » on a window's page (national
// planners, once its declarations are closed): what it does, a confirmation, then the API's answer
// — how many tranches and how much went back to the envelope, and the allocations it left (an
// avenant awaiting a decision). The count is known only then: nothing on the page computes the
// objectives' states the way the API does, so the confirmation says what is freed, not how much.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FreedTranches, FundingWindow } from '../../server/contract/windows.js';
import { freeUnmet } from '../api/windows.js';
import { fire } from '../lib/fire.js';
import { formatDateTime, formatEuros } from '../lib/format.js';
import { tokens, ui } from '../lib/styles.js';
import { t } from '../i18n/windows.js';

const x = t.freeUnmet;

@customElement('jalon-window-free-unmet')
export class JalonWindowFreeUnmet extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .confirm { margin-top: 16px; padding: 12px 16px; border-left: 4px solid var(--warning); background: var(--bg-alt); }
    .confirm p { margin: 0 0 8px; }
    .actions { display: flex; flex-wrap: wrap; gap: 12px; }
    ul { margin: 8px 0 0; padding-left: 20px; }
  `,
  ];

  @property({ attribute: false }) window?: FundingWindow;
  @state() private _confirming = false;
  @state() private _busy = false;
  @state() private _result: { kind: 'success'; freed: FreedTranches } | { kind: 'error'; text: string } | null = null;

  private async _focus(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private _ask() {
    this._confirming = true;
    this._result = null;
    void this._focus('#free-confirm');
  }

  private _keep() {
    this._confirming = false;
    void this._focus('#free');
  }

  private async _free(w: FundingWindow) {
    this._busy = true;
    try {
      const freed = await freeUnmet(w);
      this._result = { kind: 'success', freed };
      // the allocations lowered by their avenants: the plan's figures are read again
      const allocations = new Set(freed.tranches.map((tr) => tr.allocationId)).size;
      if (allocations) fire(this, 'allocations-changed', { count: allocations });
    } catch (err) {
      this._result = { kind: 'error', text: (err as Error).message };
    } finally {
      this._busy = false;
      this._confirming = false;
    }
    void this._focus('#free');
  }

  private _answer() {
    const r = this._result;
    if (!r) return nothing;
    if (r.kind === 'error') return html`<div class="alert error"><p>${r.text}</p></div>`;
    const { count, cents, skipped } = r.freed;
    return html`<div class="alert ${count ? 'success' : 'info'}" data-testid="freed">
      <p>${count ? x.freed(count, formatEuros(cents)) : x.nothing}</p>
      ${skipped.length ? html`<p>${x.skipped(skipped.length)}</p><ul>${skipped.map((k) => html`<li>${k.reason}</li>`)}</ul>` : nothing}
    </div>`;
  }

  override render() {
    const w = this.window;
    if (!w) return nothing;
    return html`<section class="card" aria-labelledby="free-title"><h2 id="free-title">${x.title}</h2>
      <p>${x.intro}</p>
      ${w.freedAt ? html`<p class="hint" data-testid="freed-at">${x.last(formatDateTime(w.freedAt))}</p>` : nothing}
      ${
        this._confirming
          ? html`<div class="confirm" role="group" aria-labelledby="free-q"><p id="free-q">${x.confirm(w.code)}</p>
            <div class="actions"><button class="btn danger" id="free-confirm" type="button" ?disabled=${this._busy} @click=${() => this._free(w)}>${x.confirmButton}</button>
              <button class="btn secondary" type="button" ?disabled=${this._busy} @click=${this._keep}>${t.common.cancel}</button></div></div>`
          : html`<button class="btn secondary" id="free" type="button" @click=${this._ask}>${x.button}</button>`
      }
      <div role="status" aria-live="polite">${this._answer()}</div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-window-free-unmet': JalonWindowFreeUnmet;
  }
}
