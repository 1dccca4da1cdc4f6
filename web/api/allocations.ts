// Allocations: list with filters, edit with If-Match (amounts, tranches), propose, bulk, approve,
// reject; an allocation's tranches as they stand.
import type { Allocation, Page, Tranche, TrancheStatus, YearAmounts } from '../../server/contract/plan.js';
import type { BulkPreview, PreviewQuery } from '../../server/contract/previews.js';
import { get, getAll, ifMatch, send } from './client.js';

export type { BulkPreview, BulkPreviewSkipped, BulkPreviewTarget } from '../../server/contract/previews.js';

export interface AllocationFilters {
  envelopeId?: string;
  status?: string;
  region?: string;
  category?: string;
  priority?: string;
  actionId?: string;
  axis?: string;
  q?: string;
  /** An order the list knows (establishment, amount, proposed, approved), « - » reversing it. */
  sort?: string;
}

export const listAllocations = (f: AllocationFilters) => getAll<Allocation>('/api/allocations', { ...f });
/** One page only (`limit` rows from `offset`), with the total: for views that show a few rows and a count. */
export const firstAllocations = (f: AllocationFilters, limit: number, offset = 0) =>
  get<Page<Allocation>>('/api/allocations', { ...f, limit, offset });
export const getAllocation = (id: string) => get<Allocation>(`/api/allocations/${encodeURIComponent(id)}`);
/** The allocations among `ids`, in one request (unknown or deleted ones are simply absent). */
export const allocationsByIds = async (ids: readonly string[]): Promise<Allocation[]> =>
  ids.length
    ? (await get<Page<Allocation>>('/api/allocations', { ids: ids.join(','), limit: Math.min(1000, ids.length) })).items
    : [];

export const saveAmounts = async (a: Allocation, amounts: YearAmounts): Promise<Allocation> =>
  (await send<Allocation>('PATCH', `/api/allocations/${encodeURIComponent(a.id)}`, { amounts }, ifMatch(a.rev))).data;

/** Splits an allocation into tranches (none: paid freely); on an approved one, an avenant. Freed
 *  tranches are the server's to keep: they are not sent back. */
export const saveTranches = async (a: Allocation, tranches: readonly Omit<Tranche, 'freedAt'>[]): Promise<Allocation> =>
  (await send<Allocation>('PATCH', `/api/allocations/${encodeURIComponent(a.id)}`, { tranches }, ifMatch(a.rev))).data;

/** Each tranche in force: its amount, what was paid on it, whether it is payable and what it waits for. */
export const allocationTranches = (id: string) =>
  get<TrancheStatus[]>(`/api/allocations/${encodeURIComponent(id)}/tranches`);

export const proposeAllocation = async (input: {
  envelopeId: string;
  finess: string;
  actionId: string;
  amounts: YearAmounts;
}) => (await send<Allocation>('POST', '/api/allocations', input)).data;

export interface BulkInput {
  envelopeId: string;
  actionId: string;
  amounts: YearAmounts;
  filter: {
    region?: string;
    category?: string;
    priority?: boolean;
    q?: string;
    /** Who the batch funds: establishments (the server's default), pooled regional resources or both. */
    beneficiaries?: 'establishments' | 'pooled' | 'all';
  };
}
/** A dry run: the counts, and the pages asked for of those who would receive one and of those skipped. */
export const previewBulk = async (input: BulkInput, preview: { targets?: PreviewQuery; skipped?: PreviewQuery } = {}) =>
  (await send<BulkPreview>('POST', '/api/allocations/bulk', { ...input, dryRun: true, preview })).data;
/** All or nothing: the server creates every allocation in one transaction or none. */
export const applyBulk = async (input: BulkInput) =>
  (await send<{ count: number; totalCents: number }>('POST', '/api/allocations/bulk', input)).data;

export const approveAllocation = async (a: Allocation) =>
  (await send<Allocation>('POST', `/api/allocations/${encodeURIComponent(a.id)}/approve`, {}, ifMatch(a.rev))).data;
export const rejectAllocation = async (a: Allocation, reason: string) =>
  (await send<Allocation>('POST', `/api/allocations/${encodeURIComponent(a.id)}/reject`, { reason }, ifMatch(a.rev)))
    .data;

/** Withdraws an approval (back to « proposée »), while nothing has been paid; the reason is required. */
export const unapproveAllocation = async (a: Allocation, reason: string) =>
  (await send<Allocation>('POST', `/api/allocations/${encodeURIComponent(a.id)}/unapprove`, { reason }, ifMatch(a.rev)))
    .data;

/** Approves several at once, all or nothing; `expectedTotalCents` is the total the user confirmed
 *  (412 if the selection no longer makes it). */
export const approveAllocations = async (rows: readonly Pick<Allocation, 'id' | 'rev'>[], expectedTotalCents: number) =>
  (
    await send<{ count: number; totalCents: number; items: Allocation[] }>('POST', '/api/allocations/approve', {
      items: rows.map(({ id, rev }) => ({ id, rev })),
      expectedTotalCents,
    })
  ).data;

/** Withdraws a proposal (DELETE, If-Match): an approved allocation is refused (422). */
export const withdrawAllocation = async (a: Allocation): Promise<void> => {
  await send<null>('DELETE', `/api/allocations/${encodeURIComponent(a.id)}`, undefined, ifMatch(a.rev));
};
