// Payments: a page of the list (most recent first) and its totals, record one, cancel one by a
// counter-entry. A recorded payment is never edited nor deleted.
import type { Page, Payment, PaymentTotals } from '../../server/contract/plan.js';
import { get, ifMatch, send } from './client.js';

/** The list's filters, as the API names them (q: an establishment by name or FINESS). */
export interface PaymentFilters {
  envelopeId?: string;
  region?: string;
  q?: string;
  from?: string;
  to?: string;
  allocationId?: string;
}

export const listPayments = (f: PaymentFilters, limit: number, offset: number) =>
  get<Page<Payment>>('/api/payments', { ...f, order: 'desc', limit, offset });
export const paymentTotals = (f: PaymentFilters) => get<PaymentTotals>('/api/payments/totals', { ...f });

export const recordPayment = async (input: {
  allocationId: string;
  amountCents: number;
  paidOn: string;
  tranche?: string;
}) => (await send<Payment>('POST', '/api/payments', input)).data;

/** The counter-entry the API records (the original is then marked as cancelled by it). */
export const cancelPayment = async (p: Payment, reason: string) =>
  (await send<Payment>('POST', `/api/payments/${encodeURIComponent(p.id)}/cancel`, { reason }, ifMatch(p.rev))).data;
