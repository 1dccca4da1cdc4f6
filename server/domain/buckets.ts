// The dashboard buckets (envelope × region × axis × GHT group) and their updates: the store applies each
// change to them, so a request sums a few hundred buckets instead of rescanning every allocation;
// `buildBuckets` recomputes them from scratch (tests prove both agree).
import { PLAN_YEARS } from '../../shared/years.js';
import type { Allocation, Payment } from '../contract/plan.js';
import type { Bucket, Buckets } from './bucket.js';
import { approvedAmounts, heldAmounts } from '../../shared/amounts.js';
import { groupOf, regionOf } from './beneficiary.js';
import { amountOf, sumAmounts } from './money.js';
import type { PlanState } from './plan.js';

export const MONTHS: string[] = PLAN_YEARS.flatMap((y) =>
  Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`),
);

const keyOf = (plan: PlanState, envelopeId: string, finess: string, actionId: string) => {
  const region = regionOf(plan, finess);
  const axis = String(plan.actions.get(actionId)?.axis ?? '');
  const group = groupOf(plan, finess);
  return { key: `${envelopeId}|${region}|${axis}|${group}`, envelopeId, region, axis, group };
};

const bucketFor = (
  buckets: Buckets,
  plan: PlanState,
  a: Pick<Allocation, 'envelopeId' | 'finess' | 'actionId'>,
): Bucket => {
  const k = keyOf(plan, a.envelopeId, a.finess, a.actionId);
  let b = buckets.get(k.key);
  if (!b) {
    b = {
      envelopeId: k.envelopeId,
      region: k.region,
      axis: k.axis,
      group: k.group,
      allocatedByYear: [0, 0, 0, 0, 0],
      approvedByYear: [0, 0, 0, 0, 0],
      approvedByMonth: new Array<number>(60).fill(0),
      paidByMonth: new Array<number>(60).fill(0),
      paidOutside: 0,
    };
    buckets.set(k.key, b);
  }
  return b;
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
export const addAllocation = (buckets: Buckets, plan: PlanState, a: Allocation, sign: 1 | -1): void => {
  const b = bucketFor(buckets, plan, a);
  const held = heldAmounts(a),
    ok = approvedAmounts(a);
  PLAN_YEARS.forEach((y, i) => {
    b.allocatedByYear[i]! += sign * amountOf(held, y);
    b.approvedByYear[i]! += sign * amountOf(ok, y);
  });
  for (const [i, cents] of engagedByMonth(a)) if (i >= 0) b.approvedByMonth[i]! += sign * cents;
};

export const addPayment = (buckets: Buckets, plan: PlanState, p: Payment, sign: 1 | -1): void => {
  const a = plan.allocations.get(p.allocationId);
  if (!a) return;
  const b = bucketFor(buckets, plan, a);
  const i = MONTHS.indexOf(p.paidOn.slice(0, 7));
  if (i >= 0) b.paidByMonth[i]! += sign * p.amountCents;
  else b.paidOutside += sign * p.amountCents;
};

export const buildBuckets = (plan: PlanState): Buckets => {
  const buckets: Buckets = new Map();
  for (const a of plan.allocations.values()) addAllocation(buckets, plan, a, 1);
  for (const p of plan.payments.values()) addPayment(buckets, plan, p, 1);
  return buckets;
};
