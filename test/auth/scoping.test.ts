// Establishment accounts see and change only their own FINESS (a legal entity: also its sites).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { decide } from '../helpers/decide.js';
import { setup } from '../helpers/app.js';
import { allocation, completion, F1, F2, payment } from '../helpers/plan.js';
import { EJ, SITE, smallSetup, USERS } from '../helpers/small.js';

const ctx = async () => {
  const s = await smallSetup({
    allocations: [
      allocation('al-f1', { amounts: { '2024': 10_00 }, status: 'approved' }),
      allocation('al-f2', { finess: F2, amounts: { '2024': 20_00 }, status: 'approved' }),
      allocation('al-site', { finess: SITE, amounts: { '2024': 30_00 }, status: 'approved' }),
    ],
    payments: [
      payment('pay-f1', 'al-f1', 1_00),
      payment('pay-f2', 'al-f2', 2_00),
      payment('pay-site', 'al-site', 3_00),
    ],
    completions: [
      completion('cp-f1', F1, 'act-ad', '2024-01-01'),
      completion('cp-f2', F2, 'act-ad', '2024-01-01'),
      completion('cp-site', SITE, 'act-ad', '2024-01-01'),
    ],
  });
  const etab = s.as(USERS.etab),
    ej = s.as(USERS.ej);
  await etab.get('/api/me');
  await ej.get('/api/me');
  return { ...s, etab, ej };
};
const ids = (r: { json: { items: Array<{ id: string }> } }) => r.json.items.map((x) => x.id).sort();

test('Lists: an establishment sees only its own allocations, payments, completions and establishment, even when filtering for another', async () => {
  const { etab } = await ctx();
  assert.equal(ids(await etab.get('/api/allocations')), ['al-f1']);
  assert.equal(ids(await etab.get(`/api/allocations?finess=${F2}`)), []);
  assert.equal(ids(await etab.get('/api/payments')), ['pay-f1']);
  assert.equal(ids(await etab.get('/api/completions')), ['cp-f1']);
  assert.equal(ids(await etab.get('/api/establishments')), [F1]);
  assert.is((await etab.get('/api/allocations')).json.total, 1);
});

test("Single reads of another establishment's records are 404, with nothing of them in the body", async () => {
  const { etab } = await ctx();
  assert.is((await etab.get('/api/allocations/al-f1')).status, 200);
  for (const path of [
    '/api/allocations/al-f2',
    '/api/payments/pay-f2',
    '/api/completions/cp-f2',
    `/api/establishments/${F2}`,
    `/api/establishments/${F2}/awards`,
  ]) {
    const r = await etab.get(path);
    isProblem(r, 404);
    assert.not.match(JSON.stringify(r.json), /20,00|2000|act-ad/, path);
  }
  const awards = await etab.get(`/api/establishments/${F1}/awards`);
  assert.equal(
    awards.json.awards.map((a: { allocation: { id: string } }) => a.allocation.id),
    ['al-f1'],
  );
  assert.is(awards.json.totals.paidCents, 1_00);
});

test('A legal-entity account sees its sites', async () => {
  const { ej } = await ctx();
  assert.equal(ids(await ej.get('/api/allocations')), ['al-site']);
  assert.equal(ids(await ej.get('/api/establishments')), [EJ, SITE].sort());
  assert.equal(ids(await ej.get('/api/payments')), ['pay-site']);
  assert.is((await ej.get(`/api/establishments/${SITE}/awards`)).status, 200);
  assert.equal((await ej.get(`/api/establishments/${EJ}/awards`)).json.awards.length, 1);
  assert.equal((await ej.get('/api/me')).json.scope.sort(), [EJ, SITE].sort());
  isProblem(await ej.get('/api/allocations/al-f1'), 404);
});

