// Approvals: announced credits, the engagement history, withdrawing an approval, batches.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Allocation } from '../../server/contract/plan.js';
import { approveAllocation, unapproveAllocation, updateAllocation } from '../../server/domain/allocations.js';
import { approveBatch } from '../../server/domain/approvals.js';
import { PLAN_YEARS } from '../../shared/years.js';
import { approvedAmounts } from '../../shared/amounts.js';
import { refuses } from '../helpers/assert.js';
import { allocation, ctx, envelope, F2, payment, planOf, storeOf } from '../helpers/plan.js';

const PLANNER = ctx('planif@jalon.test', '2025-01-10T09:00:00.000Z');
const REVIEWER = ctx('finances@jalon.test', '2025-02-01T10:00:00.000Z');
const LATER = ctx('finances2@jalon.test', '2025-06-01T10:00:00.000Z');

const announced = envelope({ id: 'env-ann', code: 'CARE-ANNONCE', status: 'announced', totalCents: 1_000_00 });

/** The sum of an allocation's engagement history, per year. */
const engagedSum = (a: Allocation) =>
  Object.fromEntries(
    PLAN_YEARS.map((y) => [y, (a.engagements ?? []).reduce((s, e) => s + (e.amounts[y] ?? 0), 0)]).filter(
      ([, v]) => v !== 0,
    ),
  );

test('Given an announced envelope, a proposal on it is refused approval (422, envelopeId) and its avenant too', async () => {
  const plan = await planOf({
    envelopes: [envelope(), announced],
    allocations: [
      allocation('al-p', { envelopeId: 'env-ann', amounts: { '2026': 100_00 } }),
      // approved before the rule existed, with an avenant proposed since
      allocation('al-v', {
        envelopeId: 'env-ann',
        finess: F2,
        status: 'approved',
        amounts: { '2026': 100_00 },
        revision: { amounts: { '2026': 150_00 }, proposedAt: '2025-01-01T00:00:00.000Z' },
      }),
    ],
  });
  for (const id of ['al-p', 'al-v']) {
    const e = refuses(() => approveAllocation(plan, plan.allocations.get(id)!, REVIEWER), 422);
    assert.is(
      e.detail,
      "Les crédits de l'enveloppe CARE-ANNONCE sont annoncés, non engagés : la dotation ne peut pas être approuvée.",
    );
    assert.equal(e.errors[0]!.path, 'envelopeId');
  }
});

test('The engagement history: full amounts at approval, new − old at an avenant, minus the approved at a withdrawal', async () => {
  // Given a proposal of 600,00 € on 2024 and 200,00 € on 2025
  const store = await storeOf({
    envelopes: [envelope({ totalCents: 2_000_00 })],
    allocations: [allocation('al-1', { amounts: { '2024': 600_00, '2025': 200_00 } })],
  });
  const step = async (c: typeof REVIEWER, fn: (cur: Allocation) => Allocation) =>
    store.transact({ now: c.now, actor: c.actor }, (tx) => tx.put('allocations', fn(tx.get('allocations', 'al-1')!)));
  // When it is approved
  let a = await step(REVIEWER, (cur) => approveAllocation(store.plan, cur, REVIEWER));
  assert.equal(a.engagements, [{ at: REVIEWER.now, amounts: { '2024': 600_00, '2025': 200_00 } }]);
  // When an avenant moves 2024 to 500,00 € and adds 2026 = 300,00 €, then is approved
  await step(PLANNER, (cur) =>
    updateAllocation(store.plan, cur, { amounts: { '2024': 500_00, '2025': 200_00, '2026': 300_00 } }, PLANNER),
  );
  a = await step(LATER, (cur) => approveAllocation(store.plan, cur, LATER));
  assert.equal(a.engagements![1], { at: LATER.now, amounts: { '2024': -100_00, '2026': 300_00 } });
  assert.equal(engagedSum(a), approvedAmounts(a));
  // When the approval is withdrawn
  const W = ctx('finances@jalon.test', '2025-07-01T08:00:00.000Z');
  a = await step(W, (cur) => unapproveAllocation(store.plan, cur, 'Erreur de saisie', W));
  assert.equal(a.engagements![2], { at: W.now, amounts: { '2024': -500_00, '2025': -200_00, '2026': -300_00 } });
  // Then the history sums to nothing approved, and the record says who withdrew it and why
  assert.equal(engagedSum(a), {});
  assert.equal(
    [a.status, a.approvedAt, a.approvedBy, a.unapprovedBy, a.unapprovalReason],
    ['proposed', undefined, undefined, 'finances@jalon.test', 'Erreur de saisie'],
  );
  assert.equal(a.amounts, { '2024': 500_00, '2025': 200_00, '2026': 300_00 });
  // And approving it again appends the full amounts and clears the withdrawal
  const again = approveAllocation(store.plan, store.get('allocations', 'al-1')!, LATER);
  assert.equal(again.engagements!.length, 4);
  assert.equal(engagedSum(again), approvedAmounts(again));
  assert.is(again.unapprovalReason, undefined);
});

