// <jalon-ght-form>: create a GHT or edit one (name, region, support establishment; the code, which
// its members carry, does not change). The API's refusals show beside their field: an unknown
// region, a support establishment unknown or outside the region, members outside the region.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Establishment, Ght, Region } from '../../server/contract/plan.js';
import { createGht, updateGht } from '../api/ghts.js';
import { fieldErrors, formMessage, selectField, textField } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { formStyles } from '../lib/form-styles.js';
import { tokens, ui } from '../lib/styles.js';
import { t } from '../i18n/ghts.js';

const f = t.ghtForm;

@customElement('jalon-ght-form')
export class JalonGhtForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
    .fixed { font-weight: 700; margin: 0; overflow-wrap: anywhere; }
    @media (max-width: 720px) { .grid { grid-template-columns: 1fr; } }
  `,
  ];

  /** The GHT edited; absent: a new one. */
  @property({ attribute: false }) ght?: Ght;
  @property({ attribute: false }) regions: Region[] = [];
  /** The establishments the user sees, by FINESS: names the support establishment as it is typed. */
  @property({ attribute: false }) establishments = new Map<string, Establishment>();
  @state() private _code = '';
  @state() private _name = '';
  @state() private _region = '';
  @state() private _support = '';
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _busy = false;

  protected override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('ght')) return;
    const g = this.ght;
    this._code = g?.code ?? '';
    this._name = g?.name ?? '';
    this._region = g?.region ?? '';
    this._support = g?.supportFiness ?? '';
    this._errors = {};
    this._message = '';
  }

  private async _submit(ev: SubmitEvent) {
    ev.preventDefault();
    this._message = '';
    this._errors = this._region ? {} : { region: f.required };
    if (!this._region) return this._focusInvalid();
    const g = this.ght;
    const fields = { name: this._name, region: this._region, supportFiness: this._support.trim().toUpperCase() };
    this._busy = true;
    try {
      const saved = g ? await updateGht(g, fields) : await createGht({ code: this._code.trim(), ...fields });
      fire(this, 'catalog-saved', { message: g ? t.ghts.saved(saved.name) : t.ghts.created(saved.name) });
    } catch (err) {
      this._errors = fieldErrors(err);
      this._message = (err as Error).message;
      await this._focusInvalid();
    } finally {
      this._busy = false;
    }
  }

  private async _focusInvalid() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  override render() {
    const g = this.ght;
    const p = g ? 'ght-edit' : 'ght-new';
    const err = this._errors;
    const support = this.establishments.get(this._support.trim().toUpperCase());
    return html`<form @submit=${this._submit} novalidate aria-labelledby="${p}-title">
      <h2 id="${p}-title">${g ? f.editTitle(g.name) : f.createTitle}</h2>
      ${formMessage(this._message)}
      <div class="grid">
        ${
          g
            ? html`<div class="field"><span class="label">${f.code}</span>
              <p class="fixed" data-testid="code">${g.code}</p><span class="hint">${f.codeFixed}</span></div>`
            : textField(`${p}-code`, f.code, this._code, (v) => (this._code = v), {
                hint: f.codeHint,
                error: err.code,
                required: true,
              })
        }
        ${textField(`${p}-name`, f.name, this._name, (v) => (this._name = v), { error: err.name, required: true })}
        ${selectField(
          `${p}-region`,
          f.region,
          this._region,
          this.regions.map((r) => [r.code, r.name]),
          (v) => (this._region = v),
          { pick: f.pick, error: err.region },
        )}
        ${textField(
          `${p}-support`,
          f.support,
          this._support,
          (v) => {
            // the refusal was of the number typed before: the new one is named instead
            this._support = v;
            this._errors = { ...this._errors, supportFiness: '' };
          },
          {
            hint: support ? f.supportFound(support.name) : f.supportHint,
            error: err.supportFiness || undefined,
            required: true,
          },
        )}
      </div>
      <div class="actions">
        <button class="btn" type="submit" ?disabled=${this._busy}>${g ? f.submitEdit : f.submitCreate}</button>
        <button class="btn secondary" type="button" @click=${() => fire(this, 'form-close', undefined)}>${t.common.cancel}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-ght-form': JalonGhtForm;
  }
}
