// The grid's reactive controllers on a fake host: which rows the window renders, how revealing a
// row scrolls, and what each key does to the active cell (as in a spreadsheet).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { GridKeysController, type Cell } from '../../web/controllers/grid-keys-controller.js';
import { WindowController } from '../../web/controllers/window-controller.js';

const host = () => {
  const h = {
    controllers: [] as ReactiveController[],
    updates: 0,
    addController(c: ReactiveController) {
      h.controllers.push(c);
    },
    removeController() {},
    requestUpdate() {
      h.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
  return h satisfies ReactiveControllerHost;
};
/** What the controller reads of the scrolled element. */
const scroller = (scrollTop: number, clientHeight: number) => ({ scrollTop, clientHeight }) as unknown as HTMLElement;
const key = (k: string, mods: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean } = {}) => {
  const e = {
    key: k,
    ctrlKey: false,
    metaKey: false,
    ...mods,
    prevented: false,
    preventDefault() {
      e.prevented = true;
    },
  };
  return e as typeof e & KeyboardEvent;
};

test('window: at the top, the rows in view and 6 beyond; never past the last row', () => {
  const h = host();
  const w = new WindowController(h, { rowHeight: 52, overscan: 6 });
  assert.is(h.controllers[0], w, 'registered with its host');
  w.attach(scroller(0, 600));
  assert.equal(w.range(3000), { first: 0, last: 18 }); // ceil(600 / 52) = 12, + 6
  assert.equal(w.range(10), { first: 0, last: 10 });
});

test('window: revealing a row below the view scrolls it just above the sticky footer; above, to the top', () => {
  const w = new WindowController(host(), { rowHeight: 52 });
  const s = scroller(0, 600);
  w.attach(s);
  w.reveal(20, 44, 44);
  assert.is(s.scrollTop, 20 * 52 + 52 - 600 + 88); // 580
  assert.equal(w.range(3000), { first: 5, last: 29 }); // floor(580 / 52) - 6, ceil(1180 / 52) + 6
  w.reveal(25, 44, 44);
  assert.is(s.scrollTop, 25 * 52 + 52 - 600 + 88, 'a row just below scrolls by what it needs');
  w.reveal(3);
  assert.is(s.scrollTop, 3 * 52);
  w.reveal(4);
  assert.is(s.scrollTop, 3 * 52, 'a row already in view does not scroll');
});

const grid = (rows: number, cols = 5) => {
  const moves: Cell[] = [],
    edits: Array<[Cell, string | undefined]> = [];
  const size = { rows };
  const h = host();
  const keys = new GridKeysController(h, {
    rows: () => size.rows,
    cols: () => cols,
    onMove: (c) => moves.push(c),
    onEdit: (c, v) => edits.push([c, v]),
  });
  return { keys, moves, edits, size, h };
};

test('keys: arrows move one cell and stop at the edges; Page Up/Down by ten rows', () => {
  const { keys, moves } = grid(30);
  const down = key('ArrowDown');
  keys.onKey(down, 0, 0);
  assert.ok(down.prevented);
  assert.equal(keys.active, { row: 1, col: 0 });
  keys.onKey(key('ArrowLeft'), 1, 0);
  assert.equal(keys.active, { row: 1, col: 0 }, 'no column before the first');
  keys.onKey(key('ArrowRight'), 1, 4);
  assert.equal(keys.active, { row: 1, col: 4 }, 'no column after the last');
  keys.onKey(key('PageDown'), 25, 2);
  assert.equal(keys.active, { row: 29, col: 2 });
  keys.onKey(key('PageUp'), 29, 2);
  assert.equal(keys.active, { row: 19, col: 2 });
  assert.is(moves.length, 5, 'each move is reported, to scroll and focus');
});

test('keys: Home and End along the row; with Ctrl, to the first or last row', () => {
  const { keys } = grid(30);
  keys.onKey(key('End'), 7, 1);
  assert.equal(keys.active, { row: 7, col: 4 });
  keys.onKey(key('Home'), 7, 4);
  assert.equal(keys.active, { row: 7, col: 0 });
  keys.onKey(key('End', { ctrlKey: true }), 7, 0);
  assert.equal(keys.active, { row: 29, col: 4 });
  keys.onKey(key('Home', { ctrlKey: true }), 29, 4);
  assert.equal(keys.active, { row: 0, col: 0 });
});

test('keys: Enter or F2 edit the stored amount, Delete empties it, a digit starts the value; Ctrl+digit is left alone', () => {
  const { keys, edits, moves } = grid(3);
  keys.onKey(key('Enter'), 2, 1);
  keys.onKey(key('F2'), 2, 1);
  keys.onKey(key('Delete'), 0, 0);
  keys.onKey(key('Backspace'), 0, 0);
  keys.onKey(key('7'), 1, 3);
  const copy = key('5', { ctrlKey: true });
  keys.onKey(copy, 1, 3);
  keys.onKey(key('a'), 1, 3);
  assert.equal(edits, [
    [{ row: 2, col: 1 }, undefined],
    [{ row: 2, col: 1 }, undefined],
    [{ row: 0, col: 0 }, ''],
    [{ row: 0, col: 0 }, ''],
    [{ row: 1, col: 3 }, '7'],
  ]);
  assert.not.ok(copy.prevented);
  assert.is(moves.length, 0);
});

test('keys: Ctrl+Z asks for an undo, Ctrl+Maj+Z and Ctrl+Y for a redo (⌘ too); plain Z edits nothing', () => {
  const asked: string[] = [];
  const h = host();
  const keys = new GridKeysController(h, {
    rows: () => 3,
    cols: () => 5,
    onMove: () => {},
    onEdit: () => asked.push('edit'),
    onHistory: (d) => asked.push(d),
  });
  const undo = key('z', { ctrlKey: true });
  keys.onKey(undo, 0, 0);
  keys.onKey(key('Z', { ctrlKey: true, shiftKey: true }), 0, 0);
  keys.onKey(key('y', { ctrlKey: true }), 0, 0);
  keys.onKey(key('z', { metaKey: true }), 0, 0);
  keys.onKey(key('z'), 0, 0);
  assert.ok(undo.prevented, 'the browser does not undo anything else');
  assert.equal(asked, ['undo', 'redo', 'redo', 'undo']);
});

test('keys: Tab goes along the row then to the next one, Shift+Tab back; both stay in the grid', () => {
  const { keys } = grid(2);
  keys.active = { row: 0, col: 4 };
  assert.equal(keys.tabTarget(false), { row: 1, col: 0 });
  keys.active = { row: 1, col: 0 };
  assert.equal(keys.tabTarget(true), { row: 0, col: 4 });
  keys.active = { row: 1, col: 4 };
  assert.equal(keys.tabTarget(false), { row: 1, col: 0 }, 'past the last cell: the last row again');
  keys.active = { row: 0, col: 0 };
  assert.equal(keys.tabTarget(true), { row: 0, col: 4 });
});

test('keys: rows filtered away under the active cell leave it on the last row', () => {
  const { keys, size } = grid(30);
  keys.active = { row: 25, col: 3 };
  size.rows = 4;
  keys.hostUpdate();
  assert.equal(keys.active, { row: 3, col: 3 });
  size.rows = 0;
  keys.hostUpdate();
  assert.equal(keys.active, { row: 3, col: 3 }, 'no rows: nothing to move to');
});

test.run();
