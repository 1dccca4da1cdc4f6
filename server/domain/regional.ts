// What an ARS account reads of the national figures: its region's. Envelopes are national, but
// for an ARS an envelope is what it received of it (its delegations), or, when its region holds
// none, the national reserve it draws on (the limit its allocations are refused at anyway).
import { PLAN_YEARS } from '../../shared/years.js';
import type { Dashboard, DelegatedBudget, EnvelopeStatus } from '../contract/plan.js';
import { creditsOf, regionLimit, sumYears, type Years } from './delegations.js';
import type { PlanState } from './plan.js';

/** Allocated in the regions without a delegation of the envelope (what the reserve has given). */
const reserveUsed = (plan: PlanState, envelopeId: string, credits: Map<string, Years>): number => {
  let used = 0;
  for (const b of plan.index.buckets().values())
    if (b.envelopeId === envelopeId && !credits.has(b.region)) used += sumYears(b.allocatedByYear);
  return used;
};

/** The dashboard computed on the region alone (its filter set to it), as its ARS reads it: each
 *  envelope's total is the region's limit on it and what remains is measured against that limit;
 *  the region chart has its one row. */
export const regionalDashboard = (plan: PlanState, region: string, d: Dashboard): Dashboard => {
  const byEnvelope = d.byEnvelope.map((row) => {
    const env = plan.envelopes.get(row.key);
    if (!env) return row;
    const credits = creditsOf(plan.index.delegationsByEnvelope(env.id));
    const limit = regionLimit(plan, env, region, credits);
    const used = limit.delegated ? row.allocatedCents : reserveUsed(plan, env.id, credits);
    return { ...row, totalCents: limit.totalCents, remainingCents: limit.totalCents - used };
  });
  const byStatus = Object.fromEntries(
    Object.entries(d.totals.byStatus).map(([status, t]) => {
      const rows = byEnvelope.filter((r) => r.status === status);
      return [
        status,
        {
          ...t,
          totalCents: rows.reduce((n, r) => n + r.totalCents, 0),
          remainingCents: rows.reduce((n, r) => n + r.remainingCents, 0),
        },
      ];
    }),
  ) as Record<EnvelopeStatus, Dashboard['totals']['byStatus']['committed']>;
  const committed = byStatus.committed.totalCents,
    announced = byStatus.announced.totalCents;
  return {
    ...d,
    totals: {
      ...d.totals,
      envelopeCents: committed + announced,
      committedCents: committed,
      announcedCents: announced,
      remainingCents: byStatus.committed.remainingCents,
      byStatus,
    },
    byEnvelope,
    byRegion: d.byRegion.filter((r) => r.key === region),
  };
};

/** An envelope's budget as an ARS reads it: the region's position (its limit, allocated, approved,
 *  paid, remaining, per year), its own line among the regions, and of the national reserve its
 *  limit and what remains of it, with only the region's own draws. */
export const regionalBudget = (region: string, b: DelegatedBudget): DelegatedBudget => {
  const own = b.regions.find((r) => r.region === region);
  if (!own) return { ...b, regions: [] };
  const draws = own.hasDelegation ? null : own;
  const years = Object.fromEntries(
    PLAN_YEARS.map((y) => {
      const r = own.years[y];
      const budgetCents = own.hasDelegation ? r.delegatedCents : b.reserve.years[y].budgetCents;
      const remainingCents = own.hasDelegation
        ? r.delegatedCents - r.allocatedCents
        : b.reserve.years[y].remainingCents;
      return [
        y,
        {
          budgetCents,
          allocatedCents: r.allocatedCents,
          approvedCents: r.approvedCents,
          paidCents: r.paidCents,
          remainingCents,
        },
      ];
    }),
  ) as DelegatedBudget['years'];
  const reserveYears = Object.fromEntries(
    PLAN_YEARS.map((y) => [
      y,
      {
        ...b.reserve.years[y],
        allocatedCents: draws?.years[y].allocatedCents ?? 0,
        approvedCents: draws?.years[y].approvedCents ?? 0,
        paidCents: draws?.years[y].paidCents ?? 0,
      },
    ]),
  ) as DelegatedBudget['reserve']['years'];
  return {
    ...b,
    totalCents: own.hasDelegation ? own.delegatedCents : b.reserve.totalCents,
    allocatedCents: own.allocatedCents,
    approvedCents: own.approvedCents,
    paidCents: own.paidCents,
    remainingCents: own.hasDelegation ? own.delegatedCents - own.allocatedCents : b.reserve.remainingCents,
    years,
    delegatedCents: own.delegatedCents,
    regions: [own],
    reserve: {
      ...b.reserve,
      allocatedCents: draws?.allocatedCents ?? 0,
      approvedCents: draws?.approvedCents ?? 0,
      paidCents: draws?.paidCents ?? 0,
      years: reserveYears,
    },
  };
};
