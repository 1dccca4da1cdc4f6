import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { milestoneProgress, milestonesProgress, milestoneStatus } from '../../server/domain/milestones.js';
import { completion, establishment, F1, F2, F3, milestone, planOf, validated, withKey } from '../helpers/plan.js';

test('milestoneStatus: achieved as soon as progress reaches the share, on any date', () => {
  assert.is(milestoneStatus(0.5, 0.5, '2023-05-31', '2026-01-01'), 'achieved');
  assert.is(milestoneStatus(1, 1, '2027-12-31', '2023-01-02'), 'achieved');
  assert.is(milestoneStatus(0, 0, '2024-01-01', '2026-01-01'), 'achieved');
});

test('milestoneStatus: missed only once the date is past; on the date itself it is still open', () => {
  assert.is(milestoneStatus(0.49, 0.5, '2023-05-31', '2023-06-01'), 'missed');
  assert.is(milestoneStatus(0.49, 0.5, '2023-05-31', '2023-05-31'), 'at_risk');
  assert.is(milestoneStatus(0.5, 1, '2023-05-31', '2023-05-31'), 'at_risk');
});

test('milestoneStatus: on track when at least at the linear pace since 1 Jan 2023', () => {
  // 2024-01-01 is 365 days after the start; 2025-01-01 is 731 days: halfway is 365.5 days
  const expected = 0.8 * (365 / 731);
  assert.is(milestoneStatus(expected, 0.8, '2025-01-01', '2024-01-01'), 'on_track');
  assert.is(milestoneStatus(expected - 1e-9, 0.8, '2025-01-01', '2024-01-01'), 'at_risk');
  // before the plan starts nothing is expected yet
  assert.is(milestoneStatus(0, 0.8, '2025-01-01', '2022-12-01'), 'on_track');
});

// Five establishments: F1 and P2 priority, F2, F3, P3 not.
const P2 = withKey('75000010');
const P3 = withKey('75000011');
const plan = (
  completions = [
    validated('c1', F1, 'act-exe', '2023-05-31'), // on the date: counts
    validated('c2', P2, 'act-exe', '2023-06-01'), // a day late: does not count for the May milestone
    validated('c3', F2, 'act-exe', '2023-01-15'),
    validated('c4', F3, 'act-ad', '2023-01-15'), // another action
  ],
) =>
  planOf({
    establishments: [
      establishment(F1),
      establishment(P2),
      establishment(F2, { region: '84', priority: false }),
      establishment(F3, { region: '94', priority: false }),
      establishment(P3, { priority: false }),
    ],
    milestones: [
      milestone('ms-may', { date: '2023-05-31', target: { actionId: 'act-exe', population: 'priority', share: 1 } }),
      milestone('ms-all', { date: '2023-05-31', target: { actionId: 'act-exe', population: 'all', share: 0.4 } }),
      milestone('ms-future', { date: '2027-12-31', target: { actionId: 'act-exe', population: 'all', share: 0.5 } }),
      milestone('ms-none', { date: '2024-01-01' }),
    ],
    completions,
  });

test('Progress counts completions on or before the date among the population', async () => {
  const p = await plan();
  const may = milestoneProgress(p, p.milestones.get('ms-may')!, '2026-11-29');
  assert.is(may.population, 2);
  assert.is(may.completed, 1);
  assert.is(may.progress, 0.5);
  assert.is(may.status, 'missed');
  const all = milestoneProgress(p, p.milestones.get('ms-all')!, '2026-11-29');
  assert.equal([all.population, all.completed, all.progress, all.status], [5, 2, 0.4, 'achieved']);
});

test('A future milestone counts completions up to today, not to its date', async () => {
  const p = await plan();
  const early = milestoneProgress(p, p.milestones.get('ms-future')!, '2023-05-31');
  assert.equal([early.completed, early.progress], [2, 0.4]); // c2 (2023-06-01) is not yet done
  const later = milestoneProgress(p, p.milestones.get('ms-future')!, '2026-11-29');
  assert.equal([later.completed, later.progress, later.status], [3, 0.6, 'achieved']);
});

test('A milestone without target has no progress nor status; list is sorted by date', async () => {
  const p = await plan();
  const list = milestonesProgress(p, '2026-11-29');
  assert.equal(list.map((m) => m.id).slice(-2), ['ms-none', 'ms-future']);
  const none = list.find((m) => m.id === 'ms-none')!;
  assert.equal([none.progress, none.status, none.population], [null, null, 0]);
});

test('Scoped progress counts only the establishments in scope; an empty population is 0 progress', async () => {
  const p = await plan();
  const scoped = milestoneProgress(p, p.milestones.get('ms-all')!, '2026-11-29', new Set([F1, F3]));
  assert.equal([scoped.population, scoped.completed, scoped.progress], [2, 1, 0.5]);
  const empty = milestoneProgress(p, p.milestones.get('ms-may')!, '2026-11-29', new Set([F2]));
  assert.equal([empty.population, empty.progress, empty.status], [0, 0, 'missed']);
});

test('Scoped progress reads the scope’s own completions, not the action’s national list (an establishment’s awards cost the same on a plan ten times larger)', async () => {
  // Given a plan whose national list of completions by action may not be read
  const p = await plan();
  const index = new Proxy(p.index, {
    get(target, key) {
      if (key === 'completionsByAction') throw new Error('read the national list of completions');
      const v: unknown = Reflect.get(target, key);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const guarded = Object.create(p, { index: { value: index } }) as typeof p;
  // When F1, P2 and F3 read their progress Then it is counted from their own completions
  const scoped = milestoneProgress(guarded, p.milestones.get('ms-all')!, '2026-11-29', new Set([F1, P2, F3]));
  assert.equal([scoped.population, scoped.completed, scoped.progress], [3, 1, 1 / 3]);
  const later = milestoneProgress(guarded, p.milestones.get('ms-future')!, '2026-11-29', new Set([F1, P2, F3]));
  assert.equal([later.population, later.completed], [3, 2]);
});

test('Progress counts validated completions only; declarations awaiting a check are counted apart, refused ones not at all', async () => {
  // Given F1 validated, P2 declared and awaiting a check, F2 refused, P3 declared after the date
  const p = await plan([
    validated('c1', F1, 'act-exe', '2023-05-01'),
    completion('c2', P2, 'act-exe', '2023-05-02'),
    completion('c3', F2, 'act-exe', '2023-05-03', {
      refusedAt: '2023-06-01T09:00:00.000Z',
      refusedBy: 'planif@jalon.test',
      refusalReason: 'Compte rendu absent.',
    }),
    completion('c4', P3, 'act-exe', '2023-06-15'),
  ]);
  // When the May milestone (all five establishments, 40 %) is measured after its date
  const all = milestoneProgress(p, p.milestones.get('ms-all')!, '2026-11-29');
  // Then one of five counts (20 %, missed) and one more is declared, awaiting a check
  assert.equal([all.population, all.completed, all.declared, all.progress, all.status], [5, 1, 1, 0.2, 'missed']);
  // and on the priority population (F1, P2): 1 completed, 1 declared
  const may = milestoneProgress(p, p.milestones.get('ms-may')!, '2026-11-29');
  assert.equal([may.population, may.completed, may.declared], [2, 1, 1]);
  // a future milestone counts P3's declaration too (up to today)
  const future = milestoneProgress(p, p.milestones.get('ms-future')!, '2026-11-29');
  assert.equal([future.completed, future.declared], [1, 2]);
  const none = milestoneProgress(p, p.milestones.get('ms-none')!, '2026-11-29');
  assert.is(none.declared, 0);
});

test.run();
