// ARS accounts see and change only their region (Île-de-France: F1, EJ, SITE; Auvergne-Rhône-
// Alpes: F2), on every route: lists (a region= filter cannot widen them), single reads (404),
// the dashboard, budgets, exports, the audit trail, imports and batches.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { decide } from '../helpers/decide.js';
import {
  allocation,
  completion,
  delegation,
  EJ,
  F1,
  F2,
  F3,
  ght,
  payment,
  pooled,
  SITE,
  siretWithKey,
  withKey,
  type PlanRecords,
} from '../helpers/plan.js';
import { application, fundingWindow } from '../helpers/windows.js';
import type { Declaration } from '../../server/contract/windows.js';
import { ARS, regionalSetup } from '../helpers/regional.js';
import { USERS } from '../helpers/small.js';
import { download, upload } from '../import/raw.js';

const ctx = async () => {
  const s = await regionalSetup({
    delegations: [
      delegation('del-idf', { region: '11', amounts: { '2024': 40_000 } }),
      delegation('del-ara', { region: '84', amounts: { '2024': 30_000 } }),
    ],
    allocations: [
      allocation('al-f1', { amounts: { '2024': 10_00 }, status: 'approved' }),
      allocation('al-f2', { finess: F2, amounts: { '2024': 20_00 }, status: 'approved' }),
      allocation('al-f3', { finess: F3, amounts: { '2024': 5_00 } }),
    ],
    payments: [payment('pay-f1', 'al-f1', 1_00), payment('pay-f2', 'al-f2', 2_00)],
    completions: [completion('cp-f1', F1, 'act-ad', '2024-01-01'), completion('cp-f2', F2, 'act-ad', '2024-01-01')],
  });
  const idf = s.as(ARS.planner),
    rev = s.as(ARS.reviewer),
    ara = s.as(ARS.plannerAra);
  for (const c of [idf, rev, ara, s.as(USERS.planner)]) await c.get('/api/me'); // logged in before any « unchanged »
  return { ...s, idf, rev, ara };
};
const ids = (r: { json: { items: Array<{ id: string }> } }) => r.json.items.map((x) => x.id).sort();

test('Lists: an ARS account sees its region only, and a region= filter for another region gives an empty list', async () => {
  const { idf, rev, ara } = await ctx();
  for (const c of [idf, rev]) {
    assert.equal(ids(await c.get('/api/establishments')), [F1, EJ, SITE].sort());
    assert.equal(ids(await c.get('/api/allocations')), ['al-f1']);
    assert.equal(ids(await c.get('/api/payments')), ['pay-f1']);
    assert.equal(ids(await c.get('/api/completions')), ['cp-f1']);
    assert.equal(ids(await c.get('/api/delegations')), ['del-idf']);
    for (const p of ['establishments', 'allocations', 'payments', 'completions', 'delegations'])
      assert.equal(ids(await c.get(`/api/${p}?region=84`)), [], p);
    assert.equal(ids(await c.get(`/api/allocations?finess=${F2}`)), []);
    assert.is((await c.get('/api/payments/totals?region=84')).json.paidCents ?? 0, 0);
  }
  assert.equal(ids(await ara.get('/api/allocations')), ['al-f2']);
  assert.equal(ids(await ara.get('/api/delegations')), ['del-ara']);
  // staff of a region still read proposals, as national staff do (not the establishments' view)
  assert.equal(ids(await ara.get('/api/allocations?status=approved')), ['al-f2']);
});

test("Single reads of another region's records are 404, with nothing of them in the body", async () => {
  const { idf, rev } = await ctx();
  for (const c of [idf, rev]) {
    assert.is((await c.get('/api/allocations/al-f1')).status, 200);
    assert.is((await c.get(`/api/establishments/${F1}/awards`)).status, 200);
    for (const path of [
      '/api/allocations/al-f2',
      '/api/allocations/al-f3',
      '/api/payments/pay-f2',
      '/api/completions/cp-f2',
      '/api/delegations/del-ara',
      `/api/establishments/${F2}`,
      `/api/establishments/${F2}/awards`,
      `/api/export/awards/${F2}.csv`,
    ]) {
      const r = await c.get(path);
      isProblem(r, 404);
      assert.not.match(JSON.stringify(r.json), /20,00|2000|30000|Établissement 69/, path);
    }
  }
});

