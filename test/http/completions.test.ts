import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { decide } from '../helpers/decide.js';
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
  const v = await decide(planner2, `/api/completions/${r.json.id}/validate`);
  assert.equal([v.status, v.json.validatedBy, v.json.validatedAt], [200, USERS.planner2, '2026-11-29T10:00:00.000Z']);
  isProblem(await unchanged(store, () => decide(planner2, `/api/completions/${r.json.id}/validate`)), 422);
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
    const r = await unchanged(store, () => decide(who, `/api/completions/${id}/validate`));
    isProblem(r, 403);
    assert.is(r.json.title, 'Séparation des tâches');
    assert.match(r.json.detail, /ne pouvez pas valider une réalisation que vous avez déclarée ou modifiée/);
  }
  // When another planner validates each: Then 200, validated by them
  for (const [who, id, by] of [
    [planner2, own.json.id, USERS.planner2],
    [planner, declared.json.id, USERS.planner],
  ] as const) {
    const ok = await decide(who, `/api/completions/${id}/validate`);
    assert.equal([ok.status, ok.json.validatedBy], [200, by]);
  }
});

const declare = async () => {
  const s = await smallSetup();
  const planner = s.as(USERS.planner),
    planner2 = s.as(USERS.planner2),
    etab = s.as(USERS.etab);
  for (const who of [planner, planner2, etab]) await who.get('/api/me');
  const d = await etab.post('/api/completions', { finess: F1, actionId: 'act-exe', completedOn: '2024-03-01' });
  assert.is(d.status, 201);
  return { ...s, planner, planner2, etab, d };
};

test('Refuse: a planner refuses with a mandatory reason; the establishment reads it; a checked one is never checked again', async () => {
  const { store, planner, etab, d } = await declare();
  // Given a declaration awaiting a check: When a planner refuses it without a reason: Then 400 on reason
  for (const b of [{}, { reason: '' }, { reason: '   ' }])
    isProblem(await unchanged(store, () => decide(planner, `/api/completions/${d.json.id}/refuse`, b)), 400, 'reason');
  // When with a reason: Then it is refused, by them, now, with the reason
  const r = await decide(planner, `/api/completions/${d.json.id}/refuse`, {
    reason: 'Compte rendu d’exercice absent.',
  });
  assert.equal(
    [r.status, r.json.refusedBy, r.json.refusedAt, r.json.refusalReason, r.json.validatedAt],
    [200, USERS.planner, '2026-11-29T10:00:00.000Z', 'Compte rendu d’exercice absent.', undefined],
  );
  assert.is(r.headers.get('etag'), `"${r.json.rev}"`);
  // the establishment reads the reason on its own record and in its awards
  const own = await etab.get(`/api/completions/${d.json.id}`);
  assert.is(own.json.refusalReason, 'Compte rendu d’exercice absent.');
  const awards = await etab.get(`/api/establishments/${F1}/awards`);
  assert.is(awards.json.completions[0].refusalReason, 'Compte rendu d’exercice absent.');
  // a refused declaration is never validated nor refused again: 422, in French, nothing changes
  for (const [path, b] of [
    ['validate', undefined],
    ['refuse', { reason: 'encore' }],
  ] as const) {
    const again = await unchanged(store, () => decide(planner, `/api/completions/${d.json.id}/${path}`, b));
    isProblem(again, 422);
    assert.match(again.json.detail, /déjà été refusée le 29\/11\/2026 par planif@jalon\.test/);
  }
  // a validated one cannot be refused either
  const other = await etab.post('/api/completions', { finess: F1, actionId: 'act-ad', completedOn: '2024-03-01' });
  assert.is((await decide(planner, `/api/completions/${other.json.id}/validate`)).status, 200);
  const late = await unchanged(store, () =>
    decide(planner, `/api/completions/${other.json.id}/refuse`, { reason: 'x' }),
  );
  isProblem(late, 422);
  assert.match(late.json.detail, /déjà été validée/);
  // a check requires If-Match (428 without it, nothing changes); a stale one is 412
  const pending = await etab.post('/api/completions', { finess: F1, actionId: 'act-exe', completedOn: '2024-04-01' });
  assert.is(pending.status, 201, JSON.stringify(pending.json));
  for (const [path, b] of [
    ['validate', undefined],
    ['refuse', { reason: 'x' }],
  ] as const)
    isProblem(await unchanged(store, () => planner.post(`/api/completions/${pending.json.id}/${path}`, b)), 428);
  isProblem(
    await unchanged(store, () =>
      planner.post(`/api/completions/${other.json.id}/refuse`, { reason: 'x' }, { 'if-match': '"0"' }),
    ),
    412,
  );
});

