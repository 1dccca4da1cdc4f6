// /api/scenarios: the rules inside a scenario (envelope, years, delegation, national reserve, what
// was paid), distribution rules, the comparison and its exports, promotion (a refused stale one, a
// dry run, conflicts, the audit trail) and the scope of roles and regions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, delegation, envelope, F1, F2, F3, payment } from '../helpers/plan.js';
import { ARS, regionalSetup } from '../helpers/regional.js';
import { USERS } from '../helpers/small.js';

// env-a: 1 000,00 €, 600,00 € a year on 2024 and 2025; Île-de-France (F1) holds 120,00 € of 2024,
// so the national reserve is 480,00 € on 2024 (F2, F3) and 880,00 € in total.
// F1: proposed 100,00 € (2024); F2: approved 200,00 € (2024), 50,00 € paid.
const records = () => ({
  envelopes: [
    envelope({ totalCents: 100_000, yearlyCents: { '2024': 60_000, '2025': 60_000 } }),
    envelope({ id: 'env-b', code: 'ENV-B', totalCents: 10_000 }),
  ],
  delegations: [delegation('del-1', { amounts: { '2024': 12_000 } })],
  allocations: [
    allocation('al-1', { amounts: { '2024': 10_000 } }),
    allocation('al-2', { finess: F2, amounts: { '2024': 20_000 }, status: 'approved' }),
  ],
  payments: [payment('pay-1', 'al-2', 5_000)],
});

const start = async () => {
  const t = await regionalSetup(records());
  const planner = t.as(USERS.planner);
  const create = async (from = 'plan', envelopeIds = ['env-a'], who = planner) => {
    const r = await who.post('/api/scenarios', { name: `Depuis ${from}`, envelopeIds, from });
    assert.is(r.status, 201, JSON.stringify(r.json));
    return r.json;
  };
  const lines = async (id: string) => (await planner.get(`/api/scenarios/${id}/lines`)).json.items as any[];
  return { ...t, planner, create, lines };
};

