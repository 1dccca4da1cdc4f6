// <jalon-distribute-form>: « Répartir »: a distribution rule for one envelope, action and year of
// the scenario, its parameters and who is eligible; « Prévisualiser » asks the API (?preview=1:
// the same shares through the same checks, nothing written) for the count, the total, the cents a
// division leaves and the rule that gives them, and each one's share; « Appliquer » writes what was
// previewed, only while the fields are unchanged. A refusal goes beside the parameter it names.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Category, PlanYear } from '../../server/contract/plan.js';
import type { DistributionRuleName } from '../../server/contract/scenarios.js';
import { distribute, type Distribution, type DistributionBody, type ScenarioView } from '../api/scenarios.js';
import { fieldErrors, formMessage } from '../lib/catalog-form.js';
import { fire } from '../lib/fire.js';
import { formatEuros } from '../lib/format.js';
import { formStyles } from '../lib/form-styles.js';
import { distributionBody, type DistributeTexts, type ScenarioReference } from '../lib/scenarios.js';
import { tokens, ui } from '../lib/styles.js';
import { YEARS } from '../lib/years.js';
import './jalon-preview-table.js';
import type { PreviewTableRow } from './jalon-preview-table.js';
import { t } from '../i18n/scenarios.js';

const d = t.distribute;
const RULES = Object.keys(d.rules) as DistributionRuleName[];
const CATEGORIES = Object.keys(t.categories) as Category[];

