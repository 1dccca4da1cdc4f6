// <jalon-allocation-grid>: virtualized allocation rows with one editable cell per year.
// An edit goes up as `allocation-change` for the page to save; refusals sit next to the cell;
// a conflict (412) keeps what the user typed, and go when the row set changes (filter, page).
// Columns sort (aria-sort); each row shows what is approved and paid on it (the floor of an
// avenant), its « Tranches » (how it is split: a dialog the page opens) and, for a proposal,
// « Retirer ». Ctrl+Z / Ctrl+Maj+Z go up as `history-move`.
// Windowing and keys are controllers. The `scenario` variant shows a scenario's lines (draftRow):
// no status nor approved column, every line removable; `readonly` opens no edit (a reviewer).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Action, Allocation, Establishment, PlanYear, PooledResource } from '../../server/contract/plan.js';
import type { ScenarioLine } from '../../server/contract/scenarios.js';
import { heldCents, shownAmounts } from '../../shared/amounts.js';
import { GridKeysController } from '../controllers/grid-keys-controller.js';
import { WindowController } from '../controllers/window-controller.js';
import { fire, type EditOutcome } from '../lib/fire.js';
import { approvedCents, sortRows, type GridSort, type SortKey } from '../lib/grid-sort.js';
import { amountOf, centsToInput, formatEuros, parseEuros, sumAmounts } from '../lib/format.js';
import { t } from '../i18n/allocations.js';
import { t as ts } from '../i18n/scenarios.js';
import { tokens, ui } from '../lib/styles.js';
import { YEARS } from '../lib/years.js';

const ROW_H = 52;
/** Heights of the sticky header and footer rows, kept clear when a row is scrolled into view. */
const HEADER_H = 44,
  FOOTER_H = 44;
interface CellState {
  saving?: boolean;
  error?: string;
  conflict?: boolean;
  link?: { text: string; href: string; filters: Record<string, string> };
  pendingCents?: number;
}
/** A row as the list reads it for staff: with what was paid on it. */
export type GridRow = Allocation & { paidCents?: number };
/** A scenario's line as a row: a draft, which the grid holds and sums as it would a proposal. */
export const draftRow = (l: ScenarioLine): GridRow => ({ ...l, status: 'proposed' });
/** Columns after the years (total, row actions). */
const TRAIL = 2;
interface Editing {
  id: string;
  year: PlanYear;
  value: string;
}

