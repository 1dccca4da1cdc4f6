import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { passwordProblem } from '../../server/domain/passwords.js';
import { isProblem, unchanged } from '../helpers/assert.js';
import { F1 } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

/** If-Match with a user's current rev: account edits are guarded like every other record. */
const revOf = (store: { get(kind: 'users', id: string): { rev: string } | undefined }, id: string) => ({
  'if-match': `"${store.get('users', id)!.rev}"`,
});

test('API tokens: created once in clear, stored hashed, usable as Bearer (no CSRF check), revocable → 401', async () => {
  const { app, as, store } = await smallSetup();
  const planner = as(USERS.planner);
  const created = await planner.post('/api/tokens', { name: 'script import' });
  assert.is(created.status, 201);
  const secret: string = created.json.token;
  assert.match(secret, /^jtok_/);
  assert.is(created.json.tokenHash, undefined);
  assert.not.ok(JSON.stringify(store.exportData()).includes(secret), 'the clear token is nowhere in the data');
  const list = await planner.get('/api/tokens');
  assert.equal(
    list.json.items.map((t: { name: string; tokenHash?: string }) => [t.name, t.tokenHash]),
    [['script import', undefined]],
  );
  const bearer = { authorization: `Bearer ${secret}` };
  const meRes = await app.request('/api/me', { headers: bearer });
  assert.is((await meRes.json()).user.email, USERS.planner);
  const write = await app.request('/api/actions', {
    method: 'POST',
    headers: { ...bearer, 'content-type': 'application/json', origin: 'https://scripts.example' },
    body: JSON.stringify({ code: 'TOK', title: 'par jeton', axis: 2 }),
  });
  assert.is(write.status, 201);
  assert.is((await write.json()).createdBy, USERS.planner);
  // the token carries its owner's role: a planner's token cannot approve
  assert.is((await app.request('/api/allocations/x/approve', { method: 'POST', headers: bearer })).status, 403);
  // another user cannot revoke it (404), its owner can
  const reviewer = as(USERS.reviewer);
  await reviewer.get('/api/me');
  isProblem(await unchanged(store, () => reviewer.del(`/api/tokens/${created.json.id}`)), 404);
  assert.is((await planner.del(`/api/tokens/${created.json.id}`)).status, 204);
  assert.is((await app.request('/api/me', { headers: bearer })).status, 401);
  assert.is((await app.request('/api/me', { headers: { authorization: 'Bearer jtok_made-up' } })).status, 401);
});

test('A token dies with its disabled user', async () => {
  const { app, as, store } = await smallSetup();
  const secret = (await as(USERS.reviewer).post('/api/tokens', { name: 't' })).json.token;
  await as(USERS.admin).patch('/api/users/usr-fin', { disabled: true }, revOf(store, 'usr-fin'));
  assert.is((await app.request('/api/me', { headers: { authorization: `Bearer ${secret}` } })).status, 401);
});

