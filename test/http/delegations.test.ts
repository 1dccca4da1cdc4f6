// /api/delegations: an envelope's credits given to the ARS regions, and the allocation rules that
// hold each region to its credits and the other regions to the national reserve.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, delegation, envelope, F1, F2, F3 } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';
import { upload } from '../import/raw.js';

// 1 000,00 € in total: 600,00 € on 2024, 400,00 € on 2025. Île-de-France (F1) holds 300,00 € on 2024.
const records = () => ({
  envelopes: [envelope({ totalCents: 1_000_00, yearlyCents: { '2024': 600_00, '2025': 400_00 } })],
  delegations: [delegation('del-idf', { amounts: { '2024': 300_00 } })],
});
const body = (o: object = {}) => ({
  envelopeId: 'env-a',
  region: '84',
  amounts: { '2024': 100_00 },
  reference: '1re délégation, circulaire du 8 sept. 2025',
  notifiedOn: '2025-09-08',
  ...o,
});

const ctx = async (extra: object = {}) => {
  const s = await smallSetup({ ...records(), ...extra });
  const planner = s.as(USERS.planner);
  const reviewer = s.as(USERS.reviewer);
  await planner.get('/api/me');
  await reviewer.get('/api/me');
  return { ...s, planner, reviewer };
};

test('A planner creates, reads, lists (filters envelopeId, region), edits (If-Match) and deletes a delegation; each write is audited', async () => {
  const { planner } = await ctx();
  const created = await planner.post('/api/delegations', body());
  assert.is(created.status, 201, JSON.stringify(created.json));
  const id = created.json.id as string;
  assert.ok(id.startsWith('del-'));
  assert.is(created.headers.get('etag'), `"${created.json.rev}"`);
  assert.is(created.headers.get('location'), `/api/delegations/${id}`);
  assert.equal(created.json.amounts, { '2024': 100_00 });
  const read = await planner.get(`/api/delegations/${id}`);
  assert.equal([read.status, read.json.region, read.headers.get('etag')], [200, '84', `"${created.json.rev}"`]);
  assert.equal(
    (await planner.get('/api/delegations?envelopeId=env-a')).json.items.map((d: any) => d.id),
    ['del-idf', id],
  );
  assert.equal(
    (await planner.get('/api/delegations?region=84')).json.items.map((d: any) => d.id),
    [id],
  );
  assert.is((await planner.get('/api/delegations?envelopeId=env-x')).json.total, 0);
  isProblem(await planner.patch(`/api/delegations/${id}`, { amounts: { '2024': 1 } }), 428);
  isProblem(await planner.patch(`/api/delegations/${id}`, { amounts: { '2024': 1 } }, { 'if-match': '"0"' }), 412);
  const edited = await planner.patch(
    `/api/delegations/${id}`,
    { amounts: { '2024': 150_00, '2025': 50_00 }, reference: '2e délégation' },
    { 'if-match': `"${created.json.rev}"` },
  );
  assert.is(edited.status, 200, JSON.stringify(edited.json));
  assert.equal([edited.json.amounts, edited.json.reference], [{ '2024': 150_00, '2025': 50_00 }, '2e délégation']);
  isProblem(await planner.del(`/api/delegations/${id}`, { 'if-match': `"${created.json.rev}"` }), 412);
  assert.is((await planner.del(`/api/delegations/${id}`, { 'if-match': `"${edited.json.rev}"` })).status, 204);
  isProblem(await planner.get(`/api/delegations/${id}`), 404);
  const audit = (await planner.get(`/api/audit?entity=delegations&id=${id}`)).json.items;
  assert.equal(audit.map((e: any) => e.action).sort(), ['create', 'delete', 'update']);
});

test('Reviewers and administrators read delegations, only planners write them; establishments see none', async () => {
  const { reviewer, as } = await ctx();
  assert.is((await reviewer.get('/api/delegations')).json.total, 1);
  assert.is((await as(USERS.admin).get('/api/delegations/del-idf')).status, 200);
  isProblem(await reviewer.post('/api/delegations', body()), 403);
  isProblem(await as(USERS.etab).get('/api/delegations'), 403);
});

