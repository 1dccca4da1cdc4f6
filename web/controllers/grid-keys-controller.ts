// Keyboard navigation of a grid of cells, as in a spreadsheet: the active cell (the one in the tab
// order), arrows, Page Up/Down by ten rows, Home/End (with Ctrl: first/last row), and the keys
// that open an edit: Enter or F2 (the amount selected), Delete/Backspace (empty), a digit; and
// Ctrl+Z (undo), Ctrl+Maj+Z or Ctrl+Y (redo), as in a spreadsheet (⌘ on a Mac).
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Cell {
  row: number;
  col: number;
}

export interface GridKeysOptions {
  rows: () => number;
  cols: () => number;
  /** The active cell moved by a key: scroll it into view and focus it. */
  onMove: (to: Cell) => void;
  /** A key opens the active cell's edit, with `initial` as the value typed (else the stored one). */
  onEdit: (at: Cell, initial?: string) => void;
  /** Ctrl+Z asks for an undo, Ctrl+Maj+Z or Ctrl+Y for a redo. */
  onHistory?: (direction: 'undo' | 'redo') => void;
}

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  PageUp: [-10, 0],
  PageDown: [10, 0],
};

export class GridKeysController implements ReactiveController {
  private _active: Cell = { row: 0, col: 0 };

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _opts: GridKeysOptions,
  ) {
    _host.addController(this);
  }

  get active(): Cell {
    return this._active;
  }
  set active(cell: Cell) {
    this._active = cell;
    this._host.requestUpdate();
  }

  isActive(row: number, col: number) {
    return this._active.row === row && this._active.col === col;
  }

  /** Within the grid's bounds. */
  clamp(row: number, col: number): Cell {
    return {
      row: Math.max(0, Math.min(this._opts.rows() - 1, row)),
      col: Math.max(0, Math.min(this._opts.cols() - 1, col)),
    };
  }

  moveTo(row: number, col: number) {
    this.active = this.clamp(row, col);
    this._opts.onMove(this._active);
  }

  /** The cell Tab (or Shift+Tab) leads to from the active one: along the row, then the next row. */
  tabTarget(backward: boolean): Cell {
    const { row, col } = this._active,
      cols = this._opts.cols();
    const next = col + (backward ? -1 : 1);
    const [r, c] = next < 0 ? [row - 1, cols - 1] : next >= cols ? [row + 1, 0] : [row, next];
    return { row: Math.max(0, Math.min(this._opts.rows() - 1, r)), col: c };
  }

  /** A keydown on the cell at (row, col), not on something inside it. */
  onKey(e: KeyboardEvent, row: number, col: number) {
    const key = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (key === 'z' || key === 'y') && this._opts.onHistory) {
      e.preventDefault();
      this._opts.onHistory(key === 'y' || e.shiftKey ? 'redo' : 'undo');
      return;
    }
    const m = MOVES[e.key];
    if (m) {
      e.preventDefault();
      this.moveTo(row + m[0], col + m[1]);
      return;
    }
    if (e.key === 'Home') {
      e.preventDefault();
      this.moveTo(e.ctrlKey ? 0 : row, 0);
      return;
    }
    if (e.key === 'End') {
      e.preventDefault();
      this.moveTo(e.ctrlKey ? this._opts.rows() - 1 : row, this._opts.cols() - 1);
      return;
    }
    const at = { row, col };
    if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      this._opts.onEdit(at);
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      this._opts.onEdit(at, '');
      return;
    }
    if (/^[0-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      this._opts.onEdit(at, e.key);
    }
  }

  /** Rows filtered away under the active cell: the last row takes its place in the tab order, or
   *  Tab would find no way into the grid. */
  hostUpdate() {
    const rows = this._opts.rows();
    if (rows > 0 && this._active.row >= rows) this._active = { ...this._active, row: rows - 1 };
  }
}
