// <jalon-allocation-tranches>: the dialog that splits an allocation into tranches, each paid once
// its milestone is met (« versement à l’atteinte du jalon … »). `show(allocation, name)` opens it
// with the tranches in force (a pending avenant's); amounts are typed « 1 234,56 », their sum shown
// against the allocation's total. The API decides: its refusal stands beside the field it names
// (a 412 re-reads the allocation and keeps what was typed).
// A window's tranche keeps its objective; freed tranches stay the server's.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import type { Action, Allocation, Tranche, TrancheGate } from '../../server/contract/plan.js';
import { shownAmounts } from '../../shared/amounts.js';
import { ApiError } from '../api/client.js';
import { getAllocation, saveTranches } from '../api/allocations.js';
import { milestones } from '../api/plan.js';
import { fire } from '../lib/fire.js';
import { centsToInput, formatDate, formatEuros, parseEuros, sumAmounts } from '../lib/format.js';
import { dialogStyles } from '../lib/dialog-styles.js';
import { formStyles } from '../lib/form-styles.js';
import { t } from '../i18n/allocations.js';
import { tokens, ui } from '../lib/styles.js';

const k = t.tranches;
type Field = 'code' | 'label' | 'gate' | 'amountCents';
/** Refusals by tranche and field (« 0.amountCents »), and the list's own (its sum). */
type Errors = Partial<Record<`${number}.${Field}` | 'tranches', string>>;
interface Row {
  /** Stable across removals, for the inputs' ids and `repeat`. */
  key: number;
  code: string;
  label: string;
  amount: string;
  /** The milestone picked; a window's tranche keeps its objective gate instead. */
  milestoneId: string;
  objective?: Extract<TrancheGate, { kind: 'objective' }>;
}

@customElement('jalon-allocation-tranches')
export class JalonAllocationTranches extends LitElement {
  static override styles = [
    tokens,
    ui,
    formStyles,
    dialogStyles,
    css`
    /* wider than the dialogs that ask one thing: a tranche's fields sit two by two */
    dialog { max-width: min(52rem, calc(100vw - 32px)); max-height: calc(100vh - 32px); }
    h2 { margin: 0; }
    .what { font-weight: 600; overflow-wrap: anywhere; margin: 0; }
    .tranche { border: 1px solid var(--border); padding: 12px 16px 16px; }
    .tranche legend { padding: 0 4px; font-weight: 700; }
    .grid { display: grid; grid-template-columns: 9rem minmax(0, 1fr); gap: 12px 16px; align-items: start; }
    .grid .wide { grid-column: 1 / -1; }
    .amount input { text-align: right; }
    .remove { justify-self: start; }
    .sum { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
    .sum.off { color: var(--error); }
    .actions .add { margin-right: auto; }
    @media (max-width: 640px) {
      dialog { padding: 16px; }
      .grid { grid-template-columns: minmax(0, 1fr); }
    }
  `,
  ];

  /** The plan's actions by id: a milestone says which action's completion releases its tranche. */
  @property({ attribute: false }) actions = new Map<string, Action>();
  @state() private _allocation?: Allocation;
  @state() private _name = '';
  @state() private _rows: Row[] = [];
  @state() private _errors: Errors = {};
  @state() private _error = '';
  @state() private _busy = false;
  /** Set once shown: the milestones are read then, not with the page. */
  @state() private _opened = false;
  @query('dialog') private _dialog!: HTMLDialogElement;
  private _keys = 0;

  /** The milestones a tranche can wait for, read when the dialog first opens. */
  private _milestones = new Task(this, {
    task: async ([open]) => (open ? (await milestones()).sort((a, b) => a.date.localeCompare(b.date)) : []),
    args: () => [this._opened] as const,
  });

  async show(allocation: Allocation, name: string) {
    this._allocation = allocation;
    this._name = name;
    this._opened = true;
    const kept = (allocation.revision?.tranches ?? allocation.tranches ?? []).filter((x) => !x.freedAt);
    // nothing split yet: two tranches to fill in
    const first = this._blank([]);
    this._rows = kept.length ? kept.map((x) => this._rowOf(x)) : [first, this._blank([first])];
    this._errors = {};
    this._error = '';
    await this.updateComplete;
    if (!this._dialog.open) this._dialog.showModal();
  }

  private _rowOf(x: Tranche): Row {
    return {
      key: this._keys++,
      code: x.code,
      label: x.label,
      amount: centsToInput(x.amountCents),
      milestoneId: x.gate.kind === 'milestone' ? x.gate.milestoneId : '',
      ...(x.gate.kind === 'objective' ? { objective: x.gate } : {}),
    };
  }