test('A scenario copied from the plan has one line per allocation it replaces, naming it; establishments never see scenarios', async () => {
  const { as, create, lines } = await start();
  const s = await create();
  assert.equal([s.origin, s.lineCount, s.totalCents, s.stale, s.owner], ['plan', 2, 30_000, [], USERS.planner]);
  assert.equal(s.basis.allocationRevs, { 'al-1': '1', 'al-2': '1' });
  assert.equal(
    (await lines(s.id)).map((l) => [l.finess, l.amounts, l.sourceAllocationId]),
    [
      [F2, { '2024': 20_000 }, 'al-2'],
      [F1, { '2024': 10_000 }, 'al-1'],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  isProblem(await as(USERS.etab).get('/api/scenarios'), 403);
  isProblem(await as(USERS.etab).get(`/api/scenarios/compare?ids=${s.id}`), 403);
  assert.is((await as(USERS.reviewer).get(`/api/scenarios/${s.id}`)).status, 200);
  isProblem(await as(USERS.reviewer).post(`/api/scenarios/${s.id}/lines`, {}), 403);
});

test('A scenario from the plan stores only what it changes: an untouched line follows the plan, an edited one is kept, a removed one withdraws its allocation', async () => {
  const { store, planner, as, create, lines } = await start();
  const s = await create();
  // nothing stored: its two lines are the plan's allocations as they stand
  assert.equal([store.count('scenarioLines'), s.lineCount], [0, 2]);
  const al1 = store.get('allocations', 'al-1')!;
  const planEdit = await as(USERS.planner2).patch(
    '/api/allocations/al-1',
    { amounts: { '2024': 9_000 } },
    { 'if-match': `"${al1.rev}"` },
  );
  assert.is(planEdit.status, 200);
  const byF = Object.fromEntries((await lines(s.id)).map((l) => [l.finess, l]));
  assert.equal(byF[F1].amounts, { '2024': 9_000 });
  // a change to what it has not touched is taken in: not stale
  assert.equal((await planner.get(`/api/scenarios/${s.id}`)).json.stale, []);
  // an edit stores that line alone, under the id it was read with
  const base = `/api/scenarios/${s.id}/lines`;
  const edited = await planner.patch(
    `${base}/${byF[F2].id}`,
    { amounts: { '2024': 15_000 } },
    { 'if-match': `"${byF[F2].rev}"` },
  );
  assert.is(edited.status, 200, JSON.stringify(edited.json));
  assert.equal([store.count('scenarioLines'), edited.json.id], [1, byF[F2].id]);
  // a removal stores a withdrawal: the line is gone from the scenario, its allocation goes at promotion
  assert.is((await planner.del(`${base}/${byF[F1].id}`, { 'if-match': `"${byF[F1].rev}"` })).status, 204);
  assert.equal(
    (await lines(s.id)).map((l) => [l.finess, l.amounts]),
    [[F2, { '2024': 15_000 }]],
  );
  isProblem(await planner.get(`${base}/${byF[F1].id}`), 404);
  const cur = (await planner.get(`/api/scenarios/${s.id}`)).json;
  assert.equal([cur.lineCount, cur.totalCents], [1, 15_000]);
  // al-1 changed in the plan before the planner withdrew it, from what it then was: not stale
  assert.equal(cur.stale, []);
  // the list's rows leave out the basis's revisions (one per allocation of a national copy)
  const row = (await planner.get('/api/scenarios')).json.items.find((x: any) => x.id === s.id);
  assert.equal([row.lineCount, row.basis.allocationRevs], [1, undefined]);
  await planner.patch(`/api/scenarios/${s.id}`, { rebase: true }, { 'if-match': `"${cur.rev}"` });
  const dry = await planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`);
  assert.is(dry.status, 200, JSON.stringify(dry.json));
  assert.equal(
    dry.json.changes.map((c: any) => [c.op, c.allocationId, c.toCents]),
    [
      ['delete', 'al-1', 0],
      ['avenant', 'al-2', 15_000],
    ],
  );
});

test('A copy of a scenario that follows the plan is as stale as its source: its line was edited from the same rev of the allocation', async () => {
  const { store, planner, as, create, lines } = await start();
  const s = await create();
  const f1 = (await lines(s.id)).find((l) => l.finess === F1)!;
  const edited = await planner.patch(
    `/api/scenarios/${s.id}/lines/${f1.id}`,
    { amounts: { '2024': 11_000 } },
    { 'if-match': `"${f1.rev}"` },
  );
  assert.is(edited.status, 200, JSON.stringify(edited.json));
  const al1 = store.get('allocations', 'al-1')!;
  const planEdit = await as(USERS.planner2).patch(
    '/api/allocations/al-1',
    { amounts: { '2024': 9_000 } },
    { 'if-match': `"${al1.rev}"` },
  );
  assert.is(planEdit.status, 200);
  assert.equal((await planner.get(`/api/scenarios/${s.id}`)).json.stale.length, 1);
  const copy = await create(s.id);
  assert.equal(copy.stale, ['Allocation al-1 modifiée dans le plan depuis la copie.']);
});

test('Inside an empty scenario the plan’s allocations it replaces hold nothing, but what was paid stays: the reserve gives 430,00 €', async () => {
  const { store, planner, create } = await start();
  const s = await create('empty');
  const post = (amounts: object) =>
    planner.post(`/api/scenarios/${s.id}/lines`, { envelopeId: 'env-a', finess: F3, actionId: 'act-ad', amounts });
  // reserve 2024: 480,00 € less F2's 50,00 € paid (an approved allocation keeps at least that)
  const over = await unchanged(store, () => post({ '2024': 43_001 }));
  isProblem(over, 422, 'amounts.2024');
  assert.match(over.json.detail, /réserve nationale.*reste 430,00 €/);
  const ok = await post({ '2024': 43_000 });
  assert.is(ok.status, 201);
  assert.is(ok.headers.get('etag'), `"${ok.json.rev}"`);
});

test('Lines meet the envelope’s rules: the reserve, the delegation, the total, what was paid, twins, the scenario’s envelopes', async () => {
  const { store, planner, create, lines } = await start();
  const s = await create();
  const base = `/api/scenarios/${s.id}/lines`;
  const [f2, f1] = [...(await lines(s.id))].sort((a, b) => (a.finess === F2 ? -1 : b.finess === F2 ? 1 : 0));
  // the reserve on 2024: F2's 200,00 € and F3's 280,00 € fill its 480,00 €
  isProblem(
    await unchanged(store, () =>
      planner.post(base, { envelopeId: 'env-a', finess: F3, actionId: 'act-ad', amounts: { '2024': 28_001 } }),
    ),
    422,
    'amounts.2024',
  );
  const f3 = await planner.post(base, {
    envelopeId: 'env-a',
    finess: F3,
    actionId: 'act-ad',
    amounts: { '2024': 28_000 },
  });
  assert.is(f3.status, 201);
  // Île-de-France's delegation: 120,00 € on 2024
  const idf = await unchanged(store, () =>
    planner.patch(`${base}/${f1.id}`, { amounts: { '2024': 12_001 } }, { 'if-match': `"${f1.rev}"` }),
  );
  isProblem(idf, 422, 'amounts.2024');
  assert.match(idf.json.detail, /délégation Île-de-France/);
  // the reserve in total: 880,00 € − 480,00 € on 2024 leaves 400,00 €
  isProblem(
    await planner.post(base, { envelopeId: 'env-a', finess: F3, actionId: 'act-exe', amounts: { '2025': 40_001 } }),
    422,
    'amounts',
  );
  // F2 has 50,00 € paid: its line goes no lower
  const paid = await planner.patch(`${base}/${f2.id}`, { amounts: { '2024': 4_999 } }, { 'if-match': `"${f2.rev}"` });
  isProblem(paid, 422, 'amounts');
  assert.match(paid.json.detail, /50,00 €/);
  // nor does a line copied from the plan change beneficiary
  isProblem(await planner.patch(`${base}/${f2.id}`, { finess: F3 }, { 'if-match': `"${f2.rev}"` }), 422, 'finess');
  isProblem(
    await planner.post(base, { envelopeId: 'env-a', finess: F3, actionId: 'act-ad', amounts: { '2024': 1 } }),
    409,
    'actionId',
  );
  isProblem(
    await planner.post(base, { envelopeId: 'env-b', finess: F3, actionId: 'act-ad', amounts: { '2024': 1 } }),
    422,
    'envelopeId',
  );
  isProblem(await planner.patch(`${base}/${f2.id}`, { amounts: { '2024': 6_000 } }), 428);
  isProblem(await planner.patch(`${base}/${f2.id}`, { amounts: { '2024': 6_000 } }, { 'if-match': '"x"' }), 412);
  const down = await planner.patch(`${base}/${f2.id}`, { amounts: { '2024': 6_000 } }, { 'if-match': `"${f2.rev}"` });
  assert.is(down.status, 200);
  assert.is((await planner.del(`${base}/${f3.json.id}`, { 'if-match': `"${f3.json.rev}"` })).status, 204);
  assert.is((await lines(s.id)).length, 2);
});

test('Distribution: a preview writes nothing; the rule writes exact shares; more than the reserve, a negative weight, nobody eligible: 422, nothing changed', async () => {
  const { store, planner, create, lines } = await start();
  const s = await create('empty');
  const url = `/api/scenarios/${s.id}/distribute`;
  const body = {
    rule: 'equal',
    envelopeId: 'env-a',
    actionId: 'act-exe',
    year: '2025',
    eligibility: { regions: ['84', '94'] },
    totalCents: 1_001,
  };
  const preview = await unchanged(store, () => planner.post(`${url}?preview=1`, body));
  assert.is(preview.status, 200, JSON.stringify(preview.json));
  assert.equal(
    [preview.json.preview, preview.json.count, preview.json.totalCents, preview.json.remainderCents],
    [true, 2, 1_001, 1],
  );
  assert.match(preview.json.remainderRule, /FINESS/);
  // FINESS order: F3 (2A…) before F2 (69…): the remainder cent goes to F3
  assert.equal(
    preview.json.shares.items.map((x: any) => [x.finess, x.shareCents]),
    [
      [F3, 501],
      [F2, 500],
    ],
  );
  const done = await planner.post(url, body);
  assert.is(done.status, 200);
  assert.equal(
    (await lines(s.id)).map((l) => [l.finess, l.actionId, l.amounts]),
    [
      [F3, 'act-exe', { '2025': 501 }],
      [F2, 'act-exe', { '2025': 500 }],
    ],
  );
  // again with another total: the same lines take the new year amounts (no twin)
  assert.is((await planner.post(url, { ...body, totalCents: 2_000 })).status, 200);
  assert.equal(
    (await lines(s.id)).map((l) => l.amounts['2025']),
    [1_000, 1_000],
  );
  // 2025's reserve is 600,00 €
  const over = await unchanged(store, () => planner.post(url, { ...body, totalCents: 120_001 }));
  isProblem(over, 422, 'totalCents');
  isProblem(
    await unchanged(store, () =>
      planner.post(url, { ...body, rule: 'region_weights', totalCents: 100, weights: { '84': -1, '94': 1 } }),
    ),
    422,
    'weights.84',
  );
  isProblem(
    await unchanged(store, () => planner.post(url, { ...body, eligibility: { regions: ['52'] } })),
    422,
    'eligibility',
  );
  isProblem(await planner.post(url, { ...body, year: '2031' }), 400, 'year');
});

test('Compare: the plan and scenarios side by side, in JSON, CSV and XLSX; more than three, or an unknown one, refused', async () => {
  const { planner, as, create } = await start();
  const a = await create();
  const b = await create('empty');
  const r = await as(USERS.reviewer).get(`/api/scenarios/compare?ids=${a.id},${b.id}`);
  assert.is(r.status, 200, JSON.stringify(r.json));
  assert.equal(
    r.json.columns.map((c: any) => c.key),
    ['plan', a.id, b.id],
  );
  // b replaces everything with nothing, but F2's 50,00 € paid stay
  assert.equal(r.json.totalCents, [30_000, 30_000, 5_000]);
  assert.equal(r.json.byEnvelope[0].remainingCents, [70_000, 70_000, 95_000]);
  const csv = await planner.get(`/api/scenarios/compare?ids=${a.id},${b.id}&format=csv`);
  assert.is(csv.status, 200);
  assert.match(csv.headers.get('content-type')!, /text\/csv/);
  assert.match(String(csv.json), /Plan actuel \(€\)/);
  assert.match(String(csv.json), new RegExp(`Bénéficiaire;${F1};[^\\n]*;100,00;100,00;0,00`));
  const xlsx = await planner.get(`/api/scenarios/compare?ids=${a.id}&format=xlsx`);
  assert.is(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type')!, /spreadsheetml/);
  isProblem(await planner.get(`/api/scenarios/compare?ids=${a.id},${a.id},${b.id},${b.id}`), 400, 'ids');
  isProblem(await planner.get('/api/scenarios/compare?ids=sc-nope'), 404);
  isProblem(await planner.get('/api/scenarios/compare'), 400);
});

test('Promotion: refused as stale (409, the allocation named, nothing changed) until re-based; a dry run writes nothing; then one batch, audited change by change', async () => {
  const { store, planner, as, create, lines } = await start();
  const s = await create();
  const base = `/api/scenarios/${s.id}/lines`;
  const byF = Object.fromEntries((await lines(s.id)).map((l) => [l.finess, l]));
  const edit = (f: string, amounts: object) =>
    planner.patch(`${base}/${byF[f].id}`, { amounts }, { 'if-match': `"${byF[f].rev}"` });
  assert.is((await edit(F1, { '2024': 12_000 })).status, 200);
  assert.is((await edit(F2, { '2024': 15_000 })).status, 200);
  assert.is(
    (await planner.post(base, { envelopeId: 'env-a', finess: F3, actionId: 'act-ad', amounts: { '2024': 28_000 } }))
      .status,
    201,
  );
  // meanwhile someone edits F1's allocation in the plan
  const al1 = store.get('allocations', 'al-1')!;
  assert.is(
    (
      await as(USERS.planner2).patch(
        '/api/allocations/al-1',
        { amounts: { '2024': 9_000 } },
        { 'if-match': `"${al1.rev}"` },
      )
    ).status,
    200,
  );
  const stale = await unchanged(store, () => planner.post(`/api/scenarios/${s.id}/promote`));
  isProblem(stale, 409, 'allocations.al-1');
  isProblem(await unchanged(store, () => planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`)), 409);
  // the planner compares again and takes the plan as it is as the basis
  const cur = (await planner.get(`/api/scenarios/${s.id}`)).json;
  assert.equal(cur.stale.length, 1);
  const rebased = await planner.patch(`/api/scenarios/${s.id}`, { rebase: true }, { 'if-match': `"${cur.rev}"` });
  assert.is(rebased.status, 200);
  assert.equal(rebased.json.stale, []);
  const dry = await unchanged(store, () => planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`));
  assert.is(dry.status, 200, JSON.stringify(dry.json));
  assert.equal(dry.json.conflicts, []);
  assert.equal(
    dry.json.changes.map((c: any) => [c.op, c.finess, c.fromCents, c.toCents]),
    [
      ['avenant', F2, 20_000, 15_000],
      ['edit', F1, 9_000, 12_000],
      ['create', F3, 0, 28_000],
    ],
  );
  const seqBefore = (await store.auditEvents()).length;
  const done = await planner.post(`/api/scenarios/${s.id}/promote`);
  assert.is(done.status, 200, JSON.stringify(done.json));
  assert.equal(store.get('allocations', 'al-1')!.amounts, { '2024': 12_000 });
  assert.equal(store.get('allocations', 'al-2')!.revision?.amounts, { '2024': 15_000 });
  const created = store.get('allocations', done.json.changes[2].allocationId)!;
  assert.equal([created.finess, created.status, created.amounts], [F3, 'proposed', { '2024': 28_000 }]);
  const events = (await store.auditEvents()).slice(seqBefore);
  assert.equal(
    events.map((e) => [e.entity, e.action]).filter(([k]) => k === 'allocations'),
    [
      ['allocations', 'promote-avenant'],
      ['allocations', 'promote-edit'],
      ['allocations', 'promote-create'],
    ],
  );
  assert.ok(events.some((e) => e.entity === 'scenarios' && e.action === 'promote'));
  // the scenario now stands for the plan: promoted, up to date, its new line naming the allocation
  const after = (await planner.get(`/api/scenarios/${s.id}`)).json;
  assert.equal([after.promotedBy, after.stale], [USERS.planner, []]);
  assert.ok((await lines(s.id)).every((l) => l.sourceAllocationId));
  assert.equal((await planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`)).json.changes, []);
});

