// Delegations to the ARS: conservation at both levels, per year and in total (domain rules).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createAllocation, updateAllocation } from '../../server/domain/allocations.js';
import { assertDelegationDeletable, createDelegation, updateDelegation } from '../../server/domain/delegations.js';
import { updateEnvelope } from '../../server/domain/envelopes.js';
import { updateEstablishment } from '../../server/domain/catalog.js';
import { delegatedBudget } from '../../server/domain/region-budget.js';
import { refuses } from '../helpers/assert.js';
import { allocation, ctx, delegation, envelope, F1, F2, F3, payment, planOf } from '../helpers/plan.js';

const PLANNER = ctx('planif@jalon.test');
// Envelope: 10 000,00 € in total, 6 000,00 € on 2024 and 4 000,00 € on 2025.
const env = envelope({ totalCents: 10_000_00, yearlyCents: { '2024': 6_000_00, '2025': 4_000_00 } });
// Île-de-France (F1's region) holds 3 000,00 € on 2024 and 1 000,00 € on 2025, in two delegations.
const idf = [
  delegation('del-1', { amounts: { '2024': 2_000_00, '2025': 1_000_00 } }),
  delegation('del-2', { amounts: { '2024': 1_000_00 }, reference: '2e délégation' }),
];
const input = (o: object = {}) => ({
  envelopeId: 'env-a',
  region: '84',
  amounts: { '2024': 1_000_00 },
  reference: '1re délégation, circulaire du 8 sept. 2025',
  notifiedOn: '2025-09-08',
  ...o,
});
const draft = (o: object = {}) => ({ envelopeId: 'env-a', finess: F1, actionId: 'act-ad', amounts: {}, ...o });

test('Given 3 000,00 € delegated on 2024 of a 6 000,00 € year, a delegation of 3 000,01 € is refused: what remains to delegate', async () => {
  const plan = await planOf({ envelopes: [env], delegations: idf });
  const err = refuses(
    () => createDelegation(plan, 'del-n', input({ amounts: { '2024': 3_000_01 } }), PLANNER),
    422,
    'reste 3 000,00 € à déléguer sur 2024',
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['amounts.2024'],
  );
  const d = createDelegation(plan, 'del-n', input({ amounts: { '2024': 3_000_00 } }), PLANNER);
  assert.equal(d.amounts, { '2024': 3_000_00 });
});

test('Delegations never exceed the envelope total where the envelope has no split', async () => {
  const plan = await planOf({ envelopes: [envelope({ totalCents: 1_400_00 })], delegations: idf.slice(1) });
  refuses(
    () => createDelegation(plan, 'del-n', input({ amounts: { '2026': 400_01 } }), PLANNER),
    422,
    'reste 400,00 € à déléguer au total',
  );
});

test('A year outside the envelope split, an unknown region, amounts all zero: 422 on the field', async () => {
  const plan = await planOf({ envelopes: [env] });
  const paths = (o: object) =>
    refuses(() => createDelegation(plan, 'del-n', input(o), PLANNER), 422).errors.map((e) => e.path);
  assert.equal(paths({ amounts: { '2026': 1 } }), ['amounts.2026']);
  assert.equal(paths({ region: '99' }), ['region']);
  assert.equal(paths({ amounts: {} }), ['amounts']);
  assert.equal(paths({ envelopeId: 'env-x' }), ['envelopeId']);
});

test('Given Île-de-France credits of 3 000,00 € on 2024, an allocation there beyond them says what remains on its delegation', async () => {
  const plan = await planOf({
    envelopes: [env],
    delegations: idf,
    allocations: [allocation('al-1', { amounts: { '2024': 1_800_00 } })],
  });
  const err = refuses(
    () => createAllocation(plan, 'al-n', draft({ amounts: { '2024': 1_200_01 } }), PLANNER),
    422,
    'reste 1 200,00 € sur la délégation Île-de-France 2024',
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['amounts.2024'],
  );
  createAllocation(plan, 'al-n', draft({ amounts: { '2024': 1_200_00 } }), PLANNER);
  // a year the region holds no credit for: nothing remains there, though the envelope has room
  refuses(
    () => createAllocation(plan, 'al-n', draft({ amounts: { '2025': 1_000_01 } }), PLANNER),
    422,
    'reste 1 000,00 € sur la délégation Île-de-France 2025',
  );
});

test('An avenant counts what the allocation already holds: « en plus des … que porte déjà cette allocation »', async () => {
  const plan = await planOf({
    envelopes: [env],
    delegations: idf,
    allocations: [allocation('al-1', { amounts: { '2024': 2_000_00 }, status: 'approved' })],
  });
  refuses(
    () => updateAllocation(plan, plan.allocations.get('al-1')!, { amounts: { '2024': 3_000_01 } }, PLANNER),
    422,
    'reste 1 000,00 € sur la délégation Île-de-France 2024, en plus des 2 000,00 € que porte déjà cette allocation',
  );
  const a = updateAllocation(plan, plan.allocations.get('al-1')!, { amounts: { '2024': 3_000_00 } }, PLANNER);
  assert.equal(a.revision?.amounts, { '2024': 3_000_00 });
});

