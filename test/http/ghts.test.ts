// /api/ghts and /api/pooled-resources: CRUD (ETag, If-Match, audit), refusals with their field,
// the support establishment's account reading its GHT's members, allocations to a pooled regional
// resource held to its region's delegation, and the dashboard and exports by GHT to the cent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import {
  allocation,
  delegation,
  envelope,
  F1,
  F2,
  ght,
  payment,
  siretWithKey,
  withKey,
  type PlanRecords,
} from '../helpers/plan.js';
import { ARS, regionalSetup } from '../helpers/regional.js';
import { smallSetup, USERS } from '../helpers/small.js';
import { download } from '../import/raw.js';

const M1 = withKey('91000001'); // a member of « GHT sud », whose support is F1
const GRADES = siretWithKey('1300000000001');
const WRONG = `${GRADES.slice(0, 13)}${(Number(GRADES[13]) + 1) % 10}`;
const approved = {
  status: 'approved' as const,
  approvedBy: 'finances2@jalon.test',
  approvedAt: '2024-03-01T10:00:00.000Z',
};

// 1 000,00 € (500,00 € a year on 2024 and 2025), Île-de-France delegated 400,00 € on 2024 and 500,00 € on 2025.
// F1 (support of GHT sud) 200,00 € approved, M1 300,00 € approved (50,00 € paid), F2 (no GHT) 100,00 € proposed.
const records = (): PlanRecords => ({
  envelopes: [envelope({ totalCents: 1_000_00, yearlyCents: { '2024': 500_00, '2025': 500_00 } })],
  ghts: [ght('ght-sud', { code: 'GHT sud', name: 'GHT Sud francilien', supportFiness: F1 })],
  allocations: [
    allocation('al-f1', { finess: F1, amounts: { '2025': 200_00 }, ...approved }),
    allocation('al-m1', { finess: M1, amounts: { '2025': 300_00 }, ...approved }),
    allocation('al-f2', { finess: F2, amounts: { '2025': 100_00 } }),
  ],
  payments: [payment('pay-1', 'al-m1', 50_00, '2025-02-01')],
  delegations: [delegation('del-idf', { amounts: { '2024': 400_00, '2025': 500_00 } })],
});
const ctx = async (make = smallSetup, extra: PlanRecords = {}) => {
  const s = await make({ ...records(), ...extra });
  // smallSetup's basics hold F1 without a GHT: it joins « GHT sud » with M1 through the API
  const planner = s.as(USERS.planner);
  const f1 = await planner.get(`/api/establishments/${F1}`);
  const joined = await planner.patch(
    `/api/establishments/${F1}`,
    { ght: 'GHT sud' },
    { 'if-match': f1.headers.get('etag')! },
  );
  assert.is(joined.status, 200, JSON.stringify(joined.json));
  const m1 = await planner.post('/api/establishments', {
    finess: M1,
    name: 'CH Sud Essonne',
    category: 'public',
    region: '11',
    ght: 'GHT sud',
    priority: false,
  });
  assert.is(m1.status, 201, JSON.stringify(m1.json));
  return { ...s, planner, reviewer: s.as(USERS.reviewer) };
};

