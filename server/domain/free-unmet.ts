// Freeing the unmet objectives' tranches of a window back to its envelope: once declarations are
// closed, a tranche whose objective was never declared or was found non conforme (and, once the
// ANS checks are over, any objective not achieved) goes back, nothing having been paid on it. Its
// allocation is lowered by an approved avenant (an engagement of minus its amount) and the tranche
// keeps its amount with freedAt, for the record. Running it again frees nothing more.
import { frenchDate, parisDay } from '../../shared/dates.js';
import { PLAN_YEARS, type PlanYear } from '../../shared/years.js';
import type { Allocation, YearAmounts } from '../contract/plan.js';
import type { FreedTranches, FundingWindow, Tranche } from '../contract/windows.js';
import type { WriteContext } from './context.js';
import { engaged } from './allocations.js';
import { ruleBroken } from './errors.js';
import { objectiveState } from './objectives.js';
import type { PlanState } from './plan.js';
import { paidByTranche } from './tranches.js';

/** Takes `cents` off the amounts, the window's year first, then the latest years: the change
 *  (negative cents per year) and the new amounts (years at zero dropped). */
const lowered = (amounts: YearAmounts, first: PlanYear, cents: number): { change: YearAmounts; next: YearAmounts } => {
  const next: YearAmounts = { ...amounts };
  const change: YearAmounts = {};
  let left = cents;
  for (const y of [first, ...[...PLAN_YEARS].reverse().filter((x) => x !== first)]) {
    const take = Math.min(left, next[y] ?? 0);
    if (take <= 0) continue;
    next[y] = next[y]! - take;
    change[y] = -take;
    if (next[y] === 0) delete next[y];
    left -= take;
  }
  return { change, next };
};

export interface FreeResult extends FreedTranches {
  /** The allocations lowered, to write in the caller's transaction. */
  allocations: Allocation[];
  /** The window with freedAt/freedBy when something was freed (else undefined: nothing to write). */
  window?: FundingWindow;
}

/** What freeing the window's unmet tranches changes, computed on `plan` (nothing written). */
export const freeUnmet = (plan: PlanState, w: FundingWindow, ctx: WriteContext): FreeResult => {
  const today = parisDay(ctx.now);
  if (today <= w.phases.declarationsClose)
    throw ruleBroken(
      `Les tranches non atteintes se libèrent après la clôture des déclarations (le ${frenchDate(w.phases.declarationsClose)}).`,
      [
        {
          path: 'phases.declarationsClose',
          message: `Déclarations ouvertes jusqu’au ${frenchDate(w.phases.declarationsClose)}.`,
        },
      ],
    );
  const checksOver = today > w.phases.ansChecksEnd;
  const result: FreeResult = { count: 0, cents: 0, tranches: [], skipped: [], allocations: [] };
  const apps = [...plan.index.applicationsByWindow(w.id)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const app of apps) {
    if (app.state !== 'granted' || !app.allocationId) continue;
    const a = plan.allocations.get(app.allocationId);
    if (!a || a.status !== 'approved' || !a.tranches?.length) continue;
    const paid = paidByTranche(plan, a.id);
    const unmet = (t: Tranche): boolean => {
      if (t.freedAt || t.gate.kind !== 'objective' || t.gate.applicationId !== app.id) return false;
      if ((paid.get(t.code) ?? 0) !== 0) return false;
      const state = objectiveState(plan, app.id, t.gate.objective);
      return (
        state === 'none' || state === 'refused_ars' || state === 'refused_ans' || (checksOver && state !== 'achieved')
      );
    };
    const freed = a.tranches.filter(unmet);
    if (!freed.length) continue;
    // the avenant awaiting a decision was written against the tranches as they are: it comes first
    if (a.revision) {
      result.skipped.push({
        allocationId: a.id,
        reason:
          'Un avenant attend une décision sur cette allocation : approuvez-le ou rejetez-le, puis libérez à nouveau.',
      });
      continue;
    }
    const cents = freed.reduce((s, t) => s + t.amountCents, 0);
    const { change, next } = lowered(a.amounts, w.year, cents);
    result.allocations.push({
      ...a,
      amounts: next,
      tranches: a.tranches.map((t) => (freed.includes(t) ? { ...t, freedAt: ctx.now } : t)),
      engagements: engaged(a, ctx.now, change),
      updatedAt: ctx.now,
    });
    for (const t of freed)
      result.tranches.push({
        allocationId: a.id,
        applicationId: app.id,
        finess: a.finess,
        code: t.code,
        amountCents: t.amountCents,
      });
    result.count += freed.length;
    result.cents += cents;
  }
  if (result.count)
    result.window = { ...w, freedAt: ctx.now, ...(ctx.actor ? { freedBy: ctx.actor } : {}), updatedAt: ctx.now };
  return result;
};
