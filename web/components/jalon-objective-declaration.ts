// <jalon-objective-declaration>: the applicant declares an objective achieved — the day, a
// comment, 1 to 5 evidence files (PDF, PNG or JPEG, 10 Mo at most each) — sent as
// multipart/form-data. The files are checked here for a quick answer; the API tells them apart by
// their first bytes, and its refusal is shown beside the field it names.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/client.js';
import { declareObjective } from '../api/applications.js';
import { filesProblem } from '../lib/applications.js';
import { fire } from '../lib/fire.js';
import { formatBytes, localToday } from '../lib/format.js';
import { formStyles } from '../lib/form-styles.js';
import { t } from '../i18n/applications.js';
import { tokens, ui } from '../lib/styles.js';
import { FIRST_DAY } from '../lib/years.js';

const k = t.applications;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

@customElement('jalon-objective-declaration')
export class JalonObjectiveDeclaration extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    form { background: var(--bg-alt); padding: 16px; border-left: 4px solid var(--blue); margin-top: 8px; }
    .two { display: grid; grid-template-columns: minmax(0, 220px) minmax(0, 1fr); gap: 16px; }
    textarea { min-height: 72px; resize: vertical; }
    .picker { position: relative; display: flex; align-items: center; gap: 16px; margin-top: 4px; padding: 8px 12px; background: var(--bg-contrast);
      border-bottom: 2px solid var(--muted); border-radius: var(--radius) var(--radius) 0 0; }
    .picker.bad { border-bottom-color: var(--error); }
    .picker input { position: absolute; inset: 0; opacity: 0; cursor: pointer; min-height: 0; padding: 0; }
    .pick-btn { flex: none; font-weight: 500; padding: 6px 14px; border: 1px solid var(--blue); background: var(--bg); color: var(--blue); }
    .picker:focus-within { outline: 2px solid var(--focus); outline-offset: 2px; }
    .pick-name { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
    ul.chosen { margin: 4px 0 0; padding-left: 20px; font-size: 0.875rem; overflow-wrap: anywhere; }
    @media (max-width: 640px) { .two { grid-template-columns: minmax(0, 1fr); } .picker { flex-wrap: wrap; gap: 8px; } }
  `,
  ];

  @property() applicationId = '';
  @property() objective = '';
  @property() objectiveTitle = '';
  @state() private _date = localToday();
  @state() private _comment = '';
  @state() private _files: File[] = [];
  @state() private _busy = false;
  @state() private _errors: Record<string, string> = {};
  @state() private _error = '';

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLElement>('input[type="date"]')?.focus();
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    this._error = '';
    const problem = filesProblem(this._files);
    const errors: Record<string, string> = {};
    if (problem) errors.files = problem;
    if (!this._date) errors.achievedOn = k.dateRequired;
    this._errors = errors;
    if (Object.keys(errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this._busy = true;
    try {
      await declareObjective(this.applicationId, {
        objective: this.objective,
        achievedOn: this._date,
        comment: this._comment,
        files: this._files,
      });
      fire(this, 'applications-changed', { message: k.declared(this.objective) });
      fire(this, 'form-close', undefined);
    } catch (err) {
      const msg = (p: string) => (err instanceof ApiError ? err.fieldMessage(p) : undefined);
      const found: Record<string, string> = {};
      for (const p of ['files', 'achievedOn', 'comment']) {
        const m = msg(p);
        if (m) found[p] = m;
      }
      this._errors = found;
      if (!Object.keys(found).length) this._error = (err as Error).message;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const id = `od-${this.applicationId}-${this.objective}`;
    const err = this._errors;
    return html`<form novalidate @submit=${this._submit} aria-label=${k.declareFor(this.objective)}>
      <div class="two">
        <div class="field"><label for="${id}-d">${k.achievedOn}</label>
          <input id="${id}-d" type="date" min=${FIRST_DAY} max=${localToday()} required .value=${this._date}
            aria-invalid=${err.achievedOn ? 'true' : 'false'} aria-describedby="${id}-dh"
            @input=${(e: Event) => (this._date = (e.target as HTMLInputElement).value)}>
          <span id="${id}-dh" class=${err.achievedOn ? 'field-error' : 'sr-only'}>${err.achievedOn ?? ''}</span></div>
        <div class="field"><label for="${id}-c">${k.comment}</label>
          <textarea id="${id}-c" .value=${this._comment} aria-invalid=${err.comment ? 'true' : 'false'} aria-describedby="${id}-ch"
            @input=${(e: Event) => (this._comment = (e.target as HTMLTextAreaElement).value)}></textarea>
          <span id="${id}-ch" class=${err.comment ? 'field-error' : 'sr-only'}>${err.comment ?? ''}</span></div>
      </div>
      <div class="field"><label for="${id}-f">${k.files}</label>
        <span class=${err.files ? 'field-error' : 'hint'} id="${id}-fh">${err.files ?? k.filesHint}</span>
        <div class="picker ${err.files ? 'bad' : ''}">
          <span class="pick-btn" aria-hidden="true">${k.pick}</span>
          <span class="pick-name" id="${id}-fn">${this._files.length ? k.filesChosen(this._files.length) : k.filesNone}</span>
          <input id="${id}-f" type="file" multiple accept=${ACCEPT} aria-describedby="${id}-fh ${id}-fn"
            aria-invalid=${err.files ? 'true' : 'false'}
            @change=${(e: Event) => {
              this._files = [...((e.target as HTMLInputElement).files ?? [])];
              const { files: _old, ...others } = this._errors;
              const problem = filesProblem(this._files);
              this._errors = problem ? { ...others, files: problem } : others;
            }}>
        </div>
        ${this._files.length ? html`<ul class="chosen">${this._files.map((f) => html`<li>${f.name} · ${formatBytes(f.size)}</li>`)}</ul>` : nothing}
      </div>
      ${this._error ? html`<div class="alert error" role="alert"><p>${this._error}</p></div>` : nothing}
      <div class="actions"><button class="btn" ?disabled=${this._busy}>${k.send}</button>
        <button class="btn tertiary" type="button" ?disabled=${this._busy} @click=${() => fire(this, 'form-close', undefined)}>${k.cancel}</button></div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-objective-declaration': JalonObjectiveDeclaration;
  }
}