test('A planner creates, reads, lists (filter region), edits (If-Match) and deletes a GHT; each write is audited; staff read, establishments do not', async () => {
  const { planner, reviewer, as } = await ctx();
  const body = { code: 'GHT nord', name: 'GHT Nord francilien', region: '11', supportFiness: M1 };
  const created = await planner.post('/api/ghts', body);
  assert.is(created.status, 201, JSON.stringify(created.json));
  const id = created.json.id as string;
  assert.ok(id.startsWith('ght-'));
  assert.is(created.headers.get('location'), `/api/ghts/${id}`);
  const read = await reviewer.get(`/api/ghts/${id}`);
  assert.equal([read.status, read.json.supportFiness, read.headers.get('etag')], [200, M1, `"${created.json.rev}"`]);
  assert.equal(
    (await reviewer.get('/api/ghts?region=11')).json.items.map((g: any) => g.code),
    ['GHT Nord francilien', 'GHT Sud francilien'].map((n) => (n.includes('Nord') ? 'GHT nord' : 'GHT sud')),
  );
  assert.is((await reviewer.get('/api/ghts?region=84')).json.total, 0);
  isProblem(await reviewer.post('/api/ghts', { ...body, code: 'GHT x' }), 403);
  isProblem(await as(USERS.etab).get('/api/ghts'), 403);
  isProblem(await planner.patch(`/api/ghts/${id}`, { name: 'x' }), 428);
  isProblem(await planner.patch(`/api/ghts/${id}`, { name: 'x' }, { 'if-match': '"0"' }), 412);
  const edited = await planner.patch(`/api/ghts/${id}`, { name: 'GHT Nord' }, { 'if-match': `"${created.json.rev}"` });
  assert.is(edited.status, 200, JSON.stringify(edited.json));
  const gone = await planner.del(`/api/ghts/${id}`, { 'if-match': `"${edited.json.rev}"` });
  assert.is(gone.status, 204);
  const audit = (await planner.get(`/api/audit?entity=ghts&id=${id}`)).json.items.map((e: any) => e.action);
  assert.equal(audit.sort(), ['create', 'delete', 'update']);
});

test('GHT refusals name the field, nothing changed: unknown region 422, support unknown or outside the region 422, duplicate code 409, code changed 422, members outside the region 422, deleted with members 422, malformed 400', async () => {
  const { planner, store } = await ctx();
  const body = { code: 'GHT nord', name: 'GHT Nord', region: '11', supportFiness: M1 };
  await unchanged(store, async () => {
    isProblem(await planner.post('/api/ghts', { ...body, region: '99' }), 422, 'region');
    isProblem(await planner.post('/api/ghts', { ...body, supportFiness: withKey('91000099') }), 422, 'supportFiness');
    isProblem(await planner.post('/api/ghts', { ...body, supportFiness: F2 }), 422, 'supportFiness');
    isProblem(await planner.post('/api/ghts', { ...body, code: 'GHT sud' }), 409, 'code');
    isProblem(await planner.post('/api/ghts', { ...body, code: '' }), 400, 'code');
    isProblem(await planner.post('/api/ghts', { ...body, extra: 1 }), 400);
    const cur = await planner.get('/api/ghts/ght-sud');
    const m = { 'if-match': cur.headers.get('etag')! };
    isProblem(await planner.patch('/api/ghts/ght-sud', { code: 'GHT autre' }, m), 422, 'code');
    isProblem(await planner.patch('/api/ghts/ght-sud', { region: '84', supportFiness: F2 }, m), 422, 'region');
    isProblem(await planner.del('/api/ghts/ght-sud', m), 422);
    // an establishment of another region does not join it
    const f2 = await planner.get(`/api/establishments/${F2}`);
    isProblem(
      await planner.patch(`/api/establishments/${F2}`, { ght: 'GHT sud' }, { 'if-match': f2.headers.get('etag')! }),
      422,
      'ght',
    );
  });
});

test("The support establishment's account reads its GHT's members' awards, allocations and payments (approved only); a member's account sees itself only; another GHT's nothing", async () => {
  const { as } = await ctx();
  const support = as(USERS.etab); // bound to F1, the support of GHT sud
  const aw = await support.get(`/api/establishments/${F1}/awards`);
  assert.is(aw.status, 200, JSON.stringify(aw.json));
  assert.equal(aw.json.sites.map((s: any) => s.establishment.finess).sort(), [F1, M1].sort());
  assert.equal(
    [aw.json.totals.approvedCents, aw.json.totals.paidCents, aw.json.totals.remainingCents],
    [500_00, 50_00, 450_00],
  );
  assert.is((await support.get(`/api/establishments/${M1}/awards`)).json.totals.approvedCents, 300_00);
  isProblem(await support.get(`/api/establishments/${F2}/awards`), 404);
  assert.equal((await support.get('/api/allocations')).json.items.map((a: any) => a.id).sort(), ['al-f1', 'al-m1']);
  assert.equal(
    (await support.get('/api/payments')).json.items.map((p: any) => p.id),
    ['pay-1'],
  );
  const csv = await download((await ctx()).app, USERS.etab, `/api/export/awards/${F1}.csv`);
  assert.is(csv.status, 200);
  // F2's account (no GHT) reads nothing of GHT sud
  isProblem(await as(USERS.etab2).get(`/api/establishments/${M1}/awards`), 404);
  isProblem(await as(USERS.etab2).get('/api/allocations/al-m1'), 404);
});

