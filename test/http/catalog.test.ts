// The catalogue's rules over HTTP: an envelope never drops below what it holds and is not deleted
// while it holds allocations; an action that funds allocations is retired, not deleted, and a
// retired action takes no new allocation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, envelope, F1, F2, withKey } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const ctx = async () => {
  const s = await smallSetup({
    envelopes: [
      envelope({ totalCents: 2_000_000_00, yearlyCents: { '2024': 500_000_00, '2025': 1_500_000_00 } }),
      envelope({ id: 'env-b', code: 'ENV-B', totalCents: 10_00 }),
    ],
    allocations: [
      // allocated: 300 000,00 € on 2024, 1 200 000,00 € on 2025 (one approved, one proposed), 1 500 000,00 € in all
      allocation('al-1', { amounts: { '2024': 300_000_00, '2025': 700_000_00 }, status: 'approved' }),
      allocation('al-2', { finess: F2, amounts: { '2025': 500_000_00 } }),
      allocation('al-3', { actionId: 'act-exe', amounts: { '2024': 1_00 }, status: 'rejected' }),
    ],
  });
  const planner = s.as(USERS.planner);
  await planner.get('/api/me');
  const etagOf = async (path: string) => (await planner.get(path)).headers.get('etag')!;
  return { ...s, planner, etagOf };
};

test('Given 1 500 000,00 € allocated, a total of 1 499 999,99 € is refused on totalCents with what is allocated; nothing changes', async () => {
  const { planner, store, etagOf } = await ctx();
  const etag = await etagOf('/api/envelopes/env-a');
  const r = await unchanged(store, () =>
    planner.patch('/api/envelopes/env-a', { totalCents: 1_499_999_99 }, { 'if-match': etag }),
  );
  isProblem(r, 422, 'totalCents');
  const msg = r.json.errors.find((e: { path: string }) => e.path === 'totalCents').message;
  assert.match(msg, /^Déjà alloué : 1\u202f500\u202f000,00 €/);
  // the same If-Match still works: the refusal wrote nothing
  const ok = await planner.patch(
    '/api/envelopes/env-a',
    { totalCents: 1_500_000_00, yearlyCents: { '2024': 300_000_00, '2025': 1_200_000_00 } },
    { 'if-match': etag },
  );
  assert.is(ok.status, 200);
  assert.is(ok.json.totalCents, 1_500_000_00);
});

test('Given 1 200 000,00 € allocated on 2025, a 2025 budget below it is refused on yearlyCents.2025 saying so', async () => {
  const { planner, store, etagOf } = await ctx();
  const etag = await etagOf('/api/envelopes/env-a');
  const r = await unchanged(store, () =>
    planner.patch(
      '/api/envelopes/env-a',
      { yearlyCents: { '2024': 500_000_00, '2025': 1_199_999_99 } },
      { 'if-match': etag },
    ),
  );
  isProblem(r, 422, 'yearlyCents.2025');
  const msg = r.json.errors.find((e: { path: string }) => e.path === 'yearlyCents.2025').message;
  assert.is(msg, 'Déjà alloué sur 2025 : 1\u202f200\u202f000,00 €.');
  assert.not.ok(r.json.errors.some((e: { path: string }) => e.path === 'yearlyCents.2024'));
  // a split that leaves out a year which holds money is below it too
  isProblem(
    await unchanged(store, () =>
      planner.patch('/api/envelopes/env-a', { yearlyCents: { '2025': 1_500_000_00 } }, { 'if-match': etag }),
    ),
    422,
    'yearlyCents.2024',
  );
});

