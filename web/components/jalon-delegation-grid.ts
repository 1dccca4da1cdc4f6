// <jalon-delegation-grid>: one delegation round of an envelope, 18 regions × the plan years, each
// cell the amount this round gives the region. Same keys as the allocation grid (the grid-keys
// controller); an edit goes up as `delegation-change` for the page to save, and a refusal stays
// beside its cell with what was typed. Read-only without `editable`.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import type { PlanYear, YearAmounts } from '../../server/contract/plan.js';
import { GridKeysController } from '../controllers/grid-keys-controller.js';
import { t } from '../i18n/delegations.js';
import { fire, type EditOutcome } from '../lib/fire.js';
import { amountOf, centsToInput, formatEuros, parseEuros, sumAmounts } from '../lib/format.js';
import { tokens, ui } from '../lib/styles.js';
import { YEARS } from '../lib/years.js';

const d = t.delegations;
interface CellState {
  saving?: boolean;
  error?: string;
  conflict?: boolean;
  pendingCents?: number;
}

@customElement('jalon-delegation-grid')
export class JalonDelegationGrid extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
      :host { display: block; }
      .scroller { overflow: auto; border: 1px solid var(--border); background: var(--bg); }
      table { min-width: 980px; font-size: 0.875rem; table-layout: fixed; }
      col.c-region { width: 22%; }
      th, td { padding: 6px 8px; }
      thead th { position: sticky; top: 0; z-index: 2; }
      td.cell { position: relative; cursor: cell; }
      td.cell:focus { outline: 2px solid var(--focus); outline-offset: -2px; background: var(--blue-50); }
      td.cell.zero { color: var(--mention); }
      td.cell.saving { color: var(--mention); font-style: italic; }
      td.cell.err { box-shadow: inset 0 -3px 0 var(--error); }
      td.cell input { min-height: 32px; padding: 2px 6px; width: 100%; min-width: 0; box-sizing: border-box; text-align: right; background: #fff; border: 2px solid var(--blue); border-radius: 0; }
      .msg { position: absolute; z-index: 3; right: 0; top: calc(100% - 2px); width: 280px; padding: 8px 10px; background: var(--bg); color: var(--error);
        border: 1px solid var(--error); border-left-width: 4px; font-size: 0.8125rem; line-height: 1.25rem; text-align: left; white-space: normal;
        box-shadow: 0 4px 12px rgba(0,0,18,.16); }
      .msg.conflict { color: var(--warning); border-color: var(--warning); }
      .live { min-height: 1.5rem; margin: 8px 0; font-size: 0.9375rem; }
      .live.err { color: var(--error); }
      .live.ok { color: var(--success); }
      .total { font-weight: 700; }
      /* room under the last rows for a refusal shown beside its cell */
      tbody tr:last-child td.cell .msg { top: auto; bottom: calc(100% - 2px); }
    `,
  ];

  /** The 18 ARS regions, in the order shown. */
  @property({ attribute: false }) regions: Array<{ code: string; name: string }> = [];
  /** What the round gives each region (INSEE code → cents per year). */
  @property({ attribute: false }) amounts = new Map<string, YearAmounts>();
  @property({ type: Boolean }) editable = false;
  @property() label = '';

  @state() private _editing: { region: string; year: PlanYear; value: string } | null = null;
  @state() private _cells = new Map<string, CellState>();
  @state() private _live: { text: string; kind: 'ok' | 'err' | '' } = { text: '', kind: '' };

  private _keys = new GridKeysController(this, {
    rows: () => this.regions.length,
    cols: () => YEARS.length,
    onMove: () => void this._focusActive(),
    onEdit: ({ row, col }, initial) => {
      const r = this.regions[row];
      if (r && this.editable) this._startEdit(r.code, YEARS[col]!, initial);
    },
  });

  private _key = (region: string, year: string) => `${region}:${year}`;
  private _setCell(key: string, s: CellState | null) {
    const next = new Map(this._cells);
    if (s) next.set(key, s);
    else next.delete(key);
    this._cells = next;
  }

  private async _focusActive(caretAtEnd = false) {
    await this.updateComplete;
    const { row, col } = this._keys.active;
    const td = this.renderRoot.querySelector<HTMLElement>(`td[data-r="${row}"][data-c="${col}"]`);
    const input = td?.querySelector('input');
    (input ?? td)?.focus({ preventScroll: false });
    if (input && caretAtEnd) input.setSelectionRange(input.value.length, input.value.length);
    else input?.select();
  }

  private _startEdit(region: string, year: PlanYear, initial?: string) {
    this._editing = { region, year, value: initial ?? centsToInput(amountOf(this.amounts.get(region), year)) };
    void this._focusActive(initial !== undefined);
  }

  private _onInputKey(e: KeyboardEvent) {
    e.stopPropagation();
    if (e.key === 'Enter') {
      e.preventDefault();
      void this._commit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      const ed = this._editing;
      this._editing = null;
      if (ed) this._setCell(this._key(ed.region, ed.year), null);
      void this._focusActive();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      void this._commit(this._keys.tabTarget(e.shiftKey));
    }
  }

  private _onBlur(e: FocusEvent) {
    if (this._editing && !(e.relatedTarget instanceof Node && this.renderRoot.contains(e.relatedTarget)))
      void this._commit(undefined, false);
  }

  private _select(r: number, c: number) {
    const ed = this._editing;
    if (ed && this._keys.isActive(r, c)) return;
    if (ed) {
      const key = this._key(ed.region, ed.year);
      if (this._cells.get(key)?.error !== undefined) {
        this._editing = null;
        this._setCell(key, null);
      } else void this._commit(undefined, false);
    }
    this._keys.active = { row: r, col: c };
    void this._focusActive();
  }

  private _change(region: string, year: PlanYear, cents: number): Promise<EditOutcome> {
    let outcome: Promise<EditOutcome> | undefined;
    fire(this, 'delegation-change', { region, year, cents, respond: (p) => (outcome = p) });
    return outcome ?? Promise.resolve({ ok: false, error: t.errors.generic });
  }

  private async _commit(move?: { row: number; col: number }, refocus = true) {
    const ed = this._editing;
    if (!ed) return;
    const key = this._key(ed.region, ed.year);
    const parsed = parseEuros(ed.value);
    if (!parsed.ok) {
      this._setCell(key, { error: parsed.error });
      this._live = { text: d.refused(parsed.error), kind: 'err' };
      return;
    }
    const refusedBefore = this._cells.get(key)?.error !== undefined;
    this._editing = null;
    if (parsed.cents === amountOf(this.amounts.get(ed.region), ed.year) && !refusedBefore) {
      this._setCell(key, null);
      if (move) this._keys.moveTo(move.row, move.col);
      else if (refocus) void this._focusActive();
      return;
    }
    this._setCell(key, { saving: true, pendingCents: parsed.cents });
    this._live = { text: d.saving, kind: '' };
    if (move) this._keys.moveTo(move.row, move.col);
    else if (refocus) void this._focusActive();
    const outcome = await this._change(ed.region, ed.year, parsed.cents);
    if (outcome.ok) {
      this._setCell(key, null);
      this._live = { text: outcome.message, kind: 'ok' };
      return;
    }
    this._setCell(key, { error: outcome.error, conflict: outcome.conflict });
    this._live = { text: d.refused(outcome.error), kind: 'err' };
    // back to the refused cell with what was typed, to correct it or give up (Échap)
    this._keys.active = { row: this.regions.findIndex((r) => r.code === ed.region), col: YEARS.indexOf(ed.year) };
    this._editing = { ...ed };
    void this._focusActive();
  }

  override render() {
    const cols = YEARS.map((y) => this.regions.reduce((s, r) => s + amountOf(this.amounts.get(r.code), y), 0));
    return html`
      ${this.editable ? html`<p class="hint" id="dg-help">${d.keyboardHelp}</p>` : nothing}
      <div class=${classMap({ live: true, ok: this._live.kind === 'ok', err: this._live.kind === 'err' })} role="status" aria-live="polite" data-testid="grid-live">${this._live.text}</div>
      <div class="scroller">
        <table role="grid" aria-label=${this.label} aria-describedby=${this.editable ? 'dg-help' : nothing} aria-readonly=${this.editable ? 'false' : 'true'} data-testid="delegation-grid">
          <colgroup><col class="c-region">${YEARS.map(() => html`<col>`)}<col></colgroup>
          <thead><tr><th scope="col">${t.common.region}</th>${YEARS.map((y) => html`<th scope="col" class="num">${y}</th>`)}<th scope="col" class="num">${d.rowTotal}</th></tr></thead>
          <tbody>${this.regions.map((r, i) => this._row(r, i))}</tbody>
          <tfoot><tr><th scope="row">${d.roundTotal}</th>${cols.map((v, i) => html`<td class="num" data-testid="col-total-${YEARS[i]}">${formatEuros(v)}</td>`)}
            <td class="num total" data-testid="round-total">${formatEuros(cols.reduce((s, v) => s + v, 0))}</td></tr></tfoot>
        </table>
      </div>`;
  }

  private _row(r: { code: string; name: string }, i: number) {
    const amounts = this.amounts.get(r.code);
    return html`<tr data-region=${r.code}><th scope="row">${r.name}</th>
      ${YEARS.map((y, c) => this._cell(r, y, i, c, amountOf(amounts, y)))}
      <td class="num total" data-testid="row-total">${formatEuros(sumAmounts(amounts))}</td></tr>`;
  }

  private _cell(r: { code: string; name: string }, year: PlanYear, row: number, col: number, cents: number) {
    const st = this._cells.get(this._key(r.code, year));
    const editing = this._editing?.region === r.code && this._editing.year === year;
    const active = this._keys.isActive(row, col);
    return html`<td class=${classMap({ num: true, cell: true, zero: cents === 0, saving: !!st?.saving, err: !!st?.error })}
        tabindex=${active && !editing ? 0 : -1} data-r=${row} data-c=${col} data-year=${year}
        aria-invalid=${st?.error ? 'true' : nothing} aria-busy=${st?.saving ? 'true' : nothing}
        @keydown=${(e: KeyboardEvent) => {
          if (!this._editing && e.target === e.currentTarget) this._keys.onKey(e, row, col);
        }}
        @click=${() => this._select(row, col)}
        @dblclick=${() => {
          if (!this.editable) return;
          this._keys.active = { row, col };
          this._startEdit(r.code, year);
        }}>
      ${
        editing
          ? html`<input aria-label=${d.cellLabel(year, r.name)} inputmode="decimal" autocomplete="off" .value=${this._editing!.value}
              aria-describedby=${st?.error ? `dmsg-${row}-${col}` : nothing} aria-invalid=${st?.error ? 'true' : 'false'}
              @input=${(e: InputEvent) => {
                this._editing = { ...this._editing!, value: (e.target as HTMLInputElement).value };
              }}
              @keydown=${this._onInputKey} @blur=${this._onBlur}>`
          : formatEuros(st?.pendingCents ?? cents)
      }
      ${st?.error ? html`<div class=${classMap({ msg: true, conflict: !!st.conflict })} id="dmsg-${row}-${col}" data-testid="cell-error">${st.error}</div>` : nothing}
    </td>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-delegation-grid': JalonDelegationGrid;
  }
}