test('In a region without a delegation, allocations draw on the national reserve (envelope − everything delegated)', async () => {
  // reserve on 2024: 6 000,00 − 3 000,00 = 3 000,00 €; F2 (Auvergne-Rhône-Alpes) already holds 2 500,00 €
  const plan = await planOf({
    envelopes: [env],
    delegations: idf,
    allocations: [allocation('al-2', { finess: F2, amounts: { '2024': 2_500_00 } })],
  });
  refuses(
    () => createAllocation(plan, 'al-n', draft({ finess: F3, amounts: { '2024': 500_01 } }), PLANNER),
    422,
    'reste 500,00 € sur la réserve nationale 2024',
  );
  // on 2025: 4 000,00 − 1 000,00 € delegated leave 3 000,00 € of reserve, and the total (6 000,00 €) has room
  refuses(
    () => createAllocation(plan, 'al-n', draft({ finess: F3, amounts: { '2024': 500_00, '2025': 3_000_01 } }), PLANNER),
    422,
    'reste 3 000,00 € sur la réserve nationale 2025',
  );
  const a = createAllocation(
    plan,
    'al-n',
    draft({ finess: F3, amounts: { '2024': 500_00, '2025': 3_000_00 } }),
    PLANNER,
  );
  assert.is(a.status, 'proposed');
});

test('The reserve total holds where the envelope has no split', async () => {
  const plan = await planOf({
    envelopes: [envelope({ totalCents: 1_000_00 })],
    delegations: [delegation('del-1', { amounts: { '2024': 700_00 } })],
    allocations: [allocation('al-2', { finess: F2, amounts: { '2026': 200_00 } })],
  });
  refuses(
    () => createAllocation(plan, 'al-n', draft({ finess: F3, amounts: { '2027': 100_01 } }), PLANNER),
    422,
    'reste 100,00 € sur la réserve nationale au total',
  );
});

test('Lowering or removing a delegation below what its region has allocated is refused, naming what is allocated', async () => {
  const plan = await planOf({
    envelopes: [env],
    delegations: idf,
    allocations: [allocation('al-1', { amounts: { '2024': 2_500_00 } })],
  });
  refuses(
    () => updateDelegation(plan, plan.delegations.get('del-2')!, { amounts: { '2024': 499_99 } }, PLANNER),
    422,
    'Déjà alloué en Île-de-France sur 2024 : 2 500,00 €',
  );
  updateDelegation(plan, plan.delegations.get('del-2')!, { amounts: { '2024': 500_00 } }, PLANNER);
  refuses(() => assertDelegationDeletable(plan, plan.delegations.get('del-2')!), 422, '2 500,00 €');
  // del-1 alone covers 2 000,00 €: removing del-2 is refused; with 2 000,00 € allocated it goes
  const lower = await planOf({
    envelopes: [env],
    delegations: idf,
    allocations: [allocation('al-1', { amounts: { '2024': 2_000_00 } })],
  });
  assertDelegationDeletable(lower, lower.delegations.get('del-2')!);
  // the region's last delegation: what it allocated would be left without credits
  refuses(() => assertDelegationDeletable(lower, lower.delegations.get('del-1')!), 422, 'Déjà alloué en Île-de-France');
});

test('A first delegation to a region that already allocated from the reserve must cover it, and the reserve what is left', async () => {
  const plan = await planOf({
    envelopes: [env],
    allocations: [
      allocation('al-1', { amounts: { '2024': 1_000_00 } }),
      allocation('al-2', { finess: F2, amounts: { '2024': 4_000_00 } }),
    ],
  });
  refuses(
    () => createDelegation(plan, 'del-n', input({ region: '11', amounts: { '2024': 999_99 } }), PLANNER),
    422,
    'Déjà alloué en Île-de-France sur 2024 : 1 000,00 €',
  );
  // 6 000,00 − 2 000,01 leaves 3 999,99 € of reserve for the 4 000,00 € of F2
  refuses(
    () => createDelegation(plan, 'del-n', input({ region: '11', amounts: { '2024': 2_000_01 } }), PLANNER),
    422,
    '4 000,00 € alloués, 3 999,99 € de réserve',
  );
  createDelegation(plan, 'del-n', input({ region: '11', amounts: { '2024': 2_000_00 } }), PLANNER);
});

