// <jalon-window-extend>: the « Prolonger une phase » dialog — which phase, its new date (later than
// the current one, the order of phases kept) and the mandatory reason. `show(window)` opens it;
// the API's refusals stay in it, beside their field.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { FundingWindow, WindowPhase } from '../../server/contract/windows.js';
import { extendPhase } from '../api/windows.js';
import { fieldErrors } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { formatDate } from '../lib/format.js';
import { tokens, ui } from '../lib/styles.js';
import { PHASES } from '../lib/windows.js';
import { t } from '../i18n/windows.js';

const x = t.extend;

@customElement('jalon-window-extend')
export class JalonWindowExtend extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    dialog { border: 1px solid var(--border-strong); padding: 24px; max-width: min(560px, calc(100vw - 32px)); width: 100%; }
    dialog::backdrop { background: rgb(22 22 22 / 0.5); }
    form { display: grid; gap: 16px; }
    textarea { min-height: 96px; resize: vertical; }
    .actions { display: flex; gap: 12px; flex-wrap: wrap; justify-content: flex-end; }
  `,
  ];

  @state() private _window?: FundingWindow;
  @state() private _phase: WindowPhase = 'applicationsClose';
  @state() private _to = '';
  @state() private _reason = '';
  @state() private _errors: Record<string, string> = {};
  @state() private _error = '';
  @state() private _busy = false;
  @query('dialog') private _dialog!: HTMLDialogElement;

  async show(w: FundingWindow, phase: WindowPhase = 'applicationsClose') {
    this._window = w;
    this._phase = phase;
    this._to = '';
    this._reason = '';
    this._errors = {};
    this._error = '';
    await this.updateComplete;
    if (!this._dialog.open) this._dialog.showModal();
    this.renderRoot.querySelector<HTMLSelectElement>('select')?.focus();
  }

  private _close() {
    this._dialog.close();
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const w = this._window;
    if (!w) return;
    const reason = this._reason.trim();
    this._error = '';
    this._errors = {
      ...(this._to ? {} : { to: x.required }),
      ...(reason ? {} : { reason: x.required }),
    };
    if (Object.keys(this._errors).length) return this._focusInvalid();
    this._busy = true;
    try {
      const saved = await extendPhase(w, { phase: this._phase, to: this._to, reason });
      this._close();
      fire(this, 'window-saved', {
        window: saved,
        message: t.windows.extendedDone(t.windows.phases[this._phase], formatDate(this._to)),
      });
    } catch (err) {
      this._errors = fieldErrors(err);
      // a refusal no field shows (a stale version, the order of phases) is said in the dialog
      if (!this._errors.to && !this._errors.reason && !this._errors.phase) this._error = (err as Error).message;
      await this._focusInvalid();
    } finally {
      this._busy = false;
    }
  }

  private async _focusInvalid() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private _note(id: string, key: string, hint?: string) {
    const error = this._errors[key];
    const text = error ?? hint;
    return text ? html`<span id="${id}-note" class=${error ? 'field-error' : 'hint'}>${text}</span>` : nothing;
  }

  override render() {
    const w = this._window;
    const err = this._errors;
    const current = w?.phases[this._phase];
    return html`<dialog aria-labelledby="we-title" aria-describedby="we-intro" data-testid="extend-dialog">
      ${
        w
          ? html`<form @submit=${this._submit} novalidate>
          <h2 id="we-title">${x.title}</h2>
          <p id="we-intro">${x.intro}</p>
          <div class="field"><label for="we-phase">${x.phase}</label>
            <select id="we-phase" aria-invalid=${err.phase ? 'true' : 'false'} aria-describedby="we-phase-note"
              @change=${(e: Event) => (this._phase = (e.target as HTMLSelectElement).value as WindowPhase)}>
              ${PHASES.map((p) => html`<option value=${p} ?selected=${p === this._phase}>${t.windows.phases[p]}</option>`)}
            </select>${this._note('we-phase', 'phase', current ? x.current(formatDate(current)) : undefined)}</div>
          <div class="field"><label for="we-to">${x.to}</label>
            <input id="we-to" type="date" .value=${this._to} min=${current ?? nothing} aria-invalid=${err.to ? 'true' : 'false'}
              aria-describedby=${err.to ? 'we-to-note' : nothing} @input=${(e: Event) => (this._to = (e.target as HTMLInputElement).value)}>
            ${this._note('we-to', 'to')}</div>
          <div class="field"><label for="we-reason">${x.reason}</label>
            <textarea id="we-reason" maxlength="1000" .value=${this._reason} aria-invalid=${err.reason ? 'true' : 'false'}
              aria-describedby="we-reason-note" @input=${(e: Event) => (this._reason = (e.target as HTMLTextAreaElement).value)}></textarea>
            ${this._note('we-reason', 'reason', x.reasonHint)}</div>
          <div role="alert">${this._error ? html`<div class="alert error"><p>${this._error}</p></div>` : nothing}</div>
          <div class="actions">
            <button class="btn secondary" type="button" @click=${this._close}>${t.common.cancel}</button>
            <button class="btn" ?disabled=${this._busy}>${x.submit}</button>
          </div>
        </form>`
          : nothing
      }
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-window-extend': JalonWindowExtend;
  }
}