  /** A new row, coded T1, T2... by the first number no row uses. */
  private _blank(rows: readonly Row[] = this._rows): Row {
    let n = 1;
    while (rows.some((r) => r.code === `T${n}`)) n++;
    return { key: this._keys++, code: `T${n}`, label: '', amount: '', milestoneId: '' };
  }

  private _total(): number {
    return this._allocation ? sumAmounts(shownAmounts(this._allocation)) : 0;
  }

  private _edit(i: number, patch: Partial<Row>) {
    this._rows = this._rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
  }

  /** A milestone picked: an empty label (or the one it suggested for the milestone before) follows it. */
  private _pickMilestone(i: number, id: string) {
    const r = this._rows[i]!;
    const title = (mid: string) => this._milestones.value?.find((m) => m.id === mid)?.title ?? '';
    const suggested = !r.label.trim() || r.label === k.autoLabel(title(r.milestoneId));
    this._edit(i, { milestoneId: id, ...(suggested && id ? { label: k.autoLabel(title(id)) } : {}) });
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const a = this._allocation;
    if (!a) return;
    const errors: Errors = {};
    const tranches = this._rows.map((r, i): Omit<Tranche, 'freedAt'> => {
      const parsed = parseEuros(r.amount);
      if (!parsed.ok) errors[`${i}.amountCents`] = parsed.error;
      if (!r.objective && !r.milestoneId) errors[`${i}.gate`] = k.milestoneRequired;
      const gate: TrancheGate = r.objective ?? { kind: 'milestone', milestoneId: r.milestoneId };
      return { code: r.code.trim(), label: r.label.trim(), amountCents: parsed.ok ? parsed.cents : 0, gate };
    });
    this._errors = errors;
    this._error = '';
    if (Object.keys(errors).length) return;
    this._busy = true;
    try {
      const saved = await saveTranches(a, tranches);
      const message = saved.revision
        ? k.savedAvenant(this._name, tranches.length)
        : k.saved(this._name, tranches.length);
      this._dialog.close();
      fire(this, 'allocation-saved', { allocation: saved, message });
    } catch (err) {
      if (!(err instanceof ApiError)) {
        this._error = (err as Error).message;
        return;
      }
      // changed meanwhile (412): the dialog takes the version now stored, what was typed stays, to be sent again
      if (err.status === 412) this._allocation = await getAllocation(a.id).catch(() => a);
      const next: Errors = {};
      for (const { path, message } of err.problem.errors ?? []) {
        // tranches.N.field[.sub] beside its field; the list's own rule (the sum) beside the sum
        const m = /^tranches\.(\d+)\.(code|label|gate|amountCents)/.exec(path);
        if (m) next[`${Number(m[1])}.${m[2] as Field}`] ??= message;
        else if (path === 'tranches') next.tranches ??= message;
      }
      this._errors = next;
      if (!Object.keys(next).length) this._error = err.status === 412 ? `${err.message} ${k.reread}` : err.message;
    } finally {
      this._busy = false;
    }
  }

  private _err(key: keyof Errors, id: string) {
    return this._errors[key] ? html`<span class="field-error" id="${id}-err">${this._errors[key]}</span>` : nothing;
  }

  private _aria(key: keyof Errors, id: string, hint?: string) {
    return {
      invalid: this._errors[key] ? 'true' : 'false',
      described: [hint, this._errors[key] ? `${id}-err` : ''].filter(Boolean).join(' ') || nothing,
    };
  }

