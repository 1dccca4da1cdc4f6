// The dashboard buckets (envelope × region × axis) and the GHT totals (the same × GHT group) and
// their updates: the store applies each change to them, so a request sums a few hundred buckets
// instead of rescanning every allocation; `buildBucketSet` recomputes them from scratch (tests prove
// both agree).
import { PLAN_YEARS } from '../../shared/years.js';
import type { Allocation, Payment } from '../contract/plan.js';
import type { Bucket, BucketSet, Buckets, GroupBucket, GroupBuckets, GroupTotals } from './bucket.js';
import { POOLED_GROUP, groupOf, regionOf } from './beneficiary.js';
import { approvedAmounts, heldAmounts } from '../../shared/amounts.js';
import { amountOf, sumAmounts } from './money.js';
import type { PlanState } from './plan.js';

export const MONTHS: string[] = PLAN_YEARS.flatMap((y) =>
  Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`),
);

interface Key {
  envelopeId: string;
  region: string;
  axis: string;
  group: string;
}

const keyOf = (plan: PlanState, a: Pick<Allocation, 'envelopeId' | 'finess' | 'actionId'>): Key => ({
  envelopeId: a.envelopeId,
  region: regionOf(plan, a.finess),
  axis: String(plan.actions.get(a.actionId)?.axis ?? ''),
  group: groupOf(plan, a.finess),
});

const bucketFor = (buckets: Buckets, k: Key): Bucket => {
  const key = `${k.envelopeId}|${k.region}|${k.axis}`;
  let b = buckets.get(key);
  if (!b) {
    b = {
      envelopeId: k.envelopeId,
      region: k.region,
      axis: k.axis,
      allocatedByYear: [0, 0, 0, 0, 0],
      approvedByYear: [0, 0, 0, 0, 0],
      approvedByMonth: new Array<number>(60).fill(0),
      paidByMonth: new Array<number>(60).fill(0),
      paidOutside: 0,
    };
    buckets.set(key, b);
  }
  return b;
};

const zero = (): GroupTotals => ({ allocatedCents: 0, approvedCents: 0, paidCents: 0 });
const totalsIn = (m: Map<string, GroupTotals>, key: string): GroupTotals => {
  let t = m.get(key);
  if (!t) m.set(key, (t = zero()));
  return t;
};
const mapIn = (m: Map<string, Map<string, GroupTotals>>, key: string): Map<string, GroupTotals> => {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  return inner;
};
const push = (m: Map<string, GroupBucket[]>, key: string, cell: GroupBucket) => {
  const list = m.get(key);
  if (list) list.push(cell);
  else m.set(key, [cell]);
};

export const emptyGroupBuckets = (): GroupBuckets => ({
  cells: new Map(),
  cellsByRegion: new Map(),
  cellsByAxis: new Map(),
  pooledCells: [],
  byEnvelope: new Map(),
  committed: new Map(),
  committedByAxis: new Map(),
  targets: new Map(),
});

/** The totals a beneficiary's amounts go to: its cell, its envelope's group and, on a committed
 *  envelope, the national group and its axis's. */
const groupTotalsFor = (groups: GroupBuckets, plan: PlanState, k: Key): GroupTotals[] => {
  const key = `${k.envelopeId}|${k.region}|${k.axis}|${k.group}`;
  let out = groups.targets.get(key);
  if (out) return out;
  const cell: GroupBucket = { ...k, ...zero() };
  groups.cells.set(key, cell);
  push(groups.cellsByRegion, k.region, cell);
  push(groups.cellsByAxis, k.axis, cell);
  if (k.group === POOLED_GROUP) groups.pooledCells.push(cell);
  out = [cell, totalsIn(mapIn(groups.byEnvelope, k.envelopeId), k.group)];
  if (plan.envelopes.get(k.envelopeId)?.status === 'committed')
    out.push(totalsIn(groups.committed, k.group), totalsIn(mapIn(groups.committedByAxis, k.axis), k.group));
  groups.targets.set(key, out);
  return out;
};

/** The month of the plan a date falls in: before the plan → its first month, after it → its last
 *  (an approval dated past 2027 still counts, as the totals count it: the curve ends at them). */
const monthIndex = (iso: string): number => {
  const m = iso.slice(0, 7);
  if (m < MONTHS[0]!) return 0;
  if (m > MONTHS.at(-1)!) return MONTHS.length - 1;
  return MONTHS.indexOf(m);
};

/** When an allocation's approved amount was engaged: [month index, cents] pairs whose cents add
 *  up to its approved total, from `engagements` (the approval, each avenant's change, negative
 *  when it lowers the amounts or an approval is withdrawn). Without engagements the whole approved
 *  amount counts at approvedAt; a difference between the engagements and the approved amounts
 *  (records older than them) counts at approvedAt too, so the curve always ends at what is approved. */
export const engagedByMonth = (a: Allocation): Array<[number, number]> => {
  const total = sumAmounts(approvedAmounts(a));
  const out: Array<[number, number]> = [];
  let counted = 0;
  if (a.status === 'approved')
    for (const e of a.engagements ?? []) {
      const cents = sumAmounts(e.amounts);
      out.push([monthIndex(e.at), cents]);
      counted += cents;
    }
  if (total !== counted) out.push([monthIndex(a.approvedAt ?? a.updatedAt), total - counted]);
  return out;
};

/** Adds (sign 1) or takes away (sign -1) what an allocation holds and has approved. */
export const addAllocation = (set: BucketSet, plan: PlanState, a: Allocation, sign: 1 | -1): void => {
  const k = keyOf(plan, a);
  const b = bucketFor(set.main, k);
  const held = heldAmounts(a),
    ok = approvedAmounts(a);
  let h = 0,
    o = 0;
  PLAN_YEARS.forEach((y, i) => {
    const hy = sign * amountOf(held, y),
      oy = sign * amountOf(ok, y);
    b.allocatedByYear[i]! += hy;
    b.approvedByYear[i]! += oy;
    h += hy;
    o += oy;
  });
  for (const t of groupTotalsFor(set.groups, plan, k)) {
    t.allocatedCents += h;
    t.approvedCents += o;
  }
  for (const [i, cents] of engagedByMonth(a)) if (i >= 0) b.approvedByMonth[i]! += sign * cents;
};

export const addPayment = (set: BucketSet, plan: PlanState, p: Payment, sign: 1 | -1): void => {
  const a = plan.allocations.get(p.allocationId);
  if (!a) return;
  const k = keyOf(plan, a);
  const b = bucketFor(set.main, k);
  const i = MONTHS.indexOf(p.paidOn.slice(0, 7));
  if (i >= 0) b.paidByMonth[i]! += sign * p.amountCents;
  else b.paidOutside += sign * p.amountCents;
  for (const t of groupTotalsFor(set.groups, plan, k)) t.paidCents += sign * p.amountCents;
};

export const buildBucketSet = (plan: PlanState): BucketSet => {
  const set: BucketSet = { main: new Map(), groups: emptyGroupBuckets() };
  for (const a of plan.allocations.values()) addAllocation(set, plan, a, 1);
  for (const p of plan.payments.values()) addPayment(set, plan, p, 1);
  return set;
};

export const buildBuckets = (plan: PlanState): Buckets => buildBucketSet(plan).main;

/** The buckets the store keeps up to date (what the dashboard reads on a request). */
export const keptBuckets = (plan: PlanState): BucketSet => ({
  main: plan.index.buckets(),
  groups: plan.index.groupBuckets(),
});
