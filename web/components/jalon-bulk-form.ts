// <jalon-bulk-form>: one amount per year to every beneficiary matching the filters: establishments,
// pooled regional resources or both. Preview (dry run) first, then apply: the server creates all
// of them or none.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Action, Envelope, PlanYear } from '../../server/contract/plan.js';
import { ApiError } from '../api/client.js';
import { applyBulk, previewBulk, type BulkInput, type BulkPreview } from '../api/allocations.js';
import { PLAN_YEARS } from '../../shared/years.js';
import './jalon-preview-table.js';
import type { PreviewTableRow } from './jalon-preview-table.js';
import { tp, type BulkBeneficiaries } from '../i18n/previews.js';
import { bulkScope } from '../lib/beneficiary.js';
import { fire } from '../lib/fire.js';
import { formatEuros } from '../lib/format.js';
import { formStyles } from '../lib/form-styles.js';
import { t } from '../i18n/allocations.js';
import { tokens, ui } from '../lib/styles.js';
import {
  actionPicker,
  parseYears,
  yearErrorsOf,
  yearInputs,
  type YearErrors,
  type YearTexts,
} from '../lib/year-inputs.js';

@customElement('jalon-bulk-form')
export class JalonBulkForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    // a grid item's minimum is its content's: the folded list would otherwise widen the form on a phone
    css`details { min-width: 0; }`,
  ];

  @property({ attribute: false }) envelope?: Envelope;
  @property({ attribute: false }) actions: Action[] = [];
  @property({ attribute: false }) filter: BulkInput['filter'] = {};
  /** The filters in words, e.g. "Île-de-France · Public · Prioritaires" (the form adds whom it funds). */
  @property() scopeLabel = '';
  @state() private _actionId = '';
  @state() private _beneficiaries: BulkBeneficiaries = 'establishments';
  @state() private _years: YearTexts = {};
  @state() private _errors: YearErrors & { actionId?: string } = {};
  @state() private _preview: { key: string; input: BulkInput; result: BulkPreview } | null = null;
  /** The preview list whose next page is on its way. */
  @state() private _paging: 'targets' | 'skipped' | null = null;
  @state() private _message: { kind: 'error' | 'success' | 'info'; text: string } | null = null;
  @state() private _busy = false;

  private _input(): BulkInput | null {
    const { amounts, errors } = parseYears(this._years);
    this._errors = { ...errors, ...(this._actionId ? {} : { actionId: t.addForm.actionRequired }) };
    if (Object.keys(this._errors).length || !this.envelope) return null;
    if (!Object.keys(amounts).length) {
      this._message = { kind: 'error', text: t.addForm.zero };
      return null;
    }
    return {
      envelopeId: this.envelope.id,
      actionId: this._actionId,
      amounts,
      filter: { ...this.filter, beneficiaries: this._beneficiaries },
    };
  }

  private async _run(apply: boolean) {
    const input = this._input();
    if (!input) return;
    const key = JSON.stringify(input);
    if (apply && this._preview?.key !== key) {
      this._preview = null;
      this._message = { kind: 'info', text: t.bulk.stale };
      return;
    }
    this._busy = true;
    this._message = null;
    try {
      if (!apply) {
        const result = await previewBulk(input);
        this._preview = { key, input, result };
      } else {
        const done = await applyBulk(input);
        this._preview = null;
        this._message = { kind: 'success', text: t.bulk.applied(done.count, formatEuros(done.totalCents)) };
        fire(this, 'allocations-changed', { count: done.count });
      }
    } catch (err) {
      // a refused preview (or apply) leaves nothing to apply: no stale preview, no enabled button
      this._preview = null;
      if (err instanceof ApiError)
        this._errors = { ...yearErrorsOf(err.problem.errors), actionId: err.fieldMessage('actionId') };
      this._message = { kind: 'error', text: (err as Error).message };
    } finally {
      this._busy = false;
    }
  }

  /** Another page of one list, the other staying where it is. */
  private async _page(list: 'targets' | 'skipped', offset: number) {
    const cur = this._preview;
    if (!cur) return;
    this._paging = list;
    try {
      const at = { targets: cur.result.targets.offset, skipped: cur.result.skippedList.offset, [list]: offset };
      const result = await previewBulk(cur.input, { targets: { offset: at.targets }, skipped: { offset: at.skipped } });
      if (this._preview === cur) this._preview = { ...cur, result };
    } catch (err) {
      this._preview = null;
      this._message = { kind: 'error', text: (err as Error).message };
    } finally {
      this._paging = null;
    }
  }

  /** Who gets what: those who would receive one, then (folded) those already funded. */
  private _lists(p: BulkPreview, who: BulkBeneficiaries) {
    const years = PLAN_YEARS.filter((y) => p.amounts[y]);
    const [idLabel, nameLabel] = tp.bulk.headers[who];
    const targets: PreviewTableRow[] = p.targets.items.map((e) => ({
      key: e.finess,
      finess: e.finess,
      name: e.name,
      regionName: e.regionName,
      amounts: e.amounts,
      totalCents: e.totalCents,
    }));
    const skipped: PreviewTableRow[] = p.skippedList.items.map((e) => ({
      key: e.finess,
      finess: e.finess,
      name: e.name,
      regionName: e.regionName,
      note: e.existing.map((a) => tp.bulk.heldBy(formatEuros(a.totalCents), t.statuses[a.status])).join(' ; '),
    }));
    return html`<jalon-preview-table testid="bulk-targets" caption=${tp.bulk.targets(p.count, who)} .rows=${targets} .years=${years}
        id-label=${idLabel} name-label=${nameLabel}
        offset=${p.targets.offset} size=${p.targets.limit} total=${p.targets.total} ?busy=${this._paging === 'targets'}
        @preview-page=${(e: CustomEvent<{ offset: number }>) => this._page('targets', e.detail.offset)}></jalon-preview-table>
      ${
        p.skipped
          ? html`<details><summary>${tp.bulk.skipped(p.skipped, who)}</summary>
        <jalon-preview-table testid="bulk-skipped" caption=${tp.bulk.skipped(p.skipped, who)} note-label=${tp.held} .rows=${skipped}
          id-label=${idLabel} name-label=${nameLabel}
          offset=${p.skippedList.offset} size=${p.skippedList.limit} total=${p.skippedList.total} ?busy=${this._paging === 'skipped'}
          @preview-page=${(e: CustomEvent<{ offset: number }>) => this._page('skipped', e.detail.offset)}></jalon-preview-table></details>`
          : nothing
      }`;
  }

  override render() {
    const p = this._preview?.result;
    // the preview speaks of whom it was asked for
    const who = this._preview?.input.filter.beneficiaries ?? 'establishments';
    return html`<form @submit=${(e: Event) => {
      e.preventDefault();
      void this._run(false);
    }} novalidate aria-labelledby="bulk-title">
      <h2 id="bulk-title">${t.bulk.title}</h2>
      <p class="hint">${t.bulk.intro}</p>
      <p data-testid="bulk-scope"><strong>${t.bulk.scope} :</strong> ${bulkScope(this.scopeLabel, this._beneficiaries)}</p>
      <div class="field" style="max-width: 640px">
        <label for="bulk-beneficiaries">${t.bulk.beneficiaries}</label>
        <select id="bulk-beneficiaries" aria-describedby="bulk-beneficiaries-hint" .value=${this._beneficiaries}
          @change=${(e: Event) => {
            this._beneficiaries = (e.target as HTMLSelectElement).value as BulkBeneficiaries;
          }}>
          ${(Object.entries(t.bulk.beneficiaryKinds) as Array<[BulkBeneficiaries, string]>).map(
            ([v, label]) => html`<option value=${v} ?selected=${v === this._beneficiaries}>${label}</option>`,
          )}
        </select>
        <p class="hint" id="bulk-beneficiaries-hint">${t.bulk.beneficiariesHint}</p>
      </div>
      <div class="field" style="max-width: 640px">
        ${actionPicker('bulk-act', this.actions, this._actionId, this._errors.actionId, (id) => {
          this._actionId = id;
        })}
      </div>
      <fieldset><legend>${t.addForm.amounts}</legend><p class="hint" id="bulk-hint">${t.addForm.amountHint}</p>
        ${yearInputs('bulk', this._years, this._errors, (y: PlanYear, v) => {
          this._years = { ...this._years, [y]: v };
        })}
      </fieldset>
      <div role="status" aria-live="polite" data-testid="bulk-status">
        ${p ? html`<div class="alert info"><p>${t.bulk.previewResult(p.count, formatEuros(p.totalCents), p.skipped, who)}</p><p class="hint">${t.bulk.atomic}</p></div>` : nothing}
        ${this._message ? html`<div class="alert ${this._message.kind}"><p>${this._message.text}</p></div>` : nothing}
      </div>
      ${p ? this._lists(p, who) : nothing}
      <div class="actions">
        <button class="btn secondary" type="submit" ?disabled=${this._busy}>${t.bulk.preview}</button>
        <button class="btn" type="button" ?disabled=${this._busy || !p || p.count === 0} @click=${() => this._run(true)}>${t.bulk.apply}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-bulk-form': JalonBulkForm;
  }
}
