// « À verser »: every tranche now payable (its objective passed both checks, or its milestone
// met), with the total, and the batch that records them all in one step (all or nothing).
import type { Payment } from '../../server/contract/plan.js';
import type { TrancheStatus } from '../../server/contract/windows.js';
import { get, send } from './client.js';

export interface PayableFilters {
  windowId?: string;
  region?: string;
  envelopeId?: string;
}
export interface Payable {
  items: TrancheStatus[];
  totalCents: number;
}
export const payable = (f: PayableFilters = {}) => get<Payable>('/api/payments/payable', { ...f });

export interface BatchItem {
  allocationId: string;
  tranche: string;
  amountCents: number;
}
export const recordBatch = async (paidOn: string, items: readonly BatchItem[]) =>
  (await send<{ items: Payment[] }>('POST', '/api/payments/batch', { paidOn, items })).data;
