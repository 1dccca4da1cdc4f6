// CSRF, security headers and error bodies.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { smallSetup, USERS } from '../helpers/small.js';

const action = { code: 'CSRF', title: 'x', axis: 1 };

test('CSRF: a cookie-authenticated write from another origin or a cross-site fetch is 403 and changes nothing', async () => {
  const { as, store } = await smallSetup();
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  const hostile: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }];
  for (const h of hostile) {
    isProblem(await unchanged(store, () => planner.post('/api/actions', action, h)), 403);
    isProblem(await unchanged(store, () => planner.patch('/api/actions/act-ad', { title: 'y' }, { ...h, 'if-match': '"1"' })), 403);
    isProblem(await unchanged(store, () => planner.del('/api/session', h)), 403);
  }
  // the same request from our own origin goes through
  assert.is((await planner.post('/api/actions', action, { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })).status, 201);
});

test('CSRF: a form post from another origin is refused too, and so is a cross-site login', async () => {
  const { app, as, store } = await smallSetup();
  await as(USERS.planner).get('/api/me');
  const before = store.exportData();
  const form = await app.request('/api/actions', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'code=X&title=y&axis=1' });
  assert.is(form.status, 403);
  const loginX = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, body: JSON.stringify({ email: USERS.planner, password: 'CaRE-cyber-2027' }) });
  assert.is(loginX.status, 403);
  assert.equal(store.exportData(), before);
});

test('CSRF: a non-Bearer Authorization header does not switch the origin check off for a cookie session', async () => {
  const { as, store } = await smallSetup();
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  isProblem(await unchanged(store, () => planner.post('/api/actions', action, { origin: 'https://evil.example', authorization: 'Basic eDp5' })), 403);
});

test('Security headers: CSP without unsafe-inline scripts, and secureHeaders defaults, on API and error answers', async () => {
  const { as } = await smallSetup();
  for (const r of [await as(null).get('/api/health'), await as(null).get('/api/dashboard'), await as(USERS.planner).get('/api/nothing')]) {
    const csp = r.headers.get('content-security-policy')!;
    assert.ok(csp, 'CSP present');
    const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!;
    assert.ok(script, csp);
    assert.not.match(script, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.is(r.headers.get('x-content-type-options'), 'nosniff');
    assert.is(r.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.ok(r.headers.get('strict-transport-security'));
    assert.ok(r.headers.get('referrer-policy'));
  }
});

test('Error bodies carry no stack trace nor file path (400, 401, 403, 404, 409, 412, 413, 422, 428)', async () => {
  const { app, as } = await smallSetup();
  const planner = as(USERS.planner);
  const bodies = [
    await planner.post('/api/actions', { code: 1 }),
    await as(null).get('/api/me'),
    await as(USERS.etab).get('/api/dashboard'),
    await planner.get('/api/actions/zz'),
    await planner.post('/api/actions', { code: 'ACT-AD', title: 't', axis: 1 }),
    await planner.patch('/api/actions/act-ad', { title: 'x' }, { 'if-match': '"old"' }),
    await planner.patch('/api/actions/act-ad', { title: 'x' }),
    await planner.post('/api/actions', { code: 'X', title: 'x'.repeat(1_100_000), axis: 1 }),
    await planner.post('/api/allocations', { envelopeId: 'env-a', finess: '750712184', actionId: 'act-ad', amounts: {} }),
  ];
  for (const r of bodies) isProblem(r, r.status);
  const broken = await app.request('/api/actions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
  assert.not.match(await broken.text(), /\/work\/|\.ts:|at /);
});

test.run();
