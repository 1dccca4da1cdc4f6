import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, envelope, F1, F2, F3, payment } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

// Envelope env-a: 1 000,00 € with 600,00 € on 2023 and 400,00 € on 2024.
const ctx = async () => {
  const s = await smallSetup({
    envelopes: [envelope({ totalCents: 1_000_00, yearlyCents: { '2023': 600_00, '2024': 400_00 } })],
    allocations: [
      allocation('al-app', { amounts: { '2023': 500_00 }, status: 'approved', approvedBy: USERS.reviewer }),
      allocation('al-paid', { finess: F2, amounts: { '2024': 100_00 }, status: 'approved' }),
      allocation('al-prop', { finess: F3, amounts: { '2024': 100_00 } }),
    ],
    payments: [payment('pay-1', 'al-paid', 60_00, '2024-05-01')],
  });
  const planner = s.as(USERS.planner),
    reviewer = s.as(USERS.reviewer);
  await planner.get('/api/me');
  await reviewer.get('/api/me');
  const etag = async (id: string) => (await planner.get(`/api/allocations/${id}`)).headers.get('etag')!;
  return { ...s, planner, reviewer, etag };
};
const draft = { envelopeId: 'env-a', finess: F1, actionId: 'act-exe', amounts: { '2024': 200_00 } };

test('POST answers 201 with a proposed allocation, id, rev and ETag', async () => {
  const { planner } = await ctx();
  const r = await planner.post('/api/allocations', draft);
  assert.is(r.status, 201);
  assert.match(r.json.id, /^al-/);
  assert.equal([r.json.status, r.json.amounts, r.json.createdBy], ['proposed', { '2024': 200_00 }, USERS.planner]);
  assert.is(r.headers.get('etag'), `"${r.json.rev}"`);
});

test('An establishment is funded once per action, envelope and year: a twin on the same year is 409 and changes nothing; another year is fine; a rejected one holds nothing', async () => {
  const { planner, reviewer, store, etag } = await ctx();
  const first = await planner.post('/api/allocations', { ...draft, amounts: { '2024': 100_00 } });
  assert.is(first.status, 201);
  const twin = await unchanged(store, () =>
    planner.post('/api/allocations', { ...draft, amounts: { '2023': 1_00, '2024': 1_00 } }),
  );
  isProblem(twin, 409, 'actionId');
  assert.match(twin.json.detail, new RegExp(`en 2024 \\(${first.json.id}, proposée\\) : modifiez-la plutôt`));
  // an annual action funded one allocation a year: another year is another allocation
  const nextYear = await planner.post('/api/allocations', { ...draft, amounts: { '2023': 1_00 } });
  assert.is(nextYear.status, 201, JSON.stringify(nextYear.json));
  // which may not then grow into the first one's year
  isProblem(
    await unchanged(store, async () =>
      planner.patch(
        `/api/allocations/${nextYear.json.id}`,
        { amounts: { '2023': 1_00, '2024': 1_00 } },
        { 'if-match': await etag(nextYear.json.id) },
      ),
    ),
    409,
    'actionId',
  );
  // moving another allocation onto the same establishment, envelope and action is a twin too
  isProblem(
    await unchanged(store, async () =>
      planner.patch(
        '/api/allocations/al-prop',
        { finess: F1, actionId: 'act-exe' },
        { 'if-match': await etag('al-prop') },
      ),
    ),
    409,
    'actionId',
  );
  assert.is((await reviewer.post(`/api/allocations/${first.json.id}/reject`, { reason: 'doublon' })).status, 200);
  assert.is((await planner.post('/api/allocations', draft)).status, 201);
});

test('Bad inputs are 400 on their path; nothing changes', async () => {
  const { planner, store } = await ctx();
  const cases: Array<[object, string]> = [
    [{ ...draft, amounts: { '2028': 1 } }, 'amounts'],
    [{ ...draft, amounts: { '2024': 1.5 } }, 'amounts.2024'],
    [{ ...draft, amounts: { '2024': -1 } }, 'amounts.2024'],
    [{ ...draft, amounts: { '2024': '100' } }, 'amounts.2024'],
    [{ ...draft, amounts: [100] }, 'amounts'],
    [{ ...draft, envelopeId: '' }, 'envelopeId'],
    [{ ...draft, actionId: undefined }, 'actionId'],
    [{ ...draft, status: 'approved' }, '(corps)'],
  ];
  for (const [body, path] of cases)
    isProblem(await unchanged(store, () => planner.post('/api/allocations', body)), 400, path);
});

