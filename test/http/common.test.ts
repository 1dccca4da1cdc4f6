// What every route shares: health, unknown routes, body limits, malformed bodies, paging,
// ETag / If-Match, and problem+json errors that leave the data as it was.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, F1 } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const KINDS: Array<[string, string, unknown]> = [
  ['envelopes', 'env-a', { name: 'Renommée' }],
  ['establishments', F1, { name: 'Renommé' }],
  ['actions', 'act-ad', { title: 'Renommée' }],
  ['allocations', 'al-1', { amounts: { '2024': 2 } }],
  ['milestones', 'ms-1', { title: 'Renommé' }],
];
const records = {
  allocations: [allocation('al-1', { amounts: { '2024': 1 } })],
  milestones: [
    {
      id: 'ms-1',
      rev: '1',
      createdAt: '2023-01-01T00:00:00.000Z',
      updatedAt: '2023-01-01T00:00:00.000Z',
      title: 'J',
      date: '2024-01-01',
    },
  ],
};

test('GET /api/health answers 200 to anyone', async () => {
  const { as } = await smallSetup();
  const r = await as(null).get('/api/health');
  assert.is(r.status, 200);
  assert.equal(r.json, { status: 'ok' });
});

test('An unknown API route is a problem+json 404', async () => {
  const { as } = await smallSetup();
  isProblem(await as(USERS.planner).get('/api/nothing-here'), 404);
});

test('A body over 1 MB is refused with 413 and nothing changes', async () => {
  const { as, store } = await smallSetup();
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  const r = await unchanged(store, () =>
    planner.post('/api/actions', { code: 'BIG', title: 'x'.repeat(1024 * 1024), axis: 1 }),
  );
  isProblem(r, 413);
});

test('Malformed JSON and a JSON array are 400s, a non-JSON content type 415 (see headers.test.ts); nothing changes', async () => {
  const { app, store } = await smallSetup();
  const login = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: USERS.planner, password: 'CaRE-cyber-2027' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const before = store.exportData();
  const raw = async (body: string, type = 'application/json') => {
    const res = await app.request('/api/actions', { method: 'POST', headers: { 'content-type': type, cookie }, body });
    return { status: res.status, headers: res.headers, json: await res.json() };
  };
  isProblem(await raw('{"code": "A",'), 400);
  isProblem(await raw('code=A&title=b&axis=1', 'application/x-www-form-urlencoded'), 415);
  isProblem(await raw('[]'), 400, '(corps)');
  isProblem(await raw('null'), 400);
  assert.equal(store.exportData(), before);
});

test('Lists page with limit and offset; limit over 1000, 0, or a negative offset are 400s', async () => {
  const { as } = await smallSetup();
  const planner = as(USERS.planner);
  const all = await planner.get('/api/establishments');
  assert.is(all.json.total, 5);
  assert.is(all.json.limit, 100);
  const page = await planner.get('/api/establishments?limit=2&offset=1');
  assert.equal([page.json.items.length, page.json.total, page.json.limit, page.json.offset], [2, 5, 2, 1]);
  assert.equal(
    page.json.items.map((e: { id: string }) => e.id),
    all.json.items.slice(1, 3).map((e: { id: string }) => e.id),
  );
  assert.is((await planner.get('/api/establishments?limit=1000')).status, 200);
  isProblem(await planner.get('/api/establishments?limit=1001'), 400, 'limit');
  isProblem(await planner.get('/api/establishments?limit=0'), 400, 'limit');
  isProblem(await planner.get('/api/establishments?limit=abc'), 400, 'limit');
  isProblem(await planner.get('/api/establishments?offset=-1'), 400, 'offset');
  isProblem(await planner.get('/api/audit?limit=1001'), 400, 'limit');
});

test('Every kind: GET sends ETag "rev"; PATCH without If-Match is 428, stale is 412, right one is 200 with a new rev', async () => {
  const { as, store } = await smallSetup(records);
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  for (const [kind, id, patch] of KINDS) {
    const got = await planner.get(`/api/${kind}/${id}`);
    assert.is(got.status, 200, kind);
    assert.is(got.headers.get('etag'), `"${got.json.rev}"`, kind);
    isProblem(await unchanged(store, () => planner.patch(`/api/${kind}/${id}`, patch)), 428);
    isProblem(await unchanged(store, () => planner.patch(`/api/${kind}/${id}`, patch, { 'if-match': '"stale"' })), 412);
    isProblem(await unchanged(store, () => planner.del(`/api/${kind}/${id}`)), 428);
    isProblem(await unchanged(store, () => planner.del(`/api/${kind}/${id}`, { 'if-match': '"stale"' })), 412);
    const ok = await planner.patch(`/api/${kind}/${id}`, patch, { 'if-match': got.headers.get('etag')! });
    assert.is(ok.status, 200, `${kind}: ${JSON.stringify(ok.json)}`);
    assert.is.not(ok.json.rev, got.json.rev, `${kind}: rev changes on every write`);
    assert.is(ok.headers.get('etag'), `"${ok.json.rev}"`);
    assert.is(ok.json.updatedBy, USERS.planner);
    // the old ETag is now stale
    isProblem(
      await unchanged(store, () =>
        planner.patch(`/api/${kind}/${id}`, patch, { 'if-match': got.headers.get('etag')! }),
      ),
      412,
    );
  }
});

test('Every kind: unknown id is 404 on GET, PATCH and DELETE, and nothing changes', async () => {
  const { as, store } = await smallSetup();
  const planner = as(USERS.planner),
    reviewer = as(USERS.reviewer);
  await planner.get('/api/me');
  await reviewer.get('/api/me');
  for (const kind of ['envelopes', 'establishments', 'actions', 'allocations', 'milestones', 'completions']) {
    isProblem(await planner.get(`/api/${kind}/nope`), 404);
    isProblem(await unchanged(store, () => planner.patch(`/api/${kind}/nope`, {}, { 'if-match': '"1"' })), 404);
    isProblem(await unchanged(store, () => planner.del(`/api/${kind}/nope`, { 'if-match': '"1"' })), 404);
  }
  isProblem(await reviewer.get('/api/payments/nope'), 404);
  isProblem(await unchanged(store, () => reviewer.patch('/api/payments/nope', {}, { 'if-match': '"1"' })), 404);
  isProblem(await unchanged(store, () => reviewer.post('/api/allocations/nope/approve')), 404);
  isProblem(await unchanged(store, () => reviewer.post('/api/allocations/nope/reject', { reason: 'x' })), 404);
  isProblem(await planner.get('/api/envelopes/nope/budget'), 404);
  isProblem(await planner.get('/api/establishments/750712184/awards'), 404);
});

test('A malformed percent-encoding in a path is not a 5xx', async () => {
  const { as } = await smallSetup();
  const r = await as(USERS.planner).get('/api/establishments/%E0%A4%A');
  assert.ok(r.status < 500, String(r.status));
});

test.run();
