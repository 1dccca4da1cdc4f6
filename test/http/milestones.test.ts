import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isProblem, unchanged } from '../helpers/assert.js';
import { allocation, F1, F2, milestone, validated } from '../helpers/plan.js';
import { smallSetup, USERS } from '../helpers/small.js';

const valid = {
  title: 'Exercices de crise',
  date: '2023-05-31',
  target: { actionId: 'act-exe', population: 'priority', share: 1 },
};

test('Milestones: 201 on create; read back with progress and status; bad inputs 400; unknown action 422', async () => {
  const { as, store } = await smallSetup({
    completions: [validated('c1', F1, 'act-exe', '2023-05-31'), validated('c2', F2, 'act-exe', '2023-01-01')],
  });
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  const r = await planner.post('/api/milestones', valid);
  assert.is(r.status, 201);
  const got = await planner.get(`/api/milestones/${r.json.id}`);
  // priority establishments in the small plan: F1, EJ and SITE; only F1 completed by the date
  assert.equal([got.json.population, got.json.completed, got.json.status], [3, 1, 'missed']);
  assert.is(got.json.progress, 1 / 3);
  assert.is(got.headers.get('etag'), `"${r.json.rev}"`);
  const cases: Array<[object, string]> = [
    [{ ...valid, date: '2028-01-01' }, 'date'],
    [{ ...valid, date: '2023-02-29' }, 'date'],
    [{ ...valid, title: '' }, 'title'],
    [{ ...valid, target: { ...valid.target, share: 1.5 } }, 'target.share'],
    [{ ...valid, target: { ...valid.target, share: -0.1 } }, 'target.share'],
    [{ ...valid, target: { ...valid.target, population: 'some' } }, 'target.population'],
  ];
  for (const [body, path] of cases)
    isProblem(await unchanged(store, () => planner.post('/api/milestones', body)), 400, path);
  isProblem(
    await unchanged(store, () =>
      planner.post('/api/milestones', { ...valid, target: { ...valid.target, actionId: 'act-none' } }),
    ),
    422,
    'target.actionId',
  );
  // removing the target
  const p = await planner.patch(
    `/api/milestones/${r.json.id}`,
    { target: null },
    { 'if-match': got.headers.get('etag')! },
  );
  assert.equal([p.status, p.json.target], [200, undefined]);
  const list = await planner.get('/api/milestones?from=2023-01-01&to=2023-12-31');
  assert.is(list.json.total, 1);
  assert.is(list.json.items[0].progress, null);
});

test('Milestone rules in French: title required, date within the plan, share 0..1, action known; edit and delete with If-Match', async () => {
  const { as, store } = await smallSetup();
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  const r = await planner.post('/api/milestones', valid);
  const tag = { 'if-match': r.headers.get('etag')! };
  const cases: Array<[object, number, string, RegExp]> = [
    [{ title: '  ' }, 400, 'title', /^Intitulé : Champ obligatoire\.$/],
    [{ date: '2022-12-31' }, 400, 'date', /^Date : Date hors période du plan \(2023-2027\)\.$/],
    [
      { target: { ...valid.target, share: 1.2 } },
      400,
      'target.share',
      /^Cible : Part cible entre 0 et 1 \(0 % à 100 %\)\.$/,
    ],
    [{ target: { ...valid.target, share: '80' } }, 400, 'target.share', /Part cible : un nombre de 0 à 1/],
    [
      { target: { ...valid.target, actionId: 'act-none' } },
      422,
      'target.actionId',
      /Action « act-none » introuvable\./,
    ],
  ];
  for (const [patch, status, path, detail] of cases) {
    const res = await unchanged(store, () => planner.patch(`/api/milestones/${r.json.id}`, patch, tag));
    isProblem(res, status, path);
    assert.match(res.json.detail, detail);
  }
  // an establishment may not write milestones
  const etab = as(USERS.etab);
  await etab.get('/api/me');
  isProblem(await unchanged(store, () => etab.post('/api/milestones', valid)), 403);
  // edit, then delete with the version read
  const e = await planner.patch(
    `/api/milestones/${r.json.id}`,
    { title: 'Exercices de crise 2023', description: 'Tous' },
    tag,
  );
  assert.equal(
    [e.status, e.json.title, e.json.description, e.json.target.share],
    [200, 'Exercices de crise 2023', 'Tous', 1],
  );
  isProblem(await unchanged(store, () => planner.del(`/api/milestones/${r.json.id}`, tag)), 412);
  assert.is((await planner.del(`/api/milestones/${r.json.id}`, { 'if-match': e.headers.get('etag')! })).status, 204);
  isProblem(await planner.get(`/api/milestones/${r.json.id}`), 404);
});

test('A milestone that gates a tranche is not deleted nor left without its target action (422 naming the allocation); once no tranche names it, it goes', async () => {
  const target = { actionId: 'act-exe', population: 'all' as const, share: 0.5 };
  const gate = { kind: 'milestone' as const, milestoneId: 'ms-ad' };
  const { as, store } = await smallSetup({
    milestones: [milestone('ms-ad', { title: 'Annuaires durcis', target })],
    allocations: [
      allocation('al-t', {
        amounts: { '2025': 400_00 },
        tranches: [{ code: 'T1', label: 'Avance', amountCents: 400_00, gate }],
      }),
    ],
  });
  const planner = as(USERS.planner);
  await planner.get('/api/me');
  const tag = { 'if-match': (await planner.get('/api/milestones/ms-ad')).headers.get('etag')! };
  const del = await unchanged(store, () => planner.del('/api/milestones/ms-ad', tag));
  isProblem(del, 422);
  assert.match(del.json.detail, /Le jalon « Annuaires durcis » conditionne une tranche de l’allocation al-t/);
  const untarget = await unchanged(store, () => planner.patch('/api/milestones/ms-ad', { target: null }, tag));
  isProblem(untarget, 422, 'target');
  assert.match(untarget.json.detail, /al-t : il garde son action cible/);
  // another target action is a change of what releases the tranche, not its loss: allowed
  const moved = await planner.patch('/api/milestones/ms-ad', { target: { ...target, actionId: 'act-ad' } }, tag);
  assert.is(moved.status, 200);
  // the tranche gone from the allocation (a proposal, edited), the milestone goes
  const al = await planner.get('/api/allocations/al-t');
  assert.is(
    (await planner.patch('/api/allocations/al-t', { tranches: [] }, { 'if-match': al.headers.get('etag')! })).status,
    200,
  );
  assert.is((await planner.del('/api/milestones/ms-ad', { 'if-match': moved.headers.get('etag')! })).status, 204);
});

test.run();
