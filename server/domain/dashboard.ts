// The finance dashboard: totals, breakdowns and the cumulative monthly series, in exact cents,
// summed from the buckets (see buckets.ts). Announced credits are not money yet: the totals, the
// breakdowns by year, region and axis and the series count committed envelopes only; an announced
// envelope shows in its own byEnvelope row and in totals.byStatus.announced. The breakdown by GHT
// is answered apart (dashboard-ghts.ts).
import { PLAN_YEARS } from '../../shared/years.js';
import type { Dashboard, DelegationRow, EnvelopeStatus, RegionRow, Series, StatusTotals } from '../contract/plan.js';
import type { BucketSet } from './bucket.js';
import { buildBucketSet, MONTHS } from './buckets.js';
import { addTotals, breakdownRow as row, groupCellFilter, type DashboardFilter } from './dashboard-ghts.js';
import { creditsOf, regionName, sumYears } from './delegations.js';
import type { PlanState } from './plan.js';

export type { DashboardFilter };

export const AXIS_LABELS: Record<string, string> = {
  '1': 'Gouvernance et résilience',
  '2': 'Ressources et mutualisation',
  '3': 'Sensibilisation',
  '4': 'Sécurité opérationnelle',
};

/** Splits a year's amount over its twelve months; remainders go to the last months. */
export const spreadOverMonths = (cents: number): number[] => {
  const base = Math.floor(cents / 12),
    rem = cents - base * 12;
  return Array.from({ length: 12 }, (_, i) => base + (i >= 12 - rem ? 1 : 0));
};

/** How many months of the plan have begun by `today` (0 before it, 60 after it). */
export const monthsThrough = (today: string): number => {
  const m = today.slice(0, 7);
  return MONTHS.filter((x) => x <= m).length;
};

/** The dashboard under its filters. Milestones are not part of it: they do not depend on the
 *  filters, and the page reads them once from /api/milestones. `today` (the server's date,
 *  AAAA-MM-JJ) ends the approved and paid columns at its month: what is engaged and paid is
 *  known up to today, only the schedule runs on to 2027. */
