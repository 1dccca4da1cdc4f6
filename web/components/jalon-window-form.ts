// <jalon-window-form>: create a funding window or edit one (national planners): code (fixed once
// created), name, envelope, action, year, arrêté, the seven phase dates, objectives with their
// shares (« 12,5 » % → basis points), eligibility, caps by applicant, category and staff band
// (« 1 234,56 » €), published national figures. Typing mistakes are caught here; the API's
// refusals (dates out of order, shares not adding up to 100 %…) show beside their field.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Action, Category, Envelope, PlanYear, Region } from '../../server/contract/plan.js';
import type { FundingWindow, PublishedFigure, WindowCap, WindowPhases } from '../../server/contract/windows.js';
import { createWindow, updateWindow, type WindowBody } from '../api/windows.js';
import { errorUnder, fieldErrors, formMessage, selectField, textField } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { centsToInput, formatShare, parseEuros } from '../lib/format.js';
import { formStyles } from '../lib/form-styles.js';
import { tokens, ui } from '../lib/styles.js';
import { PHASES, parseShare, parseStaff, shareToInput, staffToInput } from '../lib/windows.js';
import { YEARS } from '../lib/years.js';
import { t } from '../i18n/windows.js';

const f = t.windowForm;
const CATEGORIES = Object.keys(t.categories) as Category[];

interface ObjectiveRow {
  code: string;
  title: string;
  share: string;
}
interface CapRow {
  applicant: WindowCap['applicant'];
  category: Category | '';
  min: string;
  max: string;
  cap: string;
}

/** JSON with its keys sorted: two values equal whatever order their keys came in. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );

/** Only what the planner changed: once applications exist the API refuses to move the envelope,
 *  the phases, the objectives or the caps, and a field sent unchanged must not read as a move. */
const changedFields = (w: FundingWindow, fields: Omit<WindowBody, 'code'>): Partial<Omit<WindowBody, 'code'>> =>
  Object.fromEntries(
    Object.entries(fields).filter(
      ([k, v]) => canonical(v) !== canonical(w[k as keyof FundingWindow] ?? (k === 'published' ? [] : undefined)),
    ),
  );

const emptyPhases = (): WindowPhases => Object.fromEntries(PHASES.map((p) => [p, ''])) as unknown as WindowPhases;
const newObjective = (): ObjectiveRow => ({ code: '', title: '', share: '' });
const newCap = (): CapRow => ({ applicant: 'establishment', category: '', min: '0', max: '', cap: '' });
const newFigure = (): PublishedFigure => ({ label: '', value: '', source: '' });