test('Over-allocation is 422 with what remains in euros, per year and in total; nothing changes', async () => {
  const { planner, store } = await ctx();
  const y23 = await unchanged(store, () => planner.post('/api/allocations', { ...draft, amounts: { '2023': 100_01 } }));
  isProblem(y23, 422, 'amounts.2023');
  assert.match(y23.json.detail, /reste 100,00 € sur 2023/);
  const y24 = await unchanged(store, () => planner.post('/api/allocations', { ...draft, amounts: { '2024': 200_01 } }));
  isProblem(y24, 422, 'amounts.2024');
  assert.match(y24.json.detail, /reste 200,00 € sur 2024/);
  // a year and the total both exceeded: the envelope is named once in the detail, each field has its own
  const both = await unchanged(store, () =>
    planner.post('/api/allocations', { ...draft, amounts: { '2023': 100_01, '2024': 200_00 } }),
  );
  assert.is(
    both.json.detail,
    "Dépassement de l'enveloppe ENV-A : reste 100,00 € sur 2023 ; reste 300,00 € sur le total.",
  );
  assert.equal(
    both.json.errors.map((e: { path: string }) => e.path),
    ['amounts.2023', 'amounts'],
  );
  isProblem(
    await unchanged(store, () => planner.post('/api/allocations', { ...draft, envelopeId: 'env-none' })),
    422,
    'envelopeId',
  );
  isProblem(
    await unchanged(store, () => planner.post('/api/allocations', { ...draft, finess: '750712184' })),
    422,
    'finess',
  );
  // exactly what remains is fine
  assert.is(
    (await planner.post('/api/allocations', { ...draft, amounts: { '2023': 100_00, '2024': 200_00 } })).status,
    201,
  );
  const full = await unchanged(store, () =>
    planner.post('/api/allocations', { ...draft, finess: F2, amounts: { '2023': 1 } }),
  );
  assert.match(full.json.detail, /reste 0,00 € sur 2023/);
});

test('PATCH of an approved allocation records an avenant; the reviewer approves it; approved amounts follow', async () => {
  const { planner, reviewer, etag } = await ctx();
  const r = await planner.patch(
    '/api/allocations/al-app',
    { amounts: { '2023': 550_00 } },
    { 'if-match': await etag('al-app') },
  );
  assert.is(r.status, 200);
  assert.equal(
    [r.json.status, r.json.amounts, r.json.revision.amounts, r.json.revision.proposedBy],
    ['approved', { '2023': 500_00 }, { '2023': 550_00 }, USERS.planner],
  );
  assert.equal(
    (await planner.get('/api/allocations?status=revision')).json.items.map((a: { id: string }) => a.id),
    ['al-app'],
  );
  // what awaits a reviewer, in one list: the proposals and the avenant
  assert.equal(
    (await planner.get('/api/allocations?status=pending')).json.items.map((a: { id: string }) => a.id).sort(),
    ['al-app', 'al-prop'],
  );
  // the avenant's increase is held: only 50,00 € remain on 2023
  const left = await planner.post('/api/allocations', { ...draft, amounts: { '2023': 50_01 } });
  assert.match(left.json.detail, /reste 50,00 € sur 2023/);
  const ok = await reviewer.post('/api/allocations/al-app/approve');
  assert.is(ok.status, 200);
  assert.equal(
    [ok.json.amounts, ok.json.revision, ok.json.approvedBy],
    [{ '2023': 550_00 }, undefined, USERS.reviewer],
  );
  assert.is(ok.headers.get('etag'), `"${ok.json.rev}"`);
});

test('Rejecting an avenant keeps the approved amounts; a reject without reason is 400', async () => {
  const { planner, reviewer, etag, store } = await ctx();
  await planner.patch('/api/allocations/al-app', { amounts: { '2023': 600_00 } }, { 'if-match': await etag('al-app') });
  isProblem(await unchanged(store, () => reviewer.post('/api/allocations/al-app/reject', {})), 400, 'reason');
  isProblem(
    await unchanged(store, () => reviewer.post('/api/allocations/al-app/reject', { reason: '' })),
    400,
    'reason',
  );
  const r = await reviewer.post('/api/allocations/al-app/reject', { reason: 'hors plafond' });
  assert.is(r.status, 200);
  assert.equal([r.json.status, r.json.amounts, r.json.revision], ['approved', { '2023': 500_00 }, undefined]);
});

test('Rejecting a proposed allocation frees its money; approving a rejected one is 422', async () => {
  const s = await ctx();
  const { planner, reviewer, store } = s;
  const r = await reviewer.post('/api/allocations/al-prop/reject', { reason: 'doublon' });
  assert.equal(
    [r.status, r.json.status, r.json.rejectionReason, r.json.rejectedBy],
    [200, 'rejected', 'doublon', USERS.reviewer],
  );
  assert.is((await planner.post('/api/allocations', { ...draft, amounts: { '2024': 300_00 } })).status, 201);
  // the rejecting reviewer last changed it (403, separation of duties); another reviewer gets 422
  isProblem(await unchanged(store, () => reviewer.post('/api/allocations/al-prop/approve')), 403);
  const reviewer2 = s.as(USERS.reviewer2);
  await reviewer2.get('/api/me');
  isProblem(await unchanged(store, () => reviewer2.post('/api/allocations/al-prop/approve')), 422);
});