test('Users: admin creates (201, no hash), lists and edits; duplicate 409; bad inputs 400; binding rules', async () => {
  const { as, store, login } = await smallSetup();
  const admin = as(USERS.admin);
  await admin.get('/api/me');
  const valid = {
    email: 'Nouveau@Jalon.test',
    name: 'Nouveau',
    role: 'reviewer',
    password: 'Une-phrase-de-passe-2026',
  };
  const r = await admin.post('/api/users', valid);
  assert.is(r.status, 201);
  assert.equal([r.json.email, r.json.role, r.json.passwordHash], ['nouveau@jalon.test', 'reviewer', undefined]);
  await login('nouveau@jalon.test', 'Une-phrase-de-passe-2026');
  isProblem(await unchanged(store, () => admin.post('/api/users', valid)), 409, 'email');
  // the detail names the fields as a French reader knows them, in French, zod's own checks included
  const empty = await unchanged(store, () =>
    admin.post('/api/users', { ...valid, email: 'x9@jalon.test', name: ' ', role: 'reviewer', finess: 12 }),
  );
  isProblem(empty, 400, 'name');
  assert.match(
    empty.json.detail,
    /^Nom : Champ obligatoire\. ; FINESS : Entrée invalide : chaîne de caractères attendue?, nombre reçu$/,
  );
  const cases: Array<[object, number, string]> = [
    [{ ...valid, email: 'x2@jalon.test', password: 'court' }, 400, 'password'],
    [{ ...valid, email: 'pas-un-email' }, 400, 'email'],
    [{ ...valid, email: 'x3@jalon.test', role: 'boss' }, 400, 'role'],
    [{ ...valid, email: 'x4@jalon.test', role: 'establishment' }, 400, 'finess'],
    [{ ...valid, email: 'x5@jalon.test', role: 'establishment', finess: '750712185' }, 400, 'finess'],
    [{ ...valid, email: 'x6@jalon.test', role: 'establishment', finess: '750712184' }, 422, 'finess'],
    [{ ...valid, email: 'x7@jalon.test', role: 'planner', finess: F1 }, 400, 'finess'],
  ];
  for (const [body, status, path] of cases)
    isProblem(await unchanged(store, () => admin.post('/api/users', body)), status, path);
  const etab = await admin.post('/api/users', {
    ...valid,
    email: 'site@jalon.test',
    role: 'establishment',
    finess: F1.toLowerCase(),
  });
  assert.equal([etab.status, etab.json.finess], [201, F1]);
  const list = await admin.get('/api/users');
  assert.ok(list.json.items.every((u: { passwordHash?: string }) => u.passwordHash === undefined));
  isProblem(await unchanged(store, () => admin.patch(`/api/users/${r.json.id}`, { role: 'planner' })), 428);
  isProblem(
    await unchanged(store, () =>
      admin.patch(`/api/users/${r.json.id}`, { role: 'planner' }, { 'if-match': '"stale"' }),
    ),
    412,
  );
  const p = await admin.patch(`/api/users/${r.json.id}`, { role: 'planner' }, revOf(store, r.json.id));
  assert.equal([p.status, p.json.role, p.headers.get('etag')], [200, 'planner', `"${p.json.rev}"`]);
  isProblem(
    await unchanged(store, () =>
      admin.patch(`/api/users/${r.json.id}`, { role: 'establishment' }, revOf(store, r.json.id)),
    ),
    400,
    'finess',
  );
  isProblem(await unchanged(store, () => admin.patch('/api/users/usr-none', { name: 'x' })), 404);
});

test('Only admins manage users', async () => {
  const { as, store } = await smallSetup();
  for (const who of [USERS.planner, USERS.reviewer, USERS.etab]) {
    const c = as(who);
    await c.get('/api/me');
    isProblem(await c.get('/api/users'), 403);
    isProblem(
      await unchanged(store, () =>
        c.post('/api/users', { email: 'x@jalon.test', name: 'x', role: 'admin', password: 'Une-phrase-de-passe-2026' }),
      ),
      403,
    );
    isProblem(await unchanged(store, () => c.patch('/api/users/usr-planif', { role: 'admin' })), 403);
  }
});

test('passwordProblem: length, repetition, common words, identifier, variety; long phrases pass', () => {
  assert.match(passwordProblem('Abc-12345')!, /12 caractères/);
  assert.match(passwordProblem('x'.repeat(257))!, /trop long/);
  assert.match(passwordProblem('abababababab')!, /répète/);
  assert.match(passwordProblem('Password-2024!')!, /courant/);
  assert.match(passwordProblem('Azerty123456!')!, /courant/);
  assert.match(passwordProblem('claire.martin-2026', 'claire.martin@ars.sante.fr')!, /identifiant/);
  assert.match(passwordProblem('abcdefghijkl')!, /types/);
  assert.is(passwordProblem('CaRE-cyber-2027'), null);
  assert.is(passwordProblem('une phrase assez longue sans chiffres'), null);
});

test.run();
