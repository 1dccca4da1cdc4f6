// <jalon-payment-form>: record a payment — find an approved allocation by establishment name or
// FINESS, see what it approved, what was paid (net of cancellations) and what remains, then the
// amount (« 1 234,56 »), date and tranche: on an allocation paid by tranches, one of its tranches
// (only the payable ones can be picked; the others say what they wait for). The API decides; its
// refusal shows beside its field.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { Allocation, TrancheStatus } from '../../server/contract/plan.js';
import { ApiError } from '../api/client.js';
import { allocationTranches, firstAllocations } from '../api/allocations.js';
import { paymentTotals, recordPayment } from '../api/payments.js';
import { beneficiaryName, pooledLine } from '../lib/beneficiary.js';
import { fire } from '../lib/fire.js';
import { centsToInput, formatEuros, localToday, parseEuros, sumAmounts } from '../lib/format.js';
import { formStyles } from '../lib/form-styles.js';
import { t } from '../i18n/payments.js';
import { planContext, type PlanData } from '../lib/plan-context.js';
import { tokens, ui } from '../lib/styles.js';
import { renderTask } from '../lib/task-view.js';
import { debounce } from '../lib/debounce.js';

const SHOWN = 20;
type Field = 'allocationId' | 'amountCents' | 'paidOn' | 'tranche';