test('Promotion: an avenant that lowers holds its approved amounts until approved, so the increase it would pay for conflicts: 422 with the list, nothing changed', async () => {
  const { store, planner, create, lines } = await start();
  const s = await create();
  const f2 = (await lines(s.id)).find((l) => l.finess === F2)!;
  const base = `/api/scenarios/${s.id}/lines`;
  assert.is(
    (await planner.patch(`${base}/${f2.id}`, { amounts: { '2024': 5_000 } }, { 'if-match': `"${f2.rev}"` })).status,
    200,
  );
  // inside the scenario the reserve has room: 50,00 € + 430,00 €
  const f3 = await planner.post(base, {
    envelopeId: 'env-a',
    finess: F3,
    actionId: 'act-ad',
    amounts: { '2024': 43_000 },
  });
  assert.is(f3.status, 201);
  const dry = await unchanged(store, () => planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`));
  assert.is(dry.status, 200);
  assert.equal(
    dry.json.conflicts.map((c: any) => c.path),
    [`lines.${f3.json.id}`],
  );
  assert.match(dry.json.conflicts[0].message, /réserve nationale/);
  const refused = await unchanged(store, () => planner.post(`/api/scenarios/${s.id}/promote`));
  isProblem(refused, 422, `lines.${f3.json.id}`);
});

test('Promotion cannot withdraw an approved allocation with nothing paid: a conflict saying how (its approval withdrawn first); once unapproved, the promotion deletes it', async () => {
  const { store, planner, as, create } = await start();
  const al1 = store.get('allocations', 'al-1')!;
  const approved = await as(USERS.reviewer).post('/api/allocations/al-1/approve', undefined, {
    'if-match': `"${al1.rev}"`,
  });
  assert.is(approved.status, 200, JSON.stringify(approved.json));
  const s = await create('empty');
  const dry = await unchanged(store, () => planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`));
  assert.is(dry.status, 200, JSON.stringify(dry.json));
  assert.equal(
    dry.json.conflicts.map((c: any) => c.path),
    ['allocations.al-1'],
  );
  assert.match(dry.json.conflicts[0].message, /Retirer l'approbation/);
  isProblem(await unchanged(store, () => planner.post(`/api/scenarios/${s.id}/promote`)), 422, 'allocations.al-1');
  // the reviewer withdraws the approval; the scenario, re-based, then withdraws the proposal
  const cur = store.get('allocations', 'al-1')!;
  const unapproved = await as(USERS.reviewer).post(
    '/api/allocations/al-1/unapprove',
    { reason: 'Retenu dans un autre scénario' },
    { 'if-match': `"${cur.rev}"` },
  );
  assert.is(unapproved.status, 200, JSON.stringify(unapproved.json));
  const sc = (await planner.get(`/api/scenarios/${s.id}`)).json;
  await planner.patch(`/api/scenarios/${s.id}`, { rebase: true }, { 'if-match': `"${sc.rev}"` });
  const done = await planner.post(`/api/scenarios/${s.id}/promote`);
  assert.is(done.status, 200, JSON.stringify(done.json));
  assert.is(store.get('allocations', 'al-1'), undefined);
});

