// The 18 ARS regions are reference data: a plan started empty (JALON_DEMO=0, the seed main.ts
// gives) has them from its first start, and an establishment's region must be one of them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hashPassword } from '../../server/auth/passwords.js';
import { REGION_NAMES } from '../../server/domain/regions.js';
import { newPlanData } from '../../server/store/seed.js';
import { isProblem, unchanged } from '../helpers/assert.js';
import { DEMO_PASSWORD, setup } from '../helpers/app.js';
import { withKey } from '../helpers/plan.js';

const PLANNER = 'planif@jalon.test';

/** A new empty plan, as main.ts seeds it without the demo, and one planner to call the API. */
const emptyPlan = async () => {
  const data = newPlanData('2026-11-29T00:00:00.000Z');
  const at = '2026-11-29T00:00:00.000Z';
  data.collections.users['usr-planif'] = {
    id: 'usr-planif',
    rev: '1',
    createdAt: at,
    updatedAt: at,
    email: PLANNER,
    name: 'Planif',
    role: 'planner',
    passwordHash: await hashPassword(DEMO_PASSWORD),
  };
  return data;
};

test('An empty plan lists the 18 ARS regions from its first start', async () => {
  const { as } = await setup(emptyPlan);
  const r = await as(PLANNER).get('/api/regions');
  assert.is(r.status, 200);
  assert.is(r.json.items.length, 18);
  assert.equal(
    Object.fromEntries(r.json.items.map((x: { code: string; name: string }) => [x.code, x.name])),
    REGION_NAMES,
  );
  assert.is(r.json.items[0].name, 'Auvergne-Rhône-Alpes');
});

test('On an empty plan, an establishment of an unknown region is refused (422 on region), one of an ARS region accepted', async () => {
  const { as, store } = await setup(emptyPlan);
  const planner = as(PLANNER);
  await planner.get('/api/me'); // logged in before the refusals: a session is a change
  const est = { finess: withKey('75000050'), name: 'CH de test', category: 'public', priority: false };
  for (const region of ['99', '00', '05'])
    isProblem(await unchanged(store, () => planner.post('/api/establishments', { ...est, region })), 422, 'region');
  const ok = await planner.post('/api/establishments', { ...est, region: '11' });
  assert.is(ok.status, 201, JSON.stringify(ok.json));
  isProblem(
    await unchanged(store, () =>
      planner.patch(`/api/establishments/${ok.json.id}`, { region: '12' }, { 'if-match': `"${ok.json.rev}"` }),
    ),
    422,
    'region',
  );
});

test('A plan made before regions were seeded (none stored) still refuses an unknown region', async () => {
  const { as, store } = await setup(async () => {
    const data = await emptyPlan();
    data.collections.regions = {};
    return data;
  });
  await as(PLANNER).get('/api/me');
  const est = { finess: withKey('75000050'), name: 'CH de test', category: 'public', priority: false };
  isProblem(
    await unchanged(store, () => as(PLANNER).post('/api/establishments', { ...est, region: '99' })),
    422,
    'region',
  );
  assert.is((await as(PLANNER).post('/api/establishments', { ...est, region: '84' })).status, 201);
});

test('On an empty plan, an envelope earmarked on an unknown region is refused (422 on earmark.regions)', async () => {
  const { as, store } = await setup(emptyPlan);
  await as(PLANNER).get('/api/me');
  const env = { code: 'E1', name: 'E1', source: 's', status: 'committed', totalCents: 100 };
  isProblem(
    await unchanged(store, () => as(PLANNER).post('/api/envelopes', { ...env, earmark: { regions: ['11', '99'] } })),
    422,
    'earmark.regions',
  );
  assert.is((await as(PLANNER).post('/api/envelopes', { ...env, earmark: { regions: ['11'] } })).status, 201);
});

test.run();