test("Dashboard and budget: the region's figures, each envelope measured against its delegation; another region is 404", async () => {
  const { idf, as } = await ctx();
  const d = (await idf.get('/api/dashboard')).json;
  assert.equal(
    d.byRegion.map((r: { key: string }) => r.key),
    ['11'],
  );
  const env = d.byEnvelope.find((r: { key: string }) => r.key === 'env-a');
  assert.equal(
    [env.totalCents, env.allocatedCents, env.approvedCents, env.paidCents, env.remainingCents],
    [40_000, 10_00, 10_00, 1_00, 39_000],
  );
  assert.equal([d.totals.allocatedCents, d.totals.committedCents, d.totals.remainingCents], [10_00, 40_000, 39_000]);
  isProblem(await idf.get('/api/dashboard?region=84'), 404);
  assert.equal((await idf.get('/api/dashboard?region=11')).json.totals, d.totals);
  // the national dashboard is not the cached regional one
  assert.is((await as(USERS.planner).get('/api/dashboard')).json.totals.allocatedCents, 10_00 + 20_00 + 5_00);
  const b = (await idf.get('/api/envelopes/env-a/budget')).json;
  assert.equal(
    b.regions.map((r: { region: string }) => r.region),
    ['11'],
  );
  assert.equal(
    [b.totalCents, b.delegatedCents, b.allocatedCents, b.paidCents, b.remainingCents],
    [40_000, 40_000, 10_00, 1_00, 39_000],
  );
  assert.equal([b.years['2024'].budgetCents, b.years['2024'].remainingCents], [40_000, 39_000]);
  // nothing of Auvergne-Rhône-Alpes' 20,00 € nor of Corse's 5,00 € (drawn on the reserve)
  assert.equal([b.reserve.allocatedCents, b.reserve.approvedCents], [0, 0]);
});

test('Exports: allocations and payments of the region only; the variance report is its dashboard', async () => {
  const { app } = await ctx();
  const csv = async (p: string) => {
    const r = await download(app, ARS.reviewer, p);
    return { ...r, text: new TextDecoder().decode(r.bytes) };
  };
  const allocations = await csv('/api/export/allocations.csv');
  assert.is(allocations.status, 200);
  assert.match(allocations.text, F1);
  assert.not.match(allocations.text, F2);
  assert.not.match(allocations.text, F3);
  assert.not.match((await csv('/api/export/allocations.csv?region=84')).text, F2);
  const payments = await csv('/api/export/payments.csv');
  assert.match(payments.text, 'pay-f1');
  assert.not.match(payments.text, 'pay-f2');
  const variance = await csv('/api/export/variance.csv');
  assert.is(variance.status, 200);
  assert.not.match(variance.text, /Auvergne|Corse/);
  assert.is((await csv('/api/export/variance.csv?region=84')).status, 404);
  const xlsx = await csv('/api/export/allocations.xlsx');
  assert.is(xlsx.status, 200);
});

test("Audit trail: an ARS account reads the events of its region's records only", async () => {
  const { as, idf, ara } = await ctx();
  const national = as(USERS.planner);
  const inIdf = await national.post('/api/allocations', {
    envelopeId: 'env-a',
    finess: F1,
    actionId: 'act-exe',
    amounts: { '2024': 3_00 },
  });
  const inAra = await national.post('/api/allocations', {
    envelopeId: 'env-a',
    finess: F2,
    actionId: 'act-exe',
    amounts: { '2024': 4_00 },
  });
  assert.equal([inIdf.status, inAra.status], [201, 201]);
  const seen = async (c: typeof idf) =>
    ((await c.get('/api/audit?limit=1000')).json.items as Array<{ id: string }>).map((e) => e.id);
  // the seeded records' events, then the new one, of the region only
  const idfIds = new Set(['del-idf', 'al-f1', 'pay-f1', 'cp-f1', F1, EJ, SITE, inIdf.json.id]);
  const araIds = new Set(['del-ara', 'al-f2', 'pay-f2', 'cp-f2', F2, inAra.json.id]);
  assert.equal(new Set(await seen(idf)), idfIds);
  assert.equal(new Set(await seen(ara)), araIds);
  assert.is((await idf.get(`/api/audit?id=${inAra.json.id}`)).json.total, 0);
  assert.ok((await seen(national)).length >= 2);
});

