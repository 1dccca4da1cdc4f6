import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  approveAllocation,
  assertDeletable,
  createAllocation,
  hasStatus,
  rejectAllocation,
  updateAllocation,
} from '../../server/domain/allocations.js';
import { envelopeBudget } from '../../server/domain/budget.js';
import { heldAmounts } from '../../shared/amounts.js';
import { refuses } from '../helpers/assert.js';
import { allocation, ctx, envelope, F1, F2, F3, payment, planOf } from '../helpers/plan.js';

const PLANNER = ctx('planif@jalon.test');
const REVIEWER = ctx('finances@jalon.test');
const draft = (o: object = {}) => ({
  envelopeId: 'env-a',
  finess: F1,
  actionId: 'act-ad',
  amounts: { '2024': 100_00 },
  ...o,
});

// Envelope: 1 000,00 € in total, 600,00 € on 2023 and 400,00 € on 2024.
const split = envelope({ totalCents: 1_000_00, yearlyCents: { '2023': 600_00, '2024': 400_00 } });

test('Given room in the envelope, a new allocation is proposed with its amounts', async () => {
  const plan = await planOf({ envelopes: [split] });
  const a = createAllocation(plan, 'al-n', draft({ amounts: { '2023': 600_00, '2024': 400_00 } }), PLANNER);
  assert.is(a.status, 'proposed');
  assert.equal(a.amounts, { '2023': 600_00, '2024': 400_00 });
  assert.is(a.createdBy, 'planif@jalon.test');
});

test('Given 2023 fully allocated, one more cent on 2023 is refused: "reste 0,00 € sur 2023"', async () => {
  const plan = await planOf({ envelopes: [split], allocations: [allocation('al-1', { amounts: { '2023': 600_00 } })] });
  const err = refuses(
    () => createAllocation(plan, 'al-n', draft({ amounts: { '2023': 1 } }), PLANNER),
    422,
    'reste 0,00 € sur 2023',
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['amounts.2023'],
  );
});

test('Given 2024 partly allocated, the refusal says what remains on 2024 in euros', async () => {
  const plan = await planOf({ envelopes: [split], allocations: [allocation('al-1', { amounts: { '2024': 150_00 } })] });
  refuses(
    () => createAllocation(plan, 'al-n', draft({ amounts: { '2024': 250_01 } }), PLANNER),
    422,
    'reste 250,00 € sur 2024',
  );
  // exactly what remains is accepted
  createAllocation(plan, 'al-n', draft({ amounts: { '2024': 250_00 } }), PLANNER);
});

test('Given a year outside the split (budget 0), any amount on it is refused', async () => {
  const plan = await planOf({ envelopes: [split] });
  refuses(
    () => createAllocation(plan, 'al-n', draft({ amounts: { '2025': 1 } }), PLANNER),
    422,
    'reste 0,00 € sur 2025',
  );
});

test('Given no yearly split, the total is the only limit and the message names the total', async () => {
  const plan = await planOf({ allocations: [allocation('al-1', { amounts: { '2024': 900_00 } })] });
  const err = refuses(
    () => createAllocation(plan, 'al-n', draft({ amounts: { '2025': 100_01 } }), PLANNER),
    422,
    'reste 100,00 € sur le total',
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['amounts'],
  );
  createAllocation(plan, 'al-n', draft({ amounts: { '2025': 100_00 } }), PLANNER);
});

test('Rejected allocations free their money; approved ones hold it', async () => {
  const plan = await planOf({
    allocations: [
      allocation('al-1', { amounts: { '2024': 500_00 }, status: 'rejected' }),
      allocation('al-2', { amounts: { '2024': 400_00 }, status: 'approved' }),
    ],
  });
  assert.is(envelopeBudget(plan, plan.envelopes.get('env-a')!).allocatedCents, 400_00);
  createAllocation(plan, 'al-n', draft({ amounts: { '2024': 600_00 } }), PLANNER);
  refuses(() => createAllocation(plan, 'al-n', draft({ amounts: { '2024': 600_01 } }), PLANNER), 422, 'reste 600,00 €');
});