test('An envelope with allocations is not deleted: the message counts them (rejected ones too); nothing changes', async () => {
  const { planner, store, etagOf } = await ctx();
  const etag = await etagOf('/api/envelopes/env-a');
  const r = await unchanged(store, () => planner.del('/api/envelopes/env-a', { 'if-match': etag }));
  isProblem(r, 422);
  assert.match(r.json.detail, /^L'enveloppe ENV-A porte 3 allocations : elle ne peut pas être supprimée/);
  assert.is((await planner.get('/api/envelopes/env-a')).status, 200);
  assert.is(
    (await planner.del('/api/envelopes/env-b', { 'if-match': await etagOf('/api/envelopes/env-b') })).status,
    204,
  );
});

test('An action with allocations: DELETE refused saying to retire it; retire, then a new allocation on it is 422', async () => {
  const { planner, store, etagOf } = await ctx();
  const del = await unchanged(store, () =>
    etagOf('/api/actions/act-ad').then((etag) => planner.del('/api/actions/act-ad', { 'if-match': etag })),
  );
  isProblem(del, 422);
  assert.match(del.json.detail, /porte 2 allocations .* Retirez-la du catalogue/);

  // retire needs the version read, like an edit
  isProblem(await unchanged(store, () => planner.post('/api/actions/act-ad/retire')), 428);
  const retired = await planner.post(
    '/api/actions/act-ad/retire',
    {},
    { 'if-match': await etagOf('/api/actions/act-ad') },
  );
  assert.is(retired.status, 200);
  assert.is(retired.json.retiredBy, USERS.planner);
  assert.type(retired.json.retiredAt, 'string');
  assert.is(retired.headers.get('etag'), `"${retired.json.rev}"`);
  assert.is((await planner.get('/api/actions/act-ad')).json.retiredAt, retired.json.retiredAt);
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/actions/act-ad/retire', {}, { 'if-match': retired.headers.get('etag')! }),
    ),
    422,
  );

  // a new allocation on it is refused, on actionId; nothing is written
  const refused = await unchanged(store, () =>
    planner.post('/api/allocations', {
      envelopeId: 'env-b',
      finess: F1,
      actionId: 'act-ad',
      amounts: { '2026': 1_00 },
    }),
  );
  isProblem(refused, 422, 'actionId');
  assert.match(refused.json.detail, /ACT-AD est retirée du catalogue/);
  // nor is a proposed allocation moved onto it, nor a bulk allocation made with it
  const al3 = await etagOf('/api/allocations/al-3');
  isProblem(
    await unchanged(store, () => planner.patch('/api/allocations/al-3', { actionId: 'act-ad' }, { 'if-match': al3 })),
    422,
    'actionId',
  );
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/allocations/bulk', {
        envelopeId: 'env-b',
        actionId: 'act-ad',
        amounts: { '2026': 1 },
        filter: { q: F2 },
      }),
    ),
    422,
    'actionId',
  );

  // what it funds already goes on: the approved one takes an avenant
  const al1 = await etagOf('/api/allocations/al-1');
  const avenant = await planner.patch(
    '/api/allocations/al-1',
    { amounts: { '2024': 300_000_00, '2025': 600_000_00 } },
    { 'if-match': al1 },
  );
  assert.is(avenant.status, 200);

  // restored, it takes new allocations again
  const restored = await planner.post('/api/actions/act-ad/restore', {}, { 'if-match': retired.headers.get('etag')! });
  assert.is(restored.status, 200);
  assert.is(restored.json.retiredAt, undefined);
  assert.is(restored.json.retiredBy, undefined);
  const created = await planner.post('/api/allocations', {
    envelopeId: 'env-b',
    finess: F1,
    actionId: 'act-ad',
    amounts: { '2026': 1_00 },
  });
  assert.is(created.status, 201);
});

test('Retire and restore are the planner’s: a reviewer gets 403 and nothing changes', async () => {
  const { as, store, etagOf } = await ctx();
  const reviewer = as(USERS.reviewer);
  await reviewer.get('/api/me');
  const etag = await etagOf('/api/actions/act-ad');
  isProblem(await unchanged(store, () => reviewer.post('/api/actions/act-ad/retire', {}, { 'if-match': etag })), 403);
});

test('An establishment edit clears its legal entity and GHT with null; a FINESS EJ with a wrong key is refused on finessEj', async () => {
  const { planner, store, etagOf } = await ctx();
  const ej = withKey('75000099');
  const wrong = ej.slice(0, 8) + String((Number(ej[8]) + 1) % 10);
  const etag = await etagOf(`/api/establishments/${F1}`);
  const bad = await unchanged(store, () =>
    planner.patch(`/api/establishments/${F1}`, { finessEj: wrong }, { 'if-match': etag }),
  );
  isProblem(bad, 422, 'finessEj');
  assert.is(
    bad.json.errors.find((e: { path: string }) => e.path === 'finessEj').message,
    'Clé de contrôle (Luhn) du numéro FINESS incorrecte.',
  );
  const set = await planner.patch(`/api/establishments/${F1}`, { finessEj: ej, ght: 'GHT 1' }, { 'if-match': etag });
  assert.equal([set.status, set.json.finessEj, set.json.ght], [200, ej, 'GHT 1']);
  const cleared = await planner.patch(
    `/api/establishments/${F1}`,
    { finessEj: null, ght: null },
    { 'if-match': set.headers.get('etag')! },
  );
  assert.is(cleared.status, 200);
  assert.not.ok('finessEj' in cleared.json || 'ght' in cleared.json);
});

test.run();
