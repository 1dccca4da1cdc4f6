// Where an application's objective stands, from its declarations: the last declaration decides
// (a declaration found non conforme stays on record; a new one may follow it).
export { declarationState };
import type { Declaration, ObjectiveState } from '../contract/windows.js';
import { byCreation, declarationState } from '../../shared/objectives.js';
import type { PlanState } from './plan.js';

/** The objective's state: its last declaration's, or 'none' when it was never declared. One pass
 *  over the application's declarations, nothing copied nor sorted: the « À verser » list, the
 *  funnel and the tranche statuses ask it for every tranche of a window. */
export const objectiveState = (plan: PlanState, applicationId: string, objective: string): ObjectiveState => {
  let last: Declaration | undefined;
  for (const d of plan.index.declarationsByApplication(applicationId))
    if (d.objective === objective && (!last || byCreation(last, d) < 0)) last = d;
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
