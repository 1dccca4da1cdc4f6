// The dashboard's breakdown by GHT, answered apart from the dashboard: about 300 rows nationally on
// the generated plan (32 KB of a 44 KB answer when it was part of it), read by the page's
// « Par GHT » section and the variance export only. Summed from the GHT totals kept beside the
// buckets (bucket.ts GroupBuckets), committed envelopes only, under the dashboard's filters.
import type { BreakdownAmounts, BreakdownRow } from '../contract/plan.js';
import { NO_GHT, POOLED_GROUP } from './beneficiary.js';
import type { BucketSet, GroupBucket, GroupTotals } from './bucket.js';
import { buildBucketSet } from './buckets.js';
import type { PlanState } from './plan.js';

/** The dashboard's filters, and its breakdown by GHT's (dashboard.ts reads this module, not the
 *  other way round). */
export interface DashboardFilter {
  envelopeId?: string;
  region?: string;
  axis?: number;
}

export const GHT_LABELS = { none: 'Hors GHT', pooled: 'Ressources mutualisées' } as const;

export const breakdownRow = (key: string, label: string): BreakdownRow => ({
  key,
  label,
  allocatedCents: 0,
  approvedCents: 0,
  paidCents: 0,
});

export const addTotals = (r: BreakdownAmounts | undefined, t: GroupTotals): void => {
  if (!r) return;
  r.allocatedCents += t.allocatedCents;
  r.approvedCents += t.approvedCents;
  r.paidCents += t.paidCents;
};

/** Whether a GHT cell counts under the filters: its region and axis, a committed envelope among
 *  the selected ones (announced credits are not money yet). */
export const groupCellFilter = (plan: PlanState, f: DashboardFilter) => {
  const axis = f.axis ? String(f.axis) : '';
  return (c: GroupBucket): boolean =>
    (!f.region || c.region === f.region) &&
    (!axis || c.axis === axis) &&
    (!f.envelopeId || c.envelopeId === f.envelopeId) &&
    plan.envelopes.get(c.envelopeId)?.status === 'committed';
};

/** One row per GHT record (under a region filter, the region's), by name, then one per code no
 *  record names (an establishment's `ght` as it was typed), then '' « Hors GHT » and '*pooled'
 *  « Ressources mutualisées »: together, the dashboard's totals under the same filters. */
export const dashboardGhts = (
  plan: PlanState,
  f: DashboardFilter,
  buckets: BucketSet = buildBucketSet(plan),
): BreakdownRow[] => {
  const byGht = new Map<string, BreakdownRow>();
  for (const g of [...plan.ghts.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')))
    if (!f.region || g.region === f.region) byGht.set(g.code, breakdownRow(g.code, g.name));
  const outside = breakdownRow(NO_GHT, GHT_LABELS.none),
    pooled = breakdownRow(POOLED_GROUP, GHT_LABELS.pooled);
  const ghtRow = (code: string): BreakdownRow => {
    if (code === NO_GHT) return outside;
    if (code === POOLED_GROUP) return pooled;
    let r = byGht.get(code);
    if (!r) byGht.set(code, (r = breakdownRow(code, code)));
    return r;
  };
  // under no filter but one envelope or one axis, from a roll-up (about one entry per GHT), else
  // from the cells of the region or the axis
  const groups = buckets.groups,
    axis = f.axis ? String(f.axis) : '';
  const rollUp = (m: Map<string, GroupTotals> | undefined) => {
    for (const [code, t] of m ?? []) addTotals(ghtRow(code), t);
  };
  if (f.region || (axis && f.envelopeId)) {
    const inFilter = groupCellFilter(plan, f);
    const cells = f.region ? groups.cellsByRegion.get(f.region) : groups.cellsByAxis.get(axis);
    for (const c of cells ?? []) if (inFilter(c)) addTotals(ghtRow(c.group), c);
  } else if (axis) rollUp(groups.committedByAxis.get(axis));
  else if (f.envelopeId) {
    if (plan.envelopes.get(f.envelopeId)?.status === 'committed') rollUp(groups.byEnvelope.get(f.envelopeId));
  } else rollUp(groups.committed);
  return [...byGht.values(), outside, pooled];
};