test("Audit trail: an ARS account reads its region's GHTs, applications (a legal entity's without a record of its own too) and their declarations, as its reads place them", async () => {
  const LEGAL = withKey('75000099'); // a legal entity no establishment record carries
  const meta = { rev: '1', createdAt: '2024-04-02T10:00:00.000Z', updatedAt: '2024-04-02T10:00:00.000Z' };
  const declaration = (id: string, applicationId: string): Declaration => ({
    id,
    applicationId,
    objective: 'D1-AD-1',
    achievedOn: '2024-04-01',
    evidence: [{ sha256: 'a'.repeat(64), name: 'preuve.pdf', type: 'application/pdf', size: 10 }],
    ...meta,
  });
  const s = await regionalSetup({
    ghts: [ght('ght-idf'), ght('ght-ara', { region: '84', supportFiness: F2 })],
    windows: [fundingWindow()],
    applications: [
      application('app-idf'),
      application('app-ej', { finess: LEGAL }),
      application('app-ara', { finess: F2, region: '84' }),
    ],
    declarations: [
      declaration('dcl-idf', 'app-idf'),
      declaration('dcl-ej', 'app-ej'),
      declaration('dcl-ara', 'app-ara'),
    ],
  } as PlanRecords);
  const seen = async (email: string) =>
    new Set(((await s.as(email).get('/api/audit?limit=1000')).json.items as Array<{ id: string }>).map((e) => e.id));
  const idf = await seen(ARS.planner),
    ara = await seen(ARS.plannerAra);
  for (const id of ['ght-idf', 'app-idf', 'app-ej', 'dcl-idf', 'dcl-ej']) assert.ok(idf.has(id) && !ara.has(id), id);
  for (const id of ['ght-ara', 'app-ara', 'dcl-ara']) assert.ok(ara.has(id) && !idf.has(id), id);
  // a window is national reference data: in no region's trail
  assert.ok(!idf.has('win-d1') && !ara.has('win-d1'));
});

test("Import preview and batch: another region's rows are refused as unknown, a batch for another region is 404", async () => {
  const { app, idf, store } = await ctx();
  const sheet = ['FINESS;Code action;Code enveloppe;2024', `${F1};ACT-EXE;ENV-A;10`, `${F2};ACT-EXE;ENV-A;10`].join(
    '\n',
  );
  const dry = await upload(app, ARS.planner, '/api/import/allocations?dryRun=1', sheet);
  assert.is(dry.status, 200);
  assert.is(dry.json.created, 1);
  assert.equal(
    dry.json.refused.map((r: { line: number; reason: string }) => [r.line, r.reason]),
    [[3, `Établissement FINESS ${F2} introuvable.`]],
  );
  assert.not.match(JSON.stringify(dry.json.preview ?? dry.json), /Établissement 69|al-f2/);
  isProblem(
    await unchanged(store, () =>
      idf.post('/api/allocations/bulk', {
        envelopeId: 'env-a',
        actionId: 'act-exe',
        amounts: { '2024': 1_00 },
        filter: { region: '84' },
        dryRun: true,
      }),
    ),
    404,
  );
  const bulk = await idf.post('/api/allocations/bulk', {
    envelopeId: 'env-a',
    actionId: 'act-exe',
    amounts: { '2024': 1_00 },
  });
  assert.equal([bulk.status, bulk.json.count], [201, 3]); // F1, EJ and SITE: never F2 nor F3
  assert.ok(
    [...store.all('allocations')]
      .filter((a) => a.actionId === 'act-exe')
      .every((a) => [F1, EJ, SITE].includes(a.finess)),
  );
});

