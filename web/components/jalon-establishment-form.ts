// <jalon-establishment-form>: create an establishment or edit one (name, category, region,
// priority, legal entity, GHT; the FINESS identifies it and does not change). The FINESS keys
// are checked by the API, whose message shows next to the field.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Category, Establishment, Region } from '../../server/contract/plan.js';
import { createEstablishment, updateEstablishment, type EstablishmentBody } from '../api/catalog.js';
import { fieldErrors, formMessage, selectField, textField } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { formStyles } from '../lib/form-styles.js';
import { tokens, ui } from '../lib/styles.js';
import { t } from '../i18n/establishments.js';

const f = t.establishmentForm;

@customElement('jalon-establishment-form')
export class JalonEstablishmentForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
    .wide { grid-column: 1 / -1; }
    .check { display: flex; gap: 8px; align-items: flex-start; font-weight: 500; }
    .check input { width: auto; min-height: 0; margin-top: 4px; }
    .fixed { font-variant-numeric: tabular-nums; font-weight: 700; margin: 0; }
    @media (max-width: 720px) { .grid { grid-template-columns: 1fr; } }
  `,
  ];

  /** The establishment edited; absent: a new one. */
  @property({ attribute: false }) establishment?: Establishment;
  @property({ attribute: false }) regions: Region[] = [];
  @state() private _finess = '';
  @state() private _name = '';
  @state() private _category: Category | '' = '';
  @state() private _region = '';
  @state() private _priority = false;
  @state() private _finessEj = '';
  @state() private _ght = '';
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _busy = false;

  protected override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('establishment')) return;
    const e = this.establishment;
    this._finess = e?.finess ?? '';
    this._name = e?.name ?? '';
    this._category = e?.category ?? '';
    this._region = e?.region ?? '';
    this._priority = e?.priority ?? false;
    this._finessEj = e?.finessEj ?? '';
    this._ght = e?.ght ?? '';
    this._errors = {};
    this._message = '';
  }

  private async _submit(ev: SubmitEvent) {
    ev.preventDefault();
    const missing: Record<string, string> = {
      ...(this._category ? {} : { category: f.required }),
      ...(this._region ? {} : { region: f.required }),
    };
    this._message = '';
    this._errors = missing;
    if (Object.keys(missing).length) return this._focusInvalid();
    const e = this.establishment;
    const ej = this._finessEj.trim(),
      ght = this._ght.trim();
    const fields = {
      name: this._name,
      category: this._category as Category,
      region: this._region,
      priority: this._priority,
    };
    this._busy = true;
    try {
      const saved = e
        ? await updateEstablishment(e, { ...fields, finessEj: ej || null, ght: ght || null })
        : await createEstablishment({
            finess: this._finess.trim(),
            ...fields,
            ...(ej ? { finessEj: ej } : {}),
            ...(ght ? { ght } : {}),
          } satisfies EstablishmentBody);
      fire(this, 'catalog-saved', {
        message: e ? t.establishments.saved(saved.name) : t.establishments.created(`${saved.name} (${saved.finess})`),
      });
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
    const e = this.establishment;
    const p = e ? 'est-edit' : 'est-new';
    const err = this._errors;
    return html`<form @submit=${this._submit} novalidate aria-labelledby="${p}-title">
      <h2 id="${p}-title">${e ? f.editTitle(e.name) : f.createTitle}</h2>
      ${formMessage(this._message)}
      <div class="grid">
        ${
          e
            ? html`<div class="field"><span class="label">${f.finess}</span>
              <p class="fixed" data-testid="finess">${e.finess}</p><span class="hint">${f.finessFixed}</span></div>`
            : textField(`${p}-finess`, f.finess, this._finess, (v) => (this._finess = v), {
                hint: f.finessHint,
                error: err.finess,
                required: true,
                inputmode: 'text',
              })
        }
        ${textField(`${p}-name`, f.name, this._name, (v) => (this._name = v), { error: err.name, required: true })}
        ${selectField(`${p}-category`, f.category, this._category, Object.entries(t.categories), (v) => (this._category = v as Category), { pick: f.pick, error: err.category })}
        ${selectField(
          `${p}-region`,
          f.region,
          this._region,
          this.regions.map((r) => [r.code, r.name]),
          (v) => (this._region = v),
          { pick: f.pick, error: err.region },
        )}
        ${textField(`${p}-ej`, f.finessEj, this._finessEj, (v) => (this._finessEj = v), { hint: f.finessEjHint, error: err.finessEj })}
        ${textField(`${p}-ght`, f.ght, this._ght, (v) => (this._ght = v), { hint: f.ghtHint, error: err.ght })}
        <div class="field wide">
          <label class="check" for="${p}-priority"><input type="checkbox" id="${p}-priority" .checked=${this._priority}
            aria-describedby="${p}-priority-note" @change=${(ev: Event) => (this._priority = (ev.target as HTMLInputElement).checked)}>${f.priority}</label>
          <span class="${err.priority ? 'field-error' : 'hint'}" id="${p}-priority-note">${err.priority ?? f.priorityHint}</span>
        </div>
      </div>
      <div class="actions">
        <button class="btn" type="submit" ?disabled=${this._busy}>${e ? f.submitEdit : f.submitCreate}</button>
        <button class="btn secondary" type="button" @click=${() => fire(this, 'form-close', undefined)}>${t.common.cancel}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-establishment-form': JalonEstablishmentForm;
  }
}
