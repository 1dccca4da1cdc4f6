// <jalon-scenario-form>: a new scenario: its name, its envelopes, and where its lines come from
// (none, the plan as it stands, or another scenario's lines on those envelopes). The API's refusal
// goes beside its field; a saved one goes up as `scenario-saved`.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Envelope } from '../../server/contract/plan.js';
import { createScenario, type ScenarioView } from '../api/scenarios.js';
import { errorUnder, fieldErrors, formMessage, textField } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { formStyles } from '../lib/form-styles.js';
import { tokens, ui } from '../lib/styles.js';
import { t } from '../i18n/scenarios.js';

const f = t.form;

@customElement('jalon-scenario-form')
export class JalonScenarioForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    .envs { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr)); gap: 8px 16px; margin-top: 4px; }
    .envs label { display: flex; gap: 8px; align-items: flex-start; font-weight: 400; }
    .envs input { width: 20px; height: 20px; min-height: 0; flex: none; margin-top: 2px; }
    .envs .code { font-weight: 700; }
  `,
  ];

  @property({ attribute: false }) envelopes: Envelope[] = [];
  /** The scenarios a new one may copy. */
  @property({ attribute: false }) scenarios: ScenarioView[] = [];
  @state() private _name = '';
  @state() private _envelopeIds: string[] = [];
  @state() private _from = 'empty';
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _busy = false;

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const name = this._name.trim();
    this._errors = {
      ...(name ? {} : { name: f.nameRequired }),
      ...(this._envelopeIds.length ? {} : { envelopeIds: f.envelopesRequired }),
    };
    this._message = '';
    if (Object.keys(this._errors).length) return;
    this._busy = true;
    try {
      const saved = await createScenario({ name, envelopeIds: this._envelopeIds, from: this._from });
      fire(this, 'scenario-saved', { scenario: saved, message: f.created(saved.name) });
    } catch (err) {
      this._errors = fieldErrors(err);
      this._message = err instanceof Error ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }

  private _toggle(id: string, on: boolean) {
    this._envelopeIds = on ? [...this._envelopeIds, id] : this._envelopeIds.filter((x) => x !== id);
  }

  override render() {
    const envError = errorUnder(this._errors, 'envelopeIds');
    return html`<form @submit=${this._submit} novalidate aria-labelledby="sc-form-title" data-testid="scenario-form">
      <h2 id="sc-form-title">${f.title}</h2>
      ${formMessage(this._message)}
      ${textField('sc-name', f.name, this._name, (v) => (this._name = v), { error: this._errors.name, required: true })}
      <fieldset aria-describedby="sc-envs-note">
        <legend>${f.envelopes}</legend>
        <span class=${envError ? 'field-error' : 'hint'} id="sc-envs-note">${envError ?? f.envelopesHint}</span>
        <div class="envs">${this.envelopes.map(
          (e) => html`<label><input type="checkbox" .checked=${this._envelopeIds.includes(e.id)}
            @change=${(ev: Event) => this._toggle(e.id, (ev.target as HTMLInputElement).checked)}>
            <span><span class="code">${e.code}</span> — ${e.name}</span></label>`,
        )}</div>
      </fieldset>
      <div class="field">
        <label for="sc-from">${f.from}</label>
        <select id="sc-from" aria-describedby="sc-from-note" aria-invalid=${this._errors.from ? 'true' : 'false'}
          @change=${(e: Event) => (this._from = (e.target as HTMLSelectElement).value)}>
          <option value="empty" ?selected=${this._from === 'empty'}>${t.scenarios.origins.empty}</option>
          <option value="plan" ?selected=${this._from === 'plan'}>${t.scenarios.origins.plan}</option>
          ${this.scenarios.map((x) => html`<option value=${x.id} ?selected=${this._from === x.id}>${t.scenarios.copyOf(x.name)}</option>`)}
        </select>
        <span id="sc-from-note" class=${this._errors.from ? 'field-error' : 'hint'}>${this._errors.from ?? f.fromHint}</span>
      </div>
      <div class="actions">
        <button class="btn" type="submit" ?disabled=${this._busy}>${f.submit}</button>
        <button class="btn secondary" type="button" @click=${() => fire(this, 'form-close', undefined)}>${t.common.cancel}</button>
        ${this._busy ? html`<span class="hint" role="status">${t.app.loading}</span>` : nothing}
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-scenario-form': JalonScenarioForm;
  }
}
