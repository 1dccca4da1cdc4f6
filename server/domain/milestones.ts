// Milestone progress: share of the target population with a validated completion of the action
// on or before the milestone's date (or today, for a milestone still ahead); declarations still
// awaiting a planner's check are counted apart (`declared`), refused ones not at all.
import type { Milestone, MilestoneProgress, MilestoneStatus } from '../contract/plan.js';
import { completionState } from './completions.js';
import type { PlanState } from './plan.js';
import { PLAN_FIRST_DAY } from '../../shared/years.js';

/** The plan starts on 1 Jan 2023: "on track" means at least the linear pace since then. */
export const PLAN_START = PLAN_FIRST_DAY;

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

export const milestoneStatus = (progress: number, share: number, date: string, today: string): MilestoneStatus => {
  if (progress >= share) return 'achieved';
  if (date < today) return 'missed';
  const span = days(PLAN_START, date);
  const expected = span <= 0 ? share : share * Math.min(1, Math.max(0, days(PLAN_START, today) / span));
  return progress >= expected ? 'on_track' : 'at_risk';
};

export const milestoneProgress = (
  plan: PlanState,
  m: Milestone,
  today: string,
  scope?: ReadonlySet<string>,
): MilestoneProgress => {
  if (!m.target) return { ...m, progress: null, status: null, population: 0, completed: 0, declared: 0 };
  const { actionId, population, share } = m.target;
  const cutoff = m.date < today ? m.date : today;
  // only what a planner has checked counts; declarations awaiting a check are counted apart
  const done = new Set<string>(),
    awaiting = new Set<string>();
  // within a scope (an establishment's awards, an establishment account) only its own completions
  // count: read those rather than the action's whole national list, which grows with the plan
  const completions = scope
    ? [...scope].flatMap((f) => [...plan.index.completionsByFiness(f)].filter((c) => c.actionId === actionId))
    : plan.index.completionsByAction(actionId);
  for (const c of completions) {
    if (c.completedOn > cutoff) continue;
    const state = completionState(c);
    if (state === 'validated') done.add(c.finess);
    else if (state === 'pending') awaiting.add(c.finess);
  }
  let pop = 0,
    completed = 0,
    declared = 0;
  const members = scope ? [...scope].flatMap((f) => plan.establishments.get(f) ?? []) : plan.establishments.values();
  for (const e of members) {
    if (population === 'priority' && !e.priority) continue;
    pop++;
    if (done.has(e.finess)) completed++;
    else if (awaiting.has(e.finess)) declared++;
  }
  const progress = pop === 0 ? 0 : completed / pop;
  return {
    ...m,
    progress,
    status: milestoneStatus(progress, share, m.date, today),
    population: pop,
    completed,
    declared,
  };
};

export const milestonesProgress = (plan: PlanState, today: string, scope?: ReadonlySet<string>): MilestoneProgress[] =>
  [...plan.milestones.values()]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((m) => milestoneProgress(plan, m, today, scope));
