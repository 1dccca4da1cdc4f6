// Applications through the API: an establishment applies (draft, edit with If-Match, submit,
// withdraw), the ARS of its region or a national planner grants (the approved allocation and its
// tranches in the same transaction) or refuses; reads and lists are scoped; every refusal
// changes nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, basics, delegation, envelope, F1, F2, ght, withKey } from '../helpers/plan.js';
import { ARS, regionalSetup } from '../helpers/regional.js';
import { USERS } from '../helpers/small.js';
import { application, DURING_APPLICATIONS, DURING_INSTRUCTION, fundingWindow } from '../helpers/windows.js';

const M1 = withKey('92000101'); // a member of the GHT F1 supports
const LOGGED_IN = [USERS.planner, USERS.reviewer, USERS.etab, USERS.etab2, USERS.ej, ARS.planner, ARS.plannerAra];

const ctx = async (records: object = {}) => {
  const s = await regionalSetup({
    envelopes: [envelope({ totalCents: 1_000_000_00 })],
    establishments: [
      ...basics().establishments.map((e) => (e.finess === F1 ? { ...e, ght: 'GHT Sud' } : e)),
      { ...basics().establishments[0]!, id: M1, finess: M1, ght: 'GHT Sud', name: 'Membre 1' },
    ],
    ghts: [ght('ght-sud', { code: 'GHT Sud', name: 'GHT Sud', supportFiness: F1 })],
    windows: [fundingWindow()],
    ...records,
  });
  s.clock.set(DURING_APPLICATIONS);
  // logged in before any refusal is compared with the store (a login writes a session)
  for (const who of LOGGED_IN) await s.as(who).get('/api/me');
  return { ...s, etab: s.as(USERS.etab), ars: s.as(ARS.planner), planner: s.as(USERS.planner) };
};
const draft = (o: object = {}) => ({
  finess: F1,
  objectives: ['D1-AD-1', 'D1-AD-2', 'D1-EX-1'],
  requestedCents: 40_000_00,
  ...o,
});

test('Apply, edit, submit, then the region’s ARS grants: the approved allocation with its tranches, both audited; the establishment reads them', async () => {
  const { etab, ars, clock, as, login } = await ctx();
  const created = await etab.post('/api/windows/win-d1/applications', draft());
  assert.is(created.status, 201, JSON.stringify(created.json));
  const id = created.json.id as string;
  assert.equal(
    [created.json.state, created.json.region, created.headers.get('location')],
    ['draft', '11', `/api/applications/${id}`],
  );
  isProblem(await etab.patch(`/api/applications/${id}`, { requestedCents: 45_000_00 }), 428);
  isProblem(await etab.patch(`/api/applications/${id}`, { requestedCents: 45_000_00 }, { 'if-match': '"0"' }), 412);
  const edited = await etab.patch(
    `/api/applications/${id}`,
    { requestedCents: 45_000_00 },
    { 'if-match': created.headers.get('etag')! },
  );
  assert.equal([edited.status, edited.json.requestedCents], [200, 45_000_00]);
  const submitted = await etab.post(`/api/applications/${id}/submit`);
  assert.equal([submitted.status, submitted.json.state, submitted.json.submittedBy], [200, 'submitted', USERS.etab]);
  clock.set(DURING_INSTRUCTION);
  for (const who of LOGGED_IN) await login(who); // a month later: new sessions
  isProblem(await ars.post(`/api/applications/${id}/grant`, { amountCents: 40_000_01 }), 428);
  const granted = await ars.post(
    `/api/applications/${id}/grant`,
    { amountCents: 40_000_01 },
    { 'if-match': submitted.headers.get('etag')! },
  );
  assert.is(granted.status, 200, JSON.stringify(granted.json));
  assert.equal(
    [granted.json.state, granted.json.grantedCents, granted.json.grantedBy],
    ['granted', 40_000_01, ARS.planner],
  );
  const al = (await ars.get(`/api/allocations/${granted.json.allocationId}`)).json;
  assert.equal(
    [al.status, al.amounts, al.applicationId, al.approvedBy, al.finess],
    ['approved', { '2024': 40_000_01 }, id, ARS.planner, F1],
  );
  assert.equal(
    al.tranches.map((t: any) => [t.code, t.amountCents]),
    [
      ['D1-AD-1', 20_000_00],
      ['D1-AD-2', 12_000_00],
      ['D1-EX-1', 8_000_01],
    ],
  );
  const audit = (await ars.get(`/api/audit?entity=applications&id=${id}`)).json.items.map((e: any) => e.action);
  assert.equal(audit, ['grant', 'submit', 'update', 'create']);
  assert.equal(
    (await ars.get(`/api/audit?entity=allocations&id=${al.id}`)).json.items.map((e: any) => e.action),
    ['grant'],
  );
  // the applicant reads its application (not who granted it) and its allocation
  const mine = await etab.get(`/api/applications/${id}`);
  assert.equal([mine.status, mine.json.state, 'grantedBy' in mine.json], [200, 'granted', false]);
  assert.is((await etab.get(`/api/allocations/${al.id}`)).json.tranches.length, 3);
  assert.is((await as(USERS.reviewer).get(`/api/applications/${id}`)).json.grantedBy, ARS.planner);
});