test('An envelope is not lowered below what is delegated, nor below what its reserve covers; a delegated one is not deleted', async () => {
  const plan = await planOf({
    envelopes: [env],
    delegations: idf,
    allocations: [allocation('al-2', { finess: F2, amounts: { '2025': 2_000_00 } })],
  });
  const cur = plan.envelopes.get('env-a')!;
  const err = refuses(
    () => updateEnvelope(plan, cur, { yearlyCents: { '2024': 2_999_99, '2025': 4_000_00 } }, PLANNER),
    422,
    'Déjà délégué aux ARS sur 2024 : 3 000,00 €',
  );
  assert.ok(err.errors.some((e) => e.path === 'yearlyCents.2024'));
  refuses(
    () => updateEnvelope(plan, cur, { yearlyCents: { '2024': 6_000_00, '2025': 2_999_99 } }, PLANNER),
    422,
    'Déjà alloué hors des régions délégataires sur 2025 : 2 000,00 €',
  );
  refuses(() => updateEnvelope(plan, cur, { totalCents: 3_999_99 }, PLANNER), 422, 'Déjà délégué');
  updateEnvelope(plan, cur, { totalCents: 6_000_00, yearlyCents: { '2024': 3_000_00, '2025': 3_000_00 } }, PLANNER);
});

test('An earmark on regions keeps the delegations within them: a delegation elsewhere, or an earmark that would leave one out, is refused', async () => {
  const plan = await planOf({ envelopes: [{ ...env, earmark: { regions: ['11', '84'] } }], delegations: idf });
  refuses(() => createDelegation(plan, 'del-n', input({ region: '94' }), PLANNER), 422, 'réservée aux régions 11, 84');
  const err = refuses(
    () => updateEnvelope(plan, plan.envelopes.get('env-a')!, { earmark: { regions: ['84'] } }, PLANNER),
    422,
    'La délégation del-1 (région 11) sortirait du fléchage',
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['earmark.regions'],
  );
});

test('An establishment does not move to a region where its allocations would not fit', async () => {
  const plan = await planOf({
    envelopes: [env],
    delegations: [delegation('del-1', { region: '84', amounts: { '2024': 1_000_00 } })],
    allocations: [allocation('al-1', { amounts: { '2024': 1_000_01 } })],
  });
  const f1 = plan.establishments.get(F1)!;
  const err = refuses(
    () => updateEstablishment(plan, f1, { region: '84' }, PLANNER),
    422,
    'la délégation Auvergne-Rhône-Alpes',
  );
  assert.equal(
    err.errors.map((e) => e.path),
    ['region'],
  );
  updateEstablishment(plan, f1, { region: '94' }, PLANNER);
});

test('The budget gives per region and year delegated, allocated, approved, paid, remaining, and the national reserve', async () => {
  const plan = await planOf({
    envelopes: [env],
    delegations: idf,
    allocations: [
      allocation('al-1', { amounts: { '2024': 1_000_00, '2025': 500_00 }, status: 'approved' }),
      allocation('al-2', { finess: F2, amounts: { '2024': 700_00 } }),
    ],
    payments: [payment('pay-1', 'al-1', 300_00, '2024-06-01')],
  });
  const b = delegatedBudget(plan, plan.envelopes.get('env-a')!);
  assert.is(b.delegatedCents, 4_000_00);
  assert.is(b.regions.length, 18);
  const idfRow = b.regions.find((r) => r.region === '11')!;
  assert.equal(
    [
      idfRow.hasDelegation,
      idfRow.delegatedCents,
      idfRow.allocatedCents,
      idfRow.approvedCents,
      idfRow.paidCents,
      idfRow.remainingCents,
    ],
    [true, 4_000_00, 1_500_00, 1_500_00, 300_00, 2_500_00],
  );
  assert.equal(idfRow.years['2024'], {
    delegatedCents: 3_000_00,
    allocatedCents: 1_000_00,
    approvedCents: 1_000_00,
    paidCents: 300_00,
    remainingCents: 2_000_00,
  });
  const ara = b.regions.find((r) => r.region === '84')!;
  assert.equal([ara.hasDelegation, ara.allocatedCents, ara.remainingCents], [false, 700_00, null]);
  assert.equal(
    [b.reserve.totalCents, b.reserve.allocatedCents, b.reserve.remainingCents],
    [6_000_00, 700_00, 5_300_00],
  );
  assert.equal(b.reserve.years['2024'], {
    budgetCents: 3_000_00,
    allocatedCents: 700_00,
    approvedCents: 0,
    paidCents: 0,
    remainingCents: 2_300_00,
  });
  assert.is(b.reserve.years['2026'].budgetCents, 0);
  // the national position is unchanged
  assert.equal([b.totalCents, b.allocatedCents, b.remainingCents], [10_000_00, 2_200_00, 7_800_00]);
});

test.run();
