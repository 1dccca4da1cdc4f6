// The plan data every page shares, provided by <app-shell>: the reference lists (read once per
// sign-in) and a version that every write bumps, so views of derived figures read them again.
import { createContext } from '@lit/context';
import type { PlanReader } from '../api/plan.js';

export interface PlanData {
  /** A new reader (empty cache) at each sign-in and after a FINESS import. */
  reference: PlanReader;
  /** Bumped by `allocations-changed`, `completion-declared` and `reference-changed`: a task
   *  showing totals lists it in its args. */
  version: number;
}

export const planContext = createContext<PlanData>(Symbol('jalon-plan-data'));