export const dashboard = (
  plan: PlanState,
  f: DashboardFilter,
  buckets: BucketSet = buildBucketSet(plan),
  today?: string,
): Dashboard => {
  const envs = [...plan.envelopes.values()].filter((e) => !f.envelopeId || e.id === f.envelopeId);
  const byEnvelope = new Map(
    envs.map((e) => [e.id, { ...row(e.id, e.name), status: e.status, totalCents: e.totalCents, remainingCents: 0 }]),
  );
  const byYear = PLAN_YEARS.map((y) => ({ ...row(y, y), byAxis: {} as Record<string, number> }));
  const byRegion = new Map<string, RegionRow>(
    [...plan.regions.values()].map((r) => [
      r.code,
      { ...row(r.code, r.name), pooled: { allocatedCents: 0, approvedCents: 0, paidCents: 0 }, delegatedCents: 0 },
    ]),
  );
  const byAxis = new Map(Object.entries(AXIS_LABELS).map(([k, l]) => [k, row(k, l)]));
  const paidMonths = new Array<number>(MONTHS.length).fill(0);
  const approvedMonths = new Array<number>(MONTHS.length).fill(0);
  // Announced credits are not money yet: committed and announced envelopes are counted apart.
  const statusTotals = (status: EnvelopeStatus): StatusTotals => ({
    totalCents: envs.filter((e) => e.status === status).reduce((n, e) => n + e.totalCents, 0),
    allocatedCents: 0,
    approvedCents: 0,
    paidCents: 0,
    remainingCents: 0,
  });
  const byStatus: Record<EnvelopeStatus, StatusTotals> = {
    committed: statusTotals('committed'),
    announced: statusTotals('announced'),
  };

  // The delegations of the selected committed envelopes (under a region filter, its own): each
  // region's credits, and what it did with them on those envelopes, every axis.
  const delegations = new Map<string, DelegationRow>();
  /** Per envelope, the regions holding a delegation of it. */
  const delegatedTo = new Map<string, Set<string>>();
  for (const e of envs) {
    if (e.status !== 'committed') continue;
    for (const [region, years] of creditsOf(plan.index.delegationsByEnvelope(e.id))) {
      if (f.region && region !== f.region) continue;
      let regions = delegatedTo.get(e.id);
      if (!regions) delegatedTo.set(e.id, (regions = new Set()));
      regions.add(region);
      let d = delegations.get(region);
      if (!d)
        delegations.set(
          region,
          (d = { ...row(region, regionName(plan, region)), delegatedCents: 0, remainingCents: 0 }),
        );
      d.delegatedCents += sumYears(years);
    }
  }

  // Envelopes are national: what one has left to allocate counts every region and axis.
  const allocatedNationally = new Map<string, number>();
  const axis = f.axis ? String(f.axis) : '';
  for (const b of buckets.main.values()) {
    if (f.envelopeId && b.envelopeId !== f.envelopeId) continue;
    const allocated = sumYears(b.allocatedByYear);
    allocatedNationally.set(b.envelopeId, (allocatedNationally.get(b.envelopeId) ?? 0) + allocated);
    // a delegation counts every axis of its envelope in its region
    const d = delegatedTo.get(b.envelopeId)?.has(b.region) ? delegations.get(b.region) : undefined;
    const inFilters = !(f.region && b.region !== f.region) && !(axis && b.axis !== axis);
    if (!d && !inFilters) continue;
    const approved = sumYears(b.approvedByYear),
      paid = sumYears(b.paidByMonth) + b.paidOutside;
    if (d) {
      d.allocatedCents += allocated;
      d.approvedCents += approved;
      d.paidCents += paid;
    }
    if (!inFilters) continue;
    const env = byEnvelope.get(b.envelopeId);
    if (!env) continue;
    for (const r of [env, byStatus[env.status]]) {
      r.allocatedCents += allocated;
      r.approvedCents += approved;
      r.paidCents += paid;
    }
    // Announced credits are not money yet: beyond their own envelope's row and byStatus.announced,
    // allocations on announced envelopes (planning) count nowhere — not in the totals, the
    // breakdowns by year, region and axis, nor the monthly series.
    if (env.status !== 'committed') continue;
    for (const r of [byRegion.get(b.region), byAxis.get(b.axis)]) {
      if (!r) continue;
      r.allocatedCents += allocated;
      r.approvedCents += approved;
      r.paidCents += paid;
    }
    byYear.forEach((yr, i) => {
      yr.allocatedCents += b.allocatedByYear[i]!;
      yr.approvedCents += b.approvedByYear[i]!;
      yr.paidCents += sumYears(b.paidByMonth.slice(i * 12, i * 12 + 12));
      if (b.allocatedByYear[i]) yr.byAxis[b.axis] = (yr.byAxis[b.axis] ?? 0) + b.allocatedByYear[i]!;
    });
    b.paidByMonth.forEach((c, i) => (paidMonths[i]! += c));
    b.approvedByMonth.forEach((c, i) => (approvedMonths[i]! += c));
  }
  // the regions' pooled part, from the GHT totals (committed envelopes only)
  const inFilter = groupCellFilter(plan, f);
  for (const c of buckets.groups.pooledCells) if (inFilter(c)) addTotals(byRegion.get(c.region)?.pooled, c);
  for (const d of delegations.values()) {
    d.remainingCents = d.delegatedCents - d.allocatedCents;
    const r = byRegion.get(d.key);
    if (r) r.delegatedCents = d.delegatedCents;
  }
  for (const r of byEnvelope.values()) {
    r.remainingCents = r.totalCents - (allocatedNationally.get(r.key) ?? 0);
    byStatus[r.status].remainingCents += r.remainingCents;
  }

  // The schedule: a year's allocated amount (committed envelopes) spread evenly over its months,
  // remainders last. Approved counts at each approval's date (avenants at theirs), paid at each payment's date.
  const planned = byYear.flatMap((y) => spreadOverMonths(y.allocatedCents));
  const cumulative = (xs: number[]) => {
    let s = 0;
    return xs.map((x) => (s += x));
  };
  const through = today === undefined ? MONTHS.length : monthsThrough(today);
  const series: Series = {
    months: [...MONTHS],
    plannedCents: cumulative(planned),
    approvedCents: cumulative(approvedMonths).slice(0, through),
    paidCents: cumulative(paidMonths).slice(0, through),
    ...(today === undefined ? {} : { today }),
  };
  const c = byStatus.committed;
  return {
    totals: {
      envelopeCents: c.totalCents + byStatus.announced.totalCents,
      committedCents: c.totalCents,
      announcedCents: byStatus.announced.totalCents,
      // money: committed envelopes only (the same figures as byStatus.committed)
      allocatedCents: c.allocatedCents,
      approvedCents: c.approvedCents,
      paidCents: c.paidCents,
      remainingCents: c.remainingCents,
      byStatus,
    },
    byEnvelope: [...byEnvelope.values()],
    byYear,
    byRegion: [...byRegion.values()],
    byAxis: [...byAxis.values()],
    delegations: [...delegations.values()].sort((a, b) => a.label.localeCompare(b.label, 'fr')),
    series,
  };
};