  private _row(r: Row, i: number) {
    const id = `tr-${r.key}`;
    const n = i + 1;
    const ms = this._milestones.value ?? [];
    const picked = ms.find((m) => m.id === r.milestoneId);
    const action = picked?.target ? (this.actions.get(picked.target.actionId)?.code ?? picked.target.actionId) : '';
    // a tranche may only wait for a milestone that measures an action (or the one it already names)
    const options = ms.filter((m) => m.target || m.id === r.milestoneId);
    const field = (f: 'code' | 'label', cls = '') => {
      const a = this._aria(`${i}.${f}`, `${id}-${f}`);
      return html`<div class="field ${cls}"><label for="${id}-${f}">${k[f]}</label>
        <input id="${id}-${f}" autocomplete="off" maxlength=${f === 'code' ? 40 : 300} .value=${r[f]}
          aria-invalid=${a.invalid} aria-describedby=${a.described}
          @input=${(e: InputEvent) => this._edit(i, { [f]: (e.target as HTMLInputElement).value })}>${this._err(`${i}.${f}`, `${id}-${f}`)}</div>`;
    };
    const gate = this._aria(`${i}.gate`, `${id}-gate`, r.objective || !action ? undefined : `${id}-gate-hint`);
    const amount = this._aria(`${i}.amountCents`, `${id}-amount`);
    return html`<fieldset class="tranche" data-testid="tranche">
      <legend>${k.legend(n)}</legend>
      <div class="grid">
        ${field('code')}${field('label')}
        <div class="field wide">${
          r.objective
            ? html`<p class="hint">${k.objective(r.objective.objective, r.objective.applicationId)}</p>`
            : html`<label for="${id}-gate">${k.milestone}</label>
            <select id="${id}-gate" .value=${r.milestoneId} aria-invalid=${gate.invalid} aria-describedby=${gate.described}
              @change=${(e: Event) => this._pickMilestone(i, (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!r.milestoneId}>${k.milestonePick}</option>
              ${options.map((m) => html`<option value=${m.id} ?selected=${m.id === r.milestoneId}>${k.milestoneOption(m.title, formatDate(m.date))}</option>`)}
            </select>
            ${action ? html`<span class="hint" id="${id}-gate-hint">${k.releasedBy(action)}</span>` : nothing}`
        }${this._err(`${i}.gate`, `${id}-gate`)}</div>
        <div class="field amount"><label for="${id}-amount">${k.amount}</label>
          <input id="${id}-amount" inputmode="decimal" autocomplete="off" .value=${r.amount}
            aria-invalid=${amount.invalid} aria-describedby=${amount.described}
            @input=${(e: InputEvent) => this._edit(i, { amount: (e.target as HTMLInputElement).value })}>${this._err(`${i}.amountCents`, `${id}-amount`)}</div>
        <button class="btn tertiary remove" type="button" @click=${() => {
          this._rows = this._rows.filter((_, j) => j !== i);
          this._errors = {};
        }}>${k.remove(n)}</button>
      </div>
    </fieldset>`;
  }

  /** The sum typed so far against the allocation's total (amounts not yet readable count 0). */
  private _sum() {
    const total = this._total();
    const sum = this._rows.reduce((s, r) => {
      const p = parseEuros(r.amount);
      return s + (p.ok ? p.cents : 0);
    }, 0);
    const gap = total - sum;
    const state = !this._rows.length
      ? ''
      : gap === 0
        ? k.exact
        : gap > 0
          ? k.left(formatEuros(gap))
          : k.over(formatEuros(-gap));
    return html`<p class="sum ${this._rows.length && gap !== 0 ? 'off' : ''}" role="status" aria-live="polite" data-testid="tranches-sum"
        aria-describedby=${this._errors.tranches ? 'tr-list-err' : nothing}>${
          this._rows.length ? `${k.sum(formatEuros(sum), formatEuros(total))} : ${state}.` : k.none
        }</p>
      ${this._errors.tranches ? html`<span class="field-error" id="tr-list-err" data-testid="tranches-error">${this._errors.tranches}</span>` : nothing}`;
  }

  override render() {
    const a = this._allocation;
    const freed = (a?.revision?.tranches ?? a?.tranches ?? []).filter((x) => x.freedAt).length;
    return html`<dialog aria-labelledby="tr-title" aria-describedby="tr-intro" data-testid="tranches-dialog"
      @close=${() => {
        this._allocation = undefined;
      }}>${
        a
          ? html`<form @submit=${this._submit} novalidate>
          <h2 id="tr-title">${k.title}</h2>
          <p class="what">${this._name}</p>
          <p id="tr-intro" class="hint">${k.intro}</p>
          ${a.status === 'approved' ? html`<p class="hint">${a.revision ? k.pendingAvenant : k.avenant}</p>` : nothing}
          ${freed ? html`<p class="hint">${k.freed(freed)}</p>` : nothing}
          ${repeat(
            this._rows,
            (r) => r.key,
            (r, i) => this._row(r, i),
          )}
          ${this._sum()}
          ${this._error ? html`<div class="alert error" role="alert"><p>${this._error}</p></div>` : nothing}
          <div class="actions">
            <button class="btn secondary add" type="button" @click=${() => {
              this._rows = [...this._rows, this._blank()];
            }}>${k.add}</button>
            <button class="btn secondary" type="button" @click=${() => this._dialog.close()}>${t.common.cancel}</button>
            <button class="btn" ?disabled=${this._busy}>${k.save}</button>
          </div>
        </form>`
          : nothing
      }</dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-allocation-tranches': JalonAllocationTranches;
  }
}
