// <jalon-envelope-form>: create or edit an envelope — code, name, source, status, total, yearly
// split, earmark. Amounts are typed in euros (« 1 234,56 ») and sent in cents; each refusal of
// the API is shown next to its field (a total below what is allocated, a year below its share).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Action, Category, Envelope, EnvelopeStatus, PlanYear, Region } from '../../server/contract/plan.js';
import { createEnvelope, updateEnvelope, type EnvelopeBody } from '../api/catalog.js';
import { errorUnder, fieldErrors, textField } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { centsToInput, parseEuros } from '../lib/format.js';
import { formStyles } from '../lib/form-styles.js';
import { tokens, ui } from '../lib/styles.js';
import { parseYears, yearInputs, type YearTexts } from '../lib/year-inputs.js';
import { YEARS } from '../lib/years.js';
import { t } from '../i18n/envelopes.js';

const f = t.envelopeForm;

@customElement('jalon-envelope-form')
export class JalonEnvelopeForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    .two { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 2fr); gap: 16px; }
    .checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 4px 16px; margin: 4px 0 12px; }
    .check { display: flex; gap: 8px; align-items: flex-start; font-size: 0.9375rem; }
    .check input { width: auto; min-height: 0; margin-top: 3px; }
    .radios { display: flex; flex-wrap: wrap; gap: 8px 24px; }
    fieldset.group { border: 1px solid var(--border); padding: 12px 16px; }
    fieldset.group.invalid { border-color: var(--error); }
    .total { max-width: 420px; }
    @media (max-width: 720px) {
      .two { grid-template-columns: 1fr; }
      .years { grid-template-columns: repeat(2, minmax(0, 1fr)); }
    }
  `,
  ];

  /** The envelope edited; absent: a new one. */
  @property({ attribute: false }) envelope?: Envelope;
  @property({ attribute: false }) actions: Action[] = [];
  @property({ attribute: false }) regions: Region[] = [];
  @state() private _code = '';
  @state() private _name = '';
  @state() private _source = '';
  @state() private _status: EnvelopeStatus = 'committed';
  @state() private _total = '';
  @state() private _years: YearTexts = {};
  @state() private _regions = new Set<string>();
  @state() private _categories = new Set<Category>();
  @state() private _priorityOnly = false;
  @state() private _actionIds = new Set<string>();
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _busy = false;

  protected override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('envelope')) return;
    const e = this.envelope;
    this._code = e?.code ?? '';
    this._name = e?.name ?? '';
    this._source = e?.source ?? '';
    this._status = e?.status ?? 'committed';
    this._total = e ? centsToInput(e.totalCents) : '';
    this._years = Object.fromEntries(
      YEARS.filter((y) => e?.yearlyCents?.[y] !== undefined).map((y) => [y, centsToInput(e!.yearlyCents![y]!)]),
    );
    this._regions = new Set(e?.earmark?.regions ?? []);
    this._categories = new Set(e?.earmark?.categories ?? []);
    this._priorityOnly = !!e?.earmark?.priorityOnly;
    this._actionIds = new Set(e?.earmark?.actionIds ?? []);
    this._errors = {};
    this._message = '';
  }

  private _body(): { body: EnvelopeBody } | { errors: Record<string, string> } {
    const errors: Record<string, string> = {};
    const total = parseEuros(this._total);
    if (!this._total.trim()) errors.totalCents = f.required;
    else if (!total.ok) errors.totalCents = total.error;
    const years = parseYears(this._years);
    for (const [y, msg] of Object.entries(years.errors)) errors[`yearlyCents.${y}`] = msg;
    if (Object.keys(errors).length || !total.ok) return { errors };
    const split = Object.keys(years.amounts).length > 0;
    const earmark = {
      ...(this._regions.size ? { regions: [...this._regions] } : {}),
      ...(this._categories.size ? { categories: [...this._categories] } : {}),
      ...(this._priorityOnly ? { priorityOnly: true } : {}),
      ...(this._actionIds.size ? { actionIds: [...this._actionIds] } : {}),
    };
    const marked = Object.keys(earmark).length > 0;
    const editing = !!this.envelope;
    return {
      body: {
        code: this._code.trim(),
        name: this._name,
        source: this._source,
        status: this._status,
        totalCents: total.cents,
        // on an edit, an emptied split or earmark is cleared (null); a new envelope simply has none
        ...(split ? { yearlyCents: years.amounts } : editing ? { yearlyCents: null } : {}),
        ...(marked ? { earmark } : editing ? { earmark: null } : {}),
      },
    };
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const built = this._body();
    this._message = '';
    if ('errors' in built) {
      this._errors = built.errors;
      this._focusInvalid();
      return;
    }
    this._errors = {};
    this._busy = true;
    try {
      const saved = this.envelope ? await updateEnvelope(this.envelope, built.body) : await createEnvelope(built.body);
      fire(this, 'catalog-saved', {
        message: this.envelope ? t.envelopes.saved(saved.code) : t.envelopes.created(saved.code),
      });
    } catch (err) {
      this._errors = fieldErrors(err);
      this._message = (err as Error).message;
      this._focusInvalid();
    } finally {
      this._busy = false;
    }
  }

  private async _focusInvalid() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private _toggle<T>(set: Set<T>, value: T, on: boolean): Set<T> {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  }

  private _check(id: string, label: string, checked: boolean, onChange: (on: boolean) => void) {
    return html`<label class="check" for=${id}><input type="checkbox" id=${id} .checked=${checked}
      @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked)}>${label}</label>`;
  }

  override render() {
    const p = this.envelope ? 'env-edit' : 'env-new';
    const err = this._errors;
    const yearErrors = Object.fromEntries(YEARS.map((y) => [y, err[`yearlyCents.${y}`]]).filter(([, m]) => m));
    const earmarkError = errorUnder(err, 'earmark');
    const statusError = err.status;
    const titleId = `${p}-title`;
    return html`<form @submit=${this._submit} novalidate aria-labelledby=${titleId}>
      <h2 id=${titleId}>${this.envelope ? f.editTitle(this.envelope.code) : f.createTitle}</h2>
      <div role="status" aria-live="polite">${this._message ? html`<div class="alert error"><p>${this._message}</p></div>` : nothing}</div>
      <div class="two">
        ${textField(`${p}-code`, f.code, this._code, (v) => (this._code = v), { hint: f.codeHint, error: err.code, required: true })}
        ${textField(`${p}-name`, f.name, this._name, (v) => (this._name = v), { error: err.name, required: true })}
      </div>
      ${textField(`${p}-source`, f.source, this._source, (v) => (this._source = v), { error: err.source, required: true, multiline: true })}
      <fieldset aria-describedby=${statusError ? `${p}-status-err` : nothing}><legend>${f.status}</legend>
        <div class="radios">${(['committed', 'announced'] as const).map(
          (
            s,
          ) => html`<label class="check" for="${p}-status-${s}"><input type="radio" name="status" id="${p}-status-${s}" value=${s}
            .checked=${this._status === s} @change=${() => (this._status = s)}>
            <span><strong>${t.envelopes.status[s]}</strong> — ${t.envelopes.statusHint[s]}</span></label>`,
        )}</div>
        ${statusError ? html`<span class="field-error" id="${p}-status-err">${statusError}</span>` : nothing}
      </fieldset>
      <div class="total">${textField(`${p}-total`, f.total, this._total, (v) => (this._total = v), {
        hint: f.totalHint,
        error: err.totalCents,
        inputmode: 'decimal',
        required: true,
      })}</div>
      <fieldset aria-describedby="${p}-y-hint${err.yearlyCents ? ` ${p}-y-err` : ''}"><legend>${f.yearly}</legend>
        <p class="hint" id="${p}-y-hint">${f.yearlyHint}</p>
        ${yearInputs(`${p}-y`, this._years, yearErrors, (y: PlanYear, v) => {
          this._years = { ...this._years, [y]: v };
        })}
        ${err.yearlyCents ? html`<span class="field-error" id="${p}-y-err">${err.yearlyCents}</span>` : nothing}
      </fieldset>
      <details ?open=${!!this.envelope?.earmark || !!earmarkError}>
        <summary>${f.earmark}</summary>
        <fieldset class="group ${earmarkError ? 'invalid' : ''}" aria-describedby="${p}-em-hint${earmarkError ? ` ${p}-em-err` : ''}">
          <legend class="sr-only">${f.earmark}</legend>
          <p class="hint" id="${p}-em-hint">${f.earmarkHint}</p>
          ${earmarkError ? html`<p class="field-error" id="${p}-em-err">${earmarkError}</p>` : nothing}
          <fieldset><legend>${f.regions}</legend><div class="checks">${this.regions.map((r) =>
            this._check(`${p}-r-${r.code}`, r.name, this._regions.has(r.code), (on) => {
              this._regions = this._toggle(this._regions, r.code, on);
            }),
          )}</div></fieldset>
          <fieldset><legend>${f.categories}</legend><div class="checks">${(Object.keys(t.categories) as Category[]).map(
            (c) =>
              this._check(`${p}-c-${c}`, t.categories[c], this._categories.has(c), (on) => {
                this._categories = this._toggle(this._categories, c, on);
              }),
          )}</div></fieldset>
          <div class="checks">${this._check(`${p}-prio`, f.priorityOnly, this._priorityOnly, (on) => (this._priorityOnly = on))}</div>
          <fieldset><legend>${f.actions}</legend><div class="checks">${this.actions
            .filter((a) => !a.retiredAt || this._actionIds.has(a.id))
            .map((a) =>
              this._check(
                `${p}-a-${a.id}`,
                `${a.code} — ${a.title}${a.retiredAt ? ` (${f.retired})` : ''}`,
                this._actionIds.has(a.id),
                (on) => {
                  this._actionIds = this._toggle(this._actionIds, a.id, on);
                },
              ),
            )}</div></fieldset>
        </fieldset>
      </details>
      <div class="actions">
        <button class="btn" type="submit" ?disabled=${this._busy}>${this.envelope ? f.submitEdit : f.submitCreate}</button>
        <button class="btn secondary" type="button" @click=${() => fire(this, 'form-close', undefined)}>${t.common.cancel}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-envelope-form': JalonEnvelopeForm;
  }
}
