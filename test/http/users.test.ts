// The administrator's accounts: a password reset gives a temporary password that must be changed
// at the next login (every other call is 403 until then); a role or an establishment binding
// changes under the rules (an establishment account needs a FINESS that exists; an administrator
// keeps their own access, and the last active administrator stays one).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { User } from '../../server/contract/auth.js';
import { assertAdminRemains } from '../../server/domain/accounts.js';
import { isProblem, refuses, unchanged } from '../helpers/assert.js';
import { DEMO_PASSWORD } from '../helpers/app.js';
import { F1, withKey } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const TEMP = 'Provisoire-2026-xK';
const OWN = 'Ma-phrase-a-moi-2026';
const revOf = (store: { get(kind: 'users', id: string): { rev: string } | undefined }, id: string) => ({
  'if-match': `"${store.get('users', id)!.rev}"`,
});

test('Password reset: a temporary password, the old sessions and tokens end, every call but the change is 403 until it is changed', async () => {
  const { app, as, store, login, clock } = await smallSetup();
  const admin = as(USERS.admin),
    reviewer = as(USERS.reviewer);
  await admin.get('/api/me');
  assert.is((await reviewer.get('/api/dashboard')).status, 200);
  const token = (await reviewer.post('/api/tokens', { name: 'script' })).json.token as string;
  const path = '/api/users/usr-fin/password';
  // refusals change nothing: no If-Match, a weak password, one's own account, an unknown account
  isProblem(await unchanged(store, () => admin.post(path, { password: TEMP })), 428);
  isProblem(
    await unchanged(store, () => admin.post(path, { password: 'court' }, revOf(store, 'usr-fin'))),
    400,
    'password',
  );
  isProblem(
    await unchanged(store, () => admin.post(path, { password: 'finances-2026-Abc' }, revOf(store, 'usr-fin'))),
    400,
    'password',
  ); // holds the login
  isProblem(
    await unchanged(store, () =>
      admin.post('/api/users/usr-admin/password', { password: TEMP }, revOf(store, 'usr-admin')),
    ),
    422,
    'password',
  );
  isProblem(await unchanged(store, () => admin.post('/api/users/usr-nobody/password', { password: TEMP })), 404);
  isProblem(await unchanged(store, () => reviewer.post(path, { password: TEMP }, revOf(store, 'usr-fin'))), 403);
  clock.advance(60_000);
  const reset = await admin.post(path, { password: TEMP }, revOf(store, 'usr-fin'));
  assert.is(reset.status, 200, JSON.stringify(reset.json));
  assert.is(reset.json.mustChangePassword, true);
  assert.is(reset.json.passwordHash, undefined);
  // the reviewer's session and token are over; the old password no longer opens
  assert.is((await reviewer.get('/api/me')).status, 401);
  assert.is((await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status, 401);
  assert.is([...store.all('tokens')].find((t) => t.userId === 'usr-fin')!.revokedReason, 'password');
  let failed = false;
  await login(USERS.reviewer, DEMO_PASSWORD).catch(() => (failed = true));
  assert.ok(failed, 'the old password is refused');
  // the temporary one opens a session that can only say who it is and change the password
  await login(USERS.reviewer, TEMP);
  const me = await reviewer.get('/api/me');
  assert.is(me.status, 200);
  assert.is(me.json.user.mustChangePassword, true);
  for (const [method, p] of [
    ['GET', '/api/dashboard'],
    ['GET', '/api/allocations'],
    ['GET', '/api/tokens'],
    ['POST', '/api/tokens'],
  ] as const) {
    const r = method === 'GET' ? await reviewer.get(p) : await reviewer.post(p, { name: 'x' });
    isProblem(r, 403);
    assert.is(r.json.title, 'Mot de passe à changer', p);
    assert.match(r.json.detail, /mot de passe provisoire/);
  }
  // the same password again is no change
  isProblem(
    await unchanged(store, () => reviewer.post('/api/me/password', { currentPassword: TEMP, newPassword: TEMP })),
    400,
    'newPassword',
  );
  clock.advance(60_000);
  assert.is((await reviewer.post('/api/me/password', { currentPassword: TEMP, newPassword: OWN })).status, 204);
  assert.is(store.get('users', 'usr-fin')!.mustChangePassword, undefined);
  assert.is((await reviewer.get('/api/me')).status, 401); // a password change ends the sessions
  await login(USERS.reviewer, OWN);
  assert.is((await reviewer.get('/api/dashboard')).status, 200);
  assert.is((await reviewer.get('/api/me')).json.user.mustChangePassword, undefined);
});

test('Role and binding: an establishment account needs a FINESS that exists; other roles none; the scope follows at once', async () => {
  const { as, store } = await smallSetup();
  const admin = as(USERS.admin),
    planner = as(USERS.planner);
  await admin.get('/api/me');
  assert.is((await planner.get('/api/allocations')).status, 200);
  const to = (body: object) => admin.patch('/api/users/usr-planif', body, revOf(store, 'usr-planif'));
  isProblem(await unchanged(store, () => to({ role: 'establishment' })), 400, 'finess');
  isProblem(await unchanged(store, () => to({ role: 'establishment', finess: '123' })), 400, 'finess');
  isProblem(await unchanged(store, () => to({ role: 'establishment', finess: withKey('75999999') })), 422, 'finess');
  isProblem(await unchanged(store, () => to({ finess: F1 })), 400, 'finess'); // a planner has no FINESS
  isProblem(await unchanged(store, () => to({ role: 'chef' })), 400, 'role');
  const moved = await to({ role: 'establishment', finess: F1 });
  assert.is(moved.status, 200, JSON.stringify(moved.json));
  assert.equal([moved.json.role, moved.json.finess], ['establishment', F1]);
  // the same session now reads as that establishment
  assert.equal((await planner.get('/api/me')).json.scope, [F1]);
  assert.is((await planner.get('/api/dashboard')).status, 403);
  // back to planner: the binding goes with it, said explicitly
  isProblem(await unchanged(store, () => to({ role: 'planner' })), 400, 'finess');
  const back = await to({ role: 'planner', finess: null });
  assert.is(back.status, 200);
  assert.is(back.json.finess, undefined);
  assert.is((await planner.get('/api/dashboard')).status, 200);
  // a stale version is refused
  isProblem(
    await unchanged(store, () => admin.patch('/api/users/usr-planif', { role: 'reviewer' }, { 'if-match': '"old"' })),
    412,
  );
});

test('Administrators: none demotes or disables themselves; another administrator may be demoted; the last active one stays', async () => {
  const { as, store } = await smallSetup();
  const admin = as(USERS.admin);
  await admin.get('/api/me');
  for (const body of [{ role: 'planner' }, { disabled: true }])
    isProblem(await unchanged(store, () => admin.patch('/api/users/usr-admin', body, revOf(store, 'usr-admin'))), 422);
  // a second administrator can be named, then demoted by the first
  assert.is((await admin.patch('/api/users/usr-fin2', { role: 'admin' }, revOf(store, 'usr-fin2'))).status, 200);
  assert.is((await admin.patch('/api/users/usr-fin2', { role: 'reviewer' }, revOf(store, 'usr-fin2'))).status, 200);
  // the rule itself: whatever the way in, the last enabled administrator is never demoted nor disabled
  const users = [...store.all('users')];
  const last = users.find((u) => u.id === 'usr-admin')!;
  const other: User = { ...last, id: 'usr-admin2', email: 'admin2@jalon.test', disabled: true };
  refuses(
    () => assertAdminRemains([...users, other], last, { ...last, role: 'planner' }),
    422,
    'dernier administrateur',
  );
  refuses(() => assertAdminRemains(users, last, { ...last, disabled: true }), 422, 'admin@jalon.test');
  assertAdminRemains([...users, { ...other, disabled: false }], last, { ...last, role: 'planner' });
  assertAdminRemains(users, last, { ...last, name: 'Autre nom' });
});

test.run();
