// <jalon-allocation-grid>: virtualized allocation rows with one editable cell per year.
// Saves with If-Match; refusals sit next to the cell; a 412 keeps what the user typed.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Action, Allocation, Establishment, PlanYear, YearAmounts } from '../../server/contract/plan.js';
import { ApiError } from '../api/client.js';
import { getAllocation, saveAmounts } from '../api/allocations.js';
import { fire } from '../lib/fire.js';
import { amountOf, centsToInput, formatEuros, parseEuros, sumAmounts } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { tokens, ui } from '../lib/styles.js';
import { YEARS } from '../lib/years.js';

const ROW_H = 52;
const OVERSCAN = 6;
interface CellState { saving?: boolean; error?: string; conflict?: boolean; pendingCents?: number }
interface Editing { id: string; year: PlanYear; value: string }

/** What a row shows and edits: a pending revision ("avenant") wins over the approved amounts. */
export const shownAmounts = (a: Allocation): YearAmounts => a.revision?.amounts ?? a.amounts;
/** What a row holds against its envelope in a year — the server's heldAmounts (server/domain/
 *  budget.ts), which the web may not import: rejected, nothing; approved with a pending avenant,
 *  the larger of the two amounts. */
export const heldCents = (a: Allocation, y: PlanYear): number =>
  a.status === 'rejected' ? 0 : a.status === 'approved' && a.revision ? Math.max(amountOf(a.amounts, y), amountOf(a.revision.amounts, y)) : amountOf(a.amounts, y);

@customElement('jalon-allocation-grid')
export class JalonAllocationGrid extends LitElement {
  static override styles = [tokens, ui, css`
    :host { display: block; }
    .scroller { overflow: auto; max-height: min(62vh, 720px); border: 1px solid var(--border); background: var(--bg); position: relative; }
    table { table-layout: fixed; min-width: 1100px; }
    thead th { position: sticky; top: 0; z-index: 2; }
    tfoot th, tfoot td { position: sticky; bottom: 0; z-index: 2; }
    tbody td, tbody th { height: ${ROW_H}px; padding: 4px 10px; vertical-align: middle; }
    tbody tr:hover > * { background: var(--blue-50); }
    .c-est { width: 21%; } .c-act { width: 12%; } .c-st { width: 10%; } .c-tot { width: 12%; }
    table { font-size: 0.875rem; } th, td { padding-left: 8px; padding-right: 8px; }
    .name { display: block; font-weight: 500; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .sub { display: block; font-weight: 400; font-size: 0.8125rem; color: var(--mention); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .code { font-weight: 700; font-size: 0.8125rem; }
    td.cell { position: relative; cursor: cell; }
    td.cell:focus { outline: 2px solid var(--focus); outline-offset: -2px; background: var(--blue-50); }
    td.cell.zero { color: var(--mention); }
    td.cell.saving { color: var(--mention); font-style: italic; }
    td.cell.err { box-shadow: inset 0 -3px 0 var(--error); }
    td.cell input { min-height: 36px; padding: 4px 8px; text-align: right; background: #fff; border: 2px solid var(--blue); border-radius: 0; }
    .msg { pointer-events: none; position: absolute; z-index: 3; right: 0; top: calc(100% - 2px); width: 300px; padding: 8px 10px; background: var(--bg);
      color: var(--error); border: 1px solid var(--error); border-left-width: 4px; font-size: 0.8125rem; line-height: 1.25rem; text-align: left;
      white-space: normal; font-style: normal; box-shadow: 0 4px 12px rgba(0,0,18,.16); }
    .msg.conflict { color: var(--warning); border-color: var(--warning); }
    .empty { padding: 32px; text-align: center; color: var(--mention); }
    .live { min-height: 1.5rem; margin: 8px 0; font-size: 0.9375rem; }
    .live.err { color: var(--error); }
    .live.ok { color: var(--success); }
    .total { font-weight: 700; }
  `];

  @property({ attribute: false }) allocations: Allocation[] = [];
  @property({ attribute: false }) establishments = new Map<string, Establishment>();
  @property({ attribute: false }) actions = new Map<string, Action>();
  @property({ attribute: false }) regionNames = new Map<string, string>();

  @state() private _top = 0;
  @state() private _viewport = 600;
  @state() private _active = { row: 0, col: 0 };
  @state() private _editing: Editing | null = null;
  @state() private _cells = new Map<string, CellState>();
  @state() private _live: { text: string; kind: 'ok' | 'err' | '' } = { text: '', kind: '' };
  @query('.scroller') private _scroller!: HTMLElement;

