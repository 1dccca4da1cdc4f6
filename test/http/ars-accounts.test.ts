// ARS accounts: an administrator binds a planner or a reviewer to one of the 18 regions, and
// nothing else (no region on an administrator or an establishment, no unknown region).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { ARS, regionalSetup } from '../helpers/regional.js';
import { USERS } from '../helpers/small.js';
import { F1 } from '../helpers/plan.js';

const PASSWORD = 'Une-phrase-de-passe-2027';

test('An administrator creates an ARS planner (region 11) and a national reviewer; the planner sees its region in /api/me', async () => {
  const { as, login } = await regionalSetup();
  const admin = as(USERS.admin);
  const made = await admin.post('/api/users', {
    email: 'ars.nouveau@jalon.test',
    name: 'ARS IDF',
    role: 'planner',
    region: '11',
    password: PASSWORD,
  });
  assert.equal([made.status, made.json.region, made.json.role], [201, '11', 'planner']);
  const national = await admin.post('/api/users', {
    email: 'nat@jalon.test',
    name: 'N',
    role: 'reviewer',
    password: PASSWORD,
  });
  assert.equal([national.status, 'region' in national.json], [201, false]);
  await login('ars.nouveau@jalon.test', PASSWORD);
  const me = await as('ars.nouveau@jalon.test').get('/api/me');
  assert.is(me.json.user.region, '11');
});

test('A region on an administrator or an establishment account, or an unknown region: 400 with the field, nothing changed', async () => {
  const { as, store } = await regionalSetup();
  const admin = as(USERS.admin);
  await admin.get('/api/me');
  const bad = [
    { email: 'a@jalon.test', name: 'A', role: 'admin', region: '11', password: PASSWORD },
    { email: 'e@jalon.test', name: 'E', role: 'establishment', finess: F1, region: '11', password: PASSWORD },
    { email: 'p@jalon.test', name: 'P', role: 'planner', region: '99', password: PASSWORD },
    { email: 'p@jalon.test', name: 'P', role: 'planner', region: '975', password: PASSWORD },
  ];
  for (const b of bad) isProblem(await unchanged(store, () => admin.post('/api/users', b)), 400, 'region');
});

test('PATCH: an administrator binds, moves and frees an account; refusals change nothing', async () => {
  const { as, store } = await regionalSetup();
  const admin = as(USERS.admin);
  const rev = () => `"${store.get('users', 'usr-planif')!.rev}"`;
  const bound = await admin.patch('/api/users/usr-planif', { region: '84' }, { 'if-match': rev() });
  assert.equal([bound.status, bound.json.region], [200, '84']);
  const moved = await admin.patch('/api/users/usr-planif', { region: '11' }, { 'if-match': rev() });
  assert.is(moved.json.region, '11');
  // a role that cannot be regional keeps no region: refused while the region stays
  isProblem(
    await unchanged(store, () => admin.patch('/api/users/usr-planif', { role: 'admin' }, { 'if-match': rev() })),
    400,
    'region',
  );
  isProblem(
    await unchanged(store, () => admin.patch('/api/users/usr-planif', { region: '12' }, { 'if-match': rev() })),
    400,
    'region',
  );
  isProblem(
    await unchanged(store, () =>
      admin.patch('/api/users/usr-f1', { region: '11' }, { 'if-match': `"${store.get('users', 'usr-f1')!.rev}"` }),
    ),
    400,
    'region',
  );
  const freed = await admin.patch('/api/users/usr-planif', { region: null, role: 'admin' }, { 'if-match': rev() });
  assert.equal([freed.status, 'region' in freed.json, freed.json.role], [200, false, 'admin']);
});

test('The binding takes effect at the next request: a planner moved to Auvergne-Rhône-Alpes no longer sees Île-de-France', async () => {
  const { as, store } = await regionalSetup();
  const planner = as(ARS.planner);
  assert.equal((await planner.get('/api/establishments')).json.items.map((e: { region: string }) => e.region).sort(), [
    '11',
    '11',
    '11',
  ]);
  await as(USERS.admin).patch(
    '/api/users/usr-ars-planner',
    { region: '84' },
    { 'if-match': `"${store.get('users', 'usr-ars-planner')!.rev}"` },
  );
  assert.equal(
    (await planner.get('/api/establishments')).json.items.map((e: { region: string }) => e.region),
    ['84'],
  );
});

test.run();
