import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, payment } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const valid = {
  code: 'CARE-D2',
  name: 'CaRE D2',
  source: 'Arrêté du 10/01/2025',
  status: 'committed',
  totalCents: 1_000_00,
  yearlyCents: { '2025': 400_00, '2026': 600_00 },
};
const ctx = async () => {
  const s = await smallSetup({
    allocations: [
      allocation('al-1', { amounts: { '2024': 300_00 }, status: 'approved' }),
      allocation('al-2', { amounts: { '2025': 200_00 } }),
    ],
  });
  const planner = s.as(USERS.planner);
  await planner.get('/api/me');
  return { ...s, planner };
};

test('POST /api/envelopes answers 201 with id, rev, ETag and Location; GET reads it back', async () => {
  const { planner } = await ctx();
  const r = await planner.post('/api/envelopes', valid);
  assert.is(r.status, 201);
  assert.match(r.json.id, /^env-/);
  assert.type(r.json.rev, 'string');
  assert.is(r.headers.get('etag'), `"${r.json.rev}"`);
  assert.is(r.headers.get('location'), `/api/envelopes/${r.json.id}`);
  assert.is(r.json.createdBy, USERS.planner);
  const got = await planner.get(`/api/envelopes/${r.json.id}`);
  assert.equal(got.json, r.json);
});

test('Each bad input is a 400 naming its path, and nothing changes', async () => {
  const { planner, store } = await ctx();
  const cases: Array<[object, string]> = [
    [{ ...valid, code: undefined }, 'code'],
    [{ ...valid, code: 'bad code!' }, 'code'],
    [{ ...valid, name: '' }, 'name'],
    [{ ...valid, status: 'maybe' }, 'status'],
    [{ ...valid, totalCents: 10.5 }, 'totalCents'],
    [{ ...valid, totalCents: -1 }, 'totalCents'],
    [{ ...valid, totalCents: '100' }, 'totalCents'],
    [{ ...valid, totalCents: 2 ** 53 }, 'totalCents'],
    [{ ...valid, yearlyCents: { '2028': 1 } }, 'yearlyCents'],
    [{ ...valid, yearlyCents: { '2024': 0.01 } }, 'yearlyCents.2024'],
    [{ ...valid, earmark: { categories: ['hospital'] } }, 'earmark.categories.0'],
    [{ ...valid, earmark: { priorityOnly: 'yes' } }, 'earmark.priorityOnly'],
    [{ ...valid, extra: 1 }, '(corps)'],
  ];
  for (const [body, path] of cases)
    isProblem(await unchanged(store, () => planner.post('/api/envelopes', body)), 400, path);
});

test('A duplicate code is 409; a split over the total and an unknown earmark action are 422', async () => {
  const { planner, store } = await ctx();
  isProblem(await unchanged(store, () => planner.post('/api/envelopes', { ...valid, code: 'ENV-A' })), 409, 'code');
  const over = await unchanged(store, () =>
    planner.post('/api/envelopes', { ...valid, yearlyCents: { '2025': 1_000_01 } }),
  );
  isProblem(over, 422, 'yearlyCents');
  assert.match(over.json.detail, /1\u202f000,01 €/);
  isProblem(
    await unchanged(store, () => planner.post('/api/envelopes', { ...valid, earmark: { actionIds: ['act-none'] } })),
    422,
    'earmark.actionIds',
  );
});

test('PATCH below what is allocated (500,00 €) is 422; exactly 500,00 € is accepted', async () => {
  const { planner, store } = await ctx();
  const etag = (await planner.get('/api/envelopes/env-a')).headers.get('etag')!;
  const r = await unchanged(store, () =>
    planner.patch('/api/envelopes/env-a', { totalCents: 499_99 }, { 'if-match': etag }),
  );
  isProblem(r, 422, 'totalCents');
  assert.match(r.json.detail, /500,00 €/);
  isProblem(
    await unchanged(store, () =>
      planner.patch('/api/envelopes/env-a', { yearlyCents: { '2024': 299_99, '2025': 500_00 } }, { 'if-match': etag }),
    ),
    422,
    'yearlyCents.2024',
  );
  isProblem(
    await unchanged(store, () =>
      planner.patch('/api/envelopes/env-a', { earmark: { regions: ['84'] } }, { 'if-match': etag }),
    ),
    422,
    'earmark',
  );
  const ok = await planner.patch(
    '/api/envelopes/env-a',
    { totalCents: 500_00, yearlyCents: { '2024': 300_00, '2025': 200_00 } },
    { 'if-match': etag },
  );
  assert.is(ok.status, 200);
  assert.equal([ok.json.totalCents, ok.json.yearlyCents], [500_00, { '2024': 300_00, '2025': 200_00 }]);
  const cleared = await planner.patch(
    '/api/envelopes/env-a',
    { yearlyCents: null },
    { 'if-match': ok.headers.get('etag')! },
  );
  assert.is(cleared.json.yearlyCents, undefined);
});

