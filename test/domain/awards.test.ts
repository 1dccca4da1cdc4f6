import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { awardsOf } from '../../server/domain/awards.js';
import { refuses } from '../helpers/assert.js';
import { allocation, EJ, establishment, F1, F2, milestone, payment, planOf, SITE, validated } from '../helpers/plan.js';

const plan = () =>
  planOf({
    establishments: [
      establishment(F1),
      establishment(F2, { region: '84' }),
      establishment(EJ),
      establishment(SITE, { finessEj: EJ }),
    ],
    allocations: [
      allocation('al-1', { amounts: { '2024': 500_00 }, status: 'approved' }),
      allocation('al-2', { amounts: { '2025': 200_00 } }),
      allocation('al-3', { amounts: { '2025': 100_00 }, status: 'rejected' }),
      allocation('al-4', { finess: F2, amounts: { '2025': 1 }, status: 'approved' }),
      allocation('al-5', { finess: SITE, actionId: 'act-exe', amounts: { '2024': 70_00 }, status: 'approved' }),
    ],
    payments: [
      payment('p2', 'al-1', 150_00, '2024-09-01'),
      payment('p1', 'al-1', 100_00, '2024-03-01'),
      payment('p3', 'al-4', 1),
    ],
    milestones: [
      milestone('ms-ad', { target: { actionId: 'act-ad', population: 'all', share: 0.5 } }),
      milestone('ms-exe', { target: { actionId: 'act-exe', population: 'all', share: 0.5 } }),
      milestone('ms-free'),
    ],
    completions: [validated('c1', F1, 'act-ad', '2024-05-01'), validated('c2', F2, 'act-ad', '2024-05-01')],
  });

test('Awards of one site: its non-rejected allocations with approved, paid and remaining cents', async () => {
  const a = awardsOf(await plan(), F1, '2026-11-29');
  assert.equal(a.awards.map((l) => l.allocation.id).sort(), ['al-1', 'al-2']);
  const l1 = a.awards.find((l) => l.allocation.id === 'al-1')!;
  assert.equal([l1.approvedCents, l1.paidCents, l1.remainingCents], [500_00, 250_00, 250_00]);
  assert.equal(
    l1.payments.map((p) => p.id),
    ['p1', 'p2'],
  ); // by date
  assert.is(l1.envelope.code, 'ENV-A');
  assert.is(l1.action.id, 'act-ad');
  const l2 = a.awards.find((l) => l.allocation.id === 'al-2')!;
  assert.equal([l2.approvedCents, l2.paidCents, l2.remainingCents], [0, 0, 0]);
  assert.equal(a.totals, {
    allocatedCents: 700_00,
    approvedCents: 500_00,
    proposedCents: 200_00,
    paidCents: 250_00,
    remainingCents: 250_00,
  });
  // milestones of its actions (and untargeted ones), progress within its scope; its completions only
  assert.equal(a.milestones.map((m) => m.id).sort(), ['ms-ad', 'ms-free']);
  assert.is(a.milestones.find((m) => m.id === 'ms-ad')!.progress, 1);
  assert.equal(
    a.completions.map((c) => c.id),
    ['c1'],
  );
});

test('Awards of a legal entity include its sites', async () => {
  const a = awardsOf(await plan(), EJ, '2026-11-29');
  assert.equal(
    a.awards.map((l) => l.allocation.id),
    ['al-5'],
  );
  assert.equal(a.totals, {
    allocatedCents: 70_00,
    approvedCents: 70_00,
    proposedCents: 0,
    paidCents: 0,
    remainingCents: 70_00,
  });
});

test('Awards of an unknown FINESS: 404', async () => {
  const p = await plan();
  refuses(() => awardsOf(p, '750712184', '2026-11-29'), 404, '750712184');
});

test.run();