test('Nobody refuses their own declaration (403, separation of duties)', async () => {
  const { store, planner, planner2 } = await declare();
  const own = await planner.post('/api/completions', { finess: F2, actionId: 'act-exe', completedOn: '2024-03-01' });
  const r = await unchanged(store, () => decide(planner, `/api/completions/${own.json.id}/refuse`, { reason: 'non' }));
  isProblem(r, 403);
  assert.match(r.json.detail, /ne pouvez pas refuser une réalisation que vous avez déclarée/);
  assert.is((await decide(planner2, `/api/completions/${own.json.id}/refuse`, { reason: 'non' })).status, 200);
});

test('A refused declaration may be declared again: a new declaration, checked afresh; a pending or validated one is a duplicate', async () => {
  const { store, planner, etab, d } = await declare();
  // while pending, declaring again is a duplicate that says so
  const dup = await unchanged(store, () =>
    etab.post('/api/completions', { finess: F1, actionId: 'act-exe', completedOn: '2024-04-01' }),
  );
  isProblem(dup, 409, 'actionId');
  assert.match(dup.json.detail, /01\/03\/2024, en attente de contrôle/);
  await decide(planner, `/api/completions/${d.json.id}/refuse`, { reason: 'Preuve illisible.' });
  const again = await etab.post('/api/completions', { finess: F1, actionId: 'act-exe', completedOn: '2024-04-01' });
  assert.is(again.status, 201);
  assert.not.equal(again.json.id, d.json.id);
  assert.equal([again.json.refusedAt, again.json.validatedAt], [undefined, undefined]);
  // both stay on record: the refused one with its reason, the new one awaiting a check
  const list = await planner.get(`/api/completions?finess=${F1}&actionId=act-exe`);
  assert.equal(list.json.items.map((c: { id: string }) => c.id).sort(), [d.json.id, again.json.id].sort());
  assert.is((await decide(planner, `/api/completions/${again.json.id}/validate`)).status, 200);
  isProblem(
    await unchanged(store, () =>
      etab.post('/api/completions', { finess: F1, actionId: 'act-exe', completedOn: '2024-05-01' }),
    ),
    409,
  );
});

test('An establishment corrects or withdraws its declaration until it is checked; after, 422 in French and nothing changes', async () => {
  const { store, planner, etab, d } = await declare();
  // Given its pending declaration: When it corrects the date: Then 200, still awaiting a check
  const p = await etab.patch(
    `/api/completions/${d.json.id}`,
    { completedOn: '2024-02-15' },
    { 'if-match': d.headers.get('etag')! },
  );
  assert.equal([p.status, p.json.completedOn, p.json.updatedBy], [200, '2024-02-15', USERS.etab]);
  // a future date is refused as on creation
  isProblem(
    await unchanged(store, () =>
      etab.patch(
        `/api/completions/${d.json.id}`,
        { completedOn: '2026-12-01' },
        { 'if-match': p.headers.get('etag')! },
      ),
    ),
    422,
    'completedOn',
  );
  // When it withdraws it: Then 204 and it is gone
  assert.is((await etab.del(`/api/completions/${d.json.id}`, { 'if-match': p.headers.get('etag')! })).status, 204);
  isProblem(await etab.get(`/api/completions/${d.json.id}`), 404);
  // Given one validated and one refused
  const a = await etab.post('/api/completions', { finess: F1, actionId: 'act-exe', completedOn: '2024-03-01' });
  const b = await etab.post('/api/completions', { finess: F1, actionId: 'act-ad', completedOn: '2024-03-01' });
  const va = await decide(planner, `/api/completions/${a.json.id}/validate`);
  const rb = await decide(planner, `/api/completions/${b.json.id}/refuse`, { reason: 'Hors périmètre.' });
  // When the establishment corrects or withdraws either: Then 422, nothing changes
  for (const [r, word] of [
    [va, 'validée'],
    [rb, 'refusée'],
  ] as const) {
    const tag = { 'if-match': r.headers.get('etag')! };
    const patched = await unchanged(store, () =>
      etab.patch(`/api/completions/${r.json.id}`, { completedOn: '2024-02-01' }, tag),
    );
    isProblem(patched, 422);
    assert.match(patched.json.detail, new RegExp(`a été ${word} le 29/11/2026 .*ne peut plus être corrigée`));
    const withdrawn = await unchanged(store, () => etab.del(`/api/completions/${r.json.id}`, tag));
    isProblem(withdrawn, 422);
    assert.match(withdrawn.json.detail, /ne peut plus être retirée/);
  }
  // a planner cannot withdraw a checked one either (history), but may still correct a validated date
  isProblem(
    await unchanged(store, () =>
      planner.del(`/api/completions/${va.json.id}`, { 'if-match': va.headers.get('etag')! }),
    ),
    422,
  );
  isProblem(
    await unchanged(store, () =>
      planner.patch(
        `/api/completions/${rb.json.id}`,
        { completedOn: '2024-02-01' },
        { 'if-match': rb.headers.get('etag')! },
      ),
    ),
    422,
  );
});