test('Committed → announced is refused (422 status) once money is approved or paid on the envelope; allowed while all is proposed', async () => {
  const { planner, store } = await ctx();
  // env-a: al-1 approved (300,00 €)
  const etag = (await planner.get('/api/envelopes/env-a')).headers.get('etag')!;
  const r = await unchanged(store, () =>
    planner.patch('/api/envelopes/env-a', { status: 'announced' }, { 'if-match': etag }),
  );
  isProblem(r, 422, 'status');
  assert.match(
    r.json.detail,
    /300,00 € déjà approuvés sur cette enveloppe : elle ne peut plus repasser en crédits annoncés\./,
  );
  // an envelope with proposals only may go back to announced
  const other = await smallSetup({
    allocations: [allocation('al-9', { amounts: { '2024': 100_00 } })],
  });
  const p2 = other.as(USERS.planner);
  await p2.get('/api/me');
  const e2 = (await p2.get('/api/envelopes/env-a')).headers.get('etag')!;
  const ok = await p2.patch('/api/envelopes/env-a', { status: 'announced' }, { 'if-match': e2 });
  assert.is(ok.status, 200);
  assert.is(ok.json.status, 'announced');
});

test('Committed → announced is refused when payments exist even after the approval was withdrawn', async () => {
  const s = await smallSetup({
    allocations: [allocation('al-p', { amounts: { '2024': 100_00 }, status: 'proposed' })],
    payments: [payment('pay-1', 'al-p', 40_00)],
  });
  const planner = s.as(USERS.planner);
  await planner.get('/api/me');
  const etag = (await planner.get('/api/envelopes/env-a')).headers.get('etag')!;
  const r = await unchanged(s.store, () =>
    planner.patch('/api/envelopes/env-a', { status: 'announced' }, { 'if-match': etag }),
  );
  isProblem(r, 422, 'status');
  assert.match(r.json.detail, /40,00 € versés sur cette enveloppe/);
});

test('GET /api/envelopes/:id/budget gives allocated, approved and remaining cents', async () => {
  const { planner } = await ctx();
  const b = (await planner.get('/api/envelopes/env-a/budget')).json;
  assert.equal([b.totalCents, b.allocatedCents, b.approvedCents, b.remainingCents], [1_000_00, 500_00, 300_00, 500_00]);
  assert.is(b.years['2024'].allocatedCents, 300_00);
  assert.is(b.years['2024'].budgetCents, null);
});

test('Filters status and code; DELETE refused while allocations exist, 204 on an empty one', async () => {
  const { planner, store } = await ctx();
  const created = await planner.post('/api/envelopes', { ...valid, status: 'announced' });
  assert.equal(
    (await planner.get('/api/envelopes?status=announced')).json.items.map((e: { id: string }) => e.id),
    [created.json.id],
  );
  assert.is((await planner.get('/api/envelopes?code=ENV-A')).json.total, 1);
  assert.is((await planner.get('/api/envelopes?code=NONE')).json.total, 0);
  const etag = (await planner.get('/api/envelopes/env-a')).headers.get('etag')!;
  const refused = await unchanged(store, () => planner.del('/api/envelopes/env-a', { 'if-match': etag }));
  isProblem(refused, 422);
  // rejected and approved allocations cannot be deleted: the advice is to set the envelope aside
  assert.match(refused.json.detail, /porte 2 allocations/);
  assert.match(refused.json.detail, /garde pour mémoire/);
  assert.match(refused.json.detail, /ramenez son total/);
  assert.not.match(refused.json.detail, /supprimez|rejetez/);
  const del = await planner.del(`/api/envelopes/${created.json.id}`, { 'if-match': created.headers.get('etag')! });
  assert.is(del.status, 204);
  isProblem(await planner.get(`/api/envelopes/${created.json.id}`), 404);
});

test.run();
