// The undo and redo rules, pure: the stacks, the replay of a step and its refusals.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { History, HistoryStep } from '../../server/contract/history.js';
import type { Allocation } from '../../server/contract/plan.js';
import {
  asDone,
  describeStep,
  isWhole,
  historyView,
  moved,
  nextStep,
  pushStep,
  rebased,
  replayed,
  replayStep,
  whenSaid,
} from '../../server/domain/history.js';
import { refuses } from '../helpers/assert.js';
import { allocation, envelope, F1, F3, planOf } from '../helpers/plan.js';

const hist = (done: string[], undone: string[] = []): History => ({
  id: 'usr-planif',
  rev: '1',
  createdAt: '',
  updatedAt: '',
  actor: 'planif@jalon.test',
  done,
  undone,
});
const step = (id: string, changes: HistoryStep['changes']): HistoryStep => ({
  id,
  rev: '1',
  createdAt: '',
  updatedAt: '',
  actor: 'planif@jalon.test',
  at: '2026-11-29T10:00:00.000Z',
  action: 'update',
  label: id,
  changes,
});

test('A new step goes on top, clears the redo stack and drops what is beyond the limit', () => {
  const { history, dropped } = pushStep(
    hist(['s1', 's2', 's3'], ['s5', 's4']),
    { id: 'usr-planif', actor: 'x' },
    's6',
    3,
  );
  assert.equal([history.done, history.undone], [['s2', 's3', 's6'], []]);
  assert.equal(dropped, ['s1', 's5', 's4']);
  const first = pushStep(undefined, { id: 'usr-planif', actor: 'planif@jalon.test' }, 's1');
  assert.equal([first.history.id, first.history.done, first.dropped], ['usr-planif', ['s1'], []]);
});

test('Undo moves the top of done to undone, redo back; the view shows the next move first', () => {
  const h = hist(['s1', 's2']);
  assert.is(nextStep(h, 'undo'), 's2');
  assert.is(nextStep(h, 'redo'), undefined);
  const u = moved(h, 'undo');
  assert.equal([u.done, u.undone], [['s1'], ['s2']]);
  const u2 = moved(u, 'undo');
  assert.equal([u2.done, u2.undone], [[], ['s2', 's1']]);
  assert.is(nextStep(u2, 'redo'), 's1');
  const r = moved(u2, 'redo');
  assert.equal([r.done, r.undone], [['s1'], ['s2']]);
  const steps = new Map([
    ['s1', step('s1', [])],
    ['s2', step('s2', [])],
  ]);
  const v = historyView(u2, (id) => steps.get(id));
  assert.equal(
    v.redo.map((s) => s.id),
    ['s1', 's2'],
  );
  assert.equal(
    historyView(undefined, () => undefined),
    { undo: [], redo: [] },
  );
});

test('Times read in Paris: « à 14 h 02 » the same day, with the date on another', () => {
  assert.is(whenSaid('2026-11-29T13:02:00.000Z', '2026-11-29T15:00:00.000Z'), 'à 14 h 02');
  assert.is(whenSaid('2026-07-01T07:05:00.000Z', '2026-11-29T15:00:00.000Z'), 'le 1 juillet 2026 à 09 h 05');
});

test('Replaying a step: refused (409) when the record moved on, and through the allocation rules', async () => {
  const before = allocation('al-1', { rev: 'a', finess: F3, amounts: { '2024': 100_00 } });
  const after: Allocation = { ...before, rev: 'b', amounts: { '2024': 250_00 } };
  const other: Allocation = {
    ...after,
    rev: 'c',
    updatedBy: 'finances@jalon.test',
    updatedAt: '2026-11-29T13:02:00.000Z',
  };
  const s = step('s1', [{ id: 'al-1', before, after }]);
  assert.is(
    describeStep(await planOf({ allocations: [after] }), 'update', s.changes),
    `Modification : Établissement ${F3} — ACT-AD (ENV-A)`,
  );
  // Given someone else changed the row since
  const moved = await planOf({ allocations: [other] });
  const writes: unknown[] = [];
  refuses(
    () => replayStep(moved, s, 'undo', '2026-11-29T14:00:00.000Z', (...w) => writes.push(w)),
    409,
    'Modifié par finances@jalon.test à 14 h 02 : annulation impossible.',
  );
  assert.equal(writes, []);
  // still as the step left it: the "before" is written back, with the current rev to replace
  const plan = await planOf({ allocations: [after] });
  replayStep(plan, s, 'undo', '2026-11-29T14:00:00.000Z', (c, target) => writes.push([c.id, target]));
  assert.equal(writes, [['al-1', { ...before, rev: 'b' }]]);
  // a restored amount beyond the envelope is a broken rule
  const tight = await planOf({
    envelopes: [envelope({ totalCents: 300_00 })],
    allocations: [
      { ...after, amounts: { '2024': 10_00 } },
      allocation('al-2', { finess: F1, amounts: { '2025': 290_00 } }),
    ],
  });
  const s2 = step('s2', [{ id: 'al-1', before, after: { ...after, amounts: { '2024': 10_00 } } }]);
  refuses(() => replayStep(tight, s2, 'undo', '2026-11-29T14:00:00.000Z', () => undefined), 422);
  // a deleted record that was recreated cannot be withdrawn again by a redo
  refuses(
    () => replayStep(plan, step('s3', [{ id: 'al-1', before: null, after: null }]), 'redo', '', () => undefined),
    409,
    'Allocation recréée depuis',
  );
});

