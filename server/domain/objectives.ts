// Where an application's objective stands, from its declarations: the last declaration decides
// (a declaration found non conforme stays on record; a new one may follow it).
import type { Declaration, ObjectiveState } from '../contract/windows.js';
import type { PlanState } from './plan.js';

/** The state one declaration gives its objective. */
export const declarationState = (d: Declaration): ObjectiveState => {
  if (d.arsCheck?.verdict === 'non_conforme') return 'refused_ars';
  if (!d.arsCheck) return 'pending_ars';
  if (d.ansCheck?.verdict === 'non_conforme') return 'refused_ans';
  if (!d.ansCheck) return 'pending_ans';
  return 'achieved';
};

/** The declarations of one objective of an application, oldest first. */
export const declarationsOf = (plan: PlanState, applicationId: string, objective: string): Declaration[] =>
  [...plan.index.declarationsByApplication(applicationId)]
    .filter((d) => d.objective === objective)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));

/** The objective's state: its last declaration's, or 'none' when it was never declared. */
export const objectiveState = (plan: PlanState, applicationId: string, objective: string): ObjectiveState => {
  const last = declarationsOf(plan, applicationId, objective).at(-1);
  return last ? declarationState(last) : 'none';
};

/** What an objective still waits for, in French (« contrôle ANS en attente »); null once achieved. */
export const OBJECTIVE_MISSING: Readonly<Record<ObjectiveState, string | null>> = {
  none: 'non déclaré',
  pending_ars: 'contrôle ARS en attente',
  refused_ars: 'jugé non conforme par l’ARS',
  pending_ans: 'contrôle ANS en attente',
  refused_ans: 'jugé non conforme par l’ANS',
  achieved: null,
};
