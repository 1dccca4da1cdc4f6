// What the catalogue's forms share: the API's refusals by field, a labelled field (or select) with
// its hint or error beside it, the form's general refusal, and tables that become cards on a phone.
import { css, html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../api/client.js';

/** The API's messages by field path (the first one for each); `(corps)` and unnamed go to ''. */
export const fieldErrors = (err: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (err instanceof ApiError) for (const e of err.problem.errors ?? []) out[e.path] ??= e.message;
  return out;
};

/** The message of `path` or of a field under it (`earmark` takes `earmark.regions`). */
export const errorUnder = (errors: Record<string, string>, path: string): string | undefined =>
  errors[path] ?? Object.entries(errors).find(([p]) => p.startsWith(`${path}.`))?.[1];

export interface FieldOptions {
  hint?: string;
  error?: string;
  type?: string;
  inputmode?: string;
  required?: boolean;
  autocomplete?: string;
  multiline?: boolean;
  readonly?: boolean;
  /** A date input's earliest day. */
  min?: string;
  maxlength?: number;
}

/** `<label>` + input (or textarea) + hint / error, tied by aria-describedby. */
export const textField = (
  id: string,
  label: string,
  value: string,
  onInput: (v: string) => void,
  o: FieldOptions = {},
): TemplateResult => {
  const note = o.error ?? o.hint;
  const described = note ? `${id}-note` : nothing;
  const input = (e: Event) => onInput((e.target as HTMLInputElement | HTMLTextAreaElement).value);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${
      o.multiline
        ? html`<textarea id=${id} rows="2" maxlength=${o.maxlength ?? nothing} .value=${value} aria-invalid=${o.error ? 'true' : 'false'} aria-describedby=${described} ?required=${!!o.required} @input=${input}></textarea>`
        : html`<input id=${id} type=${o.type ?? 'text'} inputmode=${o.inputmode ?? nothing} autocomplete=${o.autocomplete ?? 'off'} .value=${value}
          min=${o.min ?? nothing} maxlength=${o.maxlength ?? nothing}
          aria-invalid=${o.error ? 'true' : 'false'} aria-describedby=${described} ?required=${!!o.required} ?readonly=${!!o.readonly} @input=${input}>`
    }
    ${note ? html`<span id="${id}-note" class=${o.error ? 'field-error' : 'hint'}>${note}</span>` : nothing}
  </div>`;
};

/** `<label>` + `<select>` + its hint or error, tied by aria-describedby; `pick`: a first option
 *  (value '') that means none. */
export const selectField = (
  id: string,
  label: string,
  value: string,
  options: Array<[value: string, label: string]>,
  onPick: (v: string) => void,
  o: { pick?: string; error?: string; hint?: string },
): TemplateResult => {
  const note = o.error ?? o.hint;
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} aria-invalid=${o.error ? 'true' : 'false'} aria-describedby=${note ? `${id}-note` : nothing}
      @change=${(e: Event) => onPick((e.target as HTMLSelectElement).value)}>
      ${o.pick === undefined ? nothing : html`<option value="" ?selected=${!value}>${o.pick}</option>`}
      ${options.map(([v, l]) => html`<option value=${v} ?selected=${v === value}>${l}</option>`)}
    </select>
    ${note ? html`<span id="${id}-note" class=${o.error ? 'field-error' : 'hint'}>${note}</span>` : nothing}
  </div>`;
};

/** A form's general refusal, announced in a live region that is always there. */
export const formMessage = (message: string): TemplateResult =>
  html`<div role="status" aria-live="polite">${message ? html`<div class="alert error"><p>${message}</p></div>` : nothing}</div>`;

/** A list table (`table.cards`): cells carry `data-label`; below 720 px each row is a card. */
export const cardTable = css`
  /* positioned: visually hidden texts (absolute) stay inside the scrolling box */
  .table-box { overflow-x: auto; position: relative; }
  @media (max-width: 720px) {
    table.cards caption { display: block; }
    table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table.cards, table.cards tbody, table.cards tfoot, table.cards tr, table.cards th, table.cards td { display: block; width: 100%; }
    table.cards tr { border: 1px solid var(--border); margin-bottom: 12px; padding: 8px 12px; background: var(--bg); }
    table.cards th, table.cards td { border: 0; padding: 4px 0; }
    table.cards td[data-label]::before { content: attr(data-label) ' : '; font-weight: 500; color: var(--muted); }
    table.cards .num { text-align: left; }
  }
`;