test('An allocation approved before the history was kept starts it with its approval date', async () => {
  const plan = await planOf({
    allocations: [
      allocation('al-old', {
        status: 'approved',
        approvedAt: '2024-03-01T00:00:00.000Z',
        amounts: { '2024': 400_00 },
        revision: { amounts: { '2024': 450_00 }, proposedAt: '2024-09-01T00:00:00.000Z' },
      }),
    ],
  });
  const a = approveAllocation(plan, plan.allocations.get('al-old')!, REVIEWER);
  assert.equal(a.engagements, [
    { at: '2024-03-01T00:00:00.000Z', amounts: { '2024': 400_00 } },
    { at: REVIEWER.now, amounts: { '2024': 50_00 } },
  ]);
});

test('An approval is withdrawn only while nothing is paid (net of cancellations), with no avenant pending, not by its proposer', async () => {
  const approved = (id: string, o: Partial<Allocation> = {}) =>
    allocation(id, { status: 'approved', approvedBy: 'finances2@jalon.test', amounts: { '2024': 100_00 }, ...o });
  const plan = await planOf({
    envelopes: [envelope({ totalCents: 1_000_00 })],
    allocations: [
      approved('al-paid'),
      approved('al-cancelled', { finess: F2 }),
      approved('al-rev', { actionId: 'act-exe', revision: { amounts: { '2024': 90_00 }, proposedAt: 'x' } }),
      approved('al-own', { actionId: 'act-exe', finess: F2, createdBy: 'finances@jalon.test' }),
      allocation('al-prop', { actionId: 'act-exe', amounts: { '2025': 1 } }),
    ],
    // 30,00 € paid; 40,00 € paid then cancelled by a counter-entry
    payments: [
      payment('pay-1', 'al-paid', 30_00),
      payment('pay-2', 'al-cancelled', 40_00),
      payment('pay-3', 'al-cancelled', -40_00),
    ],
  });
  const e = refuses(() => unapproveAllocation(plan, plan.allocations.get('al-paid')!, 'x', REVIEWER), 422, '30,00 €');
  assert.match(e.detail!, /ne peut plus être retirée/);
  assert.is(unapproveAllocation(plan, plan.allocations.get('al-cancelled')!, 'x', REVIEWER).status, 'proposed');
  refuses(() => unapproveAllocation(plan, plan.allocations.get('al-rev')!, 'x', REVIEWER), 422, 'avenant');
  refuses(() => unapproveAllocation(plan, plan.allocations.get('al-prop')!, 'x', REVIEWER), 422, 'approuvée');
  refuses(() => unapproveAllocation(plan, plan.allocations.get('al-own')!, 'x', REVIEWER), 403, 'proposée');
  assert.is(unapproveAllocation(plan, plan.allocations.get('al-own')!, 'x', LATER).status, 'proposed');
});

test('A batch approves each allocation as alone; the first refusal names the allocation and its reason', async () => {
  const store = await storeOf({
    envelopes: [envelope({ totalCents: 1_000_00 }), announced],
    allocations: [
      allocation('al-a', { amounts: { '2024': 100_00 } }),
      allocation('al-b', { finess: F2, amounts: { '2024': 250_00 } }),
      allocation('al-own', { actionId: 'act-exe', amounts: { '2024': 1 }, createdBy: 'finances@jalon.test' }),
      allocation('al-ann', { envelopeId: 'env-ann', amounts: { '2026': 5_00 } }),
    ],
  });
  const run = (ids: string[], expected?: number) =>
    store.transact({ now: REVIEWER.now, actor: REVIEWER.actor }, (tx) =>
      approveBatch(
        tx.plan,
        ids,
        REVIEWER,
        { find: (id) => tx.get('allocations', id)!, put: (a) => tx.put('allocations', a) },
        expected,
      ),
    );
  const before = store.exportData();
  for (const [ids, status, index, words] of [
    [['al-a', 'al-own'], 403, 1, 'Allocation al-own (Établissement'],
    [['al-a', 'al-b', 'al-ann'], 422, 2, 'CARE-ANNONCE sont annoncés'],
  ] as const) {
    let caught: unknown;
    await run([...ids]).catch((e) => (caught = e));
    const e = refuses(() => {
      throw caught;
    }, status);
    assert.ok(e.detail!.includes(words), e.detail);
    assert.match(e.detail!, /Aucune allocation n’a été approuvée/);
    assert.is(e.errors[0]!.path, `items.${index}`);
    assert.equal(store.exportData(), before, 'a refused batch changes nothing');
  }
  // a total other than the one confirmed is refused (412) and changes nothing
  let stale: unknown;
  await run(['al-a', 'al-b'], 300_00).catch((e) => (stale = e));
  refuses(
    () => {
      throw stale;
    },
    412,
    '350,00 €',
  );
  assert.equal(store.exportData(), before);
  const ok = await run(['al-a', 'al-b'], 350_00);
  assert.equal([ok.count, ok.totalCents], [2, 350_00]);
  assert.equal(
    ['al-a', 'al-b'].map((id) => store.get('allocations', id)!.status),
    ['approved', 'approved'],
  );
});

test.run();