test("Completions: an establishment declares its own (201), not another's (404, nothing changed, no hint of theirs)", async () => {
  const { etab, ej, store } = await ctx();
  const own = await etab.post('/api/completions', { finess: F1, actionId: 'act-exe', completedOn: '2024-02-01' });
  assert.is(own.status, 201);
  // F2 already declared act-ad: the answer must not reveal it (no 409, no date)
  const other = await unchanged(store, () =>
    etab.post('/api/completions', { finess: F2, actionId: 'act-ad', completedOn: '2024-02-01' }),
  );
  isProblem(other, 404);
  assert.not.match(JSON.stringify(other.json), /2024-01-01|déjà/);
  isProblem(
    await unchanged(store, () =>
      etab.post('/api/completions', { finess: F2, actionId: 'act-exe', completedOn: '2024-02-01' }),
    ),
    404,
  );
  assert.is(
    (await ej.post('/api/completions', { finess: SITE, actionId: 'act-exe', completedOn: '2024-02-01' })).status,
    201,
  );
  // they cannot check completions, nor correct or withdraw another's (404)
  isProblem(await unchanged(store, () => decide(etab, `/api/completions/${own.json.id}/validate`)), 403);
  isProblem(
    await unchanged(store, () => decide(etab, `/api/completions/${own.json.id}/refuse`, { reason: 'non' })),
    403,
  );
  for (const r of [
    () => etab.del('/api/completions/cp-f2', { 'if-match': '*' }),
    () => etab.patch('/api/completions/cp-f2', { completedOn: '2024-01-02' }, { 'if-match': '*' }),
  ])
    isProblem(await unchanged(store, r), 404);
});

test('An establishment cannot see the dashboard, envelopes, budgets or the audit trail, nor write plan records', async () => {
  const { etab, store } = await ctx();
  for (const p of [
    '/api/dashboard',
    '/api/envelopes',
    '/api/envelopes/env-a',
    '/api/envelopes/env-a/budget',
    '/api/audit',
    '/api/users',
  ])
    isProblem(await etab.get(p), 403);
  isProblem(
    await unchanged(store, () =>
      etab.post('/api/allocations', { envelopeId: 'env-a', finess: F1, actionId: 'act-ad', amounts: { '2024': 1 } }),
    ),
    403,
  );
  isProblem(
    await unchanged(store, () =>
      etab.post('/api/payments', { allocationId: 'al-f1', amountCents: 1, paidOn: '2024-01-01' }),
    ),
    403,
  );
  // milestones are shared, their progress is measured on its own sites only
  const ms = await etab.get('/api/milestones');
  assert.is(ms.status, 200);
});

test('Demo plan: each establishment account sees only its scope in every list', async () => {
  const { as, store } = await setup();
  const accounts = [...store.all('users')].filter((u) => u.role === 'establishment');
  assert.ok(accounts.length >= 2);
  for (const u of accounts) {
    const c = as(u.email);
    const scope = new Set<string>((await c.get('/api/me')).json.scope);
    // the establishment itself, or the sites of a legal entity (whose own number is no establishment)
    assert.ok(scope.size > 0 && [...scope].every((f) => store.get('establishments', f)), u.email);
    assert.is(scope.has(u.finess!), !!store.get('establishments', u.finess!), u.email);
    const allocs = (await c.get('/api/allocations?limit=1000')).json.items as Array<{ finess: string; id: string }>;
    assert.ok(
      allocs.every((a) => scope.has(a.finess)),
      u.email,
    );
    // proposals stay internal: approved allocations only
    assert.is(
      allocs.length,
      [...store.all('allocations')].filter((a) => scope.has(a.finess) && a.status === 'approved').length,
    );
    const pays = (await c.get('/api/payments?limit=1000')).json.items as Array<{ allocationId: string }>;
    assert.ok(pays.every((p) => scope.has(store.get('allocations', p.allocationId)!.finess)));
    const comps = (await c.get('/api/completions?limit=1000')).json.items as Array<{ finess: string }>;
    assert.ok(comps.every((x) => scope.has(x.finess)));
    const ests = (await c.get('/api/establishments?limit=1000')).json.items as Array<{ finess: string }>;
    assert.ok(ests.every((x) => scope.has(x.finess)));
    const foreign = [...store.all('allocations')].find((a) => !scope.has(a.finess))!;
    isProblem(await c.get(`/api/allocations/${foreign.id}`), 404);
    isProblem(await c.get(`/api/establishments/${foreign.finess}/awards`), 404);
  }
});

test.run();