test('Bad input: 400 or 422 on the field (unknown region, a year outside the plan or the split, cents), nothing changed', async () => {
  const { planner, store } = await ctx();
  const cases: Array<[object, number, string]> = [
    [body({ region: '1' }), 400, 'region'],
    [body({ region: '99' }), 422, 'region'],
    [body({ amounts: { '2030': 100 } }), 400, 'amounts'],
    [body({ amounts: { '2024': 1.5 } }), 400, 'amounts.2024'],
    [body({ amounts: { '2024': -1 } }), 400, 'amounts.2024'],
    [body({ amounts: { '2026': 100 } }), 422, 'amounts.2026'],
    [body({ amounts: {} }), 422, 'amounts'],
    [body({ envelopeId: 'env-x' }), 422, 'envelopeId'],
    [body({ notifiedOn: '2025-02-30' }), 400, 'notifiedOn'],
    [body({ reference: '  ' }), 400, 'reference'],
  ];
  for (const [b, status, path] of cases)
    isProblem(await unchanged(store, () => planner.post('/api/delegations', b)), status, path);
  const cur = store.get('delegations', 'del-idf')!;
  isProblem(
    await unchanged(store, () =>
      planner.patch('/api/delegations/del-idf', { region: '84' }, { 'if-match': `"${cur.rev}"` }),
    ),
    422,
    'region',
  );
});

test('Delegations never exceed the envelope: the refusal says what remains to delegate', async () => {
  const { planner, store } = await ctx();
  const r = await unchanged(store, () => planner.post('/api/delegations', body({ amounts: { '2024': 300_01 } })));
  isProblem(r, 422, 'amounts.2024');
  assert.ok(r.json.detail.includes('reste 300,00 € à déléguer sur 2024'), r.json.detail);
});

test('A proposal, an avenant, a bulk allocation and an import are held to the region’s delegation, the others to the national reserve', async () => {
  const { planner, store, app } = await ctx({
    allocations: [allocation('al-1', { amounts: { '2024': 200_00 }, status: 'approved' })],
  });
  const propose = (finess: string, cents: number) =>
    planner.post('/api/allocations', { envelopeId: 'env-a', finess, actionId: 'act-exe', amounts: { '2024': cents } });
  // Île-de-France: 300,00 € delegated, 200,00 € allocated
  let r = await unchanged(store, () => propose(F1, 100_01));
  isProblem(r, 422, 'amounts.2024');
  assert.ok(r.json.detail.includes('reste 100,00 € sur la délégation Île-de-France 2024'), r.json.detail);
  // an avenant on al-1
  const al1 = store.get('allocations', 'al-1')!;
  r = await unchanged(store, () =>
    planner.patch('/api/allocations/al-1', { amounts: { '2024': 300_01 } }, { 'if-match': `"${al1.rev}"` }),
  );
  assert.ok(
    r.json.detail.includes(
      'reste 100,00 € sur la délégation Île-de-France 2024, en plus des 200,00 € que porte déjà cette allocation',
    ),
    r.json.detail,
  );
  // elsewhere: 600,00 − 300,00 € delegated leave 300,00 € of national reserve on 2024
  r = await unchanged(store, () => propose(F2, 300_01));
  assert.ok(r.json.detail.includes('reste 300,00 € sur la réserve nationale 2024'), r.json.detail);
  assert.is((await propose(F2, 200_00)).status, 201);
  // a bulk allocation to Île-de-France's establishments (EJ and SITE, F1 has the action: 2 × 60,00 € > 100,00 €)
  r = await unchanged(store, () =>
    planner.post('/api/allocations/bulk', {
      envelopeId: 'env-a',
      actionId: 'act-ad',
      amounts: { '2024': 60_00 },
      filter: { region: '11' },
    }),
  );
  isProblem(r, 422);
  assert.ok(r.json.detail.includes('reste 40,00 € sur la délégation Île-de-France 2024'), r.json.detail);
  // an import row for Corse (no delegation): 100,00 € of reserve left on 2024
  const sheet = ['FINESS;Action;Enveloppe;2024', `${F3};ACT-AD;ENV-A;100,01`].join('\n');
  const before = store.exportData().collections.allocations;
  const imported = await upload(app, USERS.planner, '/api/import/allocations', sheet);
  assert.is(imported.status, 422, imported.text);
  assert.equal(store.exportData().collections.allocations, before);
  assert.ok(imported.text.includes('reste 100,00 € sur la réserve nationale 2024'), imported.text);
});