  private _raf = 0;
  private _onScroll = () => {
    cancelAnimationFrame(this._raf);
    this._raf = requestAnimationFrame(() => {
      this._top = this._scroller.scrollTop;
      this._viewport = this._scroller.clientHeight;
    });
  };

  /** Column totals, summed again only when the rows change, not on every scrolled frame: what the
   *  rows hold against the envelope, as the summary's « Alloué » counts it — rejected rows hold
   *  nothing, and an approved row with a pending avenant holds the larger of its two amounts. */
  private _colTotals: number[] = [];
  protected override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('allocations')) return;
    this._colTotals = YEARS.map((y) => this.allocations.reduce((s, a) => s + heldCents(a, y), 0));
  }

  protected override firstUpdated() {
    this._viewport = this._scroller.clientHeight || 600;
  }

  private _key = (id: string, year: string) => `${id}:${year}`;
  private _setCell(key: string, s: CellState | null) {
    const next = new Map(this._cells);
    if (s) next.set(key, s); else next.delete(key);
    this._cells = next;
  }

  /** Focuses the active cell, or its input when editing: the amount selected (Enter, F2), or the
   *  caret after what was typed to start the edit, so that typing goes on from there. */
  private async _focusActive(caretAtEnd = false) {
    await this.updateComplete;
    const { row, col } = this._active;
    const td = this.renderRoot.querySelector<HTMLElement>(`td[data-r="${row}"][data-c="${col}"]`);
    const input = td?.querySelector('input');
    (input ?? td)?.focus({ preventScroll: true });
    if (input && caretAtEnd) input.setSelectionRange(input.value.length, input.value.length);
    else if (input) input.select();
  }

  /** Moves the active cell, scrolling it into the rendered window first. */
  private _moveTo(row: number, col: number) {
    const n = this.allocations.length;
    row = Math.max(0, Math.min(n - 1, row));
    col = Math.max(0, Math.min(YEARS.length - 1, col));
    this._active = { row, col };
    const s = this._scroller;
    const header = 44, footer = 44;
    const y = row * ROW_H;
    if (y < s.scrollTop) s.scrollTop = y;
    else if (y + ROW_H > s.scrollTop + s.clientHeight - header - footer) s.scrollTop = y + ROW_H - s.clientHeight + header + footer;
    this._top = s.scrollTop;
    void this._focusActive();
  }

  private _startEdit(a: Allocation, year: PlanYear, initial?: string) {
    this._editing = { id: a.id, year, value: initial ?? centsToInput(amountOf(shownAmounts(a), year)) };
    void this._focusActive(initial !== undefined);
  }

  private _onCellKey(e: KeyboardEvent, a: Allocation, row: number, col: number) {
    if (this._editing || e.target !== e.currentTarget) return;
    const year = YEARS[col]!;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], PageUp: [-10, 0], PageDown: [10, 0] };
    const m = moves[e.key];
    if (m) { e.preventDefault(); this._moveTo(row + m[0], col + m[1]); return; }
    if (e.key === 'Home') { e.preventDefault(); this._moveTo(e.ctrlKey ? 0 : row, 0); return; }
    if (e.key === 'End') { e.preventDefault(); this._moveTo(e.ctrlKey ? this.allocations.length - 1 : row, YEARS.length - 1); return; }
    if (e.key === 'Enter' || e.key === 'F2') { e.preventDefault(); this._startEdit(a, year); return; }
    if (e.key === 'Delete' || e.key === 'Backspace') { e.preventDefault(); this._startEdit(a, year, ''); return; }
    if (/^[0-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey) { e.preventDefault(); this._startEdit(a, year, e.key); }
  }

  private _onInputKey(e: KeyboardEvent) {
    e.stopPropagation();
    const { row, col } = this._active;
    if (e.key === 'Enter') { e.preventDefault(); void this._commit(); }
    else if (e.key === 'Escape') {
      e.preventDefault();
      const ed = this._editing;
      this._editing = null;
      if (ed) this._setCell(this._key(ed.id, ed.year), null);
      void this._focusActive();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      const next = col + (e.shiftKey ? -1 : 1);
      const [r, c] = next < 0 ? [row - 1, YEARS.length - 1] : next >= YEARS.length ? [row + 1, 0] : [row, next];
      void this._commit([Math.max(0, Math.min(this.allocations.length - 1, r)), c]);
    }
  }

  /** A click on a cell: an edit open elsewhere is saved, as in a spreadsheet — or dropped when the
   *  server refused it (its message has been read; the cell goes back to its stored amount). */
  private _select(r: number, c: number) {
    const ed = this._editing, same = this._active.row === r && this._active.col === c;
    if (ed && same) return; // a click inside the open input: the caret goes where it is clicked
    if (ed) {
      const key = this._key(ed.id, ed.year);
      if (this._cells.get(key)?.error !== undefined) { this._editing = null; this._setCell(key, null); }
      else void this._commit(undefined, false);
    }
    this._active = { row: r, col: c };
    void this._focusActive();
  }

  private _onBlur(e: FocusEvent) {
    // Leaving the grid with a pending edit saves it, like a spreadsheet.
    if (this._editing && !(e.relatedTarget instanceof Node && this.renderRoot.contains(e.relatedTarget))) void this._commit(undefined, false);
  }

  private async _commit(move?: [number, number], refocus = true) {
    const ed = this._editing;
    if (!ed) return;
    const key = this._key(ed.id, ed.year);
    const a = this.allocations.find((x) => x.id === ed.id);
    if (!a) { this._editing = null; return; }
    const parsed = parseEuros(ed.value);
    if (!parsed.ok) {
      this._setCell(key, { error: parsed.error });
      this._live = { text: t.allocations.refused(parsed.error), kind: 'err' };
      return;
    }
    const base = shownAmounts(a);
    const conflicted = this._cells.get(key)?.error !== undefined;
    this._editing = null;
    if (parsed.cents === amountOf(base, ed.year) && !conflicted) {
      this._setCell(key, null);
      if (move) this._moveTo(...move); else if (refocus) void this._focusActive();
      return;
    }
    this._setCell(key, { saving: true, pendingCents: parsed.cents });
    this._live = { text: t.allocations.saving, kind: '' };
    if (move) this._moveTo(...move); else if (refocus) void this._focusActive();
    const est = this.establishments.get(a.finess)?.name ?? a.finess;
    try {
      const saved = await saveAmounts(a, { ...base, [ed.year]: parsed.cents });
      this._setCell(key, null);
      const msg = saved.status === 'approved' ? t.allocations.savedRevision : t.allocations.saved;
      this._live = { text: msg(est, ed.year, formatEuros(parsed.cents)), kind: 'ok' };
      fire(this, 'allocation-saved', { allocation: saved });
    } catch (err) {
      let text = err instanceof Error ? err.message : String(err);
      const conflict = err instanceof ApiError && err.status === 412;
      if (conflict) {
        const fresh = await getAllocation(a.id).catch(() => null);
        if (fresh) fire(this, 'allocation-saved', { allocation: fresh });
        text = t.allocations.conflict(formatEuros(amountOf(fresh ? shownAmounts(fresh) : base, ed.year)), formatEuros(parsed.cents));
      } else if (err instanceof ApiError) {
        text = err.problem.detail ?? err.fieldMessage(`amounts.${ed.year}`) ?? err.message;
      }
      this._setCell(key, { error: text, conflict });
      this._live = { text: t.allocations.refused(text), kind: 'err' };
      // Back to the refused cell with the typed value, so it can be corrected or re-applied.
      const row = this.allocations.findIndex((x) => x.id === a.id);
      this._active = { row, col: YEARS.indexOf(ed.year as (typeof YEARS)[number]) };
      this._editing = { ...ed };
      void this._focusActive();
    }
  }

  override render() {
    const n = this.allocations.length;
    const first = Math.max(0, Math.floor(this._top / ROW_H) - OVERSCAN);
    const last = Math.min(n, Math.ceil((this._top + this._viewport) / ROW_H) + OVERSCAN);
    const colTotals = this._colTotals;
    const grand = colTotals.reduce((s, v) => s + v, 0);
    return html`
      <p class="hint" id="grid-help">${t.allocations.keyboardHelp}</p>
      <div class="live ${this._live.kind}" role="status" aria-live="polite" data-testid="grid-live">${this._live.text}</div>
      <div class="scroller" @scroll=${this._onScroll}>
        <table role="grid" aria-label=${t.allocations.gridLabel} aria-describedby="grid-help" aria-rowcount=${n + 2} data-testid="allocation-grid">
          <colgroup><col class="c-est"><col class="c-act"><col class="c-st">${YEARS.map(() => html`<col>`)}<col class="c-tot"></colgroup>
          <thead><tr aria-rowindex="1">
            <th scope="col">${t.common.establishment}</th><th scope="col">${t.common.action}</th><th scope="col">${t.common.status}</th>
            ${YEARS.map((y) => html`<th scope="col" class="num">${y}</th>`)}<th scope="col" class="num">${t.allocations.rowTotal}</th>
          </tr></thead>
          <tbody>
            ${first > 0 ? html`<tr aria-hidden="true" style="height:${first * ROW_H}px"><td colspan="9"></td></tr>` : nothing}
            ${repeat(this.allocations.slice(first, last), (a) => a.id, (a, i) => this._row(a, first + i))}
            ${last < n ? html`<tr aria-hidden="true" style="height:${(n - last) * ROW_H}px"><td colspan="9"></td></tr>` : nothing}
          </tbody>
          <tfoot><tr aria-rowindex=${n + 2}>
            <th scope="row" colspan="3">${t.allocations.columnTotal}</th>
            ${colTotals.map((v) => html`<td class="num">${formatEuros(v)}</td>`)}<td class="num" data-testid="grand-total">${formatEuros(grand)}</td>
          </tr></tfoot>
        </table>
        ${n === 0 ? html`<p class="empty">${t.allocations.empty}</p>` : nothing}
      </div>`;
  }

  private _row(a: Allocation, r: number) {
    const e = this.establishments.get(a.finess);
    const act = this.actions.get(a.actionId);
    const amounts = shownAmounts(a);
    // the short word fits the status column; the whole phrase is in the tooltip and for screen readers
    const badge = a.revision ? html`<span class="badge warning" title=${t.revisionPending}><span aria-hidden="true">${t.revisionShort}</span><span class="sr-only">${t.revisionPending}</span></span>`
      : html`<span class="badge ${a.status === 'approved' ? 'success' : a.status === 'rejected' ? 'error' : 'info'}">${t.statuses[a.status]}</span>`;
    return html`<tr aria-rowindex=${r + 2} data-id=${a.id}>
      <th scope="row"><span class="name" title=${e?.name ?? a.finess}>${e?.name ?? a.finess}</span>
        <span class="sub">${a.finess}${e ? ` · ${this.regionNames.get(e.region) ?? e.region}${e.priority ? ` · ${t.priority}` : ''}` : ''}</span></th>
      <td><span class="code">${act?.code ?? a.actionId}</span><span class="sub" title=${act?.title ?? ''}>${act?.title ?? ''}</span></td>
      <td>${badge}</td>
      ${YEARS.map((y, c) => this._cell(a, y, r, c, amountOf(amounts, y)))}
      <td class="num total">${formatEuros(sumAmounts(amounts))}</td>
    </tr>`;
  }

  private _cell(a: Allocation, year: PlanYear, r: number, c: number, cents: number) {
    const key = this._key(a.id, year);
    const st = this._cells.get(key);
    const editing = this._editing?.id === a.id && this._editing.year === year;
    const active = this._active.row === r && this._active.col === c;
    const label = t.allocations.cellLabel(year, this.establishments.get(a.finess)?.name ?? a.finess, this.actions.get(a.actionId)?.code ?? '');
    return html`<td class="num cell ${cents === 0 ? 'zero' : ''} ${st?.saving ? 'saving' : ''} ${st?.error ? 'err' : ''}"
        tabindex=${active && !editing ? 0 : -1} data-r=${r} data-c=${c} data-year=${year}
        aria-invalid=${st?.error ? 'true' : nothing} aria-busy=${st?.saving ? 'true' : nothing}
        @keydown=${(e: KeyboardEvent) => this._onCellKey(e, a, r, c)}
        @click=${() => this._select(r, c)}
        @dblclick=${() => { this._active = { row: r, col: c }; this._startEdit(a, year); }}>
      ${editing
        ? html`<input aria-label=${label} inputmode="decimal" autocomplete="off" .value=${this._editing!.value}
            aria-describedby=${st?.error ? `msg-${r}-${c}` : nothing} aria-invalid=${st?.error ? 'true' : 'false'}
            @input=${(e: InputEvent) => { this._editing = { ...this._editing!, value: (e.target as HTMLInputElement).value }; }}
            @keydown=${this._onInputKey} @blur=${this._onBlur}>`
        : formatEuros(st?.pendingCents ?? cents)}
      ${st?.error ? html`<div class="msg ${st.conflict ? 'conflict' : ''}" id="msg-${r}-${c}" data-testid="cell-error">${st.error}</div>` : nothing}
    </td>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'jalon-allocation-grid': JalonAllocationGrid }
}
