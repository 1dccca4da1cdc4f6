// Approving several allocations at once: each one obeys the rules of a single approval
// (separation of duties, announced credits, payments); the caller runs the batch in one
// transaction, so the first refusal undoes it all and names the allocation refused.
import { beneficiaryOf } from './beneficiary.js';
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
    beneficiaryOf(plan, a.finess)?.name ?? a.finess,
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
    { path: `items.${index}`, message: `${label} : ${why}` },
  ]);
};

/** Every row still at the version read, else the first changed one named, with what the selection
 *  now adds up to when that moved too. */
const assertAsConfirmed = (
  plan: PlanState,
  ids: readonly string[],
  io: { find(id: string): Allocation },
  revs: ReadonlyMap<string, string>,
  expectedTotalCents: number | undefined,
): void => {
  let changed = -1;
  let totalCents = 0;
  const rows = ids.map((id, index) => {
    try {
      return io.find(id);
    } catch (e) {
      throw named(plan, id, index, e);
    }
  });
  rows.forEach((cur, index) => {
    totalCents += sumAmounts(shownAmounts(cur));
    if (changed < 0 && cur.rev !== revs.get(cur.id)) changed = index;
  });
  if (changed < 0) return;
  const cur = rows[changed]!;
  const moved =
    expectedTotalCents !== undefined && expectedTotalCents !== totalCents
      ? ` ; la sélection représente désormais ${formatEuros(totalCents)}, et non ${formatEuros(expectedTotalCents)} comme confirmé`
      : '';
  throw named(
    plan,
    cur.id,
    changed,
    stale(
      'Allocation modifiée entre-temps',
      `modifiée depuis que vous l’avez lue${cur.updatedBy ? ` (par ${cur.updatedBy})` : ''}${moved} : rechargez la liste avant d’approuver.`,
    ),
  );
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
  /** The version of each row the user confirmed: a row changed since refuses the batch (412). */
  revs?: ReadonlyMap<string, string>,
): BatchApproval => {
  if (revs) assertAsConfirmed(plan, ids, io, revs, expectedTotalCents);
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
