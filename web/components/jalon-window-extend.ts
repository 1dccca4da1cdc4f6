// <jalon-window-extend>: the « Prolonger une phase » dialog — which phase, its new date (later than
// the current one, the order of phases kept) and the mandatory reason. `show(window)` opens it;
// the API's refusals stay in it, beside their field.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { FundingWindow, WindowPhase } from '../../server/contract/windows.js';
import { extendPhase } from '../api/windows.js';
import { DialogController } from '../controllers/dialog-controller.js';
import { selectField, textField } from '../lib/catalog-form.js';
import { dialogStyles } from '../lib/dialog-styles.js';
import { fire } from '../lib/fire.js';
import { formatDate } from '../lib/format.js';
import { tokens, ui } from '../lib/styles.js';
import { PHASES } from '../lib/windows.js';
import { t } from '../i18n/windows.js';

const x = t.extend;

@customElement('jalon-window-extend')
export class JalonWindowExtend extends LitElement {
  static override styles = [tokens, ui, dialogStyles];

  @state() private _window?: FundingWindow;
  @state() private _phase: WindowPhase = 'applicationsClose';
  @state() private _to = '';
  @state() private _reason = '';
  private _dialog = new DialogController(this, ['phase', 'to', 'reason']);

  async show(w: FundingWindow, phase: WindowPhase = 'applicationsClose') {
    this._window = w;
    this._phase = phase;
    this._to = '';
    this._reason = '';
    await this._dialog.open('select');
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const w = this._window;
    if (!w) return;
    const reason = this._reason.trim();
    const missing = { ...(this._to ? {} : { to: x.required }), ...(reason ? {} : { reason: x.required }) };
    if (Object.keys(missing).length) return this._dialog.refuse(missing);
    const { _phase: phase, _to: to } = this;
    await this._dialog.run(async () => {
      await extendPhase(w, { phase, to, reason });
      fire(this, 'catalog-saved', { message: t.windows.extendedDone(t.windows.phases[phase], formatDate(to)) });
    });
  }

  override render() {
    const w = this._window;
    const d = this._dialog;
    const current = w?.phases[this._phase];
    return html`<dialog aria-labelledby="we-title" aria-describedby="we-intro" data-testid="extend-dialog">
      ${
        w
          ? html`<form @submit=${this._submit} novalidate>
          <h2 id="we-title">${x.title}</h2>
          <p id="we-intro">${x.intro}</p>
          ${selectField(
            'we-phase',
            x.phase,
            this._phase,
            PHASES.map((p) => [p, t.windows.phases[p]]),
            (v) => (this._phase = v as WindowPhase),
            { error: d.errors.phase, hint: current ? x.current(formatDate(current)) : undefined },
          )}
          ${textField('we-to', x.to, this._to, (v) => (this._to = v), { type: 'date', min: current, error: d.errors.to })}
          ${textField('we-reason', x.reason, this._reason, (v) => (this._reason = v), {
            multiline: true,
            maxlength: 1000,
            hint: x.reasonHint,
            error: d.errors.reason,
          })}
          <div role="alert">${d.error ? html`<div class="alert error"><p>${d.error}</p></div>` : nothing}</div>
          <div class="actions">
            <button class="btn secondary" type="button" @click=${() => d.close()}>${t.common.cancel}</button>
            <button class="btn" ?disabled=${d.busy}>${x.submit}</button>
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
