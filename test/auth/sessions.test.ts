import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import { JournalStore } from '../../server/store/store.js';
import { isProblem, unchanged } from '../helpers/assert.js';
import { DEMO_PASSWORD, fixedClock } from '../helpers/app.js';
import { smallData, smallSetup, USERS } from '../helpers/small.js';

const HOUR = 3600_000;
const post = (
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }) as Promise<Response>;
const login = async (
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  email: string,
  password = DEMO_PASSWORD,
  url = '/api/session',
) => {
  const res = await post(app, url, { email, password });
  return { res, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '', json: await res.json() };
};
const me = async (
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  cookie: string,
) => ((await app.request('/api/me', { headers: { cookie } })) as Response).status;

test('Login: 200 with the user (no hash) and a session cookie HttpOnly, SameSite=Strict, Path=/, not Secure over http', async () => {
  const { app } = await smallSetup();
  const { res, json } = await login(app, USERS.planner);
  assert.is(res.status, 200);
  assert.is(json.user.email, USERS.planner);
  assert.is(json.user.passwordHash, undefined);
  const set = res.headers.get('set-cookie')!;
  assert.match(set, /^jalon_session=jses_[\w-]+;/);
  assert.match(set, /HttpOnly/);
  assert.match(set, /SameSite=Strict/);
  assert.match(set, /Path=\//);
  assert.not.match(set, /Secure/);
  const https = await login(app, USERS.reviewer, DEMO_PASSWORD, 'https://jalon.example/api/session');
  assert.match(https.res.headers.get('set-cookie')!, /Secure/);
});

test('Email is case-insensitive; GET /api/me names the user; DELETE /api/session ends it', async () => {
  const { app } = await smallSetup();
  const { cookie } = await login(app, USERS.planner.toUpperCase());
  const r = await app.request('/api/me', { headers: { cookie } });
  assert.is((await r.json()).user.role, 'planner');
  const out = await app.request('/api/session', { method: 'DELETE', headers: { cookie } });
  assert.is(out.status, 204);
  assert.match(out.headers.get('set-cookie')!, /jalon_session=;/);
  assert.is(await me(app, cookie), 401);
});

test('GET /api/session answers 200 { user: null } when nobody is logged in, and the user when someone is', async () => {
  const { app } = await smallSetup();
  const anonymous = await app.request('/api/session');
  assert.is(anonymous.status, 200);
  assert.equal(await anonymous.json(), { user: null });
  const { cookie } = await login(app, USERS.reviewer);
  const known = await (await app.request('/api/session', { headers: { cookie } })).json();
  assert.is(known.user.email, USERS.reviewer);
  assert.is(known.user.passwordHash, undefined);
});

test('Wrong password, unknown email and disabled account give the very same 401 body', async () => {
  const { app, as, store } = await smallSetup();
  await as(USERS.admin).patch(
    '/api/users/usr-planif2',
    { disabled: true },
    { 'if-match': `"${store.get('users', 'usr-planif2')!.rev}"` },
  );
  const bodies = [];
  for (const [email, pw] of [
    [USERS.planner, 'Wrong-password-123'],
    ['nobody@jalon.test', DEMO_PASSWORD],
    [USERS.planner2, DEMO_PASSWORD],
  ]) {
    const { res, json } = await login(app, email!, pw);
    assert.is(res.status, 401);
    assert.is(res.headers.get('set-cookie'), null);
    bodies.push(json);
  }
  assert.equal(bodies[0], bodies[1]);
  assert.equal(bodies[0], bodies[2]);
  assert.not.match(JSON.stringify(bodies[0]), /mot de passe incorrect$|inconnu|désactivé/i);
});

// Throttling: throttle.test.ts

test('Idle expiry: a session unused for more than 2 h is dead; one used every hour lives on', async () => {
  const { app, clock } = await smallSetup();
  const a = (await login(app, USERS.planner)).cookie;
  const b = (await login(app, USERS.reviewer)).cookie;
  clock.advance(HOUR);
  assert.is(await me(app, b), 200); // b is touched
  clock.advance(HOUR + 1);
  assert.is(await me(app, a), 401); // 2 h + 1 ms idle
  assert.is(await me(app, b), 200);
});

test('Absolute expiry: even a busy session dies after 12 h', async () => {
  const { app, clock } = await smallSetup();
  const c = (await login(app, USERS.planner)).cookie;
  for (let h = 1; h <= 11; h++) {
    clock.advance(HOUR);
    assert.is(await me(app, c), 200, `hour ${h}`);
  }
  clock.advance(HOUR + 1);
  assert.is(await me(app, c), 401);
});

test('Sessions are revoked when the user is disabled, and when they change their password', async () => {
  const { app, as, clock, store } = await smallSetup();
  const planner = (await login(app, USERS.planner)).cookie;
  const reviewer = (await login(app, USERS.reviewer)).cookie;
  clock.advance(1000);
  assert.is(
    (
      await as(USERS.admin).patch(
        '/api/users/usr-planif',
        { disabled: true },
        { 'if-match': `"${store.get('users', 'usr-planif')!.rev}"` },
      )
    ).status,
    200,
  );
  // disabling closes the account's sessions; it does not pretend the password changed
  assert.is([...store.all('sessions')].filter((x) => x.userId === 'usr-planif').length, 0);
  assert.is(store.get('users', 'usr-planif')!.passwordChangedAt, undefined);
  assert.is(await me(app, planner), 401);
  // re-enabled, the account logs in again; the old cookie stays dead
  assert.is(
    (
      await as(USERS.admin).patch(
        '/api/users/usr-planif',
        { disabled: false },
        { 'if-match': `"${store.get('users', 'usr-planif')!.rev}"` },
      )
    ).status,
    200,
  );
  assert.is(await me(app, planner), 401);
  assert.is((await login(app, USERS.planner)).res.status, 200);
  const changed = await app.request('/api/me/password', {
    method: 'POST',
    headers: { cookie: reviewer, 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: DEMO_PASSWORD, newPassword: 'Une-phrase-de-passe-2026' }),
  });
  assert.is(changed.status, 204);
  assert.is(await me(app, reviewer), 401);
  assert.is((await login(app, USERS.reviewer)).res.status, 401);
  assert.is((await login(app, USERS.reviewer, 'Une-phrase-de-passe-2026')).res.status, 200);
});

