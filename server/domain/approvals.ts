// Approving several allocations at once: each one obeys the rules of a single approval
// (separation of duties, announced credits, payments); the caller runs the batch in one
// transaction, so the first refusal undoes it all and names the allocation refused.
import { shownAmounts, sumAmounts } from '../../shared/amounts.js';
import type { Allocation } from '../contract/plan.js';
import { approveAllocation } from './allocations.js';
import type { WriteContext } from './context.js';
import { DomainError, stale } from './errors.js';
import { formatEuros } from './money.js';
import type { PlanState } from './plan.js';

export interface BatchApproval {
  count: number;
  /** What the batch approves: each allocation's amounts, a pending avenant's new ones. */
  totalCents: number;
  items: Allocation[];
}

/** « Allocation al-… (CH de Versailles, D1-AD, CARE-D1) », or its id alone when unknown. */
export const allocationLabel = (plan: PlanState, id: string): string => {
  const a = plan.allocations.get(id);
  if (!a) return `Allocation ${id}`;
  const parts = [
    plan.establishments.get(a.finess)?.name ?? a.finess,
    plan.actions.get(a.actionId)?.code ?? a.actionId,
    plan.envelopes.get(a.envelopeId)?.code ?? a.envelopeId,
  ];
  return `Allocation ${id} (${parts.join(', ')})`;
};

/** The same refusal, its detail and errors saying which allocation of the batch it is about. */
const named = (plan: PlanState, id: string, index: number, e: unknown): unknown => {
  if (!(e instanceof DomainError)) return e;
  const label = allocationLabel(plan, id);
  const why = e.detail ?? e.title;
  return new DomainError(e.kind, e.title, `${label} : ${why} Aucune allocation n’a été approuvée.`, [
    { path: `ids.${index}`, message: `${label} : ${why}` },
  ]);
};

/** Approves `ids` in order through `find` (which refuses an unknown or out-of-scope id) and
 *  `put` (which writes in the caller's transaction). With `expectedTotalCents`, the total the user
 *  confirmed must still be the total approved. Throws at the first refusal. */
export const approveBatch = (
  plan: PlanState,
  ids: readonly string[],
  ctx: WriteContext,
  io: { find(id: string): Allocation; put(a: Allocation): Allocation },
  expectedTotalCents?: number,
): BatchApproval => {
  const items: Allocation[] = [];
  let totalCents = 0;
  ids.forEach((id, index) => {
    try {
      const cur = io.find(id);
      totalCents += sumAmounts(shownAmounts(cur));
      items.push(io.put(approveAllocation(plan, cur, ctx)));
    } catch (e) {
      throw named(plan, id, index, e);
    }
  });
  if (expectedTotalCents !== undefined && expectedTotalCents !== totalCents)
    throw stale(
      'Montants modifiés entre-temps',
      `La sélection représente désormais ${formatEuros(totalCents)}, et non ${formatEuros(expectedTotalCents)} comme confirmé : rechargez la liste avant d’approuver. Aucune allocation n’a été approuvée.`,
    );
  return { count: items.length, totalCents, items };
};
