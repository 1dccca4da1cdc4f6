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

test('Awards as an establishment reads them: approved allocations only, without the pending avenant; per-site totals sum to the entity’s', async () => {
  const p = await planOf({
    establishments: [establishment(EJ), establishment(SITE, { finessEj: EJ })],
    allocations: [
      allocation('al-ej', {
        finess: EJ,
        amounts: { '2024': 400_00 },
        status: 'approved',
        revision: { amounts: { '2024': 900_00 }, proposedAt: '2024-06-01T00:00:00.000Z' },
      }),
      allocation('al-ej-prop', { finess: EJ, actionId: 'act-exe', amounts: { '2025': 55_00 } }),
      allocation('al-site', { finess: SITE, actionId: 'act-exe', amounts: { '2024': 70_01 }, status: 'approved' }),
    ],
    payments: [payment('p-site', 'al-site', 20_00)],
  });
  const staff = awardsOf(p, EJ, '2026-11-29');
  assert.is(staff.totals.proposedCents, 55_00);
  const seen = awardsOf(p, EJ, '2026-11-29', 'establishment');
  assert.equal(seen.awards.map((l) => l.allocation.id).sort(), ['al-ej', 'al-site']);
  assert.is(seen.awards.find((l) => l.allocation.id === 'al-ej')!.allocation.revision, undefined);
  assert.equal(seen.totals, {
    allocatedCents: 470_01,
    approvedCents: 470_01,
    proposedCents: 0,
    paidCents: 20_00,
    remainingCents: 450_01,
  });
  assert.equal(
    seen.sites.map((s) => [s.establishment.finess, s.totals.approvedCents, s.totals.remainingCents]),
    [
      [EJ, 400_00, 400_00],
      [SITE, 70_01, 50_01],
    ],
  );
  // the stored record keeps its avenant: the view is a copy
  assert.ok(p.allocations.get('al-ej')!.revision);
});

test('Awards carry each tranche of an allocation with what it paid and what it waits for; none on an allocation paid freely', async () => {
  // Given al-1 split in two milestone tranches: ms-ad met (F1's act-ad validated), ms-exe not
  const p = await planOf({
    establishments: [establishment(F1)],
    allocations: [
      allocation('al-1', {
        amounts: { '2024': 500_00 },
        status: 'approved',
        tranches: [
          { code: 'T1', label: 'Amorçage', amountCents: 300_00, gate: { kind: 'milestone', milestoneId: 'ms-ad' } },
          { code: 'T2', label: 'Solde', amountCents: 200_00, gate: { kind: 'milestone', milestoneId: 'ms-exe' } },
        ],
      }),
      allocation('al-2', { actionId: 'act-exe', amounts: { '2025': 200_00 }, status: 'approved' }),
    ],
    payments: [{ ...payment('p1', 'al-1', 100_00), tranche: 'T1' }],
    milestones: [
      milestone('ms-ad', { target: { actionId: 'act-ad', population: 'all', share: 0.5 } }),
      milestone('ms-exe', { target: { actionId: 'act-exe', population: 'all', share: 0.5 } }),
    ],
    completions: [validated('c1', F1, 'act-ad', '2024-05-01')],
  });
  // When the establishment reads its awards
  const lines = awardsOf(p, F1, '2026-11-29', 'establishment').awards;
  // Then al-1's tranches are there, to the cent, the unmet one saying what it waits for
  const tranches = lines.find((l) => l.allocation.id === 'al-1')!.tranches!;
  assert.equal(
    tranches.map((t) => [t.code, t.amountCents, t.paidCents, t.payableCents, t.missing ?? null]),
    [
      ['T1', 300_00, 100_00, 200_00, null],
      ['T2', 200_00, 0, 0, 'jalon « ms-exe » : action ACT-EXE non réalisée'],
    ],
  );
  assert.is(lines.find((l) => l.allocation.id === 'al-2')!.tranches, undefined);
});

test('Awards of an unknown FINESS: 404', async () => {
  const p = await plan();
  refuses(() => awardsOf(p, '750712184', '2026-11-29'), 404, '750712184');
});

test.run();