test('Refusals change nothing: ineligible, twice for the window, above the cap (in euros), out of phase (its dates), another’s FINESS, a role that may not apply', async () => {
  const { etab, store, clock, as, planner, login } = await ctx({
    applications: [application('app-0', { finess: withKey('75000020'), state: 'draft' })],
  });
  const refused = async (res: Promise<any>, status: number, includes?: string, path?: string) =>
    unchanged(store, async () => {
      const r = await res;
      isProblem(r, status, path);
      if (includes) assert.ok(r.json.detail.includes(includes), r.json.detail);
    });
  await refused(
    etab.post('/api/windows/win-d1/applications', draft({ requestedCents: 50_000_01 })),
    422,
    'plafond de ce candidat : 50 000,00 €',
    'requestedCents',
  );
  await refused(
    etab.post('/api/windows/win-d1/applications', draft({ objectives: ['D9'] })),
    422,
    '« D9 » inconnu',
    'objectives',
  );
  await refused(etab.post('/api/windows/win-d1/applications', draft({ finess: F2 })), 404);
  await refused(etab.post('/api/windows/win-x/applications', draft()), 404);
  await refused(
    etab.post('/api/windows/win-d1/applications', draft({ requestedCents: -1 })),
    400,
    undefined,
    'requestedCents',
  );
  await refused(planner.post('/api/windows/win-d1/applications', draft()), 403);
  // EJ's account: its draft counts EJ and its site
  await refused(
    as(USERS.ej).post('/api/windows/win-d1/applications', draft({ finess: withKey('75000021') })),
    422,
    'Déjà candidat au guichet D1',
    'finess',
  );
  const first = await etab.post('/api/windows/win-d1/applications', draft());
  assert.is(first.status, 201);
  await refused(
    etab.post('/api/windows/win-d1/applications', draft()),
    422,
    `Déjà candidat au guichet D1 : candidature ${first.json.id} (brouillon)`,
  );
  // F2 is no priority establishment
  const priority = await ctx({ windows: [fundingWindow({ eligibility: { priorityOnly: true } })] });
  await unchanged(priority.store, async () => {
    const r = await priority.as(USERS.etab2).post('/api/windows/win-d1/applications', draft({ finess: F2 }));
    isProblem(r, 422, 'finess');
    assert.match(r.json.detail, 'réservé aux établissements prioritaires');
  });
  clock.set('2024-04-20T10:00:00.000Z');
  for (const who of LOGGED_IN) await login(who); // the next day: new sessions
  await refused(
    etab.post(`/api/applications/${first.json.id}/submit`),
    422,
    'Candidatures du 18/03/2024 au 19/04/2024',
    'windowId',
  );
  await refused(
    as(USERS.etab2).post('/api/windows/win-d1/applications', draft({ finess: F2 })),
    422,
    'Candidatures du 18/03/2024 au 19/04/2024',
  );
});

