import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

test('Actions: 201 on create, 400 on bad axis/code, 409 on duplicate code, filter by axis, delete only when unused', async () => {
  const { as, store } = await smallSetup({ allocations: [allocation('al-1', { amounts: { '2024': 1 } })] });
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  const r = await planner.post('/api/actions', { code: 'EDR', title: 'Détection EDR', axis: 4, domain: 'EDR' });
  assert.is(r.status, 201);
  assert.match(r.json.id, /^act-/);
  for (const [body, path] of [
    [{ code: 'X', title: 't', axis: 5 }, 'axis'],
    [{ code: 'X', title: 't', axis: '4' }, 'axis'],
    [{ code: '', title: 't', axis: 1 }, 'code'],
    [{ code: 'X', axis: 1 }, 'title'],
  ] as const)
    isProblem(await unchanged(store, () => planner.post('/api/actions', body)), 400, path);
  isProblem(
    await unchanged(store, () => planner.post('/api/actions', { code: 'EDR', title: 'again', axis: 4 })),
    409,
    'code',
  );
  isProblem(
    await unchanged(store, () =>
      planner.patch(`/api/actions/${r.json.id}`, { code: 'ACT-AD' }, { 'if-match': r.headers.get('etag')! }),
    ),
    409,
    'code',
  );
  assert.equal(
    (await planner.get('/api/actions?axis=1')).json.items.map((a: { id: string }) => a.id),
    ['act-exe'],
  );
  const used = (await planner.get('/api/actions/act-ad')).headers.get('etag')!;
  isProblem(await unchanged(store, () => planner.del('/api/actions/act-ad', { 'if-match': used })), 422);
  assert.is((await planner.del(`/api/actions/${r.json.id}`, { 'if-match': r.headers.get('etag')! })).status, 204);
});

test.run();
