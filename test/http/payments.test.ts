import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, F2, payment } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const ctx = async () => {
  const s = await smallSetup({
    allocations: [
      allocation('al-app', { amounts: { '2024': 300_00, '2025': 200_00 }, status: 'approved' }),
      allocation('al-prop', { finess: F2, amounts: { '2024': 100_00 } }),
    ],
    payments: [payment('pay-1', 'al-app', 400_00, '2024-05-01')],
  });
  const reviewer = s.as(USERS.reviewer);
  await reviewer.get('/api/me');
  return { ...s, reviewer };
};
const valid = { allocationId: 'al-app', amountCents: 100_00, paidOn: '2026-11-29', tranche: 'solde' };

test('POST a payment of exactly what remains today: 201 with id, rev, ETag', async () => {
  const { reviewer } = await ctx();
  const r = await reviewer.post('/api/payments', valid);
  assert.is(r.status, 201, JSON.stringify(r.json));
  assert.match(r.json.id, /^pay-/);
  assert.equal(
    [r.json.amountCents, r.json.paidOn, r.json.tranche, r.json.createdBy],
    [100_00, '2026-11-29', 'solde', USERS.reviewer],
  );
  assert.is(r.headers.get('etag'), `"${r.json.rev}"`);
});

test('Bad inputs are 400 on their path; nothing changes', async () => {
  const { reviewer, store } = await ctx();
  const cases: Array<[object, string]> = [
    [{ ...valid, amountCents: 1.5 }, 'amountCents'],
    [{ ...valid, amountCents: -100 }, 'amountCents'],
    [{ ...valid, paidOn: '2024-02-30' }, 'paidOn'],
    [{ ...valid, paidOn: '29/11/2026' }, 'paidOn'],
    [{ ...valid, paidOn: '2022-12-31' }, 'paidOn'],
    [{ ...valid, allocationId: undefined }, 'allocationId'],
  ];
  for (const [body, path] of cases)
    isProblem(await unchanged(store, () => reviewer.post('/api/payments', body)), 400, path);
});

test('Rules: beyond approved, on a proposed allocation, in the future, zero: 422; nothing changes', async () => {
  const { reviewer, store } = await ctx();
  const over = await unchanged(store, () => reviewer.post('/api/payments', { ...valid, amountCents: 100_01 }));
  isProblem(over, 422, 'amountCents');
  assert.match(over.json.detail, /reste 100,00 € sur 500,00 € approuvés/);
  isProblem(
    await unchanged(store, () => reviewer.post('/api/payments', { ...valid, allocationId: 'al-prop', amountCents: 1 })),
    422,
    'allocationId',
  );
  isProblem(
    await unchanged(store, () => reviewer.post('/api/payments', { ...valid, allocationId: 'al-none' })),
    422,
    'allocationId',
  );
  isProblem(
    await unchanged(store, () => reviewer.post('/api/payments', { ...valid, paidOn: '2026-11-30' })),
    422,
    'paidOn',
  );
  isProblem(
    await unchanged(store, () => reviewer.post('/api/payments', { ...valid, amountCents: 0 })),
    422,
    'amountCents',
  );
});

test('PATCH a payment within what is approved; beyond is 422; allocationId cannot change (400); DELETE 204', async () => {
  const { reviewer, store } = await ctx();
  const etag = (await reviewer.get('/api/payments/pay-1')).headers.get('etag')!;
  isProblem(
    await unchanged(store, () => reviewer.patch('/api/payments/pay-1', { amountCents: 500_01 }, { 'if-match': etag })),
    422,
    'amountCents',
  );
  isProblem(
    await unchanged(store, () =>
      reviewer.patch('/api/payments/pay-1', { allocationId: 'al-prop' }, { 'if-match': etag }),
    ),
    400,
  );
  const ok = await reviewer.patch('/api/payments/pay-1', { amountCents: 500_00 }, { 'if-match': etag });
  assert.equal([ok.status, ok.json.amountCents], [200, 500_00]);
  assert.is((await reviewer.del('/api/payments/pay-1', { 'if-match': ok.headers.get('etag')! })).status, 204);
});

test('List filters: allocationId, finess, envelopeId, from, to', async () => {
  const { reviewer } = await ctx();
  await reviewer.post('/api/payments', { ...valid, amountCents: 1_00 });
  const n = async (q: string) => (await reviewer.get(`/api/payments?${q}`)).json.total;
  assert.is(await n('allocationId=al-app'), 2);
  assert.is(await n(`finess=${F2}`), 0);
  assert.is(await n('envelopeId=env-a'), 2);
  assert.is(await n('from=2025-01-01'), 1);
  assert.is(await n('to=2024-12-31'), 1);
});

test('List filters through the allocation: region, category, axis, actionId', async () => {
  const { reviewer } = await ctx();
  const n = async (q: string) => (await reviewer.get(`/api/payments?${q}`)).json.total;
  // al-app is for F1: Île-de-France, public, action act-ad (axis 4)
  assert.is(await n('region=11'), 1);
  assert.is(await n('region=84'), 0);
  assert.is(await n('category=public'), 1);
  assert.is(await n('category=private_forprofit'), 0);
  assert.is(await n('axis=4'), 1);
  assert.is(await n('axis=1'), 0);
  assert.is(await n('actionId=act-ad'), 1);
});

test.run();
