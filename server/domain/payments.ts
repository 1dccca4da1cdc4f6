// Payments: only on approved allocations, never beyond the approved amount.
import type { Payment } from '../contract/plan.js';
import type { WriteContext } from './context.js';
import { ruleBroken } from './errors.js';
import { formatEuros, sumAmounts } from './money.js';
import { paidCentsOf, type PlanState } from './plan.js';

export interface PaymentInput {
  allocationId: string;
  amountCents: number;
  paidOn: string;
  tranche?: string;
}

export const checkPayment = (plan: PlanState, next: Payment, ctx: WriteContext): Payment => {
  const a = plan.allocations.get(next.allocationId);
  if (!a)
    throw ruleBroken(`Allocation « ${next.allocationId} » introuvable.`, [
      { path: 'allocationId', message: 'Allocation introuvable.' },
    ]);
  if (a.status !== 'approved')
    throw ruleBroken('Un versement ne porte que sur une allocation approuvée.', [
      { path: 'allocationId', message: 'Allocation non approuvée.' },
    ]);
  if (next.amountCents <= 0)
    throw ruleBroken('Le montant d’un versement doit être positif.', [
      { path: 'amountCents', message: 'Montant nul.' },
    ]);
  if (next.paidOn > ctx.now.slice(0, 10))
    throw ruleBroken('Un versement ne peut pas être daté dans le futur.', [
      { path: 'paidOn', message: 'Date future.' },
    ]);
  const others =
    paidCentsOf(plan, a.id) -
    (plan.payments.get(next.id)?.allocationId === a.id ? plan.payments.get(next.id)!.amountCents : 0);
  const approved = sumAmounts(a.amounts);
  if (others + next.amountCents > approved) {
    const left = Math.max(0, approved - others);
    throw ruleBroken(
      `Versement supérieur au reste à payer : reste ${formatEuros(left)} sur ${formatEuros(approved)} approuvés.`,
      [{ path: 'amountCents', message: `Reste à payer : ${formatEuros(left)}.` }],
    );
  }
  return next;
};