@customElement('jalon-window-form')
export class JalonWindowForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    fieldset { border-top: 1px solid var(--border); padding-top: 16px; }
    legend { font-size: 1.125rem; font-weight: 700; }
    .grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; }
    .dates { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 16px; }
    .line { display: grid; gap: 8px 12px; align-items: start; padding: 8px 0; border-bottom: 1px solid var(--border); }
    .line.objective { grid-template-columns: 9rem minmax(0, 1fr) 8rem auto; }
    .line.cap { grid-template-columns: 12rem 11rem 10rem 12rem 11rem auto; }
    .line.figure { grid-template-columns: minmax(0, 1fr) 10rem minmax(0, 1fr) auto; }
    .line .btn { margin-top: 26px; }
    fieldset.line { border-top: 0; padding-top: 8px; }
    .line > legend { font-size: 0.9375rem; font-weight: 700; margin: 0 0 4px; padding: 0; }
    .checks { display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 4px 0 12px; }
    .checks.regions { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr)); gap: 4px 16px; }
    .check { display: flex; gap: 8px; align-items: center; }
    .check input { width: auto; min-height: 0; }
    .fixed { font-weight: 700; margin: 0; }
    .total { margin: 8px 0 0; font-weight: 500; }
    .total.off { color: var(--error); }
    input[type="date"] { min-width: 0; }
    @media (max-width: 1100px) { .line.cap { grid-template-columns: repeat(3, minmax(0, 1fr)); } .line.cap .btn { margin-top: 0; } }
    @media (max-width: 900px) { .grid, .dates { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
    @media (max-width: 720px) {
      .grid, .dates, .line.objective, .line.cap, .line.figure { grid-template-columns: minmax(0, 1fr); }
      .line .btn { margin-top: 0; justify-self: start; }
    }
  `,
  ];

  /** The window edited; absent: a new one. */
  @property({ attribute: false }) window?: FundingWindow;
  @property({ attribute: false }) envelopes: Envelope[] = [];
  @property({ attribute: false }) actions: Action[] = [];
  @property({ attribute: false }) regions: Region[] = [];
  @state() private _code = '';
  @state() private _name = '';
  @state() private _envelopeId = '';
  @state() private _actionId = '';
  @state() private _year = '';
  @state() private _reference = '';
  @state() private _phases: WindowPhases = emptyPhases();
  @state() private _objectives: ObjectiveRow[] = [newObjective()];
  @state() private _categories = new Set<Category>();
  @state() private _priorityOnly = false;
  @state() private _regions = new Set<string>();
  @state() private _caps: CapRow[] = [newCap()];
  @state() private _published: PublishedFigure[] = [];
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _busy = false;

  protected override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('window')) return;
    const w = this.window;
    this._code = w?.code ?? '';
    this._name = w?.name ?? '';
    this._envelopeId = w?.envelopeId ?? '';
    this._actionId = w?.actionId ?? '';
    this._year = w?.year ?? '';
    this._reference = w?.reference ?? '';
    this._phases = w ? { ...w.phases } : emptyPhases();
    this._objectives = w?.objectives.map((o) => ({ code: o.code, title: o.title, share: shareToInput(o.shareBp) })) ?? [
      newObjective(),
    ];
    this._categories = new Set(w?.eligibility.categories ?? []);
    this._priorityOnly = !!w?.eligibility.priorityOnly;
    this._regions = new Set(w?.eligibility.regions ?? []);
    this._caps = w?.caps.map((c) => ({
      applicant: c.applicant,
      category: c.category ?? '',
      min: staffToInput(c.minStaff),
      max: staffToInput(c.maxStaff),
      cap: centsToInput(c.capCents),
    })) ?? [newCap()];
    this._published = w?.published?.map((p) => ({ ...p, source: p.source ?? '' })) ?? [];
    this._errors = {};
    this._message = '';
  }

  /** The body, or the typing mistakes by the API's field paths. */
  private _body(): { body: WindowBody; errors: Record<string, string> } {
    const errors: Record<string, string> = {};
    const need = (path: string, v: string) => {
      if (!v.trim()) errors[path] = f.required;
      return v.trim();
    };
    if (!this.window) need('code', this._code);
    need('name', this._name);
    need('envelopeId', this._envelopeId);
    need('actionId', this._actionId);
    need('year', this._year);
    need('reference', this._reference);
    for (const p of PHASES) need(`phases.${p}`, this._phases[p]);
    const objectives = this._objectives.map((o, i) => {
      const share = parseShare(o.share);
      if (!share.ok) errors[`objectives.${i}.shareBp`] = share.error;
      return {
        code: need(`objectives.${i}.code`, o.code),
        title: need(`objectives.${i}.title`, o.title),
        shareBp: share.ok ? share.bp : 0,
      };
    });
    const caps = this._caps.map((c, i) => {
      const min = parseStaff(c.min);
      const max = parseStaff(c.max);
      const cap = parseEuros(c.cap);
      if (!min.ok) errors[`caps.${i}.minStaff`] = min.error;
      else if (min.staff === undefined) errors[`caps.${i}.minStaff`] = f.required;
      if (!max.ok) errors[`caps.${i}.maxStaff`] = max.error;
      if (!cap.ok) errors[`caps.${i}.capCents`] = cap.error;
      else if (cap.cents <= 0) errors[`caps.${i}.capCents`] = f.required;
      return {
        applicant: c.applicant,
        ...(c.category ? { category: c.category } : {}),
        minStaff: min.ok ? (min.staff ?? 0) : 0,
        ...(max.ok && max.staff !== undefined ? { maxStaff: max.staff } : {}),
        capCents: cap.ok ? cap.cents : 0,
      } satisfies WindowCap;
    });
    const published = this._published.map((p, i) => ({
      label: need(`published.${i}.label`, p.label),
      value: need(`published.${i}.value`, p.value),
      ...(p.source?.trim() ? { source: p.source.trim() } : {}),
    }));
    const eligibility = {
      ...(this._categories.size ? { categories: CATEGORIES.filter((c) => this._categories.has(c)) } : {}),
      ...(this._priorityOnly ? { priorityOnly: true } : {}),
      ...(this._regions.size ? { regions: [...this._regions].sort() } : {}),
    };
    const body: WindowBody = {
      code: this._code.trim(),
      name: this._name.trim(),
      envelopeId: this._envelopeId,
      actionId: this._actionId,
      year: this._year as PlanYear,
      reference: this._reference.trim(),
      phases: { ...this._phases },
      objectives,
      eligibility,
      caps,
      published,
    };
    return { body, errors };
  }

  private async _submit(ev: SubmitEvent) {
    ev.preventDefault();
    const { body, errors } = this._body();
    this._errors = errors;
    this._message = Object.keys(errors).length ? f.fix : '';
    if (this._message) return this._focusInvalid();
    const w = this.window;
    this._busy = true;
    try {
      const { code, ...fields } = body;
      const saved = w ? await updateWindow(w, changedFields(w, fields)) : await createWindow(body);
      fire(this, 'catalog-saved', { message: w ? t.windows.saved(code) : t.windows.created(code) });
      // a new window: its own page
      if (!w) fire(this, 'navigate', { path: `/windows?id=${encodeURIComponent(saved.id)}` });
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

  /** An input of a row (a fieldset whose legend names the row): its label, the API's refusal of
   *  `path` below it. */
  private _cell(
    id: string,
    label: string,
    value: string,
    path: string,
    onInput: (v: string) => void,
    o: { inputmode?: string; hint?: string } = {},
  ): TemplateResult {
    return textField(id, label, value, onInput, { ...o, error: this._errors[path] });
  }

  private _setObjective(i: number, patch: Partial<ObjectiveRow>) {
    this._objectives = this._objectives.map((o, k) => (k === i ? { ...o, ...patch } : o));
  }
  private _setCap(i: number, patch: Partial<CapRow>) {
    this._caps = this._caps.map((c, k) => (k === i ? { ...c, ...patch } : c));
  }
  private _setFigure(i: number, patch: Partial<PublishedFigure>) {
    this._published = this._published.map((p, k) => (k === i ? { ...p, ...patch } : p));
  }
  /** After a row is removed the refusals no longer name the right rows: they go. */
  private _dropRow<K extends '_objectives' | '_caps' | '_published'>(key: K, i: number) {
    (this[key] as unknown[]) = (this[key] as unknown[]).filter((_, k) => k !== i);
    this._errors = {};
  }

  private _general(p: string) {
    const err = this._errors;
    const w = this.window;
    return html`<fieldset><legend>${f.general}</legend><div class="grid">
      ${
        w
          ? html`<div class="field"><span class="label">${f.code}</span><p class="fixed" data-testid="code">${w.code}</p>
            <span class="hint">${f.codeFixed}</span></div>`
          : textField(`${p}-code`, f.code, this._code, (v) => (this._code = v), {
              hint: f.codeHint,
              error: err.code,
              required: true,
            })
      }
      ${textField(`${p}-name`, f.name, this._name, (v) => (this._name = v), { error: err.name, required: true })}
      ${textField(`${p}-reference`, f.reference, this._reference, (v) => (this._reference = v), {
        hint: f.referenceHint,
        error: err.reference,
        required: true,
      })}
      ${selectField(
        `${p}-envelope`,
        f.envelope,
        this._envelopeId,
        this.envelopes.map((e) => [e.id, `${e.code} — ${e.name}`]),
        (v) => (this._envelopeId = v),
        {
          pick: f.pick,
          error: err.envelopeId,
        },
      )}
      ${selectField(
        `${p}-action`,
        f.action,
        this._actionId,
        // a retired action takes no new allocation: not offered, unless the window already names it
        this.actions
          .filter((a) => !a.retiredAt || a.id === this._actionId)
          .map((a) => [a.id, `${a.code} — ${a.title}`]),
        (v) => (this._actionId = v),
        { pick: f.pick, error: err.actionId },
      )}
      ${selectField(
        `${p}-year`,
        f.year,
        this._year,
        YEARS.map((y) => [y, y]),
        (v) => (this._year = v),
        { pick: f.pick, error: err.year },
      )}
    </div></fieldset>`;
  }

  private _dates(p: string) {
    return html`<fieldset><legend>${f.phases}</legend><p class="hint">${f.phasesHint}</p><div class="dates">
      ${PHASES.map((ph) =>
        textField(
          `${p}-${ph}`,
          t.windows.phases[ph],
          this._phases[ph],
          (v) => (this._phases = { ...this._phases, [ph]: v }),
          {
            type: 'date',
            error: this._errors[`phases.${ph}`],
            required: true,
          },
        ),
      )}
    </div>
    ${
      // once applied to, the API refuses moving phases here (an extension moves one): said under them
      this._errors.phases ? html`<p class="field-error" data-testid="phases-error">${this._errors.phases}</p>` : nothing
    }</fieldset>`;
  }

  private _objectivesSet(p: string) {
    const parsed = this._objectives.map((o) => parseShare(o.share));
    const total = parsed.reduce((sum, r) => sum + (r.ok ? r.bp : 0), 0);
    const general = this._errors.objectives;
    return html`<fieldset><legend>${f.objectives}</legend><p class="hint">${f.objectivesHint}</p>
      ${this._objectives.map((o, i) => {
        const n = i + 1;
        return html`<fieldset class="line objective" data-testid="objective-row"><legend>${f.objectiveRow(n)}</legend>
          ${this._cell(`${p}-obj-${i}-code`, f.objectiveCode, o.code, `objectives.${i}.code`, (v) => this._setObjective(i, { code: v }))}
          ${this._cell(`${p}-obj-${i}-title`, f.objectiveTitle, o.title, `objectives.${i}.title`, (v) => this._setObjective(i, { title: v }))}
          ${this._cell(`${p}-obj-${i}-share`, f.objectiveShare, o.share, `objectives.${i}.shareBp`, (v) => this._setObjective(i, { share: v }), { inputmode: 'decimal' })}
          <button class="btn tertiary" type="button" aria-label=${f.removeObjective(n)} ?disabled=${this._objectives.length === 1}
            @click=${() => this._dropRow('_objectives', i)}>${f.remove}</button>
        </fieldset>`;
      })}
      <p class="total ${total === 10_000 ? '' : 'off'}" aria-live="polite" data-testid="shares-total">${
        total === 10_000 ? f.sharesTotal(formatShare(total)) : f.sharesOff(formatShare(total))
      }</p>
      ${general ? html`<p class="field-error" data-testid="objectives-error">${general}</p>` : nothing}
      <button class="btn secondary small" type="button" @click=${() => (this._objectives = [...this._objectives, newObjective()])}>${f.addObjective}</button>
    </fieldset>`;
  }

  private _eligibility(p: string) {
    const toggle = <T>(set: Set<T>, v: T, on: boolean) => {
      const next = new Set(set);
      if (on) next.add(v);
      else next.delete(v);
      return next;
    };
    const error = errorUnder(this._errors, 'eligibility');
    return html`<fieldset><legend>${f.eligibility}</legend><p class="hint">${f.eligibilityHint}</p>
      <fieldset><legend class="label">${f.categories}</legend><div class="checks">
        ${CATEGORIES.map(
          (c) => html`<label class="check"><input type="checkbox" .checked=${this._categories.has(c)}
            @change=${(e: Event) => (this._categories = toggle(this._categories, c, (e.target as HTMLInputElement).checked))}>${t.categories[c]}</label>`,
        )}
      </div></fieldset>
      <label class="check"><input id="${p}-priority" type="checkbox" .checked=${this._priorityOnly}
        @change=${(e: Event) => (this._priorityOnly = (e.target as HTMLInputElement).checked)}>${f.priorityOnly}</label>
      <fieldset><legend class="label">${f.regions}</legend><div class="checks regions">
        ${this.regions.map(
          (r) => html`<label class="check"><input type="checkbox" .checked=${this._regions.has(r.code)}
            @change=${(e: Event) => (this._regions = toggle(this._regions, r.code, (e.target as HTMLInputElement).checked))}>${r.name}</label>`,
        )}
      </div></fieldset>
      ${error ? html`<p class="field-error">${error}</p>` : nothing}
    </fieldset>`;
  }

  private _capsSet(p: string) {
    const general = this._errors.caps;
    return html`<fieldset><legend>${f.caps}</legend><p class="hint">${f.capsHint}</p>
      ${this._caps.map((c, i) => {
        const n = i + 1;
        const id = `${p}-cap-${i}`;
        return html`<fieldset class="line cap" data-testid="cap-row"><legend>${f.capRow(n)}</legend>
          ${selectField(
            `${id}-applicant`,
            t.windows.applicant,
            c.applicant,
            (['establishment', 'ght'] as const).map((v) => [v, t.windows.applicants[v]]),
            (v) => this._setCap(i, { applicant: v as CapRow['applicant'] }),
            {},
          )}
          ${selectField(
            `${id}-category`,
            t.common.category,
            c.category,
            CATEGORIES.map((k) => [k, t.categories[k]]),
            (v) => this._setCap(i, { category: v as CapRow['category'] }),
            { pick: f.anyCategory },
          )}
          ${this._cell(`${id}-min`, f.capMin, c.min, `caps.${i}.minStaff`, (v) => this._setCap(i, { min: v }), { inputmode: 'decimal' })}
          ${this._cell(`${id}-max`, f.capMax, c.max, `caps.${i}.maxStaff`, (v) => this._setCap(i, { max: v }), {
            inputmode: 'decimal',
            hint: f.capMaxHint,
          })}
          ${this._cell(`${id}-amount`, f.capAmount, c.cap, `caps.${i}.capCents`, (v) => this._setCap(i, { cap: v }), { inputmode: 'decimal' })}
          <button class="btn tertiary" type="button" aria-label=${f.removeCap(n)} ?disabled=${this._caps.length === 1}
            @click=${() => this._dropRow('_caps', i)}>${f.remove}</button>
        </fieldset>`;
      })}
      ${general ? html`<p class="field-error" data-testid="caps-error">${general}</p>` : nothing}
      <button class="btn secondary small" type="button" @click=${() => (this._caps = [...this._caps, newCap()])}>${f.addCap}</button>
    </fieldset>`;
  }

  private _figures(p: string) {
    return html`<fieldset><legend>${f.published}</legend><p class="hint">${f.publishedHint}</p>
      ${this._published.map((x, i) => {
        const n = i + 1;
        return html`<fieldset class="line figure" data-testid="figure-row"><legend>${f.figureRow(n)}</legend>
          ${this._cell(`${p}-fig-${i}-label`, f.figureLabel, x.label, `published.${i}.label`, (v) => this._setFigure(i, { label: v }))}
          ${this._cell(`${p}-fig-${i}-value`, f.figureValue, x.value, `published.${i}.value`, (v) => this._setFigure(i, { value: v }))}
          ${this._cell(`${p}-fig-${i}-source`, f.figureSource, x.source ?? '', `published.${i}.source`, (v) => this._setFigure(i, { source: v }))}
          <button class="btn tertiary" type="button" aria-label=${f.removeFigure(n)} @click=${() => this._dropRow('_published', i)}>${f.remove}</button>
        </fieldset>`;
      })}
      <button class="btn secondary small" type="button" @click=${() => (this._published = [...this._published, newFigure()])}>${f.addFigure}</button>
    </fieldset>`;
  }

  override render() {
    const w = this.window;
    const p = w ? 'win-edit' : 'win-new';
    return html`<form @submit=${this._submit} novalidate aria-labelledby="${p}-title">
      <h2 id="${p}-title">${w ? f.editTitle(w.code) : f.createTitle}</h2>
      ${formMessage(this._message)}
      ${this._general(p)}
      ${this._dates(p)}
      ${this._objectivesSet(p)}
      ${this._eligibility(p)}
      ${this._capsSet(p)}
      ${this._figures(p)}
      <div class="actions">
        <button class="btn" type="submit" ?disabled=${this._busy}>${w ? f.submitEdit : f.submitCreate}</button>
        <button class="btn secondary" type="button" @click=${() => fire(this, 'form-close', undefined)}>${t.common.cancel}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-window-form': JalonWindowForm;
  }
}