test('Grant refusals change nothing: an ARS of another region (404), an establishment (403), above the cap, above what remains (the allocation rules’ message), not submitted, stale', async () => {
  const submitted = application('app-1', { requestedCents: 40_000_00 });
  const { store, as, ars, etab } = await ctx({
    envelopes: [envelope({ totalCents: 1_000_000_00 })],
    delegations: [delegation('del-idf', { amounts: { '2024': 30_000_00 } })],
    allocations: [allocation('al-0', { finess: withKey('75000021'), amounts: { '2024': 10_000_00 } })],
    applications: [submitted, application('app-2', { finess: F2, region: '84', state: 'draft' })],
  });
  const s = (await as(USERS.planner).get('/api/applications/app-1')).json;
  const grant = (who: ReturnType<typeof as>, amountCents: number, id = 'app-1', rev = s.rev) =>
    who.post(`/api/applications/${id}/grant`, { amountCents }, { 'if-match': `"${rev}"` });
  const refused = async (res: Promise<any>, status: number, includes?: string) =>
    unchanged(store, async () => {
      const r = await res;
      isProblem(r, status);
      if (includes) assert.ok(r.json.detail.includes(includes), r.json.detail);
    });
  await refused(grant(as(ARS.plannerAra), 1_000_00), 404);
  await refused(as(ARS.plannerAra).post('/api/applications/app-1/refuse', { reason: 'Non' }), 404);
  await refused(grant(etab, 1_000_00), 403);
  await refused(grant(as(USERS.reviewer), 1_000_00), 403);
  await refused(grant(ars, 50_000_01), 422, 'plafond de ce candidat : 50 000,00 €');
  // Île-de-France holds 30 000,00 € for 2024, 10 000,00 € of it allocated already
  await refused(grant(ars, 20_000_01), 422, 'reste 20 000,00 € sur la délégation Île-de-France 2024');
  await refused(grant(ars, 1_000_00, 'app-1', 'old'), 412);
  const draftRev = (await as(USERS.planner).get('/api/applications/app-2')).json.rev;
  await refused(grant(as(ARS.plannerAra), 1_000_00, 'app-2', draftRev), 422, 'candidature brouillon');
  const ok = await grant(as(USERS.planner), 20_000_00);
  assert.equal([ok.status, ok.json.state], [200, 'granted'], JSON.stringify(ok.json));
  await refused(grant(ars, 1_000_00, 'app-1', ok.json.rev), 422, 'candidature accordée');
});

test('Refuse (a reason), withdraw (the applicant), and apply again after either; nothing changed on a refused step', async () => {
  const { etab, ars, store, clock, as } = await ctx({ applications: [application('app-1')] });
  await unchanged(store, async () =>
    isProblem(await ars.post('/api/applications/app-1/refuse', { reason: '' }), 400, 'reason'),
  );
  await unchanged(store, async () => isProblem(await as(USERS.etab2).post('/api/applications/app-1/withdraw'), 404));
  await unchanged(store, async () => isProblem(await ars.post('/api/applications/app-1/withdraw'), 403));
  const refused = await ars.post('/api/applications/app-1/refuse', { reason: 'Objectifs hors du périmètre du SI' });
  assert.equal(
    [refused.status, refused.json.state, refused.json.refusalReason],
    [200, 'refused', 'Objectifs hors du périmètre du SI'],
  );
  const seen = await etab.get('/api/applications/app-1');
  assert.equal([seen.json.refusalReason, 'refusedBy' in seen.json], ['Objectifs hors du périmètre du SI', false]);
  const again = await etab.post('/api/windows/win-d1/applications', draft());
  assert.is(again.status, 201, JSON.stringify(again.json));
  const withdrawn = await etab.post(`/api/applications/${again.json.id}/withdraw`);
  assert.equal([withdrawn.status, withdrawn.json.state, withdrawn.json.withdrawnBy], [200, 'withdrawn', USERS.etab]);
  await unchanged(store, async () =>
    isProblem(await etab.post(`/api/applications/${again.json.id}/withdraw`), 422, 'state'),
  );
  clock.set(DURING_APPLICATIONS);
  assert.is((await etab.post('/api/windows/win-d1/applications', draft())).status, 201);
});