test('Promotion of an empty scenario withdraws: the proposal deleted, the approved allocation lowered by an avenant to what was paid', async () => {
  const { store, planner, create } = await start();
  const s = await create('empty');
  const r = await planner.post(`/api/scenarios/${s.id}/promote`);
  assert.is(r.status, 200, JSON.stringify(r.json));
  assert.equal(
    r.json.changes.map((c: any) => [c.op, c.allocationId, c.toCents]),
    [
      // withdrawals in FINESS order: F2 (69…) before F1 (75…)
      ['lower', 'al-2', 5_000],
      ['delete', 'al-1', 0],
    ],
  );
  assert.is(store.get('allocations', 'al-1'), undefined);
  assert.equal(store.get('allocations', 'al-2')!.revision?.amounts, { '2024': 5_000 });
});

test('An empty scenario’s line on a plan allocation’s envelope, beneficiary and action stands for it: inside the scenario, in the comparison and at promotion, one avenant to 150,00 €, not a withdrawal and a twin', async () => {
  const { store, planner, create, lines } = await start();
  const s = await create('empty');
  const base = `/api/scenarios/${s.id}/lines`;
  // Given F2's line for env-a / act-ad, written by hand (no sourceAllocationId), where the plan has al-2
  const f2 = await planner.post(base, {
    envelopeId: 'env-a',
    finess: F2,
    actionId: 'act-ad',
    amounts: { '2024': 15_000 },
  });
  assert.is(f2.status, 201, JSON.stringify(f2.json));
  assert.is(f2.json.sourceAllocationId, undefined);
  // Then it replaces al-2 inside the scenario: the reserve's 480,00 € less 150,00 € (not 50,00 € paid + 150,00 €)
  const over = await unchanged(store, () =>
    planner.post(base, { envelopeId: 'env-a', finess: F3, actionId: 'act-ad', amounts: { '2024': 33_001 } }),
  );
  isProblem(over, 422, 'amounts.2024');
  assert.match(over.json.detail, /reste 330,00 €/);
  // and in the comparison: F2 goes from 200,00 € to 150,00 €, F1's proposal is withdrawn
  const cmp = (await planner.get(`/api/scenarios/compare?ids=${s.id}`)).json;
  assert.equal(cmp.totalCents, [30_000, 15_000]);
  assert.equal(
    cmp.beneficiaries.items.map((b: any) => [b.finess, b.planCents, b.cents]),
    [
      [F1, 10_000, [0]],
      [F2, 20_000, [15_000]],
    ],
  );
  assert.equal(cmp.movers, [{ gainers: 0, gainedCents: 0, losers: 2, lostCents: 15_000 }]);
  // When it is promoted: al-1 deleted, one avenant on al-2 to 150,00 €, nothing created, no conflict
  const dry = await unchanged(store, () => planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`));
  assert.is(dry.status, 200, JSON.stringify(dry.json));
  assert.equal(dry.json.conflicts, []);
  assert.equal(
    dry.json.changes.map((c: any) => [c.op, c.allocationId, c.lineId ?? null, c.fromCents, c.toCents]),
    [
      ['delete', 'al-1', null, 10_000, 0],
      ['avenant', 'al-2', f2.json.id, 20_000, 15_000],
    ],
  );
  const seqBefore = (await store.auditEvents()).length;
  const done = await planner.post(`/api/scenarios/${s.id}/promote`);
  assert.is(done.status, 200, JSON.stringify(done.json));
  assert.equal(
    (await store.auditEvents())
      .slice(seqBefore)
      .filter((e) => e.entity === 'allocations')
      .map((e) => [e.action, e.id]),
    [
      ['promote-delete', 'al-1'],
      ['promote-avenant', 'al-2'],
    ],
  );
  const al2 = store.get('allocations', 'al-2')!;
  assert.equal([al2.amounts, al2.revision?.amounts], [{ '2024': 20_000 }, { '2024': 15_000 }]);
  assert.equal(store.count('allocations'), 1);
  // Then the line names the allocation it became, and the scenario has nothing left to promote
  assert.equal(
    (await lines(s.id)).map((l) => [l.id, l.sourceAllocationId]),
    [[f2.json.id, 'al-2']],
  );
  assert.equal((await planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`)).json.changes, []);
});

