import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, envelope, F1, F2, F3, withKey } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const NEW = withKey('2B000040');
const valid = { finess: NEW, name: 'CH de Bastia', category: 'public', region: '94', priority: true };

const ctx = async () => {
  const s = await smallSetup({ allocations: [allocation('al-1', { amounts: { '2024': 1 } })] });
  const planner = s.as(USERS.planner);
  await planner.get('/api/me');
  return { ...s, planner };
};

test('POST creates an establishment whose id is its FINESS (Corsica 2B accepted, lowercase normalised)', async () => {
  const { planner } = await ctx();
  const r = await planner.post('/api/establishments', { ...valid, finess: NEW.toLowerCase() });
  assert.is(r.status, 201, JSON.stringify(r.json));
  assert.is(r.json.id, NEW);
  assert.is(r.json.finess, NEW);
  assert.is(r.headers.get('etag'), `"${r.json.rev}"`);
});

test('Bad inputs: 400 on their path; a FINESS with a wrong key or length is 422 on finess; nothing changes', async () => {
  const { planner, store } = await ctx();
  const cases: Array<[object, number, string]> = [
    [{ ...valid, category: 'hospital' }, 400, 'category'],
    [{ ...valid, region: '1' }, 400, 'region'],
    [{ ...valid, priority: 'oui' }, 400, 'priority'],
    [{ ...valid, name: '   ' }, 400, 'name'],
    [{ ...valid, finess: 123456789 }, 400, 'finess'],
    [{ ...valid, finess: NEW.slice(0, 8) + ((Number(NEW[8]) + 1) % 10) }, 422, 'finess'],
    [{ ...valid, finess: '75000001' }, 422, 'finess'],
    [{ ...valid, finessEj: '750712185' }, 422, 'finessEj'],
    [{ ...valid, region: '99' }, 422, 'region'],
  ];
  for (const [body, status, path] of cases)
    isProblem(await unchanged(store, () => planner.post('/api/establishments', body)), status, path);
  isProblem(await unchanged(store, () => planner.post('/api/establishments', { ...valid, finess: F1 })), 409, 'finess');
});

test('PATCH cannot change the FINESS; DELETE refused with allocations or completions', async () => {
  const { planner, store } = await ctx();
  const etag = (await planner.get(`/api/establishments/${F1}`)).headers.get('etag')!;
  isProblem(
    await unchanged(store, () => planner.patch(`/api/establishments/${F1}`, { finess: F2 }, { 'if-match': etag })),
    422,
    'finess',
  );
  isProblem(await unchanged(store, () => planner.del(`/api/establishments/${F1}`, { 'if-match': etag })), 422);
  const c = await planner.post('/api/completions', { finess: F3, actionId: 'act-ad', completedOn: '2024-01-01' });
  assert.is(c.status, 201);
  const e3 = (await planner.get(`/api/establishments/${F3}`)).headers.get('etag')!;
  isProblem(await unchanged(store, () => planner.del(`/api/establishments/${F3}`, { 'if-match': e3 })), 422);
  const e2 = (await planner.get(`/api/establishments/${F2}`)).headers.get('etag')!;
  assert.is((await planner.del(`/api/establishments/${F2}`, { 'if-match': e2 })).status, 204);
});

test('Filters: region, category, priority, finessEj, q (name without accents or FINESS)', async () => {
  const { planner } = await ctx();
  const ids = async (q: string) =>
    (await planner.get(`/api/establishments?${q}`)).json.items.map((e: { id: string }) => e.id).sort();
  assert.equal(await ids('region=84'), [F2]);
  assert.equal(await ids('category=private_forprofit'), [F2]);
  assert.equal((await ids('priority=false')).length, 2);
  assert.equal(await ids(`finessEj=${withKey('75000020')}`), [withKey('75000021')]);
  assert.equal(await ids(`q=${F3.toLowerCase()}`), [F3]);
  await planner.patch(
    `/api/establishments/${F2}`,
    { name: 'Hôpital Édouard-Herriot' },
    { 'if-match': (await planner.get(`/api/establishments/${F2}`)).headers.get('etag')! },
  );
  assert.equal(await ids('q=edouard'), [F2]);
});

test('PATCH that would take an establishment out of an envelope earmark its allocations use is 422; nothing changes', async () => {
  const { as, store } = await smallSetup({
    envelopes: [envelope({ earmark: { priorityOnly: true, regions: ['11'], categories: ['public'] } })],
    allocations: [allocation('al-1', { amounts: { '2024': 1 } })],
  });
  const planner = as(USERS.planner);
  const etag = (await planner.get(`/api/establishments/${F1}`)).headers.get('etag')!;
  for (const [patch, path] of [
    [{ priority: false }, 'priority'],
    [{ region: '84' }, 'region'],
    [{ category: 'private_forprofit' }, 'category'],
  ] as const)
    isProblem(
      await unchanged(store, () => planner.patch(`/api/establishments/${F1}`, patch, { 'if-match': etag })),
      422,
      path,
    );
  assert.is(
    (await planner.patch(`/api/establishments/${F1}`, { name: 'Nouveau nom' }, { 'if-match': etag })).status,
    200,
  );
});

test.run();
