// « À verser »: every tranche payable now, and paying several of them at once, all or nothing
// (the caller runs the batch in one transaction: the first refusal undoes it all, named).
import type { Allocation, Payment } from '../contract/plan.js';
import type { PayableList, PayableTranche } from '../contract/windows.js';
import { beneficiaryOf, regionOf } from './beneficiary.js';
import type { WriteContext } from './context.js';
import { DomainError } from './errors.js';
import { checkPayment } from './payments.js';
import type { PlanState } from './plan.js';
import { paidByTranche, trancheStatus } from './tranches.js';

export interface PayableFilter {
  windowId?: string;
  region?: string;
  envelopeId?: string;
}

/** The payable tranches (payableCents > 0) of the approved allocations `visible` lets through,
 *  filtered, ordered by region, beneficiary name, allocation and the tranches' own order. */
export const payableTranches = (
  plan: PlanState,
  f: PayableFilter,
  visible: (a: Allocation) => boolean = () => true,
): PayableList => {
  const items: PayableTranche[] = [];
  const from = f.envelopeId ? plan.index.allocationsByEnvelope(f.envelopeId) : plan.allocations.values();
  for (const a of from) {
    if (a.status !== 'approved' || !a.tranches?.length) continue;
    const region = regionOf(plan, a.finess);
    if (f.region && region !== f.region) continue;
    if (!visible(a)) continue;
    const paid = paidByTranche(plan, a.id);
    const name = beneficiaryOf(plan, a.finess)?.name ?? a.finess;
    for (const t of a.tranches) {
      const applicationId = t.gate.kind === 'objective' ? t.gate.applicationId : a.applicationId;
      const windowId = applicationId ? plan.applications.get(applicationId)?.windowId : undefined;
      if (f.windowId && windowId !== f.windowId) continue;
      const s = trancheStatus(plan, a, t, paid);
      if (s.payableCents <= 0) continue;
      items.push({
        ...s,
        envelopeId: a.envelopeId,
        region,
        name,
        ...(applicationId ? { applicationId } : {}),
        ...(windowId ? { windowId } : {}),
      });
    }
  }
  // sorted on a key computed once per item, stably: an allocation's tranches stay in their order
  const sorted = items
    .map((x) => ({ x, key: `${x.region}\u0000${x.name}\u0000${x.allocationId}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ x }) => x);
  return { items: sorted, count: sorted.length, totalCents: sorted.reduce((s, x) => s + x.payableCents, 0) };
};

export interface BatchItem {
  allocationId: string;
  tranche: string;
  amountCents: number;
}

export interface BatchPayment {
  count: number;
  totalCents: number;
  items: Payment[];
}

/** The same refusal, saying which line of the batch it is about; an allocation out of reach is
 *  named by its id only (its beneficiary is not the caller's to read). */
const named = (plan: PlanState, item: BatchItem, index: number, e: unknown): unknown => {
  if (!(e instanceof DomainError)) return e;
  const a = e.kind === 'notFound' ? undefined : plan.allocations.get(item.allocationId);
  const who = a ? ` (${beneficiaryOf(plan, a.finess)?.name ?? a.finess})` : '';
  const label = `Versement ${index + 1}, allocation ${item.allocationId}${who}, tranche ${item.tranche}`;
  const why = e.detail ?? e.title;
  const paths = e.errors.length ? e.errors : [{ path: '', message: why }];
  return new DomainError(
    e.kind,
    e.title,
    `${label} : ${why} Aucun versement n’a été enregistré.`,
    paths.map((x) => ({ path: `items.${index}${x.path ? `.${x.path}` : ''}`, message: `${label} : ${x.message}` })),
  );
};

/** Records the batch's payments in order, each checked as if alone on the plan the earlier ones
 *  changed (`read()`: the caller's transaction's plan), through `find` (which refuses an unknown or
 *  out-of-scope allocation) and `put`. Throws at the first refusal. */
export const payBatch = (
  read: () => PlanState,
  paidOn: string,
  items: readonly BatchItem[],
  ctx: WriteContext,
  io: { find(id: string): Allocation; newId(): string; put(p: Payment): Payment },
): BatchPayment => {
  const out: Payment[] = [];
  let totalCents = 0;
  items.forEach((item, index) => {
    try {
      io.find(item.allocationId);
      const p = checkPayment(
        read(),
        {
          id: io.newId(),
          rev: '',
          createdAt: ctx.now,
          updatedAt: ctx.now,
          allocationId: item.allocationId,
          amountCents: item.amountCents,
          paidOn,
          tranche: item.tranche,
        },
        ctx,
      );
      out.push(io.put(p));
      totalCents += item.amountCents;
    } catch (e) {
      throw named(read(), item, index, e);
    }
  });
  return { count: out.length, totalCents, items: out };
};
