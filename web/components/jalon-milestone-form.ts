// <jalon-milestone-form>: add a milestone to the roadmap or edit one (title, date, description and
// an optional measured target: action, population, share in %); each refusal of the API is shown
// next to its field.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Action, Milestone, Population } from '../../server/contract/plan.js';
import { ApiError } from '../api/client.js';
import { createMilestone, updateMilestone, type MilestoneBody } from '../api/checks.js';
import { fire } from '../lib/fire.js';
import { formStyles } from '../lib/form-styles.js';
import { tokens, ui } from '../lib/styles.js';
import { FIRST_DAY, LAST_DAY } from '../lib/years.js';
import { t } from '../i18n/roadmap.js';

const f = t.milestoneForm;

/** « 80 », « 62,5 » → 0.8, 0.625; null when not a percentage from 0 to 100. */
const shareOf = (text: string): number | null => {
  const s = text.trim().replace(/\s|%/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const pct = Number(s);
  return pct >= 0 && pct <= 100 ? Math.round(pct * 100) / 10_000 : null;
};
const pctOf = (share: number) => String(Math.round(share * 10_000) / 100).replace('.', ',');

@customElement('jalon-milestone-form')
export class JalonMilestoneForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    .grid { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 16px; }
    .target { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 16px; }
    .wide { grid-column: 1 / -1; }
    .check { display: flex; gap: 8px; align-items: center; font-weight: 500; }
    .check input, .radios input { width: auto; min-height: 0; }
    .radios { display: flex; flex-wrap: wrap; gap: 8px 24px; }
    .radios label { display: flex; gap: 8px; align-items: center; }
    textarea { min-height: 72px; resize: vertical; }
    textarea[aria-invalid='true'] { border-bottom-color: var(--error); }
    @media (max-width: 720px) { .grid, .target { grid-template-columns: 1fr; } }
  `,
  ];

  /** The milestone edited; absent: a new one. */
  @property({ attribute: false }) milestone?: Milestone;
  @property({ attribute: false }) actions: Action[] = [];
  @state() private _title = '';
  @state() private _date = '';
  @state() private _description = '';
  @state() private _hasTarget = false;
  @state() private _actionId = '';
  @state() private _population: Population = 'all';
  @state() private _share = '';
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _busy = false;

  protected override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('milestone')) return;
    const m = this.milestone;
    this._title = m?.title ?? '';
    this._date = m?.date ?? '';
    this._description = m?.description ?? '';
    this._hasTarget = !!m?.target;
    this._actionId = m?.target?.actionId ?? '';
    this._population = m?.target?.population ?? 'all';
    this._share = m?.target ? pctOf(m.target.share) : '';
    this._errors = {};
    this._message = '';
  }

  private _body(): MilestoneBody | null {
    const errors: Record<string, string> = {};
    const share = shareOf(this._share);
    if (this._hasTarget) {
      if (!this._actionId) errors['target.actionId'] = f.actionRequired;
      if (share === null) errors['target.share'] = f.shareInvalid;
    }
    this._errors = errors;
    if (Object.keys(errors).length) return null;
    const target =
      this._hasTarget && share !== null
        ? { actionId: this._actionId, population: this._population, share }
        : this.milestone?.target
          ? null
          : undefined;
    return {
      title: this._title,
      date: this._date,
      ...(this._description.trim() || this.milestone?.description ? { description: this._description } : {}),
      ...(target !== undefined ? { target } : {}),
    };
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    this._message = '';
    const body = this._body();
    if (body) {
      this._busy = true;
      try {
        const saved = this.milestone ? await updateMilestone(this.milestone, body) : await createMilestone(body);
        fire(this, 'milestone-saved', {
          id: saved.id,
          message: this.milestone ? t.roadmap.saved(saved.title) : t.roadmap.created(saved.title),
        });
        return;
      } catch (err) {
        const errors: Record<string, string> = {};
        if (err instanceof ApiError) for (const x of err.problem.errors ?? []) errors[x.path] ??= x.message;
        this._errors = errors;
        this._message = (err as Error).message;
      } finally {
        this._busy = false;
      }
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private _note(id: string, path: string, hint?: string) {
    const error = this._errors[path];
    const note = error ?? hint;
    return note ? html`<span id="${id}-note" class=${error ? 'field-error' : 'hint'}>${note}</span>` : nothing;
  }

  private _aria(id: string, path: string, hint?: string) {
    return {
      invalid: this._errors[path] ? 'true' : 'false',
      described: this._errors[path] || hint ? `${id}-note` : nothing,
    } as const;
  }

  override render() {
    const p = this.milestone ? `ms-edit-${this.milestone.id}` : 'ms-new';
    const a = (id: string, path: string, hint?: string) => this._aria(`${p}-${id}`, path, hint);
    const title = a('title', 'title'),
      date = a('date', 'date', f.dateHint),
      desc = a('desc', 'description'),
      action = a('action', 'target.actionId'),
      share = a('share', 'target.share', f.shareHint);
    return html`<form @submit=${this._submit} novalidate aria-labelledby="${p}-heading">
      <h2 id="${p}-heading">${this.milestone ? f.editTitle(this.milestone.title) : f.createTitle}</h2>
      <div role="status" aria-live="polite">${this._message ? html`<div class="alert error"><p>${this._message}</p></div>` : nothing}</div>
      <div class="grid">
        <div class="field"><label for="${p}-title">${f.title}</label>
          <input id="${p}-title" name="title" autocomplete="off" required .value=${this._title} aria-invalid=${title.invalid} aria-describedby=${title.described}
            @input=${(e: Event) => (this._title = (e.target as HTMLInputElement).value)}>
          ${this._note(`${p}-title`, 'title')}</div>
        <div class="field"><label for="${p}-date">${f.date}</label>
          <input id="${p}-date" name="date" type="date" min=${FIRST_DAY} max=${LAST_DAY} required .value=${this._date}
            aria-invalid=${date.invalid} aria-describedby=${date.described} @input=${(e: Event) => (this._date = (e.target as HTMLInputElement).value)}>
          ${this._note(`${p}-date`, 'date', f.dateHint)}</div>
        <div class="field wide"><label for="${p}-desc">${f.description}</label>
          <textarea id="${p}-desc" name="description" .value=${this._description} aria-invalid=${desc.invalid} aria-describedby=${desc.described}
            @input=${(e: Event) => (this._description = (e.target as HTMLTextAreaElement).value)}></textarea>
          ${this._note(`${p}-desc`, 'description')}</div>
      </div>
      <label class="check"><input type="checkbox" name="hasTarget" .checked=${this._hasTarget}
        @change=${(e: Event) => (this._hasTarget = (e.target as HTMLInputElement).checked)}> ${f.hasTarget}</label>
      ${
        this._hasTarget
          ? html`<div class="target">
          <div class="field"><label for="${p}-action">${f.action}</label>
            <select id="${p}-action" name="actionId" aria-invalid=${action.invalid} aria-describedby=${action.described}
              @change=${(e: Event) => (this._actionId = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this._actionId}>${f.chooseAction}</option>
              ${this.actions.map((x) => html`<option value=${x.id} ?selected=${x.id === this._actionId}>${x.title}</option>`)}
            </select>
            ${this._note(`${p}-action`, 'target.actionId')}</div>
          <div class="field"><label for="${p}-share">${f.share}</label>
            <input id="${p}-share" name="share" inputmode="decimal" autocomplete="off" .value=${this._share}
              aria-invalid=${share.invalid} aria-describedby=${share.described} @input=${(e: Event) => (this._share = (e.target as HTMLInputElement).value)}>
            ${this._note(`${p}-share`, 'target.share', f.shareHint)}</div>
          <fieldset class="wide"><legend>${f.population}</legend><div class="radios">
            ${(['all', 'priority'] as const).map(
              (
                pop,
              ) => html`<label><input type="radio" name="${p}-population" value=${pop} .checked=${this._population === pop}
                @change=${() => (this._population = pop)}> ${pop === 'all' ? f.all : f.priority}</label>`,
            )}
          </div></fieldset>
        </div>`
          : nothing
      }
      <div class="actions">
        <button class="btn" type="submit" ?disabled=${this._busy}>${this.milestone ? f.submitEdit : f.submitCreate}</button>
        <button class="btn secondary" type="button" @click=${() => fire(this, 'form-close', undefined)}>${t.common.cancel}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-milestone-form': JalonMilestoneForm;
  }
}