test('Lowering or removing a delegation below what its region has allocated is refused with what is allocated', async () => {
  const { planner, store } = await ctx({ allocations: [allocation('al-1', { amounts: { '2024': 250_00 } })] });
  const cur = store.get('delegations', 'del-idf')!;
  const lower = await unchanged(store, () =>
    planner.patch('/api/delegations/del-idf', { amounts: { '2024': 249_99 } }, { 'if-match': `"${cur.rev}"` }),
  );
  isProblem(lower, 422, 'amounts.2024');
  assert.ok(lower.json.detail.includes('Déjà alloué en Île-de-France sur 2024 : 250,00 €'), lower.json.detail);
  const removed = await unchanged(store, () => planner.del('/api/delegations/del-idf', { 'if-match': `"${cur.rev}"` }));
  isProblem(removed, 422);
  assert.ok(removed.json.detail.includes('250,00 €'), removed.json.detail);
  // a delegated envelope is not deleted
  const env = store.get('envelopes', 'env-a')!;
  isProblem(await unchanged(store, () => planner.del('/api/envelopes/env-a', { 'if-match': `"${env.rev}"` })), 422);
});

test('GET /api/envelopes/:id/budget gives each region and year delegated, allocated, approved, paid, remaining, and the national reserve', async () => {
  const { reviewer } = await ctx({
    allocations: [
      allocation('al-1', { amounts: { '2024': 200_00 }, status: 'approved' }),
      allocation('al-2', { finess: F2, amounts: { '2025': 150_00 } }),
    ],
  });
  const b = (await reviewer.get('/api/envelopes/env-a/budget')).json;
  assert.equal([b.totalCents, b.allocatedCents, b.delegatedCents], [1_000_00, 350_00, 300_00]);
  const idf = b.regions.find((r: any) => r.region === '11');
  assert.equal(
    [idf.name, idf.hasDelegation, idf.delegatedCents, idf.allocatedCents, idf.approvedCents, idf.remainingCents],
    ['Île-de-France', true, 300_00, 200_00, 200_00, 100_00],
  );
  assert.equal(idf.years['2024'], {
    delegatedCents: 300_00,
    allocatedCents: 200_00,
    approvedCents: 200_00,
    paidCents: 0,
    remainingCents: 100_00,
  });
  const ara = b.regions.find((r: any) => r.region === '84');
  assert.equal([ara.hasDelegation, ara.allocatedCents, ara.remainingCents], [false, 150_00, null]);
  assert.equal([b.reserve.totalCents, b.reserve.allocatedCents, b.reserve.remainingCents], [700_00, 150_00, 550_00]);
  assert.equal([b.reserve.years['2024'].budgetCents, b.reserve.years['2025'].remainingCents], [300_00, 250_00]);
});

test('The OpenAPI document lists the delegation routes with their body, filters, If-Match and refusals', async () => {
  const { planner } = await ctx();
  const doc = (await planner.get('/api/openapi.json')).json;
  const list = doc.paths['/api/delegations'];
  const item = doc.paths['/api/delegations/{id}'];
  assert.ok(list.post.requestBody.content['application/json'].schema.properties.region);
  assert.ok(['envelopeId', 'region'].every((n) => list.get.parameters.some((p: any) => p.name === n)));
  assert.ok(item.patch.parameters.some((p: any) => p.name === 'If-Match' && p.required));
  assert.ok(item.delete.responses['422'] && list.post.responses['422']);
  assert.equal(list.post['x-roles'], ['planner']);
  assert.equal(item.get['x-roles'], ['admin', 'planner', 'reviewer', 'ars-planner', 'ars-reviewer']);
});

test.run();