@customElement('jalon-payment-form')
export class JalonPaymentForm extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    css`
    .picks { max-height: 264px; overflow-y: auto; border: 1px solid var(--border); padding: 4px 0; min-height: 56px; }
    .picks[aria-invalid="true"] { border-color: var(--error); }
    .pick { display: flex; gap: 10px; align-items: flex-start; padding: 8px 12px; cursor: pointer; }
    .pick:hover { background: var(--blue-50); }
    .pick input { width: auto; min-height: 0; margin-top: 4px; flex: none; }
    .pick .sub { display: block; font-size: 0.8125rem; color: var(--mention); }
    .position { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px; margin: 0; min-height: 64px; }
    .position div { background: var(--bg-alt); padding: 8px 12px; min-width: 0; }
    .position dt { font-size: 0.8125rem; color: var(--muted); }
    .position dd { margin: 0; font-weight: 700; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
    .fields { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; align-items: start; }
    #pf-amount { text-align: right; }
    .tranche .why { display: block; font-size: 0.8125rem; color: var(--mention); }
    .tranche.off { cursor: not-allowed; color: var(--mention); }
    .tranche.off:hover { background: none; }
    @media (max-width: 720px) { .fields, .position { grid-template-columns: minmax(0, 1fr); } }
  `,
  ];

  @consume({ context: planContext, subscribe: true }) @state() private _plan!: PlanData;
  @state() private _q = '';
  @state() private _query = '';
  @state() private _pick?: Allocation;
  @state() private _amount = '';
  @state() private _date = localToday();
  @state() private _tranche = '';
  @state() private _errors: Partial<Record<Field, string>> = {};
  @state() private _message: { kind: 'error' | 'success'; text: string } | null = null;
  @state() private _busy = false;
  /** Bumped after a payment: what was paid on the chosen allocation is read again. */
  @state() private _paidVersion = 0;
  private _search = debounce((v: string) => {
    this._query = v.trim();
  }, 250);

  private _matches = new Task(this, {
    task: async ([q, reference], { signal }) => {
      if (q.length < 2) return null;
      const [page, ests, pooled, regs, acts, envs] = await Promise.all([
        firstAllocations({ status: 'approved', q }, SHOWN),
        reference.establishmentIndex(),
        // an allocation may fund a pooled regional resource, named by its SIRET
        reference.pooledIndex(),
        reference.regions(),
        reference.actions(),
        reference.envelopes(),
      ]);
      signal.throwIfAborted();
      return {
        page,
        ests,
        pooled,
        regionNames: new Map(regs.map((r) => [r.code, r.name])),
        acts: new Map(acts.map((a) => [a.id, a])),
        envs: new Map(envs.map((e) => [e.id, e])),
      };
    },
    args: () => [this._query, this._plan.reference] as const,
  });

  private _position = new Task(this, {
    task: async ([a]) => {
      if (!a) return null;
      const approved = sumAmounts(a.amounts);
      const paid = (await paymentTotals({ allocationId: a.id })).netCents;
      return { approved, paid, remaining: approved - paid };
    },
    args: () => [this._pick, this._paidVersion, this._plan.version] as const,
  });

  /** The chosen allocation's tranches as they stand (none: it is paid freely). */
  private _tranches = new Task(this, {
    task: ([a]) => (a?.tranches?.length ? allocationTranches(a.id) : Promise.resolve(null)),
    args: () => [this._pick, this._paidVersion, this._plan.version] as const,
  });

  private _onSearch(v: string) {
    this._q = v;
    this._search(v);
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    this._message = null;
    const errors: Partial<Record<Field, string>> = {};
    if (!this._pick) errors.allocationId = t.payments.pickRequired;
    const parsed = parseEuros(this._amount);
    if (!parsed.ok) errors.amountCents = parsed.error;
    this._errors = errors;
    if (!this._pick || !parsed.ok) return;
    const a = this._pick;
    this._busy = true;
    try {
      const p = await recordPayment({
        allocationId: a.id,
        amountCents: parsed.cents,
        paidOn: this._date,
        ...(this._tranche.trim() ? { tranche: this._tranche.trim() } : {}),
      });
      const m = this._matches.value;
      const name = m ? beneficiaryName(m, a.finess) : a.finess;
      this._message = { kind: 'success', text: t.payments.recorded(formatEuros(p.amountCents), name) };
      this._amount = '';
      this._tranche = '';
      this._paidVersion++;
      fire(this, 'payments-changed', { payment: p });
    } catch (err) {
      if (err instanceof ApiError && err.problem.errors?.length) {
        const at = (f: Field) => err.fieldMessage(f);
        // the detail says the whole rule (« reste 100,00 € sur 500,00 € approuvés… »): beside its field
        const next: Partial<Record<Field, string>> = {};
        for (const f of ['allocationId', 'amountCents', 'paidOn', 'tranche'] as const)
          if (at(f)) next[f] = err.status === 422 ? err.message : `${at(f)}`;
        this._errors = next;
        if (!Object.keys(next).length) this._message = { kind: 'error', text: err.message };
      } else this._message = { kind: 'error', text: (err as Error).message };
    } finally {
      this._busy = false;
    }
  }

  private _err(f: Field, id: string) {
    return this._errors[f] ? html`<span class="field-error" id="${id}-err">${this._errors[f]}</span>` : nothing;
  }

  private _described(f: Field, id: string, hint?: string) {
    const ids = [hint, this._errors[f] ? `${id}-err` : ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  private _picks() {
    return renderTask(
      this._matches,
      (m) =>
        !m
          ? html`<p class="hint" id="pf-picks-hint">${t.payments.pickHint}</p>`
          : m.page.items.length === 0
            ? html`<p class="hint" id="pf-picks-hint" role="status">${t.payments.pickNone}</p>`
            : html`<fieldset aria-describedby=${this._described('allocationId', 'pf-pick', 'pf-picks-hint')}>
              <legend>${t.payments.pickLegend}</legend>
              <div class="picks" aria-invalid=${this._errors.allocationId ? 'true' : 'false'}>${m.page.items.map(
                (a) => {
                  const name = beneficiaryName(m, a.finess);
                  return html`<label class="pick"><input type="radio" name="allocation" value=${a.id} .checked=${this._pick?.id === a.id}
                  @change=${() => {
                    this._pick = a;
                    this._tranche = '';
                    this._errors = { ...this._errors, allocationId: undefined, tranche: undefined };
                    this._message = null;
                  }}>
                  <span>${name}<span class="sub">${pooledLine(m, a.finess, m.regionNames) ?? a.finess} · ${m.acts.get(a.actionId)?.code ?? a.actionId} · ${m.envs.get(a.envelopeId)?.code ?? a.envelopeId} · ${t.payments.approved.toLowerCase()} ${formatEuros(sumAmounts(a.amounts))}</span></span></label>`;
                },
              )}</div>
              <p class="hint" id="pf-picks-hint" role="status">${m.page.total > m.page.items.length ? t.payments.pickMore(m.page.items.length, m.page.total) : ''}</p>
            </fieldset>`,
      { keepValue: true, heading: false },
    );
  }

  /** An allocation paid freely: the tranche is a label, if any. */
  private _freeTranche() {
    return html`<div class="field"><label for="pf-tranche">${t.payments.trancheLabel}</label>
          <input id="pf-tranche" maxlength="100" autocomplete="off" .value=${this._tranche} aria-invalid=${this._errors.tranche ? 'true' : 'false'}
            aria-describedby=${this._described('tranche', 'pf-tranche', 'pf-tranche-hint')}
            @input=${(e: InputEvent) => {
              this._tranche = (e.target as HTMLInputElement).value;
            }}>
          <span class="hint" id="pf-tranche-hint">${t.payments.trancheHint}</span>${this._err('tranche', 'pf-tranche')}</div>`;
  }

  /** An allocation paid by tranches: one of them, only a payable one; each says what it pays or waits for. */
  private _trancheChoice() {
    const why = (s: TrancheStatus) =>
      s.freed
        ? t.payments.trancheFreed
        : !s.payable
          ? t.payments.trancheBlocked(s.missing ?? '')
          : s.payableCents > 0
            ? t.payments.tranchePayable(formatEuros(s.payableCents))
            : t.payments.tranchePaid;
    return renderTask(
      this._tranches,
      (
        list,
      ) => html`<fieldset data-testid="tranche-choice" aria-describedby=${this._described('tranche', 'pf-tranche', 'pf-tranche-intro')}>
        <legend>${t.payments.trancheLegend}</legend>
        <p class="hint" id="pf-tranche-intro">${t.payments.trancheIntro}</p>
        <div class="picks" aria-invalid=${this._errors.tranche ? 'true' : 'false'}>${(list ?? []).map((s) => {
          const open = s.payable && s.payableCents > 0;
          return html`<label class="pick tranche ${open ? '' : 'off'}"><input type="radio" name="tranche" value=${s.code}
            .checked=${this._tranche === s.code} ?disabled=${!open} aria-describedby="pf-why-${s.code}"
            @change=${() => {
              this._tranche = s.code;
              if (!this._amount.trim()) this._amount = centsToInput(s.payableCents);
              this._errors = { ...this._errors, tranche: undefined };
            }}>
            <span>${s.code} — ${s.label}<span class="sub">${t.payments.trancheFigures(formatEuros(s.amountCents), formatEuros(s.paidCents))}</span>
              <span class="why" id="pf-why-${s.code}">${why(s)}</span></span></label>`;
        })}</div>
        ${this._err('tranche', 'pf-tranche')}
      </fieldset>`,
      { keepValue: true, heading: false },
    );
  }

  override render() {
    const pos = this._position.value;
    return html`<form @submit=${this._submit} novalidate aria-labelledby="pf-title">
      <div><h2 id="pf-title">${t.payments.recordTitle}</h2><p class="hint">${t.payments.recordIntro}</p></div>
      <div class="field"><label for="pf-q">${t.payments.pickSearch}</label>
        <input id="pf-q" type="search" autocomplete="off" .value=${this._q} @input=${(e: InputEvent) => this._onSearch((e.target as HTMLInputElement).value)}></div>
      ${this._picks()}
      ${this._err('allocationId', 'pf-pick')}
      ${
        this._pick
          ? html`<dl class="position" data-testid="allocation-position" aria-live="polite">
        <div><dt>${t.payments.approved}</dt><dd>${pos ? formatEuros(pos.approved) : '…'}</dd></div>
        <div><dt>${t.payments.alreadyPaid}</dt><dd>${pos ? formatEuros(pos.paid) : '…'}</dd></div>
        <div><dt>${t.payments.remaining}</dt><dd>${pos ? formatEuros(pos.remaining) : '…'}</dd></div></dl>`
          : nothing
      }
      ${this._pick?.tranches?.length ? this._trancheChoice() : nothing}
      <div class="fields">
        <div class="field"><label for="pf-amount">${t.payments.amountLabel}</label>
          <input id="pf-amount" inputmode="decimal" autocomplete="off" .value=${this._amount} aria-invalid=${this._errors.amountCents ? 'true' : 'false'}
            aria-describedby=${this._described('amountCents', 'pf-amount', 'pf-amount-hint')}
            @input=${(e: InputEvent) => {
              this._amount = (e.target as HTMLInputElement).value;
            }}>
          <span class="hint" id="pf-amount-hint">${t.payments.amountHint}</span>${this._err('amountCents', 'pf-amount')}</div>
        <div class="field"><label for="pf-date">${t.payments.paidOn}</label>
          <input id="pf-date" type="date" required max=${localToday()} .value=${this._date} aria-invalid=${this._errors.paidOn ? 'true' : 'false'}
            aria-describedby=${this._described('paidOn', 'pf-date')}
            @input=${(e: InputEvent) => {
              this._date = (e.target as HTMLInputElement).value;
            }}>${this._err('paidOn', 'pf-date')}</div>
        ${this._pick?.tranches?.length ? nothing : this._freeTranche()}
      </div>
      <div role="status" aria-live="polite">${this._message?.kind === 'success' ? html`<div class="alert success"><p>${this._message.text}</p></div>` : nothing}</div>
      ${this._message?.kind === 'error' ? html`<div class="alert error" role="alert"><p>${this._message.text}</p></div>` : nothing}
      <div class="actions"><button class="btn" ?disabled=${this._busy}>${t.payments.submit}</button></div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-payment-form': JalonPaymentForm;
  }
}
