// What each allocation holds of its envelope, and what remains, per year and in total.
import { PLAN_YEARS, type Allocation, type Envelope, type EnvelopeBudget, type PlanYear, type YearAmounts } from '../contract/plan.js';
import { amountOf, formatEuros, maxAmounts, sumAmounts } from './money.js';
import type { PlanState } from './plan.js';
import { ruleBroken } from './errors.js';

/** Amounts an allocation holds against its envelope: nothing once rejected; an approved one with a
 *  pending revision holds the approved amounts plus the revision's increase. */
export const heldAmounts = (a: Allocation): YearAmounts =>
  a.status === 'rejected' ? {} : a.status === 'approved' ? maxAmounts(a.amounts, a.revision?.amounts) : a.amounts;

export const approvedAmounts = (a: Allocation): YearAmounts => (a.status === 'approved' ? a.amounts : {});

export const yearBudget = (env: Envelope, year: PlanYear): number | null =>
  env.yearlyCents ? amountOf(env.yearlyCents, year) : null;

/** An envelope's position, per year and in total, from the dashboard buckets (a few dozen per
 *  envelope) rather than from its thousands of allocations. With `replace`, as if that allocation
 *  were replaced by the one given (or deleted). */
export const envelopeBudget = (plan: PlanState, env: Envelope, replace?: Allocation | { id: string; deleted: true }): EnvelopeBudget => {
  const years = Object.fromEntries(
    PLAN_YEARS.map((y) => [y, { budgetCents: yearBudget(env, y), allocatedCents: 0, approvedCents: 0, paidCents: 0, remainingCents: null as number | null }]),
  ) as EnvelopeBudget['years'];
  let paid = 0;
  for (const b of plan.index.buckets().values()) {
    if (b.envelopeId !== env.id) continue;
    PLAN_YEARS.forEach((y, i) => {
      years[y].allocatedCents += b.allocatedByYear[i]!;
      years[y].approvedCents += b.approvedByYear[i]!;
      for (let m = i * 12; m < i * 12 + 12; m++) years[y].paidCents += b.paidByMonth[m]!;
    });
    paid += b.paidOutside;
  }
  const shift = (a: Allocation, sign: 1 | -1) => {
    if (a.envelopeId !== env.id) return;
    const held = heldAmounts(a), ok = approvedAmounts(a);
    for (const y of PLAN_YEARS) {
      years[y].allocatedCents += sign * amountOf(held, y);
      years[y].approvedCents += sign * amountOf(ok, y);
    }
  };
  if (replace) {
    const cur = plan.allocations.get(replace.id);
    if (cur) shift(cur, -1);
    if (!('deleted' in replace)) shift(replace, 1);
  }
  let allocated = 0, approved = 0;
  for (const y of PLAN_YEARS) {
    const yr = years[y];
    allocated += yr.allocatedCents; approved += yr.approvedCents; paid += yr.paidCents;
    yr.remainingCents = yr.budgetCents === null ? null : yr.budgetCents - yr.allocatedCents;
  }
  return { envelopeId: env.id, totalCents: env.totalCents, allocatedCents: allocated, approvedCents: approved, paidCents: paid, remainingCents: env.totalCents - allocated, years };
};

/** Refuses the change when the envelope would be over-allocated, saying what remains in euros. */
export const assertFits = (plan: PlanState, env: Envelope, next: Allocation): void => {
  const before = envelopeBudget(plan, env, { id: next.id, deleted: true });
  const held = heldAmounts(next);
  const errors: { path: string; message: string }[] = [];
  for (const y of PLAN_YEARS) {
    const want = amountOf(held, y);
    const budget = before.years[y].budgetCents;
    if (want > 0 && budget !== null && before.years[y].allocatedCents + want > budget) {
      const left = Math.max(0, budget - before.years[y].allocatedCents);
      errors.push({ path: `amounts.${y}`, message: `Dépassement de l'enveloppe ${env.code} : reste ${formatEuros(left)} sur ${y}.` });
    }
  }
  const total = sumAmounts(held);
  if (total > 0 && before.allocatedCents + total > env.totalCents) {
    const left = Math.max(0, env.totalCents - before.allocatedCents);
    errors.push({ path: 'amounts', message: `Dépassement de l'enveloppe ${env.code} : reste ${formatEuros(left)} sur le total.` });
  }
  if (errors.length) throw ruleBroken(errors.map((e) => e.message).join(' '), errors);
};

