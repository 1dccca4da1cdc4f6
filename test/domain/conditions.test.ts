// Declarative list filters: paths through the records a record names, and each op.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolve, testOf, type Condition } from '../../server/domain/conditions.js';
import type { PlanState } from '../../server/domain/plan.js';
import { JournalStore } from '../../server/store/store.js';
import { action, allocation, F1, F2, payment } from '../helpers/plan.js';
import { smallData } from '../helpers/small.js';

const matches = (plan: PlanState, record: object, c: Condition) => testOf(c)(plan, record);

const open = () =>
  JournalStore.open({
    seed: () =>
      smallData({
        actions: [action('act-x', { axis: 2 })],
        allocations: [
          allocation('al-1', { amounts: { '2024': 100 }, actionId: 'act-x' }),
          allocation('al-2', {
            finess: F2,
            actionId: 'act-x',
            amounts: { '2024': 5 },
            status: 'approved',
            revision: { amounts: { '2024': 7 }, proposedBy: 'x', proposedAt: '2026-01-01' } as never,
          }),
        ],
        payments: [payment('pa-1', 'al-2', 5, '2024-03-01')],
      }),
  });

test('Given a payment, paths walk to its allocation, its establishment and its action', async () => {
  const s = await open();
  const p = s.get('payments', 'pa-1')!;
  assert.is(resolve(s.plan, p, 'allocation.finess'), F2);
  assert.is(resolve(s.plan, p, 'allocation.establishment.region'), '84');
  assert.is(resolve(s.plan, p, 'allocation.action.axis'), 2);
  assert.is(resolve(s.plan, p, 'allocation.nothing.deeper'), undefined);
  assert.is(resolve(s.plan, p, ''), p);
});

test('Each op: eq as text, gte/lte on dates, in a list, search, status with pending and revision', async () => {
  const s = await open();
  const a1 = s.get('allocations', 'al-1')!,
    a2 = s.get('allocations', 'al-2')!,
    p = s.get('payments', 'pa-1')!;
  assert.ok(matches(s.plan, a1, { path: 'action.axis', op: 'eq', value: '2' }));
  assert.not.ok(
    matches(s.plan, a1, { path: 'target.actionId', op: 'eq', value: 'undefined' }),
    'a missing value matches nothing',
  );
  assert.ok(matches(s.plan, p, { path: 'paidOn', op: 'gte', value: '2024-03-01' }));
  assert.not.ok(matches(s.plan, p, { path: 'paidOn', op: 'lte', value: '2024-02-29' }));
  assert.ok(matches(s.plan, a2, { path: 'id', op: 'in', value: 'al-9,al-2' }));
  assert.not.ok(matches(s.plan, a2, { path: 'id', op: 'in', value: 'al-22' }));
  assert.ok(matches(s.plan, a1, { path: 'establishment', op: 'search', value: F1.slice(0, 6) }));
  assert.ok(matches(s.plan, a1, { path: '', op: 'status', value: 'pending' }));
  assert.ok(matches(s.plan, a2, { path: '', op: 'status', value: 'revision' }));
  assert.ok(
    matches(s.plan, a2, { path: '', op: 'status', value: 'pending' }),
    'an approved allocation with an avenant awaits review',
  );
  assert.not.ok(matches(s.plan, a2, { path: '', op: 'status', value: 'proposed' }));
});

test('Store.list runs the conditions and the scope (a FINESS found at a path)', async () => {
  const s = await open();
  assert.equal(
    s
      .list('payments', { where: [{ path: 'allocation.establishment.region', op: 'eq', value: '84' }] })
      .map((p) => p.id),
    ['pa-1'],
  );
  assert.equal(
    s.list('allocations', { where: [], scope: { path: 'finess', finess: new Set([F1]) } }).map((a) => a.id),
    ['al-1'],
  );
  assert.equal(s.list('payments', { where: [], scope: { path: 'allocation.finess', finess: new Set([F1]) } }), []);
});

test.run();
