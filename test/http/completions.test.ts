import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { F1, F2 } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

test('Completions: 201, duplicate 409, future 422, bad date 400, unknown establishment 422, validate once, PATCH date', async () => {
  const { as, store } = await smallSetup();
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  const r = await planner.post('/api/completions', { finess: F1, actionId: 'act-exe', completedOn: '2023-05-30' });
  assert.is(r.status, 201);
  isProblem(await unchanged(store, () => planner.post('/api/completions', { finess: F1, actionId: 'act-exe', completedOn: '2023-06-01' })), 409, 'actionId');
  isProblem(await unchanged(store, () => planner.post('/api/completions', { finess: F2, actionId: 'act-exe', completedOn: '2026-11-30' })), 422, 'completedOn');
  isProblem(await unchanged(store, () => planner.post('/api/completions', { finess: F2, actionId: 'act-exe', completedOn: '2026-13-01' })), 400, 'completedOn');
  isProblem(await unchanged(store, () => planner.post('/api/completions', { finess: '750712184', actionId: 'act-exe', completedOn: '2024-01-01' })), 422, 'finess');
  isProblem(await unchanged(store, () => planner.post('/api/completions', { finess: F2, actionId: 'act-none', completedOn: '2024-01-01' })), 422, 'actionId');
  const v = await planner.post(`/api/completions/${r.json.id}/validate`);
  assert.equal([v.status, v.json.validatedBy, v.json.validatedAt], [200, USERS.planner, '2026-11-29T10:00:00.000Z']);
  isProblem(await unchanged(store, () => planner.post(`/api/completions/${r.json.id}/validate`)), 422);
  isProblem(await unchanged(store, () => planner.patch(`/api/completions/${r.json.id}`, { completedOn: '2026-12-01' }, { 'if-match': v.headers.get('etag')! })), 422, 'completedOn');
  isProblem(await unchanged(store, () => planner.patch(`/api/completions/${r.json.id}`, { finess: F2 }, { 'if-match': v.headers.get('etag')! })), 400);
  const p = await planner.patch(`/api/completions/${r.json.id}`, { completedOn: '2023-05-31' }, { 'if-match': v.headers.get('etag')! });
  assert.equal([p.status, p.json.completedOn], [200, '2023-05-31']);
  assert.equal((await planner.get(`/api/completions?finess=${F1}&actionId=act-exe`)).json.total, 1);
  assert.is((await planner.del(`/api/completions/${r.json.id}`, { 'if-match': p.headers.get('etag')! })).status, 204);
});

test.run();
