import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { decide } from '../helpers/decide.js';
import { allocation, F1, F2, payment } from '../helpers/plan.js';
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

test('A recorded payment is never edited nor deleted: PATCH and DELETE are 422 naming the cancellation; nothing changes', async () => {
  const { reviewer, store } = await ctx();
  const etag = (await reviewer.get('/api/payments/pay-1')).headers.get('etag')!;
  const patched = await unchanged(store, () =>
    reviewer.patch('/api/payments/pay-1', { amountCents: 300_00 }, { 'if-match': etag }),
  );
  isProblem(patched, 422, 'id');
  assert.match(
    patched.json.detail,
    /ne se modifie pas : annulez-le par une contre-passation \(POST \/api\/payments\/pay-1\/cancel/,
  );
  const deleted = await unchanged(store, () => reviewer.del('/api/payments/pay-1', { 'if-match': etag }));
  isProblem(deleted, 422, 'id');
  assert.match(deleted.json.detail, /ne se supprime pas/);
  // without If-Match too (the refusal is the rule's, not a missing version); unknown: 404
  isProblem(await unchanged(store, () => reviewer.del('/api/payments/pay-1')), 422, 'id');
  isProblem(await unchanged(store, () => reviewer.del('/api/payments/pay-nope')), 404);
});

const sums = async (reviewer: Awaited<ReturnType<typeof ctx>>['reviewer']) => {
  const dash = (await reviewer.get('/api/dashboard')).json;
  const budget = (await reviewer.get('/api/envelopes/env-a/budget')).json;
  const awards = (await reviewer.get(`/api/establishments/${F1}/awards`)).json;
  const line = awards.awards.find((l: { allocation: { id: string } }) => l.allocation.id === 'al-app');
  const series = dash.series.paidCents as number[];
  return {
    dashboard: dash.totals.paidCents,
    budget: budget.paidCents,
    budget2024: budget.years['2024'].paidCents,
    awards: awards.totals.paidCents,
    remaining: line.remainingCents,
    seriesEnd: series[series.length - 1],
  };
};

test('Cancel: a counter-entry of minus the amount, same allocation and date, with its reason; every sum nets it to the cent', async () => {
  const { reviewer, store } = await ctx();
  const paid = await reviewer.post('/api/payments', { ...valid, amountCents: 12_34 });
  assert.is(paid.status, 201);
  const before = await sums(reviewer);
  assert.equal(before, {
    dashboard: 412_34,
    budget: 412_34,
    budget2024: 400_00,
    awards: 412_34,
    remaining: 87_66,
    seriesEnd: 412_34,
  });
  const r = await decide(reviewer, '/api/payments/pay-1/cancel', { reason: 'Saisi sur la mauvaise allocation' });
  assert.is(r.status, 201, JSON.stringify(r.json));
  assert.match(r.json.id, /^pay-/);
  assert.equal(
    [r.json.allocationId, r.json.amountCents, r.json.paidOn, r.json.cancelsId, r.json.reason, r.json.createdBy],
    ['al-app', -400_00, '2024-05-01', 'pay-1', 'Saisi sur la mauvaise allocation', USERS.reviewer],
  );
  assert.is(r.headers.get('etag'), `"${r.json.rev}"`);
  const original = (await reviewer.get('/api/payments/pay-1')).json;
  assert.equal([original.amountCents, original.cancelledBy], [400_00, r.json.id]);
  assert.equal(await sums(reviewer), {
    dashboard: 12_34,
    budget: 12_34,
    budget2024: 0,
    awards: 12_34,
    remaining: 487_66,
    seriesEnd: 12_34,
  });
  // the freed amount can be paid again, and no more
  isProblem(
    await unchanged(store, () => reviewer.post('/api/payments', { ...valid, amountCents: 487_67 })),
    422,
    'amountCents',
  );
  assert.is((await reviewer.post('/api/payments', { ...valid, amountCents: 487_66 })).status, 201);
  // the audit trail records both records of the cancellation as one 'cancel'
  const events = (await store.auditEvents()).filter((e) => e.action === 'cancel');
  assert.equal(
    events.map((e) => [e.entity, e.id, e.actor]),
    [
      ['payments', 'pay-1', USERS.reviewer],
      ['payments', r.json.id, USERS.reviewer],
    ],
  );
});

test('A payment dated before the approval is 422 on paidOn naming the approval date; the day of the approval is accepted; its cancellation passes', async () => {
  const s = await smallSetup({
    allocations: [
      allocation('al-app', {
        amounts: { '2024': 300_00 },
        status: 'approved',
        approvedAt: '2024-03-11T23:30:00.000Z',
        engagements: [{ at: '2024-03-11T23:30:00.000Z', amounts: { '2024': 300_00 } }],
      }),
    ],
  });
  const reviewer = s.as(USERS.reviewer);
  await reviewer.get('/api/me');
  const early = await unchanged(s.store, () =>
    reviewer.post('/api/payments', { ...valid, amountCents: 10_00, paidOn: '2024-03-11' }),
  );
  isProblem(early, 422, 'paidOn');
  assert.match(early.json.detail, /ne peut pas précéder l’approbation de l’allocation \(le 12\/03\/2024\)/);
  const ok = await reviewer.post('/api/payments', { ...valid, amountCents: 10_00, paidOn: '2024-03-12' });
  assert.is(ok.status, 201, JSON.stringify(ok.json));
  const cancel = await decide(reviewer, `/api/payments/${ok.json.id}/cancel`, { reason: 'Doublon' });
  assert.is(cancel.status, 201, JSON.stringify(cancel.json));
  assert.equal([cancel.json.paidOn, cancel.json.amountCents], ['2024-03-12', -10_00]);
});

test("Totals for the list's filters: count, paid, cancelled and net, counter-entries in the same filters as their payment", async () => {
  const { reviewer } = await ctx();
  await reviewer.post('/api/payments', { ...valid, amountCents: 50_01 });
  const t0 = (await reviewer.get('/api/payments/totals')).json;
  assert.equal(t0, { count: 2, paidCents: 450_01, cancelledCount: 0, cancelledCents: 0, netCents: 450_01 });
  await decide(reviewer, '/api/payments/pay-1/cancel', { reason: 'doublon' });
  const totals = async (q = '') => (await reviewer.get(`/api/payments/totals${q}`)).json;
  assert.equal(await totals(), {
    count: 2,
    paidCents: 450_01,
    cancelledCount: 1,
    cancelledCents: 400_00,
    netCents: 50_01,
  });
  // a period, an envelope, an establishment (name or FINESS): the pair is in or out together
  assert.equal((await totals('?to=2024-12-31')).netCents, 0);
  assert.equal((await totals('?from=2025-01-01')).netCents, 50_01);
  assert.equal((await totals(`?q=${F1.slice(0, 5)}`)).cancelledCount, 1);
  assert.equal((await totals(`?q=${F2}`)).count, 0);
  const list = (await reviewer.get('/api/payments?to=2024-12-31')).json;
  assert.equal(
    list.items.map((p: { id: string; cancelsId?: string }) => p.cancelsId ?? p.id),
    ['pay-1', 'pay-1'],
    'the counter-entry right after its payment',
  );
  const desc = (await reviewer.get('/api/payments?order=desc&limit=2')).json;
  assert.equal([desc.total, desc.items[0].amountCents], [3, 50_01]);
  isProblem(await reviewer.get('/api/payments?order=up'), 400, 'order');
  // an establishment's totals are its own
  const etab = (await ctx()).as(USERS.etab2);
  assert.equal((await etab.get('/api/payments/totals')).json.count, 0);
});

test('Refused cancellations change nothing: no reason, twice, a counter-entry, no If-Match (428), a stale one, planner, unknown', async () => {
  const { reviewer, store, as } = await ctx();
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  isProblem(await unchanged(store, () => decide(reviewer, '/api/payments/pay-1/cancel', {})), 400, 'reason');
  isProblem(
    await unchanged(store, () => decide(reviewer, '/api/payments/pay-1/cancel', { reason: '   ' })),
    400,
    'reason',
  );
  isProblem(await unchanged(store, () => reviewer.post('/api/payments/pay-1/cancel', { reason: 'x' })), 428);
  isProblem(
    await unchanged(store, () =>
      reviewer.post('/api/payments/pay-1/cancel', { reason: 'x' }, { 'if-match': '"stale"' }),
    ),
    412,
  );
  isProblem(await unchanged(store, () => decide(planner, '/api/payments/pay-1/cancel', { reason: 'x' })), 403);
  isProblem(await unchanged(store, () => decide(reviewer, '/api/payments/pay-no/cancel', { reason: 'x' })), 404);
  const etag = (await reviewer.get('/api/payments/pay-1')).headers.get('etag')!;
  const counter = await reviewer.post('/api/payments/pay-1/cancel', { reason: 'erreur' }, { 'if-match': etag });
  assert.is(counter.status, 201);
  const twice = await unchanged(store, () => decide(reviewer, '/api/payments/pay-1/cancel', { reason: 'encore' }));
  isProblem(twice, 422, 'id');
  assert.match(twice.json.detail, /déjà annulé/);
  const back = await unchanged(store, () =>
    decide(reviewer, `/api/payments/${counter.json.id}/cancel`, { reason: 'annuler l’annulation' }),
  );
  isProblem(back, 422, 'id');
  assert.match(back.json.detail, /ne s’annule pas/);
});

test('A payment on an allocation that is not approved is refused with its status; one beyond what remains names it', async () => {
  const { reviewer, store } = await ctx();
  const r = await unchanged(store, () =>
    reviewer.post('/api/payments', { ...valid, allocationId: 'al-prop', amountCents: 1_00 }),
  );
  isProblem(r, 422, 'allocationId');
  assert.match(r.json.detail, /Allocation proposée, non approuvée/);
  const over = await unchanged(store, () => reviewer.post('/api/payments', { ...valid, amountCents: 100_01 }));
  assert.match(over.json.detail, /400,00 € déjà versés/);
  assert.equal(over.json.errors, [{ path: 'amountCents', message: 'Reste à payer : 100,00 €.' }]);
});

test('An allocation whose payments were cancelled back to zero cannot be deleted once withdrawn: the ledger keeps it', async () => {
  const s = await smallSetup({
    allocations: [allocation('al-z', { amounts: { '2024': 100_00 }, status: 'proposed' })],
    payments: [
      { ...payment('pay-a', 'al-z', 10_00), cancelledBy: 'pay-b' },
      { ...payment('pay-b', 'al-z', -10_00), cancelsId: 'pay-a', reason: 'erreur' },
    ],
  });
  const planner = s.as(USERS.planner);
  const cur = await planner.get('/api/allocations/al-z');
  const r = await unchanged(s.store, () =>
    planner.del('/api/allocations/al-z', { 'if-match': cur.headers.get('etag')! }),
  );
  isProblem(r, 422);
  assert.match(r.json.detail, /versements annulés/);
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
