// Payments: only on approved allocations, never beyond the approved amount, and append-only: a
// payment recorded by mistake is cancelled by a counter-entry, never edited nor deleted.
import { frenchDate, parisDay } from '../../shared/dates.js';
import type { Allocation, Payment, PaymentTotals } from '../contract/plan.js';
import type { WriteContext } from './context.js';
import { ruleBroken } from './errors.js';
import { formatEuros, sumAmounts } from './money.js';
import { paidCentsOf, type PlanState } from './plan.js';
import { trancheStatus } from './tranches.js';

export interface PaymentInput {
  allocationId: string;
  amountCents: number;
  paidOn: string;
  tranche?: string;
}

const STATUS_WORDS: Record<string, string> = { proposed: 'proposée', rejected: 'rejetée' };

/** The Paris calendar day the allocation was first engaged (its first engagement, else its
 *  approval): no payment can precede it. Undefined when the record carries no date. */
export const engagedOn = (a: Allocation): string | undefined => {
  const at = a.engagements?.[0]?.at ?? a.approvedAt;
  return at ? parisDay(at) : undefined;
};

/** On an allocation paid by tranches, a payment names a tranche that is payable now (not freed,
 *  its gate met: « objectif D1-AD-2 : contrôle ANS en attente » otherwise) and stays within what
 *  remains of it; an allocation without tranches is paid freely (`tranche` is then a label). */
const assertTranchePayable = (plan: PlanState, a: Allocation, next: Payment): void => {
  if (!a.tranches?.length) return;
  const codes = a.tranches.map((t) => t.code).join(', ');
  if (!next.tranche)
    throw ruleBroken(`Allocation versée par tranches : indiquez la tranche versée (${codes}).`, [
      { path: 'tranche', message: `Tranche obligatoire (${codes}).` },
    ]);
  const t = a.tranches.find((x) => x.code === next.tranche);
  if (!t)
    throw ruleBroken(`Tranche « ${next.tranche} » inconnue sur cette allocation (tranches : ${codes}).`, [
      { path: 'tranche', message: `Tranche inconnue (${codes}).` },
    ]);
  const s = trancheStatus(plan, a, t);
  if (!s.payable)
    throw ruleBroken(`Tranche ${t.code} non payable : ${s.missing}.`, [{ path: 'tranche', message: `${s.missing}.` }]);
  if (next.amountCents > s.payableCents)
    throw ruleBroken(
      `Versement supérieur au reste de la tranche ${t.code} : reste ${formatEuros(s.payableCents)} sur ${formatEuros(t.amountCents)} (${formatEuros(s.paidCents)} déjà versés, annulations déduites).`,
      [{ path: 'amountCents', message: `Reste de la tranche : ${formatEuros(s.payableCents)}.` }],
    );
};

/** A new payment: on an approved allocation, positive, not in the future nor before the
 *  allocation's approval (a mandatement never precedes the engagement), on a payable tranche when
 *  the allocation has tranches, within what remains (approved minus paid, counter-entries netted). */
