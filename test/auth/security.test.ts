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
  const hostile: Array<Record<string, string>> = [
    { origin: 'https://evil.example' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
    { origin: 'null' },
  ];
  for (const h of hostile) {
    isProblem(await unchanged(store, () => planner.post('/api/actions', action, h)), 403);
    isProblem(
      await unchanged(store, () => planner.patch('/api/actions/act-ad', { title: 'y' }, { ...h, 'if-match': '"1"' })),
      403,
    );
    isProblem(await unchanged(store, () => planner.del('/api/session', h)), 403);
  }
  // the same request from our own origin goes through
  assert.is(
    (await planner.post('/api/actions', action, { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' }))
      .status,
    201,
  );
});

test('CSRF: a form post from another origin is refused too, and so is a cross-site login', async () => {
  const { app, as, store } = await smallSetup();
  await as(USERS.planner).get('/api/me');
  const before = store.exportData();
  const form = await app.request('/api/actions', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    body: 'code=X&title=y&axis=1',
  });
  assert.is(form.status, 403);
  const loginX = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    body: JSON.stringify({ email: USERS.planner, password: 'CaRE-cyber-2027' }),
  });
  assert.is(loginX.status, 403);
  assert.equal(store.exportData(), before);
});

test('CSRF: a non-Bearer Authorization header does not switch the origin check off for a cookie session', async () => {
  const { as, store } = await smallSetup();
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/actions', action, { origin: 'https://evil.example', authorization: 'Basic eDp5' }),
    ),
    403,
  );
});

const SECURE_DEFAULTS = (r: { headers: Headers }) => {
  assert.is(r.headers.get('x-content-type-options'), 'nosniff');
  assert.is(r.headers.get('x-frame-options'), 'SAMEORIGIN');
  assert.is(r.headers.get('cross-origin-resource-policy'), 'same-origin');
  assert.is(r.headers.get('strict-transport-security'), null, 'HSTS only with an https JALON_ORIGIN (origin.test.ts)');
  assert.ok(r.headers.get('referrer-policy'));
};
const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k!, v]),
  );

test('Security headers: data answers (JSON, problems, 404) get the strictest CSP and secureHeaders defaults', async () => {
  const { as } = await smallSetup();
  const reviewer = as(USERS.reviewer);
  for (const r of [
    await as(null).get('/api/health'),
    await as(null).get('/api/dashboard'),
    await reviewer.get('/api/dashboard'),
    await reviewer.get('/api/allocations?limit=2'),
    await reviewer.get('/api/actions/act-ad'),
    await as(USERS.planner).get('/api/nothing'),
  ]) {
    const csp = directives(r.headers.get('content-security-policy') ?? '');
    assert.equal(csp.get('default-src'), ["'none'"], r.headers.get('content-security-policy') ?? 'no CSP');
    assert.equal(csp.get('frame-ancestors'), ["'none'"]);
    assert.not.ok(csp.has('script-src'), 'scripts fall back to none');
    SECURE_DEFAULTS(r);
  }
});

test('Security headers: pages get a CSP without unsafe-inline scripts, and the same defaults', async () => {
  const { as } = await smallSetup();
  const page = await as(USERS.planner).get('/api/docs');
  assert.match(page.headers.get('content-type') ?? '', /text\/html/);
  const csp = directives(page.headers.get('content-security-policy') ?? '');
  assert.equal(csp.get('script-src'), ["'self'"]);
  assert.equal(csp.get('default-src'), ["'self'"]);
  assert.equal(csp.get('object-src'), ["'none'"]);
  assert.equal(csp.get('frame-ancestors'), ["'none'"]);
  SECURE_DEFAULTS(page);
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
    await planner.post('/api/allocations', {
      envelopeId: 'env-a',
      finess: '750712184',
      actionId: 'act-ad',
      amounts: {},
    }),
  ];
  for (const r of bodies) isProblem(r, r.status);
  const broken = await app.request('/api/actions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"a":',
  });
  assert.not.match(await broken.text(), /\/work\/|\.ts:|at /);
});

test.run();
