// The problem answers the document lists are the ones the routes give: probes that reach every
// operation (no session, an establishment's session, a write without If-Match or in plain text)
// get a status the operation documents.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ACCOUNTS, DEMO_PASSWORD, setup } from '../helpers/app.js';

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { responses: Record<string, { content: object }> };
};
const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
const concrete = (path: string) => path.replace(/\{\w+\}/g, 'none');
const documented = (op: { responses: Record<string, unknown> }, status: number) =>
  status < 300 || String(status) in op.responses;

test('every status a probe gets is documented by its operation, as a Problem', async () => {
  const { as, app } = await setup();
  const doc = (await as(ACCOUNTS.planner).get('/api/openapi.json')).json as Doc;
  const ops = operations(doc);
  assert.ok(ops.length > 50);
  const missing: string[] = [];
  const seen = new Set<number>();
  for (const { method, path, op } of ops) {
    // Given nobody logged in: 401 (or the route's own answer when public)
    const anonymous = await app.request(concrete(path), {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : '{}',
    });
    // Given an establishment: 403 for a staff route, 404 for a record that does not exist... (reads only: writes would change the plan)
    const probes = [
      anonymous.status,
      ...(method === 'GET' ? [(await as('etab.versailles@jalon.test').get(concrete(path))).status] : []),
    ];
    for (const s of probes) {
      seen.add(s);
      if (!documented(op, s)) missing.push(`${method} ${path}: ${s}`);
    }
  }
  assert.equal(missing, []);
  for (const s of [401, 403, 404]) assert.ok(seen.has(s), `some probe got ${s}`);
  for (const [name, r] of Object.entries(doc.components.responses))
    assert.ok('application/problem+json' in r.content, name);
});

test('writes: a wrong content type (415), no If-Match (428), a stale one (412), a duplicate (409) are documented where given', async () => {
  const { as, app } = await setup();
  const doc = (await as(ACCOUNTS.planner).get('/api/openapi.json')).json as Doc;
  const op = (m: string, p: string) => doc.paths[p]![m]!;
  const planner = as(ACCOUNTS.planner);
  const env = (await planner.get('/api/envelopes')).json.items[0];
  const session = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ACCOUNTS.planner, password: DEMO_PASSWORD }),
  });
  const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
  const cases: Array<[string, string, number]> = [
    [
      'post',
      '/api/envelopes',
      (
        await app.request('/api/envelopes', {
          method: 'POST',
          headers: { 'content-type': 'text/plain', cookie },
          body: '{}',
        })
      ).status,
    ],
    ['patch', '/api/envelopes/{id}', (await planner.patch(`/api/envelopes/${env.id}`, { name: 'Renommée' })).status],
    [
      'patch',
      '/api/envelopes/{id}',
      (await planner.patch(`/api/envelopes/${env.id}`, { name: 'Renommée' }, { 'if-match': '"old"' })).status,
    ],
    ['delete', '/api/envelopes/{id}', (await planner.del(`/api/envelopes/${env.id}`)).status],
    [
      'post',
      '/api/envelopes',
      (
        await planner.post('/api/envelopes', {
          code: env.code,
          name: 'Double',
          source: 'Test',
          status: 'announced',
          totalCents: 100,
        })
      ).status,
    ],
  ];
  assert.equal(
    cases.map(([, , s]) => s),
    [415, 428, 412, 428, 409],
  );
  for (const [m, p, s] of cases) assert.ok(documented(op(m, p), s), `${m} ${p}: ${s}`);
});

test.run();
