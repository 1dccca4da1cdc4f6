// <jalon-pooled-form>: create a pooled regional resource or edit one (name, region, the
// establishments it serves; the SIRET identifies it and does not change). The SIRET's key, the
// region and each served establishment are checked by the API, whose refusals show beside them.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Establishment, PooledResource, Region } from '../../server/contract/plan.js';
import { createPooled, updatePooled } from '../api/ghts.js';
import { fieldErrors, formMessage, selectField, textField } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { formStyles } from '../lib/form-styles.js';
import { tokens, ui } from '../lib/styles.js';
import { t } from '../i18n/ghts.js';

const f = t.pooledForm;
const SUGGESTIONS = 6;
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

@customElement('jalon-pooled-form')
export class JalonPooledForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
    .wide { grid-column: 1 / -1; }
    .fixed { font-variant-numeric: tabular-nums; font-weight: 700; margin: 0; }
    ul { list-style: none; margin: 0 0 12px; padding: 0; display: grid; gap: 8px; }
    li { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; }
    li .who { flex: 1 1 220px; min-width: 0; overflow-wrap: anywhere; }
    li .field-error { flex-basis: 100%; }
    .finess { font-variant-numeric: tabular-nums; color: var(--muted); }
    @media (max-width: 720px) { .grid { grid-template-columns: 1fr; } }
  `,
  ];

  /** The resource edited; absent: a new one. */
  @property({ attribute: false }) resource?: PooledResource;
  @property({ attribute: false }) regions: Region[] = [];
  /** The establishments the user sees, by FINESS: the served ones' names and the suggestions. */
  @property({ attribute: false }) establishments = new Map<string, Establishment>();
  @state() private _siret = '';
  @state() private _name = '';
  @state() private _region = '';
  @state() private _serves: string[] = [];
  @state() private _q = '';
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _busy = false;

  protected override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('resource')) return;
    const r = this.resource;
    this._siret = r?.siret ?? '';
    this._name = r?.name ?? '';
    this._region = r?.region ?? '';
    this._serves = [...(r?.serves ?? [])];
    this._q = '';
    this._errors = {};
    this._message = '';
  }

  private async _submit(ev: SubmitEvent) {
    ev.preventDefault();
    this._message = '';
    this._errors = this._region ? {} : { region: f.required };
    if (!this._region) return this._focusInvalid();
    const r = this.resource;
    const fields = { name: this._name, region: this._region, serves: this._serves };
    this._busy = true;
    try {
      const saved = r
        ? await updatePooled(r, fields)
        : await createPooled({ siret: this._siret.replace(/\s/g, ''), ...fields });
      fire(this, 'catalog-saved', {
        message: r ? t.pooled.saved(saved.name) : t.pooled.created(`${saved.name} (${saved.siret})`),
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
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]')?.focus();
  }

  /** Establishments of the chosen region matching the search, not yet served. */
  private _suggestions(): Establishment[] {
    const q = this._q.trim();
    if (!q || !this._region) return [];
    const up = q.toUpperCase(),
      folded = fold(q);
    const out: Establishment[] = [];
    for (const e of this.establishments.values()) {
      if (e.region !== this._region || this._serves.includes(e.finess)) continue;
      if (e.finess.includes(up) || fold(e.name).includes(folded)) out.push(e);
      if (out.length === SUGGESTIONS) break;
    }
    return out;
  }

  private _add(finess: string) {
    this._serves = [...this._serves, finess];
    this._q = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#pooled-add')?.focus());
  }

  private _remove(i: number) {
    this._serves = this._serves.filter((_, k) => k !== i);
    // a refusal's index names the list as it was sent
    this._errors = Object.fromEntries(Object.entries(this._errors).filter(([p]) => !p.startsWith('serves.')));
  }

  private _serving() {
    const err = this._errors;
    const found = this._suggestions();
    const generalServes = err.serves;
    return html`<fieldset class="wide"><legend>${f.serves}</legend>
      <p class="hint">${f.servesHint}</p>
      ${generalServes ? html`<p class="field-error">${generalServes}</p>` : nothing}
      <ul data-testid="serves">${repeat(
        this._serves,
        (x) => x,
        (x, i) => {
          const e = this.establishments.get(x);
          const error = err[`serves.${i}`];
          return html`<li>
            <span class="who">${e?.name ?? x} <span class="finess">${x}</span></span>
            <button class="btn secondary small" type="button" aria-label=${f.remove(e?.name ?? x)}
              data-invalid=${error ? 'true' : nothing} aria-describedby=${error ? `serves-${i}-note` : nothing}
              @click=${() => this._remove(i)}>${f.removeShort}</button>
            ${error ? html`<span class="field-error" id="serves-${i}-note">${error}</span>` : nothing}
          </li>`;
        },
      )}</ul>
      <div class="field">
        <label for="pooled-add">${f.add}</label>
        <input id="pooled-add" type="search" autocomplete="off" .value=${this._q} aria-describedby="pooled-add-note"
          @input=${(e: InputEvent) => (this._q = (e.target as HTMLInputElement).value)}>
        <span class="hint" id="pooled-add-note">${
          !this._region ? f.pickRegionFirst : this._q.trim() && !found.length ? f.noMatch : f.addHint
        }</span>
      </div>
      ${found.length ? html`<ul>${found.map((e) => html`<li><span class="who">${e.name} <span class="finess">${e.finess}</span></span><button class="btn secondary small" type="button" aria-label=${f.addOne(e.name)} @click=${() => this._add(e.finess)}>${f.addShort}</button></li>`)}</ul>` : nothing}
    </fieldset>`;
  }

  override render() {
    const r = this.resource;
    const p = r ? 'pooled-edit' : 'pooled-new';
    const err = this._errors;
    return html`<form @submit=${this._submit} novalidate aria-labelledby="${p}-title">
      <h2 id="${p}-title">${r ? f.editTitle(r.name) : f.createTitle}</h2>
      ${formMessage(this._message)}
      <div class="grid">
        ${
          r
            ? html`<div class="field"><span class="label">${f.siret}</span>
              <p class="fixed" data-testid="siret">${r.siret}</p><span class="hint">${f.siretFixed}</span></div>`
            : textField(
                `${p}-siret`,
                f.siret,
                this._siret,
                (v) => {
                  this._siret = v;
                  this._errors = { ...this._errors, siret: '' };
                },
                {
                  hint: f.siretHint,
                  error: err.siret || undefined,
                  required: true,
                  inputmode: 'numeric',
                },
              )
        }
        ${textField(`${p}-name`, f.name, this._name, (v) => (this._name = v), { error: err.name, required: true })}
        ${selectField(
          `${p}-region`,
          f.region,
          this._region,
          this.regions.map((x) => [x.code, x.name]),
          (v) => (this._region = v),
          { pick: f.pick, error: err.region },
        )}
        ${this._serving()}
      </div>
      <div class="actions">
        <button class="btn" type="submit" ?disabled=${this._busy}>${r ? f.submitEdit : f.submitCreate}</button>
        <button class="btn secondary" type="button" @click=${() => fire(this, 'form-close', undefined)}>${t.common.cancel}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-pooled-form': JalonPooledForm;
  }
}
