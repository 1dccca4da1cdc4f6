// What each allocation holds of its envelope, and what remains, per year and in total.
import { PLAN_YEARS } from '../../shared/years.js';
import type { Allocation, Envelope, EnvelopeBudget, PlanYear, YearAmounts } from '../contract/plan.js';
import { approvedAmounts, heldAmounts } from '../../shared/amounts.js';
import { amountOf, formatEuros, sumAmounts } from './money.js';
import type { PlanState } from './plan.js';
import { ruleBroken } from './errors.js';

export const yearBudget = (env: Envelope, year: PlanYear): number | null =>
  env.yearlyCents ? amountOf(env.yearlyCents, year) : null;

/** An envelope's position, per year and in total, from the dashboard buckets (a few dozen per
 *  envelope) rather than from its thousands of allocations. With `replace`, as if that allocation
 *  were replaced by the one given (or deleted). */
export const envelopeBudget = (
  plan: PlanState,
  env: Envelope,
  replace?: Allocation | { id: string; deleted: true },
): EnvelopeBudget => {
  const years = Object.fromEntries(
    PLAN_YEARS.map((y) => [
      y,
      {
        budgetCents: yearBudget(env, y),
        allocatedCents: 0,
        approvedCents: 0,
        paidCents: 0,
        remainingCents: null as number | null,
      },
    ]),
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
    const held = heldAmounts(a),
      ok = approvedAmounts(a);
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
  let allocated = 0,
    approved = 0;
  for (const y of PLAN_YEARS) {
    const yr = years[y];
    allocated += yr.allocatedCents;
    approved += yr.approvedCents;
    paid += yr.paidCents;
    yr.remainingCents = yr.budgetCents === null ? null : yr.budgetCents - yr.allocatedCents;
  }
  return {
    envelopeId: env.id,
    totalCents: env.totalCents,
    allocatedCents: allocated,
    approvedCents: approved,
    paidCents: paid,
    remainingCents: env.totalCents - allocated,
    years,
  };
};

/** Refuses the change when the envelope would be over-allocated, saying in euros what remains
 *  (as the envelope's position shows it) and, for an allocation being changed, what it holds
 *  already: together, the most it may hold. */
export const assertFits = (plan: PlanState, env: Envelope, next: Allocation): void => {
  const before = envelopeBudget(plan, env, { id: next.id, deleted: true });
  const cur = plan.allocations.get(next.id);
  const others: YearAmounts = {};
  for (const y of PLAN_YEARS) others[y] = before.years[y].allocatedCents;
  assertWithinEnvelope(env, others, heldAmounts(next), cur ? heldAmounts(cur) : {});
};

/** `held` fits the envelope per year and in total, given what everything else holds of it
 *  (`others`, per year); `holds`, what the same record holds already (for the message only). */
export const assertWithinEnvelope = (
  env: Envelope,
  others: YearAmounts,
  held: YearAmounts,
  holds: YearAmounts,
): void => {
  const othersTotal = sumAmounts(others);
  const parts: Array<{ path: string; text: string }> = [];
  const over = (path: string, when: string, budget: number, others: number, own: number) => {
    const left = formatEuros(Math.max(0, budget - others - own));
    parts.push({
      path,
      text:
        own > 0
          ? `reste ${left} sur ${when}, en plus des ${formatEuros(own)} que porte déjà cette allocation`
          : `reste ${left} sur ${when}`,
    });
  };
  for (const y of PLAN_YEARS) {
    const want = amountOf(held, y);
    const budget = yearBudget(env, y);
    if (want > 0 && budget !== null && amountOf(others, y) + want > budget)
      over(`amounts.${y}`, y, budget, amountOf(others, y), amountOf(holds, y));
  }
  const total = sumAmounts(held);
  if (total > 0 && othersTotal + total > env.totalCents)
    over('amounts', 'le total', env.totalCents, othersTotal, sumAmounts(holds));
  if (!parts.length) return;
  const head = `Dépassement de l'enveloppe ${env.code} : `;
  throw ruleBroken(
    `${head}${parts.map((p) => p.text).join(' ; ')}.`,
    parts.map((p) => ({ path: p.path, message: `${head}${p.text}.` })),
  );
};
