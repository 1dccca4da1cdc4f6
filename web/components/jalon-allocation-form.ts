// <jalon-allocation-form>: propose one allocation (beneficiary and action pickers with search): the
// beneficiary is an establishment (FINESS) or a pooled regional resource (SIRET), found by name or number.
// Given `save`, it writes through it instead (a scenario's new line) and its owner announces the change.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Action, Envelope, PlanYear } from '../../server/contract/plan.js';
import { ApiError } from '../api/client.js';
import { proposeAllocation } from '../api/allocations.js';
import { searchPooled } from '../api/ghts.js';
import { searchEstablishments } from '../api/plan.js';
import { fire } from '../lib/fire.js';
import { t } from '../i18n/allocations.js';
import { t as ts } from '../i18n/scenarios.js';
import { formStyles } from '../lib/form-styles.js';
import { tokens, ui } from '../lib/styles.js';
import {
  actionPicker,
  parseYears,
  yearErrorsOf,
  yearInputs,
  type YearErrors,
  type YearTexts,
} from '../lib/year-inputs.js';
import { debounce } from '../lib/debounce.js';

type NewAllocation = Parameters<typeof proposeAllocation>[0];

@customElement('jalon-allocation-form')
export class JalonAllocationForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`select[size] { min-height: 160px; background: var(--bg); border: 1px solid var(--border-strong); }
    select[size][aria-invalid="true"] { border-color: var(--error); border-bottom-width: 2px; }`,
  ];

  @property({ attribute: false }) envelope?: Envelope;
  @property({ attribute: false }) actions: Action[] = [];
  /** Where the allocation goes instead of the plan (a scenario's line); its words are a line's. */
  @property({ attribute: false }) save?: (input: NewAllocation) => Promise<unknown>;
  @state() private _q = '';
  @state() private _finess = '';
  @state() private _actionId = '';
  @state() private _years: YearTexts = {};
  @state() private _errors: YearErrors & { finess?: string; actionId?: string } = {};
  @state() private _message: { kind: 'error' | 'success'; text: string } | null = null;
  @state() private _busy = false;
  private _search = debounce((v: string) => {
    this._query = v.trim();
  }, 250);
  @state() private _query = '';

  private _matches = new Task(this, {
    task: async ([q], { signal }) => {
      const [establishments, pooled] = await Promise.all([searchEstablishments(q), searchPooled(q, 10)]);
      signal.throwIfAborted();
      return {
        establishments,
        pooled,
        names: new Map([
          ...establishments.items.map((e) => [e.finess, e.name] as const),
          ...pooled.items.map((p) => [p.siret, p.name] as const),
        ]),
      };
    },
    args: () => [this._query] as const,
  });

  private _onSearch(v: string) {
    this._q = v;
    this._search(v);
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    if (!this.envelope) return;
    const { amounts, errors } = parseYears(this._years);
    const missing = {
      ...(this._finess ? {} : { finess: t.addForm.establishmentRequired }),
      ...(this._actionId ? {} : { actionId: t.addForm.actionRequired }),
    };
    this._errors = { ...errors, ...missing };
    if (Object.keys(this._errors).length) return;
    if (!Object.keys(amounts).length) {
      this._message = { kind: 'error', text: t.addForm.zero };
      return;
    }
    this._busy = true;
    this._message = null;
    try {
      const input = { envelopeId: this.envelope.id, finess: this._finess, actionId: this._actionId, amounts };
      if (this.save) await this.save(input);
      else await proposeAllocation(input);
      const name = this._matches.value?.names.get(input.finess) ?? input.finess;
      this._message = { kind: 'success', text: this._words.created(name) };
      this._years = {};
      if (!this.save) fire(this, 'allocations-changed', { count: 1 });
    } catch (err) {
      if (err instanceof ApiError) {
        this._errors = {
          ...yearErrorsOf(err.problem.errors),
          finess: err.fieldMessage('finess'),
          actionId: err.fieldMessage('actionId'),
        };
      }
      this._message = { kind: 'error', text: (err as Error).message };
    } finally {
      this._busy = false;
    }
  }

  private get _words() {
    return this.save ? ts.addLine : t.addForm;
  }

  override render() {
    const found = this._matches.value?.establishments.items ?? [];
    const pooled = this._matches.value?.pooled.items ?? [];
    return html`<form @submit=${this._submit} novalidate aria-labelledby="add-title">
      <h2 id="add-title">${this._words.title}</h2>
      <div role="status" aria-live="polite">${this._message ? html`<div class="alert ${this._message.kind}"><p>${this._message.text}</p></div>` : nothing}</div>
      <div class="row">
        <div class="field grow">
          <label for="est-q">${t.addForm.establishmentSearch}</label>
          <input id="est-q" type="search" .value=${this._q} @input=${(e: InputEvent) => this._onSearch((e.target as HTMLInputElement).value)} aria-describedby="est-count">
          <span class="hint" id="est-count">${this._matches.render({
            pending: () => t.app.loading,
            complete: (p) => t.addForm.matches(p.establishments.total, p.pooled.total),
            error: (er) => (er as Error).message,
          })}</span>
          <label for="est-pick" class="sr-only">${t.addForm.establishmentPick}</label>
          <select id="est-pick" size="6" .value=${this._finess} aria-invalid=${this._errors.finess ? 'true' : 'false'} aria-describedby=${this._errors.finess ? 'est-pick-err' : nothing}
            @change=${(e: Event) => {
              this._finess = (e.target as HTMLSelectElement).value;
            }}>
            ${
              pooled.length
                ? html`<optgroup label=${t.addForm.pooledGroup}>${pooled.map((x) => html`<option value=${x.siret} ?selected=${x.siret === this._finess}>${x.name} — SIRET ${x.siret}</option>`)}</optgroup>
                  ${found.length ? html`<optgroup label=${t.addForm.establishmentGroup}>${found.map((x) => html`<option value=${x.finess} ?selected=${x.finess === this._finess}>${x.name} — ${x.finess}</option>`)}</optgroup>` : nothing}`
                : found.map(
                    (x) =>
                      html`<option value=${x.finess} ?selected=${x.finess === this._finess}>${x.name} — ${x.finess}</option>`,
                  )
            }
          </select>
          ${this._errors.finess ? html`<span class="field-error" id="est-pick-err">${this._errors.finess}</span>` : nothing}
        </div>
        <div class="field grow">
          ${actionPicker('act', this.actions, this._actionId, this._errors.actionId, (id) => {
            this._actionId = id;
          })}
        </div>
      </div>
      <fieldset><legend>${t.addForm.amounts}</legend><p class="hint" id="add-hint">${t.addForm.amountHint}</p>
        ${yearInputs('add', this._years, this._errors, (y: PlanYear, v) => {
          this._years = { ...this._years, [y]: v };
        })}
      </fieldset>
      <div class="actions"><button class="btn" type="submit" ?disabled=${this._busy}>${this._words.submit}</button></div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-allocation-form': JalonAllocationForm;
  }
}
