// Where an application's objective stands, from its declarations: the last declaration decides
// (a declaration found non conforme stays on record; a new one may follow it).
export { declarationState };
import type { Declaration, ObjectiveState } from '../contract/windows.js';
import { byCreation, declarationState } from '../../shared/objectives.js';
import type { PlanState } from './plan.js';

/** The declarations of one objective of an application, oldest first. */
export const declarationsOf = (plan: PlanState, applicationId: string, objective: string): Declaration[] =>
  [...plan.index.declarationsByApplication(applicationId)].filter((d) => d.objective === objective).sort(byCreation);

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