test("A pooled resource: created with its SIRET (422 on a wrong key, nothing changed), then funded within its region's delegation, counted in the dashboard by region and by GHT to the cent, and in the exports", async () => {
  const { planner, reviewer, store, app } = await ctx();
  const body = { siret: GRADES, name: 'GRADeS Île-de-France', region: '11', serves: [F1, M1] };
  await reviewer.get('/api/me'); // logged in before: a session is a write
  await unchanged(store, async () => {
    isProblem(await planner.post('/api/pooled-resources', { ...body, siret: WRONG }), 422, 'siret');
    isProblem(await planner.post('/api/pooled-resources', { ...body, serves: [F2] }), 422, 'serves.0');
    isProblem(await reviewer.post('/api/pooled-resources', body), 403);
  });
  const created = await planner.post('/api/pooled-resources', body);
  assert.is(created.status, 201, JSON.stringify(created.json));
  assert.is(created.json.id, GRADES);
  isProblem(await planner.post('/api/pooled-resources', body), 409, 'siret');
  // Île-de-France holds 400,00 € on 2024: 400,01 € is refused with what remains, 150,00 € goes
  const draft = (cents: number) => ({
    envelopeId: 'env-a',
    finess: GRADES,
    actionId: 'act-ad',
    amounts: { '2024': cents },
  });
  const over = await planner.post('/api/allocations', draft(400_01));
  isProblem(over, 422, 'amounts.2024');
  assert.match(over.json.detail, /reste 400,00 € sur la délégation Île-de-France 2024/);
  const al = await planner.post('/api/allocations', draft(150_00));
  assert.is(al.status, 201, JSON.stringify(al.json));
  assert.is((await reviewer.post(`/api/allocations/${al.json.id}/approve`)).status, 200);
  const dash = (await reviewer.get('/api/dashboard')).json;
  // the breakdown by GHT is answered apart, the dashboard's answer holds none
  assert.is(dash.byGht, undefined);
  const byGht = (await reviewer.get('/api/dashboard/ghts')).json.items;
  const gh = (key: string) => byGht.find((r: any) => r.key === key);
  assert.equal(
    [gh('GHT sud').label, gh('GHT sud').allocatedCents, gh('GHT sud').approvedCents, gh('GHT sud').paidCents],
    ['GHT Sud francilien', 500_00, 500_00, 50_00],
  );
  assert.equal([gh('').label, gh('').allocatedCents, gh('').approvedCents], ['Hors GHT', 100_00, 0]);
  assert.equal(
    [gh('*pooled').label, gh('*pooled').allocatedCents, gh('*pooled').approvedCents],
    ['Ressources mutualisées', 150_00, 150_00],
  );
  const sum = (k: string) => byGht.reduce((s: number, r: any) => s + r[k], 0);
  assert.equal(['allocatedCents', 'approvedCents', 'paidCents'].map(sum), [
    dash.totals.allocatedCents,
    dash.totals.approvedCents,
    dash.totals.paidCents,
  ]);
  assert.equal([dash.totals.allocatedCents, dash.totals.approvedCents], [750_00, 650_00]);
  const idf = dash.byRegion.find((r: any) => r.key === '11');
  assert.equal(
    [idf.allocatedCents, idf.pooled],
    [650_00, { allocatedCents: 150_00, approvedCents: 150_00, paidCents: 0 }],
  );
  // under a region filter, another region's GHT rows and money are left out
  const ara = (await reviewer.get('/api/dashboard/ghts?region=84')).json;
  assert.equal(
    ara.items.map((r: any) => [r.key, r.allocatedCents]),
    [
      ['', 100_00],
      ['*pooled', 0],
    ],
  );
  // the allocations export names the GHT, and the pooled resource by its SIRET
  const csv = new TextDecoder().decode((await download(app, USERS.reviewer, '/api/export/allocations.csv')).bytes);
  const lines = csv.split('\r\n');
  const header = lines[0]!.replace(/^\uFEFF/, '').split(';');
  const row = (id: string) => lines.find((l) => l.includes(`;${id};`))!.split(';');
  assert.is(header.at(-1), 'GHT');
  assert.is(row('al-m1').at(-1), 'GHT Sud francilien');
  const g = row(al.json.id);
  assert.equal(
    [g[0], g[1], g[2], g[3], g.at(-1)],
    [GRADES, 'GRADeS Île-de-France', 'Île-de-France', 'Ressources mutualisées', ''],
  );
  // the variance export's GHT view, to the cent
  const variance = new TextDecoder().decode((await download(app, USERS.reviewer, '/api/export/variance.csv')).bytes);
  const ghtRows = variance.split('\r\n').filter((l) => l.startsWith('GHT;'));
  assert.equal(
    ghtRows.map((l) => l.split(';').slice(1, 3)),
    [
      ['GHT sud', 'GHT Sud francilien'],
      ['HORS-GHT', 'Hors GHT'],
      ['MUTUALISÉES', 'Ressources mutualisées'],
      ['TOTAL', 'Total par GHT (enveloppes engagées)'],
    ],
  );
  // staff read its awards by its SIRET; no establishment account does
  const aw = await reviewer.get(`/api/establishments/${GRADES}/awards`);
  assert.equal(
    [aw.status, aw.json.name, aw.json.totals.approvedCents, aw.json.sites],
    [200, 'GRADeS Île-de-France', 150_00, []],
  );
  isProblem(await (await ctx()).as(USERS.etab).get(`/api/establishments/${GRADES}/awards`), 404);
  // it holds an allocation: it stays
  isProblem(await planner.del(`/api/pooled-resources/${GRADES}`, { 'if-match': `"${created.json.rev}"` }), 422);
});

