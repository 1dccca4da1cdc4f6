// Amounts per year and what an allocation holds, approves and shows: the same sums on both sides,
// so the grid's totals are the dashboard's.
import { PLAN_YEARS, type PlanYear, type YearAmounts } from './years.js';
import type { AllocationStatus } from './labels.js';

/** The part of an allocation its amounts depend on. */
export interface AmountsOf {
  status: AllocationStatus;
  amounts: YearAmounts;
  /** A pending "avenant". */
  revision?: { amounts: YearAmounts };
}

export const amountOf = (amounts: YearAmounts | undefined, year: PlanYear): number => amounts?.[year] ?? 0;

export const sumAmounts = (amounts: YearAmounts | undefined): number =>
  PLAN_YEARS.reduce((s, y) => s + amountOf(amounts, y), 0);

/** Same amount on every year, a missing year counting as zero. */
export const sameAmounts = (a: YearAmounts, b: YearAmounts): boolean =>
  PLAN_YEARS.every((y) => amountOf(a, y) === amountOf(b, y));

/** Per-year maximum of two splits: what an approved allocation with a pending revision holds. */
export const maxAmounts = (a: YearAmounts, b: YearAmounts | undefined): YearAmounts => {
  if (!b) return a;
  const out: YearAmounts = {};
  for (const y of PLAN_YEARS) {
    const v = Math.max(amountOf(a, y), amountOf(b, y));
    if (v > 0 || y in a || y in b) out[y] = v;
  }
  return out;
};

/** Amounts an allocation holds against its envelope: nothing once rejected; an approved one with a
 *  pending revision holds the approved amounts plus the revision's increase. */
export const heldAmounts = (a: AmountsOf): YearAmounts =>
  a.status === 'rejected' ? {} : a.status === 'approved' ? maxAmounts(a.amounts, a.revision?.amounts) : a.amounts;

/** One year of heldAmounts, without building the split (the grid sums it over every row). */
export const heldCents = (a: AmountsOf, year: PlanYear): number =>
  a.status === 'rejected'
    ? 0
    : a.status === 'approved' && a.revision
      ? Math.max(amountOf(a.amounts, year), amountOf(a.revision.amounts, year))
      : amountOf(a.amounts, year);

export const approvedAmounts = (a: AmountsOf): YearAmounts => (a.status === 'approved' ? a.amounts : {});

/** The amounts a planner sees and edits on an allocation: a pending avenant's, else its own. */
export const shownAmounts = (a: AmountsOf): YearAmounts => a.revision?.amounts ?? a.amounts;

/** When what awaits (or awaited) a reviewer was proposed: a pending avenant's date, else the
 *  allocation's last change (an edit proposes it anew). */
export const proposedAt = (a: { revision?: { proposedAt: string }; updatedAt: string }): string =>
  a.revision?.proposedAt ?? a.updatedAt;