test('An avenant below what was paid is 422; deleting an allocation with payments is 422; a stale If-Match on approve is 412', async () => {
  const { planner, reviewer, etag, store } = await ctx();
  const low = await unchanged(store, async () =>
    planner.patch('/api/allocations/al-paid', { amounts: { '2024': 59_99 } }, { 'if-match': await etag('al-paid') }),
  );
  isProblem(low, 422, 'amounts');
  assert.match(low.json.detail, /60,00 €/);
  isProblem(
    await unchanged(store, async () => planner.del('/api/allocations/al-paid', { 'if-match': await etag('al-paid') })),
    422,
  );
  isProblem(
    await unchanged(store, () => reviewer.post('/api/allocations/al-prop/approve', {}, { 'if-match': '"old"' })),
    412,
  );
  assert.is((await planner.del('/api/allocations/al-prop', { 'if-match': await etag('al-prop') })).status, 204);
});

test('List filters: envelopeId, finess, status, region, category, priority, axis, q, ids', async () => {
  const { planner } = await ctx();
  const ids = async (q: string) =>
    (await planner.get(`/api/allocations?${q}`)).json.items.map((a: { id: string }) => a.id).sort();
  assert.equal(await ids('envelopeId=env-a'), ['al-app', 'al-paid', 'al-prop']);
  assert.equal(await ids('envelopeId=other'), []);
  assert.equal(await ids(`finess=${F2}`), ['al-paid']);
  assert.equal(await ids('status=approved'), ['al-app', 'al-paid']);
  assert.equal(await ids('status=proposed'), ['al-prop']);
  assert.equal(await ids('region=94'), ['al-prop']);
  assert.equal(await ids('category=private_forprofit'), ['al-paid']);
  assert.equal(await ids('priority=true'), ['al-app']);
  assert.equal(await ids('axis=4'), ['al-app', 'al-paid', 'al-prop']);
  assert.equal(await ids('axis=1'), []);
  assert.equal(await ids(`q=${F3.slice(0, 5)}`), ['al-prop']);
  assert.equal(await ids('status=approved&region=84'), ['al-paid']);
  assert.equal(await ids('ids=al-prop,al-app,al-gone'), ['al-app', 'al-prop']);
  assert.equal(await ids('ids=al-pro'), [], 'whole ids only');
});

test('Bulk: dry run counts; a batch that does not fit creates nothing, and its dry run says so; one that fits creates all', async () => {
  const { planner, store } = await ctx();
  const dry = await planner.post('/api/allocations/bulk', {
    envelopeId: 'env-a',
    actionId: 'act-exe',
    amounts: { '2024': 10_00 },
    filter: { region: '11' },
    dryRun: true,
  });
  assert.equal([dry.status, dry.json.count, dry.json.totalCents], [200, 3, 30_00]);
  const tooMuch = await unchanged(store, () =>
    planner.post('/api/allocations/bulk', {
      envelopeId: 'env-a',
      actionId: 'act-exe',
      amounts: { '2024': 100_00 },
      filter: { region: '11' },
    }),
  );
  isProblem(tooMuch, 422);
  assert.match(tooMuch.json.detail, /aucune allocation n'est créée/);
  // its dry run says so, with the same answer, and writes nothing either
  const tooMuchDry = await unchanged(store, () =>
    planner.post('/api/allocations/bulk', {
      envelopeId: 'env-a',
      actionId: 'act-exe',
      amounts: { '2024': 100_00 },
      filter: { region: '11' },
      dryRun: true,
    }),
  );
  isProblem(tooMuchDry, 422);
  assert.equal(tooMuchDry.json, tooMuch.json);
  const ok = await planner.post('/api/allocations/bulk', {
    envelopeId: 'env-a',
    actionId: 'act-exe',
    amounts: { '2024': 100_00 },
    filter: { region: '11', category: 'public' },
  });
  assert.equal([ok.status, ok.json.count, ok.json.totalCents], [201, 1, 100_00]);
  assert.equal(
    (await planner.get(`/api/allocations?actionId=act-exe`)).json.items.map((a: { finess: string }) => a.finess),
    [F1],
  );
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/allocations/bulk', { envelopeId: 'env-a', actionId: 'act-exe', amounts: { '2029': 1 } }),
    ),
    400,
    'amounts',
  );
});

test.run();
