// /api/windows: national planners create, edit and extend funding windows, everyone logged in
// reads them, and an establishment reads its eligibility and cap (its own scope only). The
// establishments' staff (ETP), which the caps go by, is set through /api/establishments.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { envelope, F1, F2, withKey } from '../helpers/plan.js';
import { ARS, regionalSetup } from '../helpers/regional.js';
import { USERS } from '../helpers/small.js';
import { application, DURING_APPLICATIONS, fundingWindow } from '../helpers/windows.js';

const body = (o: object = {}) => {
  const { id: _i, rev: _r, createdAt: _c, updatedAt: _u, ...w } = fundingWindow();
  return { ...w, code: 'D2', name: 'D2 Continuité et reprise', ...o };
};

const ctx = async (records: object = {}) => {
  const s = await regionalSetup({ envelopes: [envelope({ totalCents: 65_000_000_00 })], ...records });
  s.clock.set(DURING_APPLICATIONS);
  // logged in before any refusal is compared with the store (a login writes a session)
  for (const who of [USERS.planner, USERS.reviewer, USERS.etab, USERS.etab2, ARS.planner, ARS.plannerAra])
    await s.as(who).get('/api/me');
  return { ...s, planner: s.as(USERS.planner), etab: s.as(USERS.etab) };
};

test('A national planner creates, reads, lists, edits (If-Match) and deletes a window; everyone logged in reads them; each write audited', async () => {
  const { planner, etab, as } = await ctx();
  const created = await planner.post('/api/windows', body());
  assert.is(created.status, 201, JSON.stringify(created.json));
  const id = created.json.id as string;
  assert.ok(id.startsWith('win-'));
  assert.equal(
    [created.headers.get('location'), created.headers.get('etag')],
    [`/api/windows/${id}`, `"${created.json.rev}"`],
  );
  assert.equal(created.json.eligibility, {});
  for (const who of [etab, as(USERS.reviewer), as(ARS.plannerAra), as(USERS.admin)]) {
    const r = await who.get(`/api/windows/${id}`);
    assert.equal([r.status, r.json.code, r.json.phases.applicationsClose], [200, 'D2', '2024-04-19']);
  }
  assert.equal(
    (await etab.get('/api/windows?code=D2')).json.items.map((w: any) => w.id),
    [id],
  );
  isProblem(await planner.patch(`/api/windows/${id}`, { name: 'D2 bis' }), 428);
  const edited = await planner.patch(`/api/windows/${id}`, { name: 'D2 bis' }, { 'if-match': `"${created.json.rev}"` });
  assert.equal([edited.status, edited.json.name], [200, 'D2 bis']);
  assert.is((await planner.del(`/api/windows/${id}`, { 'if-match': `"${edited.json.rev}"` })).status, 204);
  const audit = (await planner.get(`/api/audit?entity=windows&id=${id}`)).json.items;
  assert.equal(audit.map((e: any) => e.action).sort(), ['create', 'delete', 'update']);
});

test('Only national planners write windows: an ARS planner, a reviewer and an establishment get 403, nothing changed', async () => {
  const { store, as } = await ctx();
  for (const who of [ARS.planner, USERS.reviewer, USERS.etab])
    await unchanged(store, async () => isProblem(await as(who).post('/api/windows', body()), 403));
});

test('Bad input: 400 on the field (share not an integer, a phase missing, an unknown field), 422 on the rule, 409 on a used code; nothing changed', async () => {
  const { planner, store } = await ctx({ windows: [fundingWindow()] });
  const objectives = body().objectives;
  const cases: Array<[object, number, string]> = [
    [body({ objectives: [{ ...objectives[0]!, shareBp: 50.5 }, ...objectives.slice(1)] }), 400, 'objectives.0.shareBp'],
    [body({ phases: { ...body().phases, ansChecksEnd: undefined } }), 400, 'phases.ansChecksEnd'],
    [body({ budget: 1 }), 400, '(corps)'],
    [body({ caps: [{ applicant: 'establishment', minStaff: 0, capCents: 0 }] }), 400, 'caps.0.capCents'],
    [body({ year: '2031' }), 400, 'year'],
    [body({ phases: { ...body().phases, instructionEnd: '2024-04-01' } }), 422, 'phases.instructionEnd'],
    [body({ objectives: objectives.slice(0, 2) }), 422, 'objectives'],
    [body({ envelopeId: 'env-x' }), 422, 'envelopeId'],
    [body({ code: 'D1' }), 409, 'code'],
  ];
  for (const [b, status, path] of cases)
    await unchanged(store, async () => isProblem(await planner.post('/api/windows', b), status, path));
});

test('Once applied to, the phases change only by an extension; a window with applications is not deleted', async () => {
  const { planner, store } = await ctx({ windows: [fundingWindow()], applications: [application('app-1')] });
  const phases = { ...fundingWindow().phases, applicationsClose: '2024-04-26' };
  await unchanged(store, async () =>
    isProblem(await planner.patch('/api/windows/win-d1', { phases }, { 'if-match': '"1"' }), 422, 'phases'),
  );
  await unchanged(store, async () => isProblem(await planner.del('/api/windows/win-d1', { 'if-match': '"1"' }), 422));
  const extended = await planner.post('/api/windows/win-d1/extend', {
    phase: 'applicationsClose',
    to: '2024-04-26',
    reason: 'Panne du portail de dépôt',
  });
  assert.is(extended.status, 200, JSON.stringify(extended.json));
  assert.is(extended.json.phases.applicationsClose, '2024-04-26');
  assert.equal(extended.json.extensions, [
    {
      phase: 'applicationsClose',
      from: '2024-04-19',
      to: '2024-04-26',
      reason: 'Panne du portail de dépôt',
      at: DURING_APPLICATIONS,
      by: USERS.planner,
    },
  ]);
  assert.is(extended.headers.get('etag'), `"${extended.json.rev}"`);
  const audit = (await planner.get('/api/audit?entity=windows&id=win-d1')).json.items;
  assert.equal(
    audit.map((e: any) => e.action),
    ['extend', 'seed'],
  );
});

