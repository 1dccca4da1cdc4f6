// <jalon-action-form>: add an action to the catalogue or edit one (code, title, CaRE axis,
// domain); each refusal of the API is shown next to its field.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Action } from '../../server/contract/plan.js';
import { createAction, updateAction, type ActionBody } from '../api/catalog.js';
import { fieldErrors, textField } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { formStyles } from '../lib/form-styles.js';
import { tokens, ui } from '../lib/styles.js';
import { t } from '../i18n/actions.js';

const f = t.actionForm;
const AXES = [1, 2, 3, 4] as const;

@customElement('jalon-action-form')
export class JalonActionForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 2fr); gap: 16px; }
    @media (max-width: 720px) { .grid { grid-template-columns: 1fr; } }
  `,
  ];

  /** The action edited; absent: a new one. */
  @property({ attribute: false }) action?: Action;
  @state() private _code = '';
  @state() private _title = '';
  @state() private _axis: ActionBody['axis'] = 4;
  @state() private _domain = '';
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _busy = false;

  protected override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('action')) return;
    const a = this.action;
    this._code = a?.code ?? '';
    this._title = a?.title ?? '';
    this._axis = a?.axis ?? 4;
    this._domain = a?.domain ?? '';
    this._errors = {};
    this._message = '';
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const body: ActionBody = {
      code: this._code.trim(),
      title: this._title,
      axis: this._axis,
      ...(this._domain.trim() || this.action?.domain ? { domain: this._domain } : {}),
    };
    this._busy = true;
    this._message = '';
    this._errors = {};
    try {
      const saved = this.action ? await updateAction(this.action, body) : await createAction(body);
      fire(this, 'catalog-saved', {
        message: this.action ? t.actionsPage.saved(saved.code) : t.actionsPage.created(saved.code),
      });
    } catch (err) {
      this._errors = fieldErrors(err);
      this._message = (err as Error).message;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const p = this.action ? 'act-edit' : 'act-new';
    const err = this._errors;
    return html`<form @submit=${this._submit} novalidate aria-labelledby="${p}-title">
      <h2 id="${p}-title">${this.action ? f.editTitle(this.action.code) : f.createTitle}</h2>
      <div role="status" aria-live="polite">${this._message ? html`<div class="alert error"><p>${this._message}</p></div>` : nothing}</div>
      <div class="grid">
        ${textField(`${p}-code`, f.code, this._code, (v) => (this._code = v), { hint: f.codeHint, error: err.code, required: true })}
        ${textField(`${p}-title-input`, f.title, this._title, (v) => (this._title = v), { error: err.title, required: true })}
        <div class="field">
          <label for="${p}-axis">${f.axis}</label>
          <select id="${p}-axis" aria-invalid=${err.axis ? 'true' : 'false'} aria-describedby=${err.axis ? `${p}-axis-err` : nothing}
            @change=${(e: Event) => (this._axis = Number((e.target as HTMLSelectElement).value) as ActionBody['axis'])}>
            ${AXES.map((a) => html`<option value=${a} ?selected=${a === this._axis}>${t.axes[String(a)]}</option>`)}
          </select>
          ${err.axis ? html`<span class="field-error" id="${p}-axis-err">${err.axis}</span>` : nothing}
        </div>
        ${textField(`${p}-domain`, f.domain, this._domain, (v) => (this._domain = v), { hint: f.domainHint, error: err.domain })}
      </div>
      <div class="actions">
        <button class="btn" type="submit" ?disabled=${this._busy}>${this.action ? f.submitEdit : f.submitCreate}</button>
        <button class="btn secondary" type="button" @click=${() => fire(this, 'form-close', undefined)}>${t.common.cancel}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-action-form': JalonActionForm;
  }
}
