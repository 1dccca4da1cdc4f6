// The allocation grid's column orders, pure: by establishment name, action code, status, approved
// amount, a year's amount or the row total; ties keep the order the rows came in (stable sort).
import type { Allocation, PlanYear } from '../../server/contract/plan.js';
import { amountOf, shownAmounts, sumAmounts } from '../../shared/amounts.js';

export type SortKey = 'establishment' | 'action' | 'status' | 'approved' | 'total' | PlanYear;
export interface GridSort {
  key: SortKey;
  ascending: boolean;
}

const STATUS_ORDER: Record<Allocation['status'], number> = { proposed: 0, approved: 1, rejected: 2 };
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** What is approved on a row: its amounts in force once approved, nothing before. */
export const approvedCents = (a: Allocation): number => (a.status === 'approved' ? sumAmounts(a.amounts) : 0);

/** The rows in the asked order (a copy); `names` gives an establishment's and an action's words. */
export const sortRows = <A extends Allocation>(
  rows: readonly A[],
  sort: GridSort | null,
  names: { establishment(finess: string): string; action(id: string): string },
): A[] => {
  if (!sort) return rows.slice();
  const { key } = sort;
  const cmp: (a: A, b: A) => number =
    key === 'status'
      ? (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || Number(!!a.revision) - Number(!!b.revision)
      : key === 'approved'
        ? (a, b) => approvedCents(a) - approvedCents(b)
        : key === 'total'
          ? (a, b) => sumAmounts(shownAmounts(a)) - sumAmounts(shownAmounts(b))
          : key === 'establishment' || key === 'action'
            ? () => 0
            : (a, b) => amountOf(shownAmounts(a), key) - amountOf(shownAmounts(b), key);
  // a name read once per row, not once per comparison
  if (key === 'establishment' || key === 'action') {
    const words = new Map<string, string>();
    const word = (a: A) => {
      const id = key === 'establishment' ? a.finess : a.actionId;
      let w = words.get(id);
      if (w === undefined) words.set(id, (w = key === 'establishment' ? names.establishment(id) : names.action(id)));
      return w;
    };
    return rows.slice().sort((a, b) => (sort.ascending ? 1 : -1) * collator.compare(word(a), word(b)));
  }
  return rows.slice().sort((a, b) => (sort.ascending ? 1 : -1) * cmp(a, b));
};