@customElement('jalon-allocation-grid')
export class JalonAllocationGrid extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: block; }
    .scroller { overflow: auto; max-height: min(62vh, 720px); border: 1px solid var(--border); background: var(--bg); position: relative; }
    table { table-layout: fixed; min-width: 1320px; }
    table.lines { min-width: 1100px; }
    table.lines .c-est { width: 21%; } table.lines .c-act { width: 10%; } table.lines .c-do { width: 108px; }
    thead th { position: sticky; top: 0; z-index: 2; }
    tfoot th, tfoot td { position: sticky; bottom: 0; z-index: 2; }
    tbody td, tbody th { height: ${ROW_H}px; padding: 4px 10px; vertical-align: middle; }
    tbody tr:hover > * { background: var(--blue-50); }
    /* the row's two actions (« Tranches », « Retirer ») fit beside the years at 1440 px, the names and floors giving a little */
    .c-est { width: 12%; } .c-act { width: 8%; } .c-st { width: 7%; } .c-eng { width: 11%; } .c-tot { width: 10%; } .c-do { width: 160px; }
    .do { display: flex; gap: 4px; flex-wrap: nowrap; }
    .do .btn { padding: 4px 6px; font-size: 0.8125rem; }
    thead th { white-space: normal; line-height: 1.2; }
    th .sort { font: inherit; font-weight: 700; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; display: inline; white-space: normal; text-align: inherit; }
    th .sort:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
    th .sort .arrow { font-size: 0.75rem; margin-left: 4px; }
    .floor { display: block; font-size: 0.8125rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .floor.paid { color: var(--mention); }
    .msg.linked { pointer-events: auto; }
    .msg a { color: inherit; font-weight: 700; }
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
  `,
  ];

  @property({ attribute: false }) allocations: GridRow[] = [];
  @property({ attribute: false }) establishments = new Map<string, Establishment>();
  /** Pooled regional resources by SIRET: an allocation's `finess` may name one. */
  @property({ attribute: false }) pooled = new Map<string, PooledResource>();
  @property({ attribute: false }) actions = new Map<string, Action>();
  @property({ attribute: false }) regionNames = new Map<string, string>();
  /** `plan`: the plan's allocations; `scenario`: a scenario's lines (draftRow). */
  @property() variant: 'plan' | 'scenario' = 'plan';
  /** Cells are read, never edited; no row action. */
  @property({ type: Boolean }) readonly = false;

  @state() private _editing: Editing | null = null;
  @state() private _cells = new Map<string, CellState>();
  @state() private _live: { text: string; kind: 'ok' | 'err' | '' } = { text: '', kind: '' };
  @state() private _sort: GridSort | null = null;
  /** The rows in the order shown (the asked sort of `allocations`). */
  private _rows: GridRow[] = [];
  private _rowSet = '';
  @query('.scroller') private _scroller!: HTMLElement;

  private _window = new WindowController(this, { rowHeight: ROW_H, overscan: 6 });
  private _keys = new GridKeysController(this, {
    rows: () => this._rows.length,
    cols: () => YEARS.length,
    onMove: ({ row }) => {
      this._window.reveal(row, HEADER_H, FOOTER_H);
      void this._focusActive();
    },
    onEdit: ({ row, col }, initial) => {
      const a = this._rows[row];
      if (a && !this.readonly) this._startEdit(a, YEARS[col]!, initial);
    },
    onHistory: (direction) => fire(this, 'history-move', { direction }),
  });

  /** Column totals, summed again only when the rows change, not on every scrolled frame: what the
   *  rows hold against the envelope, as the summary's « Alloué » counts it — rejected rows hold
   *  nothing, and an approved row with a pending avenant holds the larger of its two amounts. */
  private _colTotals: number[] = [];
  protected override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('allocations') && !changed.has('_sort')) return;
    this._rows = sortRows(this.allocations, this._sort, {
      establishment: (f) => this._nameOf(f),
      action: (id) => this.actions.get(id)?.code ?? id,
    });
    if (!changed.has('allocations')) return;
    this._colTotals = YEARS.map((y) => this.allocations.reduce((s, a) => s + heldCents(a, y), 0));
    // Another set of rows (a filter, another envelope): messages about rows no longer shown go.
    // The same rows read again (a save, an undo) keep theirs.
    const set = this.allocations
      .map((a) => a.id)
      .sort()
      .join(',');
    if (set !== this._rowSet && this._rowSet !== '') {
      this._cells = new Map();
      this._editing = null;
      this._live = { text: '', kind: '' };
    }
    this._rowSet = set;
  }

  private _sortBy(key: SortKey) {
    const cur = this._sort;
    this._sort = cur?.key === key ? (cur.ascending ? { key, ascending: false } : null) : { key, ascending: true };
    const label = this._columnName(key);
    this._live = { text: this._sort ? t.allocations.sorted(label, this._sort.ascending) : '', kind: '' };
  }

  private _columnName(key: SortKey): string {
    return key === 'establishment'
      ? t.common.establishment
      : key === 'action'
        ? t.common.action
        : key === 'status'
          ? t.common.status
          : key === 'approved'
            ? t.allocations.engaged
            : key === 'total'
              ? t.allocations.rowTotal
              : key;
  }

  /** A column header that sorts: a button inside, aria-sort on the header. */
  private _th(key: SortKey, num = false) {
    const s = this._sort?.key === key ? this._sort : null;
    const label = this._columnName(key);
    return html`<th scope="col" class=${classMap({ num })} aria-sort=${s ? (s.ascending ? 'ascending' : 'descending') : 'none'}>
      <button type="button" class="sort" title=${t.allocations.sortBy(label)} data-sort=${key} @click=${() => this._sortBy(key)}>
        ${label}<span class="arrow" aria-hidden="true">${s ? (s.ascending ? '▲' : '▼') : ''}</span></button></th>`;
  }

  protected override firstUpdated() {
    this._window.attach(this._scroller);
  }

  private _key = (id: string, year: string) => `${id}:${year}`;
  private _setCell(key: string, s: CellState | null) {
    const next = new Map(this._cells);
    if (s) next.set(key, s);
    else next.delete(key);
    this._cells = next;
  }

  /** Focuses the active cell, or its input when editing: the amount selected (Enter, F2), or the
   *  caret after what was typed to start the edit, so that typing goes on from there. */
  private async _focusActive(caretAtEnd = false) {
    await this.updateComplete;
    const { row, col } = this._keys.active;
    const td = this.renderRoot.querySelector<HTMLElement>(`td[data-r="${row}"][data-c="${col}"]`);
    const input = td?.querySelector('input');
    (input ?? td)?.focus({ preventScroll: true });
    if (input && caretAtEnd) input.setSelectionRange(input.value.length, input.value.length);
    else if (input) input.select();
  }

  private _startEdit(a: Allocation, year: PlanYear, initial?: string) {
    this._editing = { id: a.id, year, value: initial ?? centsToInput(amountOf(shownAmounts(a), year)) };
    void this._focusActive(initial !== undefined);
  }

  private _onCellKey(e: KeyboardEvent, row: number, col: number) {
    if (this._editing || e.target !== e.currentTarget) return;
    this._keys.onKey(e, row, col);
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
      if (ed) this._setCell(this._key(ed.id, ed.year), null);
      void this._focusActive();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      void this._commit(this._keys.tabTarget(e.shiftKey));
    }
  }

  /** A click on a cell: an edit open elsewhere is saved, as in a spreadsheet — or dropped when the
   *  server refused it (its message has been read; the cell goes back to its stored amount). */
  private _select(r: number, c: number) {
    const ed = this._editing,
      same = this._keys.isActive(r, c);
    if (ed && same) return; // a click inside the open input: the caret goes where it is clicked
    if (ed) {
      const key = this._key(ed.id, ed.year);
      if (this._cells.get(key)?.error !== undefined) {
        this._editing = null;
        this._setCell(key, null);
      } else void this._commit(undefined, false);
    }
    this._keys.active = { row: r, col: c };
    void this._focusActive();
  }

  private _onBlur(e: FocusEvent) {
    // Leaving the grid with a pending edit saves it, like a spreadsheet.
    if (this._editing && !(e.relatedTarget instanceof Node && this.renderRoot.contains(e.relatedTarget)))
      void this._commit(undefined, false);
  }

  /** Asks the page to save the row with `cents` in `year`, and waits for how it went. */
  private _change(a: Allocation, year: PlanYear, cents: number): Promise<EditOutcome> {
    let outcome: Promise<EditOutcome> | undefined;
    fire(this, 'allocation-change', {
      allocation: a,
      year,
      cents,
      amounts: { ...shownAmounts(a), [year]: cents },
      respond: (p) => {
        outcome = p;
      },
    });
    return outcome ?? Promise.resolve({ ok: false, error: t.errors.generic });
  }

  private async _commit(move?: { row: number; col: number }, refocus = true) {
    const ed = this._editing;
    if (!ed) return;
    const key = this._key(ed.id, ed.year);
    const a = this._rows.find((x) => x.id === ed.id);
    if (!a) {
      this._editing = null;
      return;
    }
    const parsed = parseEuros(ed.value);
    if (!parsed.ok) {
      this._setCell(key, { error: parsed.error });
      this._live = { text: t.allocations.refused(parsed.error), kind: 'err' };
      return;
    }
    const conflicted = this._cells.get(key)?.error !== undefined;
    this._editing = null;
    if (parsed.cents === amountOf(shownAmounts(a), ed.year) && !conflicted) {
      this._setCell(key, null);
      if (move) this._keys.moveTo(move.row, move.col);
      else if (refocus) void this._focusActive();
      return;
    }
    this._setCell(key, { saving: true, pendingCents: parsed.cents });
    this._live = { text: t.allocations.saving, kind: '' };
    if (move) this._keys.moveTo(move.row, move.col);
    else if (refocus) void this._focusActive();
    const outcome = await this._change(a, ed.year, parsed.cents);
    if (outcome.ok) {
      this._setCell(key, null);
      this._live = { text: outcome.message, kind: 'ok' };
      return;
    }
    this._setCell(key, { error: outcome.error, conflict: outcome.conflict, link: outcome.link });
    this._live = { text: t.allocations.refused(outcome.error), kind: 'err' };
    // Back to the refused cell with the typed value, so it can be corrected or re-applied.
    const row = this._rows.findIndex((x) => x.id === a.id);
    this._keys.active = { row, col: YEARS.indexOf(ed.year as (typeof YEARS)[number]) };
    this._editing = { ...ed };
    void this._focusActive();
  }

  private get _plan() {
    return this.variant === 'plan';
  }
  /** Columns before the years: beneficiary and action, then status and what is approved (the plan's). */
  private get _lead() {
    return this._plan ? 4 : 2;
  }

  private get _help() {
    return this.readonly ? ts.grid.readonlyHelp : this._plan ? t.allocations.keyboardHelp : ts.grid.keyboardHelp;
  }

  override render() {
    const n = this._rows.length;
    const lead = this._lead;
    const words = this._plan ? t.allocations : ts.grid;
    const { first, last } = this._window.range(n);
    const colTotals = this._colTotals;
    const grand = colTotals.reduce((s, v) => s + v, 0);
    return html`
      <p class="hint" id="grid-help">${this._help}</p>
      <div class=${classMap({ live: true, ok: this._live.kind === 'ok', err: this._live.kind === 'err' })} role="status" aria-live="polite" data-testid="grid-live">${this._live.text}</div>
      <div class="scroller" @scroll=${this._window.onScroll}>
        <table role="grid" class=${classMap({ lines: !this._plan })} aria-label=${words.gridLabel} aria-describedby="grid-help" aria-rowcount=${n + 2} aria-readonly=${this.readonly ? 'true' : nothing} data-testid="allocation-grid">
          <colgroup><col class="c-est"><col class="c-act">${this._plan ? html`<col class="c-st"><col class="c-eng">` : nothing}${YEARS.map(() => html`<col>`)}<col class="c-tot"><col class="c-do"></colgroup>
          <thead><tr aria-rowindex="1">
            ${this._th('establishment')}${this._th('action')}${this._plan ? html`${this._th('status')}${this._th('approved', true)}` : nothing}
            ${YEARS.map((y) => this._th(y, true))}${this._th('total', true)}<th scope="col"><span class="sr-only">${t.allocations.rowActions}</span></th>
          </tr></thead>
          <tbody>
            ${first > 0 ? html`<tr aria-hidden="true" style="height:${first * ROW_H}px"><td colspan=${lead + YEARS.length + TRAIL}></td></tr>` : nothing}
            ${repeat(
              this._rows.slice(first, last),
              (a) => a.id,
              (a, i) => this._row(a, first + i),
            )}
            ${last < n ? html`<tr aria-hidden="true" style="height:${(n - last) * ROW_H}px"><td colspan=${lead + YEARS.length + TRAIL}></td></tr>` : nothing}
          </tbody>
          <tfoot><tr aria-rowindex=${n + 2}>
            <th scope="row" colspan=${lead}>${words.columnTotal}</th>
            ${colTotals.map((v) => html`<td class="num">${formatEuros(v)}</td>`)}<td class="num" data-testid="grand-total">${formatEuros(grand)}</td><td></td>
          </tr></tfoot>
        </table>
        ${n === 0 ? html`<p class="empty">${words.empty}</p>` : nothing}
      </div>`;
  }

  /** An establishment's or a pooled resource's name; its number when neither is known. */
  private _nameOf(finess: string): string {
    return this.establishments.get(finess)?.name ?? this.pooled.get(finess)?.name ?? finess;
  }

  /** Under the name: the FINESS, region and priority of an establishment; the SIRET and region of
   *  a pooled resource, which says what it is. */
  private _subOf(finess: string): string {
    const e = this.establishments.get(finess);
    if (e) return `${finess} · ${this.regionNames.get(e.region) ?? e.region}${e.priority ? ` · ${t.priority}` : ''}`;
    const p = this.pooled.get(finess);
    if (p) return `${finess} · ${this.regionNames.get(p.region) ?? p.region} · ${t.allocations.pooledResource}`;
    return finess;
  }

  private _row(a: GridRow, r: number) {
    const name = this._nameOf(a.finess);
    const act = this.actions.get(a.actionId);
    const amounts = shownAmounts(a);
    // the short word fits the status column; the whole phrase is in the tooltip and for screen readers
    const badge = a.revision
      ? html`<span class="badge warning" title=${t.revisionPending}><span aria-hidden="true">${t.revisionShort}</span><span class="sr-only">${t.revisionPending}</span></span>`
      : html`<span class=${classMap({ badge: true, success: a.status === 'approved', error: a.status === 'rejected', info: a.status === 'proposed' })}>${t.statuses[a.status]}</span>`;
    return html`<tr aria-rowindex=${r + 2} data-id=${a.id}>
      <th scope="row"><span class="name" title=${name}>${name}</span>
        <span class="sub">${this._subOf(a.finess)}</span></th>
      <td><span class="code">${act?.code ?? a.actionId}</span><span class="sub" title=${act?.title ?? ''}>${act?.title ?? ''}</span></td>
      ${this._plan ? html`<td>${badge}</td>${this._floor(a)}` : nothing}
      ${YEARS.map((y, c) => this._cell(a, y, r, c, amountOf(amounts, y)))}
      <td class="num total">${formatEuros(sumAmounts(amounts))}</td>
      <td><div class="do">${this._plan && !this.readonly && a.status !== 'rejected' ? this._tranchesButton(a, `${name} — ${act?.code ?? a.actionId}`) : nothing}${
        a.status === 'proposed' && !this.readonly
          ? html`<button type="button" class="btn tertiary" data-testid="withdraw"
              aria-label=${(this._plan ? t.allocations : ts.grid).withdrawLabel(`${name} — ${act?.code ?? a.actionId}`)}
              @click=${() => fire(this, 'allocation-withdraw', { allocation: a })}>${(this._plan ? t.allocations : ts.grid).withdraw}</button>`
          : nothing
      }</div></td>
    </tr>`;
  }

  /** How the row is split (a pending avenant's tranches, else those in force): the page opens the dialog. */
  private _tranchesButton(a: GridRow, row: string) {
    const n = (a.revision?.tranches ?? a.tranches ?? []).filter((x) => !x.freedAt).length;
    const label = t.tranches.button(n);
    return html`<button type="button" class="btn tertiary" data-testid="tranches" aria-label=${t.tranches.buttonLabel(label, row)}
      @click=${() => fire(this, 'allocation-tranches', { allocation: a })}>${label}</button>`;
  }

  /** What is approved and what was paid: an avenant cannot go below what was paid. */
  private _floor(a: GridRow) {
    if (a.status !== 'approved')
      return html`<td class="num"><span class="floor paid">${t.allocations.notApproved}</span></td>`;
    const approved = formatEuros(approvedCents(a)),
      paid = formatEuros(a.paidCents ?? 0);
    return html`<td class="num" title=${t.allocations.floor(approved, paid)} data-testid="floor">
      <span class="floor">${t.allocations.approvedShort(approved)}</span><span class="floor paid">${t.allocations.paidShort(paid)}</span>
      <span class="sr-only">${t.allocations.floor(approved, paid)}</span></td>`;
  }

  private _cell(a: Allocation, year: PlanYear, r: number, c: number, cents: number) {
    const key = this._key(a.id, year);
    const st = this._cells.get(key);
    const editing = this._editing?.id === a.id && this._editing.year === year;
    const active = this._keys.isActive(r, c);
    const label = t.allocations.cellLabel(year, this._nameOf(a.finess), this.actions.get(a.actionId)?.code ?? '');
    return html`<td class=${classMap({ num: true, cell: true, zero: cents === 0, saving: !!st?.saving, err: !!st?.error })}
        tabindex=${active && !editing ? 0 : -1} data-r=${r} data-c=${c} data-year=${year}
        aria-invalid=${st?.error ? 'true' : nothing} aria-busy=${st?.saving ? 'true' : nothing}
        @keydown=${(e: KeyboardEvent) => this._onCellKey(e, r, c)}
        @click=${() => this._select(r, c)}
        @dblclick=${() => {
          this._keys.active = { row: r, col: c };
          if (!this.readonly) this._startEdit(a, year);
        }}>
      ${
        editing
          ? html`<input aria-label=${label} inputmode="decimal" autocomplete="off" .value=${this._editing!.value}
            aria-describedby=${st?.error ? `msg-${r}-${c}` : nothing} aria-invalid=${st?.error ? 'true' : 'false'}
            @input=${(e: InputEvent) => {
              this._editing = { ...this._editing!, value: (e.target as HTMLInputElement).value };
            }}
            @keydown=${this._onInputKey} @blur=${this._onBlur}>`
          : formatEuros(st?.pendingCents ?? cents)
      }
      ${
        st?.error
          ? html`<div class=${classMap({ msg: true, conflict: !!st.conflict, linked: !!st.link })} id="msg-${r}-${c}" data-testid="cell-error">${st.error}${
              st.link
                ? html` <a href=${st.link.href} data-testid="duplicate-link" @mousedown=${(e: Event) => e.preventDefault()}
                    @click=${(e: Event) => {
                      e.preventDefault();
                      fire(this, 'filters-change', st.link!.filters);
                    }}>${st.link.text}</a>`
                : nothing
            }</div>`
          : nothing
      }
    </td>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'jalon-allocation-grid': JalonAllocationGrid;
  }
}