@customElement('jalon-distribute-form')
export class JalonDistributeForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr)); gap: 16px; }
    .checks { display: flex; flex-wrap: wrap; gap: 8px 20px; }
    .checks label { display: flex; gap: 8px; align-items: center; font-weight: 400; }
    .checks input { width: 20px; height: 20px; min-height: 0; }
    .band { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto; gap: 12px; align-items: end; margin-bottom: 8px; }
    .weights { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 12px; }
    input.amount { text-align: right; }
    .summary p { margin: 0 0 6px; }
  `,
  ];

  @property({ attribute: false }) scenario!: ScenarioView;
  @property({ attribute: false }) reference!: ScenarioReference;
  @property({ attribute: 'envelope-id' }) envelopeId = '';
  @state() private _x: DistributeTexts | null = null;
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _busy = false;
  @state() private _preview: { key: string; body: DistributionBody; result: Distribution } | null = null;
  @state() private _info = '';

  /** The fields, started on the envelope shown, its first funded action and first funded year. */
  private get _f(): DistributeTexts {
    if (this._x) return this._x;
    const env = this.reference.envelopeMap.get(this.envelopeId);
    const year = (YEARS.find((y) => (env?.yearlyCents?.[y] ?? 0) > 0) ?? YEARS[0]) as PlanYear;
    return {
      rule: 'equal',
      envelopeId: this.envelopeId,
      actionId: this._actions(this.envelopeId)[0]?.id ?? '',
      year,
      mode: 'total',
      total: '',
      per: '',
      fixed: '',
      bands: [
        { minStaff: '0', amount: '' },
        { minStaff: '', amount: '' },
      ],
      weights: {},
      categories: [],
      priority: '',
      beneficiaries: 'establishments',
    };
  }

  /** Open actions the envelope funds (its earmark, when it has one). */
  private _actions(envelopeId: string) {
    const earmark = this.reference.envelopeMap.get(envelopeId)?.earmark?.actionIds;
    return this.reference.actions.filter((a) => !a.retiredAt && (!earmark?.length || earmark.includes(a.id)));
  }

  private _set(patch: Partial<DistributeTexts>) {
    this._x = { ...this._f, ...patch };
  }

  private async _run(apply: boolean) {
    const { body, errors } = distributionBody(this._f);
    this._errors = {
      ...errors,
      ...(body.actionId ? {} : { actionId: d.pickAction }),
    };
    this._message = '';
    this._info = '';
    if (Object.keys(this._errors).length) return;
    const key = JSON.stringify(body);
    if (apply && this._preview?.key !== key) {
      this._preview = null;
      this._info = d.stale;
      return;
    }
    this._busy = true;
    try {
      const result = await distribute(this.scenario.id, body, { preview: !apply });
      if (apply) {
        this._preview = null;
        fire(this, 'scenario-lines-changed', { message: d.applied(result.count, formatEuros(result.totalCents)) });
      } else this._preview = { key, body, result };
    } catch (err) {
      this._preview = null;
      this._errors = fieldErrors(err);
      // a refusal named on a field is shown there; the whole message above the form too
      this._message = err instanceof Error ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }

  private async _page(offset: number) {
    const cur = this._preview;
    if (!cur) return;
    const result = await distribute(this.scenario.id, cur.body, { preview: true, offset }).catch(() => null);
    if (result && this._preview === cur) this._preview = { ...cur, result };
  }

  private _amount(id: string, label: string, value: string, path: string, onInput: (v: string) => void) {
    const err = this._errors[path];
    return html`<div class="field"><label for=${id}>${label}</label>
      <input id=${id} class="amount" inputmode="decimal" autocomplete="off" .value=${value} placeholder="0"
        aria-invalid=${err ? 'true' : 'false'} aria-describedby="${id}-note"
        @input=${(e: InputEvent) => onInput((e.target as HTMLInputElement).value)}>
      <span id="${id}-note" class=${err ? 'field-error' : 'hint'}>${err ?? d.amountHint}</span></div>`;
  }

  private _params(f: DistributeTexts) {
    const total = this._amount('d-total', d.total, f.total, 'totalCents', (v) => this._set({ total: v }));
    switch (f.rule) {
      case 'equal':
        return html`<div class="field"><label for="d-mode">${d.mode}</label>
            <select id="d-mode" @change=${(e: Event) => this._set({ mode: (e.target as HTMLSelectElement).value as 'total' | 'per' })}>
              <option value="total" ?selected=${f.mode === 'total'}>${d.modes.total}</option>
              <option value="per" ?selected=${f.mode === 'per'}>${d.modes.per}</option>
            </select></div>
          ${f.mode === 'per' ? this._amount('d-per', d.per, f.per, 'perBeneficiaryCents', (v) => this._set({ per: v })) : total}`;
      case 'fixed_plus_staff':
        return html`${total}${this._amount('d-fixed', d.fixed, f.fixed, 'fixedCents', (v) => this._set({ fixed: v }))}`;
      case 'priority_first':
        return html`${total}${this._amount('d-per', d.perPriority, f.per, 'perBeneficiaryCents', (v) => this._set({ per: v }))}`;
      case 'size_bands':
        return this._bands(f);
      case 'region_weights':
        return html`${total}${this._weights(f)}`;
    }
  }

  private _bands(f: DistributeTexts) {
    const edit = (i: number, patch: Partial<DistributeTexts['bands'][number]>) =>
      this._set({ bands: f.bands.map((b, k) => (k === i ? { ...b, ...patch } : b)) });
    const bandsError = this._errors.bands;
    return html`<fieldset style="grid-column: 1 / -1"><legend>${d.bands}</legend>
      ${bandsError ? html`<p class="field-error" id="d-bands-err">${bandsError}</p>` : nothing}
      ${f.bands.map((b, i) => {
        const staffErr = this._errors[`bands.${i}.minStaff`],
          amountErr = this._errors[`bands.${i}.amountCents`];
        return html`<div class="band" role="group" aria-label=${d.band(i + 1)}>
          <div class="field"><label for="b-staff-${i}">${d.minStaff}</label>
            <input id="b-staff-${i}" inputmode="decimal" .value=${b.minStaff} aria-invalid=${staffErr ? 'true' : 'false'}
              aria-describedby=${staffErr ? `b-staff-${i}-err` : nothing} @input=${(e: InputEvent) => edit(i, { minStaff: (e.target as HTMLInputElement).value })}>
            ${staffErr ? html`<span class="field-error" id="b-staff-${i}-err">${staffErr}</span>` : nothing}</div>
          <div class="field"><label for="b-amount-${i}">${d.bandAmount}</label>
            <input id="b-amount-${i}" class="amount" inputmode="decimal" .value=${b.amount} aria-invalid=${amountErr ? 'true' : 'false'}
              aria-describedby=${amountErr ? `b-amount-${i}-err` : nothing} @input=${(e: InputEvent) => edit(i, { amount: (e.target as HTMLInputElement).value })}>
            ${amountErr ? html`<span class="field-error" id="b-amount-${i}-err">${amountErr}</span>` : nothing}</div>
          <button class="btn tertiary" type="button" ?disabled=${f.bands.length < 2} aria-label=${d.removeBand(i + 1)}
            @click=${() => this._set({ bands: f.bands.filter((_, k) => k !== i) })}>${t.grid.withdraw}</button>
        </div>`;
      })}
      <button class="btn secondary small" type="button" @click=${() => this._set({ bands: [...f.bands, { minStaff: '', amount: '' }] })}>${d.addBand}</button>
    </fieldset>`;
  }

  private _weights(f: DistributeTexts) {
    const regions = this.scenario.region
      ? this.reference.regions.filter((r) => r.code === this.scenario.region)
      : this.reference.regions;
    const err = this._errors.weights;
    return html`<fieldset style="grid-column: 1 / -1"><legend>${d.weights}</legend>
      ${err ? html`<p class="field-error">${err}</p>` : nothing}
      <div class="weights">${regions.map((r) => {
        const e = this._errors[`weights.${r.code}`];
        return html`<div class="field"><label for="w-${r.code}">${r.name}</label>
          <input id="w-${r.code}" inputmode="numeric" .value=${f.weights[r.code] ?? ''} placeholder="0" aria-invalid=${e ? 'true' : 'false'}
            aria-describedby=${e ? `w-${r.code}-err` : nothing}
            @input=${(ev: InputEvent) => this._set({ weights: { ...f.weights, [r.code]: (ev.target as HTMLInputElement).value } })}>
          ${e ? html`<span class="field-error" id="w-${r.code}-err">${e}</span>` : nothing}</div>`;
      })}</div>
    </fieldset>`;
  }

  private _eligibility(f: DistributeTexts) {
    const err = this._errors.eligibility;
    return html`<fieldset><legend>${d.eligibility}</legend>
      ${err ? html`<p class="field-error">${err}</p>` : nothing}
      <div class="grid">
        <div class="field"><label for="d-who">${d.who}</label>
          <select id="d-who" @change=${(e: Event) => this._set({ beneficiaries: (e.target as HTMLSelectElement).value as DistributeTexts['beneficiaries'] })}>
            ${(Object.keys(d.whoKinds) as Array<keyof typeof d.whoKinds>).map((k) => html`<option value=${k} ?selected=${f.beneficiaries === k}>${d.whoKinds[k]}</option>`)}
          </select></div>
        <div class="field"><label for="d-priority">${d.priority}</label>
          <select id="d-priority" @change=${(e: Event) => this._set({ priority: (e.target as HTMLSelectElement).value as DistributeTexts['priority'] })}>
            <option value="" ?selected=${f.priority === ''}>${t.common.all}</option>
            <option value="true" ?selected=${f.priority === 'true'}>${t.common.priorityOnly}</option>
            <option value="false" ?selected=${f.priority === 'false'}>${t.common.nonPriority}</option>
          </select></div>
      </div>
      <fieldset style="margin-top:12px"><legend>${d.categories}</legend><div class="checks">${CATEGORIES.map(
        (c) => html`<label><input type="checkbox" .checked=${f.categories.includes(c)}
          @change=${(e: Event) => this._set({ categories: (e.target as HTMLInputElement).checked ? [...f.categories, c] : f.categories.filter((x) => x !== c) })}>${t.categories[c]}</label>`,
      )}</div></fieldset>
    </fieldset>`;
  }

  override render() {
    const f = this._f;
    const envs = this.scenario.envelopeIds.map((id) => this.reference.envelopeMap.get(id)).filter((e) => !!e);
    const actionErr = this._errors.actionId;
    return html`<form @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      void this._run(false);
    }} novalidate aria-labelledby="d-title" data-testid="distribute-form">
      <h2 id="d-title">${d.title}</h2>
      <p class="hint">${d.intro}</p>
      ${formMessage(this._message)}
      <div class="grid">
        <div class="field"><label for="d-env">${d.envelope}</label>
          <select id="d-env" aria-invalid=${this._errors.envelopeId ? 'true' : 'false'}
            @change=${(e: Event) => {
              const id = (e.target as HTMLSelectElement).value;
              this._set({ envelopeId: id, actionId: this._actions(id)[0]?.id ?? '' });
            }}>
            ${envs.map((e) => html`<option value=${e.id} ?selected=${e.id === f.envelopeId}>${e.code}</option>`)}
          </select></div>
        <div class="field"><label for="d-action">${t.common.action}</label>
          <select id="d-action" aria-invalid=${actionErr ? 'true' : 'false'} aria-describedby=${actionErr ? 'd-action-err' : nothing}
            @change=${(e: Event) => this._set({ actionId: (e.target as HTMLSelectElement).value })}>
            ${this._actions(f.envelopeId).map((a) => html`<option value=${a.id} ?selected=${a.id === f.actionId}>${a.code} — ${a.title}</option>`)}
          </select>
          ${actionErr ? html`<span class="field-error" id="d-action-err">${actionErr}</span>` : nothing}</div>
        <div class="field"><label for="d-year">${d.year}</label>
          <select id="d-year" @change=${(e: Event) => this._set({ year: (e.target as HTMLSelectElement).value as PlanYear })}>
            ${YEARS.map((y) => html`<option value=${y} ?selected=${y === f.year}>${y}</option>`)}
          </select></div>
        <div class="field"><label for="d-rule">${d.rule}</label>
          <select id="d-rule" aria-describedby="d-rule-hint" @change=${(e: Event) => this._set({ rule: (e.target as HTMLSelectElement).value as DistributionRuleName })}>
            ${RULES.map((r) => html`<option value=${r} ?selected=${r === f.rule}>${d.rules[r]}</option>`)}
          </select>
          <span class="hint" id="d-rule-hint">${d.ruleHints[f.rule]}</span></div>
        ${this._params(f)}
      </div>
      ${this._eligibility(f)}
      <div role="status" aria-live="polite">${this._info ? html`<div class="alert info"><p>${this._info}</p></div>` : nothing}</div>
      ${this._previewView()}
      <div class="actions">
        <button class="btn secondary" type="submit" ?disabled=${this._busy}>${d.preview}</button>
        <button class="btn" type="button" data-testid="apply" ?disabled=${this._busy || !this._preview} @click=${() => void this._run(true)}>${d.apply}</button>
      </div>
    </form>`;
  }

  private _previewView() {
    const p = this._preview?.result;
    if (!p) return nothing;
    const rows: PreviewTableRow[] = p.shares.items.map((x) => ({
      key: x.finess,
      finess: x.finess,
      name: x.name,
      regionName: this.reference.regionNames.get(x.region) ?? x.region,
      amounts: { [p.year]: x.shareCents },
      totalCents: x.shareCents,
      ...(x.remainderCents ? { badge: { text: d.remainderBadge, kind: 'info' as const } } : {}),
    }));
    return html`<div class="summary alert info" data-testid="distribution-summary">
        <p><strong>${d.result(p.count, formatEuros(p.totalCents))}</strong></p>
        ${p.leftCents ? html`<p>${d.left(formatEuros(p.leftCents))}</p>` : nothing}
        <p>${d.remainder(p.remainderCents)}</p>
        <p><strong>${d.remainderRule} :</strong> ${p.remainderRule}</p>
      </div>
      <jalon-preview-table testid="distribution-shares" caption=${d.shares(p.count)} .rows=${rows} .years=${[p.year]}
        .offset=${p.shares.offset} .size=${p.shares.limit} .total=${p.shares.total}
        @preview-page=${(e: CustomEvent<{ offset: number }>) => void this._page(e.detail.offset)}></jalon-preview-table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-distribute-form': JalonDistributeForm;
  }
}