test("An ARS account's breakdown by GHT is its region's: its GHT records and money only; another region 404; the national one is not the cached regional one", async () => {
  // Given GHT sud (Île-de-France: F1 200,00 €, M1 300,00 €) and GHT Rhône (Auvergne-Rhône-Alpes,
  // no member; F2 there, outside any GHT, 100,00 €)
  const rhone = ght('ght-ara', { code: 'GHT ara', name: 'GHT Rhône', region: '84', supportFiness: F2 });
  const { as } = await ctx(regionalSetup, { ghts: [...records().ghts!, rhone] });
  const rows = async (who: string, query = '') => {
    const r = await as(who).get(`/api/dashboard/ghts${query}`);
    assert.is(r.status, 200, JSON.stringify(r.json));
    return r.json.items.map((g: any) => [g.key, g.allocatedCents, g.approvedCents, g.paidCents]);
  };
  // When the Île-de-France ARS reads it, Then its region's GHT alone, adding up to its dashboard
  const idf = await rows(ARS.reviewer);
  assert.equal(idf, [
    ['GHT sud', 500_00, 500_00, 50_00],
    ['', 0, 0, 0],
    ['*pooled', 0, 0, 0],
  ]);
  const idfDash = (await as(ARS.reviewer).get('/api/dashboard')).json;
  assert.equal(
    [1, 2, 3].map((i) => idf.reduce((n: number, r: number[]) => n + r[i]!, 0)),
    [idfDash.totals.allocatedCents, idfDash.totals.approvedCents, idfDash.totals.paidCents],
  );
  assert.equal(await rows(ARS.reviewer, '?region=11'), idf);
  isProblem(await as(ARS.reviewer).get('/api/dashboard/ghts?region=84'), 404);
  assert.equal(await rows(ARS.plannerAra), [
    ['GHT ara', 0, 0, 0],
    ['', 100_00, 0, 0],
    ['*pooled', 0, 0, 0],
  ]);
  // and national staff read every GHT, by name
  assert.equal(await rows(USERS.reviewer), [
    ['GHT ara', 0, 0, 0],
    ['GHT sud', 500_00, 500_00, 50_00],
    ['', 100_00, 0, 0],
    ['*pooled', 0, 0, 0],
  ]);
  isProblem(await as(USERS.etab).get('/api/dashboard/ghts'), 403);
});

test.run();
