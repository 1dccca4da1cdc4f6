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
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/completions', { finess: F1, actionId: 'act-exe', completedOn: '2023-06-01' }),
    ),
    409,
    'actionId',
  );
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/completions', { finess: F2, actionId: 'act-exe', completedOn: '2026-11-30' }),
    ),
    422,
    'completedOn',
  );
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/completions', { finess: F2, actionId: 'act-exe', completedOn: '2026-13-01' }),
    ),
    400,
    'completedOn',
  );
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/completions', { finess: '750712184', actionId: 'act-exe', completedOn: '2024-01-01' }),
    ),
    422,
    'finess',
  );
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/completions', { finess: F2, actionId: 'act-none', completedOn: '2024-01-01' }),
    ),
    422,
    'actionId',
  );
  // another planner validates (separation of duties: see below)
  const planner2 = as(USERS.planner2);
  const v = await planner2.post(`/api/completions/${r.json.id}/validate`);
  assert.equal([v.status, v.json.validatedBy, v.json.validatedAt], [200, USERS.planner2, '2026-11-29T10:00:00.000Z']);
  isProblem(await unchanged(store, () => planner2.post(`/api/completions/${r.json.id}/validate`)), 422);
  isProblem(
    await unchanged(store, () =>
      planner.patch(
        `/api/completions/${r.json.id}`,
        { completedOn: '2026-12-01' },
        { 'if-match': v.headers.get('etag')! },
      ),
    ),
    422,
    'completedOn',
  );
  isProblem(
    await unchanged(store, () =>
      planner.patch(`/api/completions/${r.json.id}`, { finess: F2 }, { 'if-match': v.headers.get('etag')! }),
    ),
    400,
  );
  const p = await planner.patch(
    `/api/completions/${r.json.id}`,
    { completedOn: '2023-05-31' },
    { 'if-match': v.headers.get('etag')! },
  );
  // a new date is a new declaration: the validation no longer stands
  assert.equal(
    [p.status, p.json.completedOn, p.json.validatedAt, p.json.validatedBy],
    [200, '2023-05-31', undefined, undefined],
  );
  assert.equal((await planner.get(`/api/completions?finess=${F1}&actionId=act-exe`)).json.total, 1);
  assert.is((await planner.del(`/api/completions/${r.json.id}`, { 'if-match': p.headers.get('etag')! })).status, 204);
});

test('Whoever declared a completion, or last changed its date, cannot validate it: 403 in French, nothing changes; another planner can', async () => {
  // Given a completion declared by a planner, and one declared by an establishment whose date a planner corrected
  const { as, store } = await smallSetup();
  const planner = as(USERS.planner),
    planner2 = as(USERS.planner2),
    etab = as(USERS.etab);
  const own = await planner.post('/api/completions', { finess: F2, actionId: 'act-exe', completedOn: '2024-03-01' });
  const declared = await etab.post('/api/completions', { finess: F1, actionId: 'act-exe', completedOn: '2024-03-01' });
  assert.equal([own.status, declared.status], [201, 201]);
  const corrected = await planner2.patch(
    `/api/completions/${declared.json.id}`,
    { completedOn: '2024-02-01' },
    { 'if-match': declared.headers.get('etag')! },
  );
  assert.is(corrected.json.updatedBy, USERS.planner2);
  // When the declarer, then the corrector, validate: Then 403, and the completions stay unvalidated
  for (const [who, id] of [
    [planner, own.json.id],
    [planner2, declared.json.id],
  ] as const) {
    const r = await unchanged(store, () => who.post(`/api/completions/${id}/validate`));
    isProblem(r, 403);
    assert.is(r.json.title, 'Séparation des tâches');
    assert.match(r.json.detail, /ne pouvez pas valider une réalisation que vous avez déclarée ou modifiée/);
  }
  // When another planner validates each: Then 200, validated by them
  for (const [who, id, by] of [
    [planner2, own.json.id, USERS.planner2],
    [planner, declared.json.id, USERS.planner],
  ] as const) {
    const ok = await who.post(`/api/completions/${id}/validate`);
    assert.equal([ok.status, ok.json.validatedBy], [200, by]);
  }
});

test.run();
