// Amounts an allocation holds: never all zero, wherever they are set; never so large that a sum
// the dashboard makes could lose a cent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatEuros, MAX_AMOUNT_CENTS, MAX_PLAN_CENTS } from '../../server/domain/money.js';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, envelope, F1, F2 } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const draft = { envelopeId: 'env-a', finess: F1, actionId: 'act-exe', amounts: { '2024': 100_00 } };

const ctx = async () => {
  const s = await smallSetup({
    envelopes: [envelope({ totalCents: 1_000_00 })],
    allocations: [
      allocation('al-prop', { finess: F2, amounts: { '2024': 100_00 } }),
      allocation('al-app', { finess: F2, actionId: 'act-exe', amounts: { '2024': 100_00 }, status: 'approved' }),
      // written before the rule, straight into the store
      allocation('al-zero', { amounts: {} }),
    ],
  });
  const planner = s.as(USERS.planner),
    reviewer = s.as(USERS.reviewer);
  await planner.get('/api/me');
  await reviewer.get('/api/me');
  const etag = async (id: string) => (await planner.get(`/api/allocations/${id}`)).headers.get('etag')!;
  return { ...s, planner, reviewer, etag };
};

const refusedForZero = (r: Parameters<typeof isProblem>[0]) => {
  isProblem(r, 422, 'amounts');
  assert.match(r.json.detail, /porte un montant sur au moins une année de 2023 à 2027/);
};

test('Amounts that sum to zero are refused (422 on amounts, nothing changes): a proposal, an edit, a grid cell, an avenant, a bulk allocation', async () => {
  const { planner, store, etag } = await ctx();
  // a proposal: no year, or only zeros
  for (const amounts of [{}, { '2023': 0, '2024': 0 }])
    refusedForZero(await unchanged(store, () => planner.post('/api/allocations', { ...draft, amounts })));
  // an edit of a proposed allocation, as the grid sends it when its last cell is set to 0
  refusedForZero(
    await unchanged(store, async () =>
      planner.patch('/api/allocations/al-prop', { amounts: { '2024': 0 } }, { 'if-match': await etag('al-prop') }),
    ),
  );
  // an avenant on an approved allocation
  const avenant = await unchanged(store, async () =>
    planner.patch('/api/allocations/al-app', { amounts: {} }, { 'if-match': await etag('al-app') }),
  );
  refusedForZero(avenant);
  assert.match(avenant.json.detail, /^Un avenant/);
  // a bulk allocation, and its dry run
  for (const dryRun of [true, false])
    refusedForZero(
      await unchanged(store, () =>
        planner.post('/api/allocations/bulk', {
          envelopeId: 'env-a',
          actionId: 'act-exe',
          amounts: { '2024': 0 },
          filter: {},
          dryRun,
        }),
      ),
    );
  // any amount on one year is enough
  assert.is((await planner.post('/api/allocations', { ...draft, amounts: { '2023': 0, '2024': 1 } })).status, 201);
});

test('An allocation that holds nothing cannot be approved', async () => {
  const { reviewer, store } = await ctx();
  refusedForZero(await unchanged(store, () => reviewer.post('/api/allocations/al-zero/approve')));
});

test(`One amount is at most ${MAX_AMOUNT_CENTS} cents (10 Md€): above it, allocations, envelopes and payments are 400 on their path`, async () => {
  const { planner, reviewer, store } = await ctx();
  const over = MAX_AMOUNT_CENTS + 1;
  const big = await unchanged(store, () => planner.post('/api/allocations', { ...draft, amounts: { '2024': over } }));
  isProblem(big, 400, 'amounts.2024');
  assert.is(big.json.detail, `Montant 2024 : Montant trop grand : ${formatEuros(10_000_000_000_00)} au plus.`);
  const env = { code: 'BIG', name: 'Grande', source: 'test', status: 'committed' };
  isProblem(
    await unchanged(store, () => planner.post('/api/envelopes', { ...env, totalCents: over })),
    400,
    'totalCents',
  );
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/envelopes', { ...env, totalCents: 1, yearlyCents: { '2025': over } }),
    ),
    400,
    'yearlyCents.2025',
  );
  isProblem(
    await unchanged(store, () =>
      reviewer.post('/api/payments', { allocationId: 'al-app', amountCents: over, paidOn: '2024-06-01' }),
    ),
    400,
    'amountCents',
  );
  assert.is((await planner.post('/api/envelopes', { ...env, totalCents: MAX_AMOUNT_CENTS })).status, 201);
});

test(`All envelopes together hold at most ${MAX_PLAN_CENTS} cents, and at that bound the dashboard's totals are exact`, async () => {
  // Given 999 envelopes at the largest amount, plus env-a at 1 000,00 €
  const envelopes = [
    envelope({ totalCents: 1_000_00 }),
    ...Array.from({ length: 999 }, (_, i) => envelope({ id: `env-${i}`, code: `E${i}`, totalCents: MAX_AMOUNT_CENTS })),
  ];
  const { as, store } = await smallSetup({ envelopes });
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  const env = { code: 'LAST', name: 'Dernière', source: 'test', status: 'committed' };
  // When one more would take the plan over: Then 422 saying what the others hold, and nothing changes
  const over = await unchanged(store, () => planner.post('/api/envelopes', { ...env, totalCents: MAX_AMOUNT_CENTS }));
  isProblem(over, 422, 'totalCents');
  assert.ok(
    over.json.detail.includes(
      `ne peuvent dépasser ${formatEuros(10_000_000_000_000_00)} au total (les autres en portent ${formatEuros(9_990_000_001_000_00)})`,
    ),
    over.json.detail,
  );
  // When it takes the plan exactly to the bound: Then 201, and the dashboard adds every cent
  const last = MAX_PLAN_CENTS - 999 * MAX_AMOUNT_CENTS - 1_000_00;
  assert.is((await planner.post('/api/envelopes', { ...env, totalCents: last })).status, 201);
  const d = (await planner.get('/api/dashboard')).json;
  assert.is(d.totals.envelopeCents, MAX_PLAN_CENTS);
  assert.is(d.totals.remainingCents, MAX_PLAN_CENTS);
  assert.ok(Number.isSafeInteger(d.totals.envelopeCents));
  // and raising any envelope is refused too
  const etag = (await planner.get('/api/envelopes/env-a')).headers.get('etag')!;
  isProblem(
    await unchanged(store, () => planner.patch('/api/envelopes/env-a', { totalCents: 1_000_01 }, { 'if-match': etag })),
    422,
    'totalCents',
  );
});

test.run();
