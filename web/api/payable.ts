// « À verser »: every tranche now payable (its objective passed both checks, or its milestone
// met), with the total, and the batch that records them all in one step (all or nothing).
import type { Payment } from '../../server/contract/plan.js';
import type { PayableList } from '../../server/contract/windows.js';
import { get, send } from './client.js';

export interface PayableFilters {
  windowId?: string;
  region?: string;
  envelopeId?: string;
}
export const payable = (f: PayableFilters = {}) => get<PayableList>('/api/payments/payable', { ...f });

export interface BatchItem {
  allocationId: string;
  tranche: string;
  amountCents: number;
}
/** One transaction: every payment recorded, or none (the refusal names the line: items.N). */
export const recordBatch = async (paidOn: string, items: readonly BatchItem[]) =>
  (
    await send<{ count: number; totalCents: number; items: Payment[] }>('POST', '/api/payments/batch', {
      paidOn,
      items,
    })
  ).data;
