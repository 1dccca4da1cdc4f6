// What ends an API token: its deadline (90 days unless chosen, 365 at most), a password change,
// a disabled account (re-enabling gives none back). Each revocation is a visible audit event.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApiToken } from '../../server/contract/auth.js';
import { sha256 } from '../../server/auth/sessions.js';
import { isProblem, unchanged } from '../helpers/assert.js';
import { DEMO_PASSWORD } from '../helpers/app.js';
import { smallData, smallSetup, USERS } from '../helpers/small.js';
import { setup } from '../helpers/app.js';

const DAY = 86_400_000;
const NOW = '2026-11-29T10:00:00.000Z';
const bearer = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });
const revOf = (store: { get(kind: 'users', id: string): { rev: string } | undefined }, id: string) => ({
  'if-match': `"${store.get('users', id)!.rev}"`,
});

test('Expiry: 90 days by default, shown in the answer and the list; the token works until then, 401 after; listed as expired', async () => {
  const { app, as, clock, login } = await smallSetup();
  const made = await as(USERS.planner).post('/api/tokens', { name: 'export nocturne' });
  assert.equal(
    [made.status, made.json.expiresAt, made.json.state],
    [201, new Date(Date.parse(NOW) + 90 * DAY).toISOString(), 'active'],
  );
  clock.advance(90 * DAY - 1);
  assert.is((await app.request('/api/me', bearer(made.json.token))).status, 200);
  clock.advance(1);
  assert.is((await app.request('/api/me', bearer(made.json.token))).status, 401);
  await login(USERS.planner); // the session of 90 days ago is long dead
  const list = await as(USERS.planner).get('/api/tokens');
  assert.equal(
    list.json.items.map((t: { name: string; state: string; expiresAt: string }) => [t.name, t.state, t.expiresAt]),
    [['export nocturne', 'expired', made.json.expiresAt]],
  );
});

test('Expiry chosen at creation: 7 days works; 0, 366, 1.5 or "30" days are 400 on expiresInDays and make nothing', async () => {
  const { app, as, clock, store } = await smallSetup();
  const planner = as(USERS.planner);
  const week = await planner.post('/api/tokens', { name: 'une semaine', expiresInDays: 7 });
  assert.is(week.json.expiresAt, new Date(Date.parse(NOW) + 7 * DAY).toISOString());
  const year = await planner.post('/api/tokens', { name: 'un an', expiresInDays: 365 });
  assert.is(year.status, 201);
  for (const days of [0, 366, 1.5, '30', null]) {
    const r = await unchanged(store, () => planner.post('/api/tokens', { name: 'x', expiresInDays: days }));
    isProblem(r, 400, 'expiresInDays');
    assert.match(r.json.detail, /^Durée : .*de 1 à 365/);
  }
  clock.advance(7 * DAY);
  assert.is((await app.request('/api/me', bearer(week.json.token))).status, 401);
  assert.is((await app.request('/api/me', bearer(year.json.token))).status, 200);
});

test('A token made before deadlines existed (no expiresAt) ends 90 days after it was made', async () => {
  const secret = 'jtok_made-before-deadlines-existed';
  const old: ApiToken = {
    id: 'tok-old',
    rev: '1',
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
    userId: 'usr-planif',
    name: 'ancien',
    tokenHash: sha256(secret),
    prefix: secret.slice(0, 9),
  };
  const { app, as, clock } = await setup(async () => {
    const data = await smallData();
    (data.collections.tokens as Record<string, ApiToken>)[old.id] = old;
    return data;
  });
  assert.is((await app.request('/api/me', bearer(secret))).status, 200);
  assert.is((await as(USERS.planner).get('/api/tokens')).json.items[0].expiresAt, '2026-12-30T00:00:00.000Z');
  clock.set('2026-12-30T00:00:00.000Z');
  assert.is((await app.request('/api/me', bearer(secret))).status, 401);
});

test('A password change revokes the account’s tokens, visibly: stamped revoked (reason password) in the list and in the audit trail; others’ tokens live on', async () => {
  const { app, as, store } = await smallSetup();
  const planner = as(USERS.planner);
  const mine = (await planner.post('/api/tokens', { name: 'script' })).json;
  const theirs = (await as(USERS.reviewer).post('/api/tokens', { name: 'autre' })).json;
  const changed = await planner.post('/api/me/password', {
    currentPassword: DEMO_PASSWORD,
    newPassword: 'Une-phrase-de-passe-2026',
  });
  assert.is(changed.status, 204);
  assert.is((await app.request('/api/me', bearer(mine.token))).status, 401);
  assert.is((await app.request('/api/me', bearer(theirs.token))).status, 200);
  const t = store.get('tokens', mine.id)!;
  assert.equal([t.revokedReason, typeof t.revokedAt], ['password', 'string']);
  const events = (await store.auditEvents()).filter((e) => e.entity === 'tokens' && e.id === mine.id);
  assert.equal(
    events.map((e) => [e.action, e.actor, (e.after as ApiToken).revokedReason]),
    [
      ['create', USERS.planner, undefined],
      ['password', USERS.planner, 'password'],
    ],
  );
  assert.not.ok(JSON.stringify(events).includes(t.tokenHash), 'the hash stays out of the trail');
});

test('Disabling revokes the account’s tokens; re-enabled, the old tokens stay dead (reason disabled) and new ones work', async () => {
  const { app, as, clock, login, store } = await smallSetup();
  const old = (await as(USERS.reviewer).post('/api/tokens', { name: 't' })).json;
  const admin = as(USERS.admin);
  assert.is((await admin.patch('/api/users/usr-fin', { disabled: true }, revOf(store, 'usr-fin'))).status, 200);
  assert.is((await admin.patch('/api/users/usr-fin', { disabled: false }, revOf(store, 'usr-fin'))).status, 200);
  assert.is((await app.request('/api/me', bearer(old.token))).status, 401);
  assert.equal([store.get('tokens', old.id)!.revokedReason], ['disabled']);
  const audit = (await store.auditEvents())
    .filter((e) => e.entity === 'tokens' && e.id === old.id)
    .map((e) => [e.action, e.actor]);
  assert.equal(audit.at(-1), ['update', USERS.admin]);
  clock.advance(1000);
  await login(USERS.reviewer);
  const fresh = (await as(USERS.reviewer).post('/api/tokens', { name: 'nouveau' })).json;
  assert.is((await app.request('/api/me', bearer(fresh.token))).status, 200);
  const states = (await as(USERS.reviewer).get('/api/tokens')).json.items.map(
    (x: { name: string; state: string; revokedReason?: string }) => [x.name, x.state, x.revokedReason],
  );
  assert.equal(states, [
    ['nouveau', 'active', undefined],
    ['t', 'revoked', 'disabled'],
  ]);
});

test('Revoking twice keeps the first revocation (no second audit event)', async () => {
  const { as, clock, store } = await smallSetup();
  const planner = as(USERS.planner);
  const tok = (await planner.post('/api/tokens', { name: 't' })).json;
  assert.is((await planner.del(`/api/tokens/${tok.id}`)).status, 204);
  const first = store.get('tokens', tok.id)!;
  clock.advance(1000);
  assert.is((await unchanged(store, () => planner.del(`/api/tokens/${tok.id}`))).status, 204);
  assert.equal([first.revokedReason, store.get('tokens', tok.id)!.revokedAt], ['revoked', first.revokedAt]);
});

test.run();
