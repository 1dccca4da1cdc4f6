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

export const envelopeBudget = (plan: PlanState, env: Envelope, replace?: Allocation | { id: string; deleted: true }): EnvelopeBudget => {
  const years = Object.fromEntries(
    PLAN_YEARS.map((y) => [y, { budgetCents: yearBudget(env, y), allocatedCents: 0, approvedCents: 0, paidCents: 0, remainingCents: null as number | null }]),
  ) as EnvelopeBudget['years'];
  let allocated = 0, approved = 0, paid = 0;
  const consider = (a: Allocation) => {
    const held = heldAmounts(a), ok = approvedAmounts(a);
    for (const y of PLAN_YEARS) {
      years[y].allocatedCents += amountOf(held, y);
      years[y].approvedCents += amountOf(ok, y);
    }
    allocated += sumAmounts(held);
    approved += sumAmounts(ok);
    for (const p of plan.index.paymentsByAllocation(a.id)) {
      paid += p.amountCents;
      const y = p.paidOn.slice(0, 4) as PlanYear;
      if (years[y]) years[y].paidCents += p.amountCents;
    }
  };
  for (const a of plan.index.allocationsByEnvelope(env.id)) {
    if (replace && a.id === replace.id) continue;
    consider(a);
  }
  if (replace && !('deleted' in replace) && replace.envelopeId === env.id) consider(replace);
  for (const y of PLAN_YEARS) {
    const b = years[y].budgetCents;
    years[y].remainingCents = b === null ? null : b - years[y].allocatedCents;
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

