// JALON_ORIGIN and JALON_TRUST_PROXY: which origin the CSRF check compares against, when the
// session cookie is Secure and HSTS is sent, and when X-Forwarded-* headers count.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import type { Exposure } from '../../server/auth/forwarded.js';
import { readSettings } from '../../server/env.js';
import { HSTS } from '../../server/http/security-headers.js';
import { DEMO_PASSWORD, fixedClock } from '../helpers/app.js';
import { smallData, USERS } from '../helpers/small.js';
import { testStore } from '../helpers/stores.js';

const PUBLIC = 'https://jalon.example.fr';
/** Behind a reverse proxy the app sees the proxy's upstream address as Host, over plain http. */
const UPSTREAM = 'http://127.0.0.1:3000';

const appWith = async (exposure: Exposure) => {
  const store = await testStore(() => smallData());
  const app = createApp({ store, clock: fixedClock(), exposure });
  const json = { 'content-type': 'application/json' };
  const login = (base = UPSTREAM, headers: Record<string, string> = {}) =>
    app.request(`${base}/api/session`, {
      method: 'POST',
      headers: { ...json, ...headers },
      body: JSON.stringify({ email: USERS.planner, password: DEMO_PASSWORD }),
    });
  const cookie = (await login()).headers.get('set-cookie')!.split(';')[0]!;
  const write = (base: string, headers: Record<string, string>) =>
    app.request(`${base}/api/actions`, {
      method: 'POST',
      headers: { ...json, cookie, ...headers },
      body: JSON.stringify({ code: `O${Math.random().toString(36).slice(2, 8)}`, title: 'x', axis: 1 }),
    });
  return { app, login, write };
};

test('JALON_ORIGIN set: Host: evil.test with Origin: http://evil.test is 403; the public origin passes whatever Host says', async () => {
  const { write } = await appWith({ origin: PUBLIC });
  assert.is((await write('http://evil.test', { origin: 'http://evil.test' })).status, 403);
  assert.is(
    (await write('https://evil.test', { origin: 'https://evil.test', 'sec-fetch-site': 'same-origin' })).status,
    403,
  );
  assert.is((await write(UPSTREAM, { origin: UPSTREAM })).status, 403, 'the upstream address is not our origin either');
  assert.is((await write(UPSTREAM, { origin: PUBLIC, 'sec-fetch-site': 'same-origin' })).status, 201);
});

test('Without JALON_ORIGIN the check compares against Host, as before', async () => {
  const { write } = await appWith({});
  assert.is((await write('http://localhost', { origin: 'http://localhost' })).status, 201);
  assert.is((await write('http://localhost', { origin: 'http://evil.test' })).status, 403);
});

test('X-Forwarded-Proto/-Host count only with JALON_TRUST_PROXY', async () => {
  const forwarded = { origin: PUBLIC, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'jalon.example.fr' };
  assert.is((await (await appWith({})).write(UPSTREAM, forwarded)).status, 403);
  assert.is((await (await appWith({ trustProxy: 1 })).write(UPSTREAM, forwarded)).status, 201);
});

test('Secure cookie: always with an https JALON_ORIGIN; otherwise only over https, a trusted proxy’s X-Forwarded-Proto included', async () => {
  const secure = async (exposure: Exposure, base = UPSTREAM, headers: Record<string, string> = {}) =>
    /;\s*Secure/i.test((await (await appWith(exposure)).login(base, headers)).headers.get('set-cookie') ?? '');
  assert.is(await secure({ origin: PUBLIC }), true);
  assert.is(await secure({ origin: 'http://jalon.intranet' }), false);
  assert.is(await secure({}), false);
  assert.is(await secure({}, 'https://jalon.example.fr'), true);
  assert.is(await secure({}, UPSTREAM, { 'x-forwarded-proto': 'https' }), false);
  assert.is(await secure({ trustProxy: 1 }, UPSTREAM, { 'x-forwarded-proto': 'https' }), true);
});

test('HSTS on every answer (JSON, problem, page) with an https JALON_ORIGIN, on none without', async () => {
  for (const [exposure, expected] of [
    [{ origin: PUBLIC }, HSTS],
    [{ origin: 'http://jalon.intranet' }, null],
    [{}, null],
  ] as const) {
    const { app } = await appWith(exposure);
    for (const path of ['/api/health', '/api/regions', '/api/nothing', '/api/docs'])
      assert.is(
        (await app.request(`${UPSTREAM}${path}`)).headers.get('strict-transport-security'),
        expected,
        `${path} ${JSON.stringify(exposure)}`,
      );
  }
  assert.is(HSTS, 'max-age=31536000; includeSubDomains');
});

test('Settings: JALON_ORIGIN is a bare http(s) origin; JALON_TRUST_PROXY a number of proxies', () => {
  const s = (env: Record<string, string>) => readSettings(env);
  assert.equal([s({}).origin, s({}).trustProxy], [undefined, 0]);
  assert.is(s({ JALON_ORIGIN: 'https://Jalon.Example.fr/' }).origin, PUBLIC);
  assert.is(s({ JALON_ORIGIN: 'https://jalon.example.fr:8443' }).origin, 'https://jalon.example.fr:8443');
  for (const bad of [
    'jalon.example.fr',
    'https://jalon.example.fr/app',
    'ftp://jalon.example.fr',
    'https://jalon.example.fr?x=1',
  ])
    assert.throws(() => s({ JALON_ORIGIN: bad }), /JALON_ORIGIN invalide/, bad);
  assert.equal(
    [
      s({ JALON_TRUST_PROXY: '1' }).trustProxy,
      s({ JALON_TRUST_PROXY: '0' }).trustProxy,
      s({ JALON_TRUST_PROXY: '2' }).trustProxy,
    ],
    [1, 0, 2],
  );
  for (const bad of ['yes', '-1', '1.5', '11'])
    assert.throws(() => s({ JALON_TRUST_PROXY: bad }), /JALON_TRUST_PROXY invalide/, bad);
});

test.run();
