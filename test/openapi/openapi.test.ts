import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ACCOUNTS, setup } from '../helpers/app.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const toOpenApi = (p: string) => p.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

test('the document lists every API route of the route table, each with its method', async () => {
  const { app, as } = await setup();
  const res = await as(ACCOUNTS.reviewer).get('/api/openapi.json');
  assert.is(res.status, 200);
  const doc = res.json;
  assert.match(doc.openapi, /^3\.\d+\.\d+$/);
  assert.type(doc.info.title, 'string');
  const routes = new Set(
    app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => `${r.method.toLowerCase()} ${toOpenApi(r.path)}`),
  );
  const documented = new Set(
    Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)),
  );
  assert.ok(routes.size > 50);
  assert.equal(
    [...routes].filter((r) => !documented.has(r)),
    [],
  );
  assert.equal(
    [...documented].filter((r) => !routes.has(r)),
    [],
  );
  for (const r of [
    'post /api/import/finess',
    'post /api/import/allocations',
    'get /api/export/variance.xlsx',
    'get /api/export/awards/{file}',
    'get /api/docs',
  ])
    assert.ok(documented.has(r), r);
});

test('the document is well formed: operations, parameters and schemas are objects', async () => {
  const { as } = await setup();
  const doc = (await as(ACCOUNTS.planner).get('/api/openapi.json')).json;
  const ids = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    assert.ok(path.startsWith('/api/'), path);
    for (const [method, op] of Object.entries(ops)) {
      assert.ok(METHODS.includes(method), method);
      assert.type(op.summary, 'string');
      assert.ok(!ids.has(op.operationId), `duplicate operationId ${op.operationId}`);
      ids.add(op.operationId);
      assert.type(op.responses, 'object');
      assert.ok(Object.keys(op.responses).length > 0);
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        assert.ok(
          op.parameters?.some((p: any) => p.in === 'path' && p.name === name && p.required === true),
          `${method} ${path}: path parameter ${name}`,
        );
      }
      for (const p of op.parameters ?? []) {
        assert.ok(['path', 'query', 'header', 'cookie'].includes(p.in));
        assert.type(p.schema, 'object');
      }
      for (const media of Object.values(op.requestBody?.content ?? {}) as Array<{ schema: unknown }>) {
        assert.type(media.schema, 'object');
        assert.ok(media.schema !== null && !Array.isArray(media.schema));
      }
    }
  }
});

test('request bodies come from the validating zod schemas', async () => {
  const { as } = await setup();
  const doc = (await as(ACCOUNTS.planner).get('/api/openapi.json')).json;
  const body = (m: string, p: string) => doc.paths[p]?.[m]?.requestBody?.content?.['application/json']?.schema;
  const alloc = body('post', '/api/allocations');
  assert.is(alloc.type, 'object');
  assert.equal([...alloc.required].sort(), ['actionId', 'amounts', 'envelopeId', 'finess']);
  assert.is(alloc.additionalProperties, false);
  assert.ok(alloc.properties.amounts.properties['2027']);
  assert.is(body('patch', '/api/envelopes/{id}').type, 'object');
  assert.is(body('post', '/api/allocations/bulk').type, 'object');
  assert.equal(body('post', '/api/allocations/{id}/reject').required, ['reason']);
  for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const m of ['post', 'patch'])
      if (
        ops[m] &&
        /^\/api\/(envelopes|establishments|actions|allocations|payments|milestones|completions)(\/\{id\})?$/.test(p)
      )
        assert.ok(ops[m].requestBody, `${m} ${p}`);
  }
  const finess = doc.paths['/api/import/finess'].post;
  assert.ok(finess.requestBody.content['text/csv']);
  assert.ok(finess.parameters.some((q: any) => q.name === 'dryRun' && q.in === 'query'));
});

test('the dashboard says its money figures count committed envelopes only (announced in byStatus.announced)', async () => {
  const { as } = await setup();
  const reviewer = as(ACCOUNTS.reviewer);
  const op = (await reviewer.get('/api/openapi.json')).json.paths['/api/dashboard'].get;
  for (const part of ['enveloppes engagées', 'totals.byStatus.committed', 'totals.byStatus.announced', 'series'])
    assert.ok(op.description.includes(part), part);
  // and the docs page shows it
  assert.ok(String((await reviewer.get('/api/docs')).json).includes('ne comptent que les enveloppes engagées'));
});

test('docs page: plain HTML, no script, every path listed; readable by any logged-in user', async () => {
  const { as } = await setup();
  const doc = (await as(ACCOUNTS.planner).get('/api/openapi.json')).json;
  const res = await as('etab.versailles@jalon.test').get('/api/docs');
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type')!, /text\/html/);
  const html = res.json as string;
  assert.not.match(html, /<script/i);
  for (const p of Object.keys(doc.paths)) assert.ok(html.includes(`<code>${p.replace(/&/g, '&#38;')}</code>`), p);
  assert.is((await as('etab.versailles@jalon.test').get('/api/openapi.json')).status, 200);
  assert.is((await as(null).get('/api/openapi.json')).status, 401);
  assert.is((await as(null).get('/api/docs')).status, 401);
});

test.run();