test('The queue: status=pending|validated|refused, region and search filters', async () => {
  const { planner, planner2, etab, d } = await declare();
  const e2 = await planner.post('/api/completions', { finess: F2, actionId: 'act-exe', completedOn: '2024-03-02' });
  const e3 = await planner.post('/api/completions', { finess: F1, actionId: 'act-ad', completedOn: '2024-03-03' });
  await decide(planner2, `/api/completions/${e2.json.id}/validate`);
  await decide(planner2, `/api/completions/${e3.json.id}/refuse`, { reason: 'non' });
  const ids = async (q: string) =>
    ((await planner.get(`/api/completions?${q}`)).json.items as Array<{ id: string }>).map((c) => c.id).sort();
  assert.equal(await ids('status=pending'), [d.json.id]);
  assert.equal(await ids('status=validated'), [e2.json.id]);
  assert.equal(await ids('status=refused'), [e3.json.id]);
  assert.equal(await ids('status=validated,refused'), [e2.json.id, e3.json.id].sort());
  assert.equal(await ids('region=84'), [e2.json.id]);
  assert.equal(await ids(`q=${F1}&status=pending,refused`), [d.json.id, e3.json.id].sort());
  // an establishment's queue is its own
  assert.equal(((await etab.get('/api/completions?status=validated')).json.items as unknown[]).length, 0);
});

test('Milestone progress counts validated completions only; declarations awaiting a check are counted apart', async () => {
  const { planner, planner2, etab, d } = await declare();
  const ms = await planner.post('/api/milestones', {
    title: 'Exercices',
    date: '2027-06-30',
    target: { actionId: 'act-exe', population: 'all', share: 0.5 },
  });
  const read = async () => {
    const m = (await etab.get(`/api/milestones/${ms.json.id}`)).json;
    const all = (await planner.get(`/api/milestones/${ms.json.id}`)).json;
    return [m.completed, m.declared, all.population, all.completed, all.declared, all.progress];
  };
  // F1 declared: 0 completed, 1 declared (5 establishments in the small plan)
  assert.equal(await read(), [0, 1, 5, 0, 1, 0]);
  // F2 declared by a planner, then validated by another: 1 completed
  const f2 = await planner.post('/api/completions', { finess: F2, actionId: 'act-exe', completedOn: '2024-03-02' });
  await decide(planner2, `/api/completions/${f2.json.id}/validate`);
  assert.equal(await read(), [0, 1, 5, 1, 1, 0.2]);
  // F1 refused: counted nowhere
  await decide(planner, `/api/completions/${d.json.id}/refuse`, { reason: 'non' });
  assert.equal(await read(), [0, 0, 5, 1, 0, 0.2]);
});

test.run();
