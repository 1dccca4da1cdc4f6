// The fields shared by the add and bulk forms: the action picker, the five "amount per year"
// fields, and their parsing.
import { html, nothing } from 'lit';
import type { Action, PlanYear, YearAmounts } from '../../server/contract/plan.js';
import { t } from '../i18n/allocations.js';
import { parseEuros } from './format.js';
import { YEARS } from './years.js';

export type YearTexts = Partial<Record<PlanYear, string>>;
export type YearErrors = Partial<Record<PlanYear, string>>;

export const actionPicker = (
  id: string,
  actions: readonly Action[],
  value: string,
  error: string | undefined,
  onPick: (actionId: string) => void,
) =>
  html`<label for=${id}>${t.addForm.action}</label>
    <select id=${id} .value=${value} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-err` : nothing}
      @change=${(e: Event) => onPick((e.target as HTMLSelectElement).value)}>
      <option value="">${t.addForm.pickPlaceholder}</option>
      ${actions
        // a retired action takes no new allocation (server/domain/catalog.ts): not offered
        .filter((a) => !a.retiredAt || a.id === value)
        .map((a) => html`<option value=${a.id}>${a.code} — ${a.title}</option>`)}
    </select>
    ${error ? html`<span class="field-error" id="${id}-err">${error}</span>` : nothing}`;

export const yearInputs = (
  prefix: string,
  values: YearTexts,
  errors: YearErrors,
  onInput: (y: PlanYear, v: string) => void,
) =>
  html`<div class="years">${YEARS.map(
    (y) => html`<div class="field">
    <label for="${prefix}-${y}">${y}</label>
    <input id="${prefix}-${y}" inputmode="decimal" autocomplete="off" .value=${values[y] ?? ''} placeholder="0"
      aria-invalid=${errors[y] ? 'true' : 'false'} aria-describedby=${errors[y] ? `${prefix}-${y}-err` : `${prefix}-hint`}
      @input=${(e: InputEvent) => onInput(y, (e.target as HTMLInputElement).value)}>
    ${errors[y] ? html`<span class="field-error" id="${prefix}-${y}-err">${errors[y]}</span>` : ''}
  </div>`,
  )}</div>`;

/** Parses every year; returns the amounts (zeros left out) or the per-year French errors. */
export const parseYears = (values: YearTexts): { amounts: YearAmounts; errors: YearErrors } => {
  const amounts: YearAmounts = {};
  const errors: YearErrors = {};
  for (const y of YEARS) {
    const p = parseEuros(values[y] ?? '');
    if (!p.ok) errors[y] = p.error;
    else if (p.cents > 0) amounts[y] = p.cents;
  }
  return { amounts, errors };
};

/** API errors named "amounts.2024" land on their year. */
export const yearErrorsOf = (errors: Array<{ path: string; message: string }> = []): YearErrors =>
  Object.fromEntries(errors.filter((e) => e.path.startsWith('amounts.')).map((e) => [e.path.slice(8), e.message]));