test('After an undo, the step below expects the record at its new rev', () => {
  const a1 = allocation('al-1', { rev: '1' });
  const lower = step('s1', [{ id: 'al-1', before: a1, after: { ...a1, rev: '2' } }]);
  const unrelated = step('s0', [{ id: 'al-9', before: null, after: allocation('al-9') }]);
  const written = new Map([['al-1', { ...a1, rev: '4' }]]);
  const out = rebased([unrelated, lower], 'undo', written);
  assert.is(out.length, 1);
  assert.is(out[0]!.changes[0]!.after!.rev, '4');
  assert.is(out[0]!.changes[0]!.before!.rev, '1');
  // after a redo, the next step to redo expects it as its "before"
  assert.is(rebased([lower], 'redo', written)[0]!.changes[0]!.before!.rev, '4');
});

test('A step keeps whole only the side the next move puts back; the side in the store is a mark', async () => {
  const made = allocation('al-1', { rev: '2', updatedBy: 'planif@jalon.test' });
  const edited = allocation('al-2', { rev: '3', amounts: { '2024': 5_00 } });
  const was = { ...edited, rev: '1', amounts: { '2024': 90_000_00 } };
  const done = [asDone({ id: 'al-1', before: null, after: made }), asDone({ id: 'al-2', before: was, after: edited })];
  assert.equal(done[0], {
    id: 'al-1',
    before: null,
    after: { rev: '2', updatedAt: made.updatedAt, updatedBy: 'planif@jalon.test' },
  });
  assert.ok(isWhole(done[1]!.before));
  assert.not.ok(isWhole(done[1]!.after));
  // undone: what was in the store (as the move found it) is kept whole for the redo; what the undo
  // wrote is the mark the redo checks
  const s = step('s1', done);
  const restored = { ...was, rev: '4' };
  const undone = replayed(
    s,
    'undo',
    new Map([
      ['al-1', null],
      ['al-2', restored],
    ]),
    new Map([
      ['al-1', made],
      ['al-2', edited],
    ]),
  );
  assert.equal(undone.changes[0], { id: 'al-1', before: null, after: made });
  assert.equal(undone.changes[1]!.after, edited);
  assert.equal(undone.changes[1]!.before, { rev: '4', updatedAt: was.updatedAt });
  // a mark where a move must put a record back is a broken step, not a silent partial write
  const broken = step('s2', [{ id: 'al-2', before: { rev: '1', updatedAt: '' }, after: { rev: '3', updatedAt: '' } }]);
  const plan = await planOf({ allocations: [edited] });
  assert.throws(() => replayStep(plan, broken, 'undo', '', () => undefined), /no record to put back/);
});

test('Step labels say « allocation », agreed with the count (0 and 1 singular)', async () => {
  const plan = await planOf({});
  const rows = (n: number, created = n) =>
    Array.from({ length: n }, (_, i) => {
      const a = allocation(`al-${i}`);
      return { id: a.id, before: i < created ? null : a, after: a };
    });
  assert.is(describeStep(plan, 'bulk', rows(1)), 'Allocation groupée : 1\u00a0allocation');
  assert.is(describeStep(plan, 'bulk', rows(3000)), 'Allocation groupée : 3\u202f000\u00a0allocations');
  assert.is(describeStep(plan, 'import', rows(1, 0)), 'Import : 0\u00a0allocation créée, 1\u00a0modifiée');
  assert.is(describeStep(plan, 'import', rows(3, 2)), 'Import : 2\u00a0allocations créées, 1\u00a0modifiée');
});

test.run();
