// An envelope's position with its delegations: per region and year (delegated, allocated, approved,
// paid, remaining) and for the national reserve, from the dashboard buckets.
import { PLAN_YEARS, type PlanYear } from '../../shared/years.js';
import type { DelegatedBudget, Envelope, RegionAmounts, RegionPosition, ReservePosition } from '../contract/plan.js';
import { envelopeBudget, yearBudget } from './budget.js';
import { creditsOf, regionName, sumYears, zeroYears, type Years } from './delegations.js';
import type { PlanState } from './plan.js';
import { REGION_NAMES } from './regions.js';

interface Sums {
  /** What went to the region's pooled regional resources, over the plan. */
  pooled: { allocatedCents: number; approvedCents: number; paidCents: number };
  allocated: Years;
  approved: Years;
  paid: Years;
  /** Paid on dates outside the plan: in the total only. */
  paidOutside: number;
}
const sums = (): Sums => ({
  pooled: { allocatedCents: 0, approvedCents: 0, paidCents: 0 },
  allocated: zeroYears(),
  approved: zeroYears(),
  paid: zeroYears(),
  paidOutside: 0,
});

const amounts = (delegated: number, s: Sums, i: number | null, hasDelegation: boolean): RegionAmounts => {
  const pick = (v: Years) => (i === null ? sumYears(v) : v[i]!);
  const allocatedCents = pick(s.allocated);
  return {
    delegatedCents: delegated,
    allocatedCents,
    approvedCents: pick(s.approved),
    paidCents: pick(s.paid) + (i === null ? s.paidOutside : 0),
    remainingCents: hasDelegation ? delegated - allocatedCents : null,
  };
};

export const delegatedBudget = (plan: PlanState, env: Envelope): DelegatedBudget => {
  const base = envelopeBudget(plan, env);
  const credits = creditsOf(plan.index.delegationsByEnvelope(env.id));
  const byRegion = new Map<string, Sums>();
  const of = (r: string) => byRegion.get(r) ?? byRegion.set(r, sums()).get(r)!;
  for (const code of [...Object.keys(REGION_NAMES), ...plan.regions.keys(), ...credits.keys()]) of(code);
  for (const b of plan.index.buckets().values()) {
    if (b.envelopeId !== env.id) continue;
    const s = of(b.region);
    PLAN_YEARS.forEach((_, i) => {
      s.allocated[i]! += b.allocatedByYear[i]!;
      s.approved[i]! += b.approvedByYear[i]!;
      for (let m = i * 12; m < i * 12 + 12; m++) s.paid[i]! += b.paidByMonth[m]!;
    });
    s.paidOutside += b.paidOutside;
  }
  for (const g of plan.index.groupBuckets().pooledCells) {
    if (g.envelopeId !== env.id) continue;
    const p = of(g.region).pooled;
    p.allocatedCents += g.allocatedCents;
    p.approvedCents += g.approvedCents;
    p.paidCents += g.paidCents;
  }
  const delegated = zeroYears();
  for (const c of credits.values()) PLAN_YEARS.forEach((_, i) => (delegated[i]! += c[i]!));
  const reserve = sums();
  const regions: RegionPosition[] = [...byRegion].map(([region, s]) => {
    const c = credits.get(region);
    if (!c)
      for (const k of ['allocated', 'approved', 'paid'] as const)
        PLAN_YEARS.forEach((_, i) => (reserve[k][i]! += s[k][i]!));
    if (!c) reserve.paidOutside += s.paidOutside;
    const own = c ?? zeroYears();
    return {
      region,
      name: regionName(plan, region),
      hasDelegation: !!c,
      pooled: s.pooled,
      ...amounts(sumYears(own), s, null, !!c),
      years: Object.fromEntries(PLAN_YEARS.map((y, i) => [y, amounts(own[i]!, s, i, !!c)])) as Record<
        PlanYear,
        RegionAmounts
      >,
    };
  });
  regions.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const reserveTotal = env.totalCents - sumYears(delegated);
  const reservePosition: ReservePosition = {
    totalCents: reserveTotal,
    allocatedCents: sumYears(reserve.allocated),
    approvedCents: sumYears(reserve.approved),
    paidCents: sumYears(reserve.paid) + reserve.paidOutside,
    remainingCents: reserveTotal - sumYears(reserve.allocated),
    years: Object.fromEntries(
      PLAN_YEARS.map((y, i) => {
        const budget = yearBudget(env, y);
        const budgetCents = budget === null ? null : budget - delegated[i]!;
        return [
          y,
          {
            budgetCents,
            allocatedCents: reserve.allocated[i]!,
            approvedCents: reserve.approved[i]!,
            paidCents: reserve.paid[i]!,
            remainingCents: budgetCents === null ? null : budgetCents - reserve.allocated[i]!,
          },
        ];
      }),
    ) as ReservePosition['years'],
  };
  return { ...base, delegatedCents: sumYears(delegated), regions, reserve: reservePosition };
};