test('Writes: an ARS planner proposes in its region only and within its credits; delegations are national', async () => {
  const { idf, store } = await ctx();
  const to = (finess: string, cents: number) =>
    idf.post('/api/allocations', { envelopeId: 'env-a', finess, actionId: 'act-exe', amounts: { '2024': cents } });
  isProblem(await unchanged(store, () => to(F2, 1_00)), 404);
  assert.is((await to(F1, 39_000)).status, 201);
  const beyond = await unchanged(store, () => to(SITE, 1));
  isProblem(beyond, 422, 'amounts.2024');
  assert.match(beyond.json.detail, 'reste 0,00 € sur la délégation Île-de-France');
  isProblem(
    await unchanged(store, () =>
      idf.post('/api/delegations', {
        envelopeId: 'env-a',
        region: '11',
        amounts: { '2024': 1 },
        reference: 'x',
        notifiedOn: '2024-01-01',
      }),
    ),
    403,
  );
  isProblem(
    await unchanged(store, () =>
      idf.patch('/api/delegations/del-idf', { amounts: { '2024': 1 } }, { 'if-match': '*' }),
    ),
    403,
  );
  isProblem(await unchanged(store, () => idf.post('/api/envelopes', {})), 403);
  // its region's establishments stay in it
  const moved = await unchanged(store, () =>
    idf.patch(`/api/establishments/${F1}`, { region: '84' }, { 'if-match': '*' }),
  );
  isProblem(moved, 422, 'region');
  isProblem(
    await unchanged(store, () =>
      idf.post('/api/establishments', {
        finess: '690000999',
        name: 'X',
        category: 'public',
        region: '84',
        priority: false,
      }),
    ),
    404,
  );
  isProblem(
    await unchanged(store, () => idf.patch(`/api/establishments/${F2}`, { name: 'Y' }, { 'if-match': '*' })),
    404,
  );
});

test('Writes: an ARS reviewer approves, rejects, pays and cancels in its region only; its planner checks its completions', async () => {
  const { as, idf, rev, store } = await ctx();
  const proposed = await as(USERS.planner).post('/api/allocations', {
    envelopeId: 'env-a',
    finess: F2,
    actionId: 'act-exe',
    amounts: { '2024': 1_00 },
  });
  for (const r of [
    () => rev.post(`/api/allocations/${proposed.json.id}/approve`),
    () => rev.post(`/api/allocations/${proposed.json.id}/reject`, { reason: 'non' }),
    () =>
      rev.post('/api/allocations/approve', {
        items: [{ id: proposed.json.id, rev: proposed.json.rev }],
        expectedTotalCents: 1_00,
      }),
    () => rev.post('/api/payments', { allocationId: 'al-f2', amountCents: 1, paidOn: '2024-07-01' }),
    () => rev.post('/api/payments/pay-f2/cancel', { reason: 'erreur' }, { 'if-match': '*' }),
    () => idf.post('/api/completions/cp-f2/validate', {}, { 'if-match': '*' }),
    () => idf.post('/api/completions/cp-f2/refuse', { reason: 'non' }, { 'if-match': '*' }),
  ])
    isProblem(await unchanged(store, r), 404);
  const paid = await rev.post('/api/payments', { allocationId: 'al-f1', amountCents: 2_00, paidOn: '2024-07-01' });
  assert.is(paid.status, 201);
  const cancelled = await decide(rev, `/api/payments/${paid.json.id}/cancel`, { reason: 'doublon' });
  assert.is(cancelled.status, 201);
  const checked = await decide(idf, '/api/completions/cp-f1/validate');
  assert.equal([checked.status, checked.json.validatedBy], [200, ARS.planner]);
});

test("Pooled regional resources: an ARS account reads its region's, by SIRET, and not another region's", async () => {
  const GRADES_IDF = siretWithKey('1300000000001'),
    GRADES_ARA = siretWithKey('1300000000002');
  const { as } = await regionalSetup({
    pooled: [pooled(GRADES_IDF), pooled(GRADES_ARA, { region: '84' })],
    allocations: [
      allocation('al-p11', { finess: GRADES_IDF, amounts: { '2024': 7_00 }, status: 'approved' }),
      allocation('al-p84', { finess: GRADES_ARA, amounts: { '2024': 8_00 }, status: 'approved' }),
    ],
  });
  const idf = as(ARS.reviewer);
  assert.is((await idf.get(`/api/establishments/${GRADES_IDF}/awards`)).status, 200);
  isProblem(await idf.get(`/api/establishments/${GRADES_ARA}/awards`), 404);
  assert.equal(ids(await idf.get('/api/allocations')), ['al-p11']);
  isProblem(await idf.get('/api/allocations/al-p84'), 404);
  const audit = (await idf.get('/api/audit?limit=1000')).json.items.map((e: { id: string }) => e.id);
  assert.ok(audit.includes('al-p11') && !audit.includes('al-p84'));
});

test.run();