export const checkPayment = (plan: PlanState, next: Payment, ctx: WriteContext): Payment => {
  const a = plan.allocations.get(next.allocationId);
  if (!a)
    throw ruleBroken(`Allocation « ${next.allocationId} » introuvable.`, [
      { path: 'allocationId', message: 'Allocation introuvable.' },
    ]);
  if (a.status !== 'approved')
    throw ruleBroken(
      `Allocation ${STATUS_WORDS[a.status] ?? a.status}, non approuvée : un versement ne porte que sur une allocation approuvée.`,
      [{ path: 'allocationId', message: 'Allocation non approuvée.' }],
    );
  if (next.amountCents <= 0)
    throw ruleBroken('Le montant d’un versement doit être positif.', [
      { path: 'amountCents', message: 'Montant nul.' },
    ]);
  if (next.paidOn > ctx.now.slice(0, 10))
    throw ruleBroken('Un versement ne peut pas être daté dans le futur.', [
      { path: 'paidOn', message: 'Date future.' },
    ]);
  const approvedOn = engagedOn(a);
  if (approvedOn && next.paidOn < approvedOn)
    throw ruleBroken(
      `Le versement ne peut pas précéder l’approbation de l’allocation (le ${frenchDate(approvedOn)}).`,
      [{ path: 'paidOn', message: `Date antérieure à l’approbation (le ${frenchDate(approvedOn)}).` }],
    );
  assertTranchePayable(plan, a, next);
  const paid = paidCentsOf(plan, a.id);
  const approved = sumAmounts(a.amounts);
  if (paid + next.amountCents > approved) {
    const left = Math.max(0, approved - paid);
    throw ruleBroken(
      `Versement supérieur au reste à payer : reste ${formatEuros(left)} sur ${formatEuros(approved)} approuvés (${formatEuros(paid)} déjà versés, annulations déduites).`,
      [{ path: 'amountCents', message: `Reste à payer : ${formatEuros(left)}.` }],
    );
  }
  return next;
};

/** PATCH and DELETE of a payment: the ledger keeps what was recorded. */
export const appendOnly = (p: Payment, what: 'update' | 'delete') =>
  ruleBroken(
    `Un versement enregistré ne se ${what === 'update' ? 'modifie' : 'supprime'} pas : annulez-le par une contre-passation (POST /api/payments/${p.id}/cancel, motif obligatoire)${what === 'update' ? ', puis enregistrez le bon versement' : ''}.`,
    [{ path: 'id', message: 'Versement enregistré : annulation par contre-passation seulement.' }],
  );

/** The counter-entry that cancels `cur`: minus its amount, on the same allocation and the same date
 *  (the payment never happened: every period, filter and monthly series nets it where it stood),
 *  with the reason; and `cur` marked as cancelled by it. Once; a counter-entry is never cancelled. */
export const cancelPayment = (
  cur: Payment,
  id: string,
  reason: string,
  ctx: WriteContext,
): { counter: Payment; original: Payment } => {
  if (cur.cancelsId)
    throw ruleBroken(
      `Ce mouvement est lui-même l’annulation du versement ${cur.cancelsId} : il ne s’annule pas (enregistrez à nouveau le versement s’il était dû).`,
      [{ path: 'id', message: 'Une contre-passation ne s’annule pas.' }],
    );
  if (cur.cancelledBy)
    throw ruleBroken(`Versement déjà annulé (contre-passation ${cur.cancelledBy}).`, [
      { path: 'id', message: 'Versement déjà annulé.' },
    ]);
  const counter: Payment = {
    id,
    rev: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.actor,
    allocationId: cur.allocationId,
    amountCents: -cur.amountCents,
    paidOn: cur.paidOn,
    ...(cur.tranche ? { tranche: cur.tranche } : {}),
    cancelsId: cur.id,
    reason,
  };
  const original: Payment = { ...cur, cancelledBy: id, updatedAt: ctx.now, updatedBy: ctx.actor };
  return { counter, original };
};

/** Totals of a list of payments (originals and counter-entries alike). */
export const paymentTotals = (payments: Iterable<Payment>): PaymentTotals => {
  const t: PaymentTotals = { count: 0, paidCents: 0, cancelledCount: 0, cancelledCents: 0, netCents: 0 };
  for (const p of payments) {
    if (p.cancelsId) {
      t.cancelledCount++;
      t.cancelledCents -= p.amountCents;
    } else {
      t.count++;
      t.paidCents += p.amountCents;
    }
    t.netCents += p.amountCents;
  }
  return t;
};

/** Ledger order: by date, a counter-entry right after the payment it cancels. */
export const paymentOrder = (a: Payment, b: Payment): number => {
  const ka = a.cancelsId ?? a.id,
    kb = b.cancelsId ?? b.id;
  return (
    (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0) ||
    (ka < kb ? -1 : ka > kb ? 1 : 0) ||
    (a.cancelsId ? 1 : 0) - (b.cancelsId ? 1 : 0)
  );
};
