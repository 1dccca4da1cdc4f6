// <jalon-application-form>: an establishment's draft application to a window — for itself or,
// from a GHT's support establishment, for its GHT (« un dossier par GHT »), the objectives it
// commits to and the amount requested (« 1 234,56 », never above that applicant's cap) — created
// or edited (If-Match). The API's refusal is shown beside its field; others above the buttons.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApplicantEligibility, Application, FundingWindow } from '../../server/contract/windows.js';
import { ApiError } from '../api/client.js';
import { createApplication, updateApplication } from '../api/applications.js';
import { fire } from '../lib/fire.js';
import { centsToInput, formatEuros, formatShare, parseEuros } from '../lib/format.js';
import { formStyles } from '../lib/form-styles.js';
import { t } from '../i18n/applications.js';
import { tokens, ui } from '../lib/styles.js';

const k = t.applications;

@customElement('jalon-application-form')
export class JalonApplicationForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    :host { margin-top: 16px; }
    form { background: var(--bg-alt); padding: 16px; border-left: 4px solid var(--blue); }
    .objectives { display: grid; gap: 8px; margin-top: 8px; }
    .objectives label { display: flex; gap: 8px; align-items: flex-start; font-weight: 400; }
    .objectives input { width: auto; min-height: 0; margin-top: 4px; }
    .amount { max-width: 280px; }
    .amount input { text-align: right; }
  `,
  ];

  @property({ attribute: false }) window!: FundingWindow;
  /** The draft edited; absent: a new application. */
  @property({ attribute: false }) application?: Application;
  /** A new application: whom it may be for (eligible), as the API answered; several when the
   *  account's establishment supports a GHT. */
  @property({ attribute: false }) applicants: ApplicantEligibility[] = [];
  /** The draft's applicant's cap for this window, when the API told it. */
  @property({ type: Number }) capCents?: number;
  /** The chosen applicant of a new application: a GHT's code, '' the establishment itself. */
  @state() private _for = '';
  @state() private _objectives: string[] = [];
  @state() private _amount = '';
  @state() private _busy = false;
  @state() private _errors: Record<string, string> = {};
  @state() private _error = '';

  override connectedCallback() {
    super.connectedCallback();
    const a = this.application;
    this._objectives = a ? [...a.objectives] : this.window.objectives.map((o) => o.code);
    this._amount = a ? centsToInput(a.requestedCents) : '';
    this._for = this.applicants[0]?.applicant.ghtCode ?? '';
  }

  /** The new application's applicant, as chosen. */
  private get _chosen() {
    return this.applicants.find((e) => (e.applicant.ghtCode ?? '') === this._for);
  }

  private get _cap(): number | undefined {
    return this.application ? this.capCents : (this._chosen?.capCents ?? undefined);
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLElement>('input')?.focus();
  }

  private _toggle(code: string, on: boolean) {
    const chosen = new Set(this._objectives);
    if (on) chosen.add(code);
    else chosen.delete(code);
    // the window's order, whatever the order of the clicks
    this._objectives = this.window.objectives.map((o) => o.code).filter((c) => chosen.has(c));
  }

  private _check(): number | null {
    const errors: Record<string, string> = {};
    const parsed = parseEuros(this._amount);
    if (!parsed.ok) errors.requestedCents = parsed.error;
    else if (parsed.cents === 0) errors.requestedCents = k.amountRequired;
    else if (this._cap !== undefined && parsed.cents > this._cap)
      errors.requestedCents = k.amountAboveCap(formatEuros(this._cap));
    if (!this._objectives.length) errors.objectives = k.objectivesRequired;
    this._errors = errors;
    return parsed.ok && !Object.keys(errors).length ? parsed.cents : null;
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    this._error = '';
    const cents = this._check();
    if (cents === null) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this._busy = true;
    try {
      const body = { objectives: this._objectives, requestedCents: cents };
      const chosen = this._chosen?.applicant;
      if (this.application) await updateApplication(this.application, body);
      else if (chosen)
        await createApplication(this.window.id, {
          ...body,
          finess: chosen.finess,
          ...(chosen.ghtCode ? { ghtCode: chosen.ghtCode } : {}),
        });
      fire(this, 'applications-changed', { message: k.saved(this.window.name) });
      fire(this, 'form-close', undefined);
    } catch (err) {
      const field = (p: string) => (err instanceof ApiError ? err.fieldMessage(p) : undefined);
      const errors: Record<string, string> = {};
      for (const p of ['requestedCents', 'objectives']) {
        const m = field(p);
        if (m) errors[p] = m;
      }
      this._errors = errors;
      if (!Object.keys(errors).length) this._error = (err as Error).message;
    } finally {
      this._busy = false;
    }
  }

  /** Another applicant, another cap: a refusal already shown is checked again against it. */
  private _choose(code: string) {
    this._for = code;
    if (Object.keys(this._errors).length) this._check();
  }

  /** The establishment itself, or a GHT it supports: each with its cap. */
  private _applicantChoice(id: string) {
    return html`<fieldset class="for"><legend>${k.applyAs}</legend><div class="objectives">${this.applicants.map(
      (e) => {
        const code = e.applicant.ghtCode ?? '';
        const who = e.applicant.ghtCode ? k.ghtApplicant(e.applicant.name) : e.applicant.name;
        return html`<label><input type="radio" name="${id}-for" value=${code} .checked=${this._for === code}
          @change=${() => this._choose(code)}>
        <span>${e.capCents === null ? who : k.capOf(who, formatEuros(e.capCents))}</span></label>`;
      },
    )}</div></fieldset>`;
  }

  override render() {
    const w = this.window;
    const id = `af-${w.id}`;
    const cap = this._cap;
    return html`<form novalidate @submit=${this._submit} aria-labelledby="${id}-t">
      <h3 id="${id}-t">${k.formTitle(w.name)}</h3>
      ${this.applicants.length > 1 ? this._applicantChoice(id) : nothing}
      <fieldset aria-describedby="${id}-oh" aria-invalid=${this._errors.objectives ? 'true' : 'false'}>
        <legend>${k.objectivesLegend}</legend>
        <span class=${this._errors.objectives ? 'field-error' : 'hint'} id="${id}-oh">${this._errors.objectives ?? k.objectivesHint}</span>
        <div class="objectives">${w.objectives.map(
          (o) => html`<label><input type="checkbox" name="objectives" value=${o.code}
            .checked=${this._objectives.includes(o.code)} aria-invalid=${this._errors.objectives ? 'true' : 'false'}
            @change=${(e: Event) => this._toggle(o.code, (e.target as HTMLInputElement).checked)}>
            <span><strong>${o.code}</strong> — ${o.title} <span class="hint">(${k.share(formatShare(o.shareBp))})</span></span></label>`,
        )}</div>
      </fieldset>
      <div class="field amount"><label for="${id}-a">${k.amountLabel}</label>
        <input id="${id}-a" inputmode="decimal" autocomplete="off" .value=${this._amount}
          aria-invalid=${this._errors.requestedCents ? 'true' : 'false'} aria-describedby="${id}-ah"
          @input=${(e: Event) => (this._amount = (e.target as HTMLInputElement).value)}>
        <span class=${this._errors.requestedCents ? 'field-error' : 'hint'} id="${id}-ah">${
          this._errors.requestedCents ?? (cap !== undefined ? k.amountHint(formatEuros(cap)) : k.amountHintNoCap)
        }</span></div>
      ${this._error ? html`<div class="alert error" role="alert"><p>${this._error}</p></div>` : nothing}
      <div class="actions"><button class="btn" ?disabled=${this._busy}>${k.saveDraft}</button>
        <button class="btn tertiary" type="button" ?disabled=${this._busy} @click=${() => fire(this, 'form-close', undefined)}>${k.cancel}</button></div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-application-form': JalonApplicationForm;
  }
}