test('Editing a proposed allocation is checked without counting its own old amounts', async () => {
  const plan = await planOf({ allocations: [allocation('al-1', { amounts: { '2024': 1_000_00 } })] });
  const cur = plan.allocations.get('al-1')!;
  const next = updateAllocation(plan, cur, { amounts: { '2024': 999_99, '2025': 1 } }, PLANNER);
  assert.equal(next.amounts, { '2024': 999_99, '2025': 1 });
  refuses(
    () => updateAllocation(plan, cur, { amounts: { '2024': 1_000_01 } }, PLANNER),
    422,
    'reste 0,00 € sur le total, en plus des 1\u202f000,00 € que porte déjà cette allocation',
  );
});

test('Earmark: region, category, priority and action refusals, each on its path', async () => {
  const earmarked = (earmark: object) => envelope({ earmark });
  const cases: Array<[object, object, string, RegExp]> = [
    [{ regions: ['11'] }, { finess: F2 }, 'finess', /régions 11/],
    [{ categories: ['public'] }, { finess: F3 }, 'finess', /catégorie/],
    [{ priorityOnly: true }, { finess: F2 }, 'finess', /prioritaires/],
    [{ actionIds: ['act-exe'] }, { actionId: 'act-ad' }, 'actionId', /ne finance pas l'action ACT-AD/],
  ];
  for (const [mark, over, path, msg] of cases) {
    const plan = await planOf({ envelopes: [earmarked(mark)] });
    const err = refuses(() => createAllocation(plan, 'al-n', draft(over), PLANNER), 422);
    assert.equal(
      err.errors.map((e) => e.path),
      [path],
    );
    assert.match(err.detail!, msg);
  }
  const plan = await planOf({
    envelopes: [earmarked({ regions: ['11'], categories: ['public'], priorityOnly: true, actionIds: ['act-ad'] })],
  });
  createAllocation(plan, 'al-n', draft(), PLANNER); // F1 matches all four
});

test('Unknown envelope, establishment or action are 422 on their path', async () => {
  const plan = await planOf();
  assert.equal(
    refuses(() => createAllocation(plan, 'x', draft({ envelopeId: 'env-zz' }), PLANNER), 422).errors[0]!.path,
    'envelopeId',
  );
  assert.equal(
    refuses(() => createAllocation(plan, 'x', draft({ finess: '750712184' }), PLANNER), 422).errors[0]!.path,
    'finess',
  );
  assert.equal(
    refuses(() => createAllocation(plan, 'x', draft({ actionId: 'act-zz' }), PLANNER), 422).errors[0]!.path,
    'actionId',
  );
});

// Revisions ("avenants") on approved allocations.
const approvedPlan = (extra: object = {}) =>
  planOf({
    envelopes: [envelope({ totalCents: 1_000_00 })],
    allocations: [
      allocation('al-1', { amounts: { '2024': 600_00 }, status: 'approved', approvedBy: 'finances@jalon.test' }),
      allocation('al-2', { amounts: { '2024': 300_00 } }),
    ],
    ...extra,
  });

test('Editing an approved allocation records a revision; approved amounts stay in force', async () => {
  const plan = await approvedPlan();
  const cur = plan.allocations.get('al-1')!;
  const next = updateAllocation(plan, cur, { amounts: { '2024': 500_00 } }, PLANNER);
  assert.is(next.status, 'approved');
  assert.equal(next.amounts, { '2024': 600_00 });
  assert.equal(next.revision!.amounts, { '2024': 500_00 });
  assert.is(next.revision!.proposedBy, 'planif@jalon.test');
  assert.equal(heldAmounts(next), { '2024': 600_00 }); // a decrease frees nothing until approved
});

test('A revision increase counts against the envelope together with the approved amounts', async () => {
  const plan = await approvedPlan();
  const cur = plan.allocations.get('al-1')!;
  // 600 approved + 300 proposed elsewhere: 100,00 € remain; a revision to 700,00 € fits exactly
  const next = updateAllocation(plan, cur, { amounts: { '2024': 700_00 } }, PLANNER);
  assert.equal(heldAmounts(next), { '2024': 700_00 });
  // the message counts what the allocation itself may reach: 1 000 - 300 (al-2) = 700,00 €
  refuses(
    () => updateAllocation(plan, cur, { amounts: { '2024': 700_01 } }, PLANNER),
    422,
    'reste 100,00 € sur le total, en plus des 600,00 € que porte déjà cette allocation',
  );
});

test('A revision cannot move an approved allocation to another envelope, establishment or action', async () => {
  const plan = await approvedPlan();
  const err = refuses(
    () => updateAllocation(plan, plan.allocations.get('al-1')!, { finess: F2, amounts: { '2024': 1 } }, PLANNER),
    422,
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['finess'],
  );
});

test('A revision below what was already paid is refused, at the paid amount exactly it is accepted', async () => {
  const plan = await approvedPlan({ payments: [payment('pay-1', 'al-1', 250_00)] });
  const cur = plan.allocations.get('al-1')!;
  refuses(() => updateAllocation(plan, cur, { amounts: { '2024': 249_99 } }, PLANNER), 422, '250,00 €');
  updateAllocation(plan, cur, { amounts: { '2024': 250_00 } }, PLANNER);
});

test('Given a revision to 200,00 € and then 250,00 € paid, approving the revision is refused (paid would exceed approved)', async () => {
  const plan = await approvedPlan();
  const revised = updateAllocation(plan, plan.allocations.get('al-1')!, { amounts: { '2024': 200_00 } }, PLANNER);
  const after = await planOf({
    envelopes: [envelope({ totalCents: 1_000_00 })],
    allocations: [revised, allocation('al-2', { amounts: { '2024': 300_00 } })],
    payments: [payment('pay-1', 'al-1', 250_00)], // allowed: 250 ≤ 600 approved
  });
  refuses(() => approveAllocation(after, after.allocations.get('al-1')!, REVIEWER), 422, '250,00 €');
});

test('Approving a revision puts its amounts in force and clears it', async () => {
  const plan = await approvedPlan();
  const revised = updateAllocation(plan, plan.allocations.get('al-1')!, { amounts: { '2024': 650_00 } }, PLANNER);
  const approved = approveAllocation(plan, revised, REVIEWER);
  assert.equal(approved.amounts, { '2024': 650_00 });
  assert.is(approved.revision, undefined);
  assert.is(approved.approvedBy, 'finances@jalon.test');
});

test('Rejecting a revision keeps the approved amounts and frees the increase', async () => {
  const plan = await approvedPlan();
  const revised = updateAllocation(plan, plan.allocations.get('al-1')!, { amounts: { '2024': 700_00 } }, PLANNER);
  const rejected = rejectAllocation(plan, revised, 'hors plafond', REVIEWER);
  assert.is(rejected.status, 'approved');
  assert.equal(rejected.amounts, { '2024': 600_00 });
  assert.is(rejected.revision, undefined);
  assert.match(rejected.rejectionReason!, /Avenant rejeté : hors plafond/);
  assert.equal(heldAmounts(rejected), { '2024': 600_00 });
});

test('Approving a proposed allocation; rejecting one frees its money; states that cannot move are refused', async () => {
  const plan = await approvedPlan();
  const proposed = plan.allocations.get('al-2')!;
  const ok = approveAllocation(plan, proposed, REVIEWER);
  assert.is(ok.status, 'approved');
  const no = rejectAllocation(plan, proposed, 'doublon', REVIEWER);
  assert.is(no.status, 'rejected');
  assert.equal(heldAmounts(no), {});
  refuses(() => approveAllocation(plan, no, REVIEWER), 422, 'rejetée');
  refuses(() => rejectAllocation(plan, no, 'x', REVIEWER), 422, 'déjà rejetée');
  refuses(() => approveAllocation(plan, plan.allocations.get('al-1')!, REVIEWER), 422, 'déjà approuvée');
  refuses(() => rejectAllocation(plan, plan.allocations.get('al-1')!, 'x', REVIEWER), 422, 'avenant');
});

test('Editing a rejected allocation proposes it again and clears the rejection', async () => {
  const plan = await planOf({
    allocations: [
      allocation('al-1', { amounts: { '2024': 1 }, status: 'rejected', rejectedBy: 'x', rejectionReason: 'r' }),
    ],
  });
  const next = updateAllocation(plan, plan.allocations.get('al-1')!, { amounts: { '2024': 2 } }, PLANNER);
  assert.is(next.status, 'proposed');
  assert.is(next.rejectionReason, undefined);
});

test('Separation of duties: nobody approves or rejects what they created, last changed or revised', async () => {
  const plan = await planOf({
    allocations: [
      allocation('al-c', { createdBy: 'finances@jalon.test', amounts: { '2024': 1 } }),
      allocation('al-u', { createdBy: 'planif@jalon.test', updatedBy: 'finances@jalon.test', amounts: { '2024': 1 } }),
      allocation('al-r', {
        status: 'approved',
        amounts: { '2024': 1 },
        revision: { amounts: { '2024': 2 }, proposedAt: 'x', proposedBy: 'finances@jalon.test' },
      }),
    ],
  });
  for (const id of ['al-c', 'al-u', 'al-r']) {
    refuses(() => approveAllocation(plan, plan.allocations.get(id)!, REVIEWER), 403, 'proposée ou modifiée');
    refuses(() => rejectAllocation(plan, plan.allocations.get(id)!, 'x', REVIEWER), 403);
    approveAllocation(plan, plan.allocations.get(id)!, ctx('finances2@jalon.test'));
  }
});

test('Only a proposal is withdrawn: an approved allocation is changed by an avenant, a rejected one stays, one with payments stays', async () => {
  const plan = await approvedPlan({
    allocations: [
      allocation('al-1', { amounts: { '2024': 600_00 }, status: 'approved', approvedBy: 'finances@jalon.test' }),
      allocation('al-2', { amounts: { '2024': 300_00 } }),
      allocation('al-3', { amounts: { '2025': 100_00 }, status: 'rejected' }),
      // an approval withdrawn while a payment was still recorded (a plan written before the rule)
      allocation('al-4', { amounts: { '2026': 100_00 } }),
    ],
    payments: [payment('pay-1', 'al-1', 1), payment('pay-4', 'al-4', 1)],
  });
  refuses(() => assertDeletable(plan, plan.allocations.get('al-1')!), 422, 'modifiez ses montants par un avenant');
  refuses(() => assertDeletable(plan, plan.allocations.get('al-3')!), 422, 'rejetée ne se retire pas');
  refuses(() => assertDeletable(plan, plan.allocations.get('al-4')!), 422, '0,01 €');
  assertDeletable(plan, plan.allocations.get('al-2')!);
});

test('status=pending selects what awaits a reviewer: proposals and avenants, not settled allocations', () => {
  // Given a proposal, a rejection, an approved allocation and an approved one with an avenant
  const proposed = allocation('al-p'),
    rejected = allocation('al-r', { status: 'rejected' });
  const approved = allocation('al-a', { status: 'approved' });
  const avenant = allocation('al-v', {
    status: 'approved',
    revision: { amounts: { '2024': 200_00 }, proposedAt: '2024-05-01T00:00:00.000Z' },
  });
  const all = [proposed, rejected, approved, avenant];
  // When each status is asked for, Then
  const ids = (status: string) => all.filter((a) => hasStatus(a, status)).map((a) => a.id);
  assert.equal(ids('pending'), ['al-p', 'al-v']);
  assert.equal(ids('revision'), ['al-v']);
  assert.equal(ids('approved'), ['al-a', 'al-v']);
  assert.equal(ids('rejected'), ['al-r']);
});

test.run();