test('An administrator can neither disable their own account nor drop its admin role (422, nothing changes)', async () => {
  const { as, store } = await smallSetup();
  const admin = as(USERS.admin);
  await admin.get('/api/me');
  const rev = () => ({ 'if-match': `"${store.get('users', 'usr-admin')!.rev}"` });
  isProblem(
    await unchanged(store, () => admin.patch('/api/users/usr-admin', { disabled: true }, rev())),
    422,
    'disabled',
  );
  isProblem(await unchanged(store, () => admin.patch('/api/users/usr-admin', { role: 'planner' }, rev())), 422, 'role');
  // their name they may change
  assert.is((await admin.patch('/api/users/usr-admin', { name: 'Admin Jalon' }, rev())).status, 200);
});

test('Password change: wrong current password is 400; weak new passwords are 400 with a clear message; nothing changes', async () => {
  const { as, store } = await smallSetup();
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/me/password', { currentPassword: 'nope-nope-nope', newPassword: 'Une-phrase-de-passe-2026' }),
    ),
    400,
    'currentPassword',
  );
  for (const [pw, msg] of [
    ['Court-1', /12 caractères/],
    ['aaaaaaaaaaaaaaaa', /répète/],
    ['motdepasse2024!', /courant/],
    ['planif-Secret-2026', /identifiant/],
    ['abcdefghijklmnop', /types de caractères/],
  ] as const) {
    const r = await unchanged(store, () =>
      planner.post('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: pw }),
    );
    isProblem(r, 400, 'newPassword');
    assert.match(r.json.detail, msg, pw);
  }
});

test('Sessions survive a restart (file store)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-sess-'));
  try {
    const path = join(dir, 'jalon.json');
    const clock = fixedClock();
    const s1 = await JournalStore.open({ path, seed: () => smallData() });
    const { cookie } = await login(createApp({ store: s1, clock }), USERS.planner);
    await s1.close();
    const s2 = await JournalStore.open({
      path,
      seed: () => {
        throw new Error('must not reseed');
      },
    });
    assert.is(await me(createApp({ store: s2, clock }), cookie), 200);
    await s2.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