test('Extension refusals: an earlier date, the order broken, no reason, an unknown phase, a stale If-Match, an ARS planner; nothing changed', async () => {
  const { planner, store, as } = await ctx({ windows: [fundingWindow()] });
  const cases: Array<[object, number, string?]> = [
    [{ phase: 'applicationsClose', to: '2024-04-10', reason: 'x' }, 422, 'to'],
    [{ phase: 'applicationsClose', to: '2024-06-01', reason: 'x' }, 422, 'to'],
    [{ phase: 'applicationsClose', to: '2024-04-26', reason: '' }, 400, 'reason'],
    [{ phase: 'closing', to: '2024-04-26', reason: 'x' }, 400, 'phase'],
  ];
  for (const [b, status, path] of cases)
    await unchanged(store, async () => isProblem(await planner.post('/api/windows/win-d1/extend', b), status, path));
  const ok = { phase: 'applicationsClose', to: '2024-04-26', reason: 'x' };
  await unchanged(store, async () =>
    isProblem(await planner.post('/api/windows/win-d1/extend', ok, { 'if-match': '"0"' }), 412),
  );
  await unchanged(store, async () => isProblem(await as(ARS.planner).post('/api/windows/win-d1/extend', ok), 403));
  isProblem(await planner.post('/api/windows/win-x/extend', ok), 404);
});

test('Eligibility: an establishment reads its own (by default) with its cap, never another one (404); an ARS account its region only', async () => {
  const { etab, as } = await ctx({ windows: [fundingWindow()] });
  const own = await etab.get('/api/windows/win-d1/eligibility');
  assert.is(own.status, 200, JSON.stringify(own.json));
  assert.equal(
    [own.json.eligible, own.json.capCents, own.json.applicant.finess, own.json.applicant.staff, own.json.reasons],
    [true, 50_000_00, F1, 0, []],
  );
  assert.is(own.json.application, null);
  isProblem(await etab.get(`/api/windows/win-d1/eligibility?finess=${F2}`), 404);
  isProblem(await etab.get('/api/windows/win-x/eligibility'), 404);
  const f2 = await as(USERS.reviewer).get(`/api/windows/win-d1/eligibility?finess=${F2}`);
  assert.equal([f2.status, f2.json.eligible, f2.json.applicant.region], [200, true, '84']);
  isProblem(await as(ARS.planner).get(`/api/windows/win-d1/eligibility?finess=${F2}`), 404);
  assert.is((await as(ARS.plannerAra).get(`/api/windows/win-d1/eligibility?finess=${F2}`)).status, 200);
  isProblem(await as(USERS.reviewer).get('/api/windows/win-d1/eligibility'), 422, 'finess');
});

test('An ineligible establishment reads why (priority, region) beside its cap band', async () => {
  const { as } = await ctx({ windows: [fundingWindow({ eligibility: { priorityOnly: true, regions: ['11'] } })] });
  const r = await as(USERS.etab2).get('/api/windows/win-d1/eligibility');
  assert.equal([r.status, r.json.eligible, r.json.capCents], [200, false, 50_000_00]);
  assert.equal(r.json.reasons, [
    'Le guichet D1 est réservé aux établissements prioritaires.',
    'Le guichet D1 est réservé aux régions Île-de-France.',
  ]);
});

test('Staff (ETP) is set on an establishment through its create and patch, cleared by null, and moves its cap band', async () => {
  const { planner, etab, store } = await ctx({ windows: [fundingWindow()] });
  const cur = (await planner.get(`/api/establishments/${F1}`)).json;
  const set = await planner.patch(`/api/establishments/${F1}`, { staff: 650.5 }, { 'if-match': `"${cur.rev}"` });
  assert.equal([set.status, set.json.staff], [200, 650.5]);
  const band = (await etab.get('/api/windows/win-d1/eligibility')).json;
  assert.equal([band.applicant.staff, band.capCents], [650.5, 120_000_00]);
  await unchanged(store, async () =>
    isProblem(
      await planner.patch(`/api/establishments/${F1}`, { staff: -1 }, { 'if-match': `"${set.json.rev}"` }),
      400,
      'staff',
    ),
  );
  const cleared = await planner.patch(
    `/api/establishments/${F1}`,
    { staff: null },
    { 'if-match': `"${set.json.rev}"` },
  );
  assert.equal([cleared.status, 'staff' in cleared.json], [200, false]);
  const created = await planner.post('/api/establishments', {
    finess: withKey('75000035'),
    name: 'Clinique du test',
    category: 'private_forprofit',
    region: '11',
    priority: false,
    staff: 42,
  });
  assert.equal([created.status, created.json.staff], [201, 42], JSON.stringify(created.json));
});

test.run();