test('A GHT applies through its support establishment (ghtCode); its member then cannot apply alone', async () => {
  const { etab, store, as } = await ctx();
  const g = await etab.post(
    '/api/windows/win-d1/applications',
    draft({ ghtCode: 'GHT Sud', requestedCents: 300_000_00 }),
  );
  assert.is(g.status, 201, JSON.stringify(g.json));
  assert.equal([g.json.ghtCode, g.json.finess], ['GHT Sud', F1]);
  const elig = await etab.get(`/api/windows/win-d1/eligibility?ghtCode=${encodeURIComponent('GHT Sud')}`);
  assert.equal(
    [elig.json.applicant.kind, elig.json.capCents, elig.json.application],
    ['ght', 300_000_00, { id: g.json.id, state: 'draft' }],
  );
  // the support's account applies for its member: refused, the GHT's application counts it
  await unchanged(store, async () => {
    const r = await etab.post('/api/windows/win-d1/applications', draft({ finess: M1 }));
    isProblem(r, 422, 'finess');
    assert.match(r.json.detail, 'le dossier du GHT « GHT Sud »');
  });
  // a member's own account may not file its GHT's application (the support does)
  await unchanged(store, async () =>
    isProblem(
      await as(USERS.etab2).post('/api/windows/win-d1/applications', draft({ finess: F2, ghtCode: 'GHT Sud' })),
      422,
      'ghtCode',
    ),
  );
});

test('A GHT support’s account learns the GHTs it applies for from /api/me and /api/session; a member’s and staff’s none', async () => {
  const { etab, as, planner } = await ctx();
  // Given F1 supports « GHT Sud » (M1 is a member, F2 is not)
  const mine = [{ code: 'GHT Sud', name: 'GHT Sud' }];
  // When each account asks who it is, Then only the support's names its GHT
  assert.equal((await etab.get('/api/me')).json.ghts, mine);
  assert.equal((await etab.get('/api/session')).json.ghts, mine);
  assert.is((await as(USERS.etab2).get('/api/me')).json.ghts, undefined);
  assert.is((await planner.get('/api/me')).json.ghts, undefined);
});

test('Lists and reads are scoped: an establishment its own, an ARS account its region, national staff all; filters windowId, state, region, finess', async () => {
  const { as } = await ctx({
    windows: [fundingWindow(), fundingWindow({ id: 'win-d2', code: 'D2' })],
    applications: [
      application('app-1'),
      application('app-2', { finess: F2, region: '84', state: 'draft' }),
      application('app-3', { windowId: 'win-d2', state: 'granted' }),
    ],
  });
  const ids = async (who: string, q = '') =>
    (await as(who).get(`/api/applications${q}`)).json.items.map((a: any) => a.id);
  assert.equal(await ids(USERS.planner), ['app-1', 'app-2', 'app-3']);
  assert.equal(await ids(USERS.reviewer, '?state=draft'), ['app-2']);
  assert.equal(await ids(USERS.planner, '?windowId=win-d2'), ['app-3']);
  assert.equal(await ids(USERS.planner, '?region=84'), ['app-2']);
  assert.equal(await ids(USERS.planner, `?finess=${F1}&state=submitted`), ['app-1']);
  assert.equal(await ids(ARS.planner), ['app-1', 'app-3']);
  assert.equal(await ids(ARS.planner, '?region=84'), []);
  assert.equal(await ids(USERS.etab), ['app-1', 'app-3']);
  assert.equal(await ids(USERS.etab2), ['app-2']);
  isProblem(await as(USERS.etab2).get('/api/applications/app-1'), 404);
  isProblem(await as(ARS.plannerAra).get('/api/applications/app-1'), 404);
  const w = await as(USERS.etab).get('/api/windows/win-d1/applications');
  assert.equal([w.status, w.json.total, w.json.items.map((a: any) => a.id)], [200, 1, ['app-1']]);
  assert.equal(
    (await as(ARS.plannerAra).get('/api/windows/win-d1/applications')).json.items.map((a: any) => a.id),
    ['app-2'],
  );
  isProblem(await as(USERS.etab).get('/api/windows/win-x/applications'), 404);
});

test.run();