test('A distribution into an empty scenario on a paid allocation’s action: the share stands for it, never below the 50,00 € paid, and promotes as one avenant', async () => {
  const { store, planner, create } = await start();
  const s = await create('empty');
  const url = `/api/scenarios/${s.id}/distribute`;
  // Auvergne-Rhône-Alpes: F2 alone
  const body = {
    rule: 'equal',
    envelopeId: 'env-a',
    actionId: 'act-ad',
    year: '2024',
    eligibility: { regions: ['84'] },
    totalCents: 3_000,
  };
  const low = await unchanged(store, () => planner.post(url, body));
  isProblem(low, 422, 'totalCents');
  assert.match(low.json.detail, /al-2.*50,00 €/);
  const done = await planner.post(url, { ...body, totalCents: 15_000 });
  assert.is(done.status, 200, JSON.stringify(done.json));
  const dry = await planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`);
  assert.equal(
    [dry.json.conflicts, dry.json.changes.map((c: any) => [c.op, c.allocationId, c.toCents])],
    [
      [],
      [
        ['delete', 'al-1', 0],
        ['avenant', 'al-2', 15_000],
      ],
    ],
  );
});

test('In a scenario from the plan, a line added by hand for an allocation it withdrew stands for it: one avenant, and the withdrawal goes at promotion', async () => {
  const { store, planner, create, lines } = await start();
  const s = await create();
  const base = `/api/scenarios/${s.id}/lines`;
  const f2 = (await lines(s.id)).find((l) => l.finess === F2)!;
  assert.is((await planner.del(`${base}/${f2.id}`, { 'if-match': `"${f2.rev}"` })).status, 204);
  const again = await planner.post(base, {
    envelopeId: 'env-a',
    finess: F2,
    actionId: 'act-ad',
    amounts: { '2024': 15_000 },
  });
  assert.is(again.status, 201, JSON.stringify(again.json));
  const dry = await planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`);
  assert.equal(
    [dry.json.conflicts, dry.json.changes.map((c: any) => [c.op, c.allocationId, c.toCents])],
    [[], [['avenant', 'al-2', 15_000]]],
  );
  assert.is((await planner.post(`/api/scenarios/${s.id}/promote`)).status, 200);
  assert.equal(store.get('allocations', 'al-2')!.revision?.amounts, { '2024': 15_000 });
  // the withdrawal is gone: the line names al-2, and the scenario stores that line alone
  assert.equal(
    [...store.all('scenarioLines')].map((l) => [l.id, l.sourceAllocationId, l.amounts]),
    [[again.json.id, 'al-2', { '2024': 15_000 }]],
  );
  assert.equal((await planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`)).json.changes, []);
});

test('An empty scenario’s line standing for a paid allocation goes no lower than what was paid: 30,00 € refused (50,00 € paid); paid past the line since, its promotion conflicts, naming what was paid', async () => {
  const { store, planner, as, create } = await start();
  const s = await create('empty');
  const post = (amounts: object) =>
    planner.post(`/api/scenarios/${s.id}/lines`, { envelopeId: 'env-a', finess: F2, actionId: 'act-ad', amounts });
  const low = await unchanged(store, () => post({ '2024': 3_000 }));
  isProblem(low, 422, 'amounts');
  assert.match(low.json.detail, /al-2.*50,00 €/);
  const line = await post({ '2024': 6_000 });
  assert.is(line.status, 201, JSON.stringify(line.json));
  // Given 20,00 € more paid on al-2 since: 70,00 €, above the line's 60,00 €
  const paid = await as(USERS.reviewer).post('/api/payments', {
    allocationId: 'al-2',
    amountCents: 2_000,
    paidOn: '2024-06-01',
  });
  assert.is(paid.status, 201, JSON.stringify(paid.json));
  const cur = (await planner.get(`/api/scenarios/${s.id}`)).json;
  if (cur.stale.length)
    assert.is(
      (await planner.patch(`/api/scenarios/${s.id}`, { rebase: true }, { 'if-match': `"${cur.rev}"` })).status,
      200,
    );
  // When promoted: the avenant it makes would go below what was paid, so the whole promotion is refused
  const dry = await unchanged(store, () => planner.post(`/api/scenarios/${s.id}/promote?dryRun=1`));
  assert.is(dry.status, 200, JSON.stringify(dry.json));
  assert.equal(
    dry.json.conflicts.map((c: any) => c.path),
    [`lines.${line.json.id}`],
  );
  assert.match(dry.json.conflicts[0].message, /70,00 €/);
  const refused = await unchanged(store, () => planner.post(`/api/scenarios/${s.id}/promote`));
  isProblem(refused, 422, `lines.${line.json.id}`);
});

test('Regional scope: an ARS planner’s scenario is its region’s; other regions’ scenarios and beneficiaries are out of its reach', async () => {
  const { as, create } = await start();
  const idf = as(ARS.planner);
  const s = await create('plan', ['env-a'], idf);
  assert.is(s.region, '11');
  // it replaces Île-de-France's allocations only
  assert.equal([s.lineCount, Object.keys(s.basis.allocationRevs)], [1, ['al-1']]);
  isProblem(
    await idf.post(`/api/scenarios/${s.id}/lines`, {
      envelopeId: 'env-a',
      finess: F2,
      actionId: 'act-exe',
      amounts: { '2024': 100 },
    }),
    422,
    'finess',
  );
  // a distribution rule reaches the region's beneficiaries only
  const d = await idf.post(`/api/scenarios/${s.id}/distribute?preview=1`, {
    rule: 'equal',
    envelopeId: 'env-a',
    actionId: 'act-exe',
    year: '2024',
    totalCents: 300,
  });
  assert.is(d.status, 200, JSON.stringify(d.json));
  assert.ok(d.json.shares.items.every((x: any) => x.region === '11'));
  const ara = as(ARS.plannerAra);
  isProblem(await ara.get(`/api/scenarios/${s.id}`), 404);
  isProblem(await ara.get(`/api/scenarios/compare?ids=${s.id}`), 404);
  assert.equal((await ara.get('/api/scenarios')).json.total, 0);
  const national = await create();
  isProblem(await idf.get(`/api/scenarios/compare?ids=${national.id}`), 404);
  const cmp = await as(ARS.reviewer).get(`/api/scenarios/compare?ids=${s.id}`);
  assert.is(cmp.status, 200);
  assert.equal([cmp.json.region, cmp.json.byRegion.map((r: any) => r.key)], ['11', ['11']]);
  // the national planners see every scenario
  assert.equal((await as(USERS.planner).get('/api/scenarios')).json.total, 2);
});

test('A scenario is deleted with its lines (If-Match)', async () => {
  const { store, planner, create } = await start();
  const s = await create();
  isProblem(await planner.del(`/api/scenarios/${s.id}`), 428);
  assert.is((await planner.del(`/api/scenarios/${s.id}`, { 'if-match': `"${s.rev}"` })).status, 204);
  assert.is(store.count('scenarioLines'), 0);
  isProblem(await planner.get(`/api/scenarios/${s.id}`), 404);
});

test.run();
