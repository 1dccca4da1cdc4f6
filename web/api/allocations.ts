// Allocations: list with filters, edit with If-Match, propose, bulk, approve, reject.
import type { Allocation, Page, YearAmounts } from '../../server/contract/plan.js';
import { get, getAll, ifMatch, send } from './client.js';

export interface AllocationFilters {
  envelopeId?: string;
  status?: string;
  region?: string;
  category?: string;
  priority?: string;
  actionId?: string;
  axis?: string;
  q?: string;
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
  filter: { region?: string; category?: string; priority?: boolean; q?: string };
}
export interface BulkPreview {
  count: number;
  totalCents: number;
  skipped: number;
  finess: string[];
}

export const previewBulk = async (input: BulkInput) =>
  (await send<BulkPreview>('POST', '/api/allocations/bulk', { ...input, dryRun: true })).data;
/** All or nothing: the server creates every allocation in one transaction or none. */
export const applyBulk = async (input: BulkInput) =>
  (await send<{ count: number; totalCents: number }>('POST', '/api/allocations/bulk', input)).data;

export const approveAllocation = async (a: Allocation) =>
  (await send<Allocation>('POST', `/api/allocations/${encodeURIComponent(a.id)}/approve`, {}, ifMatch(a.rev))).data;
export const rejectAllocation = async (a: Allocation, reason: string) =>
  (await send<Allocation>('POST', `/api/allocations/${encodeURIComponent(a.id)}/reject`, { reason }, ifMatch(a.rev)))
    .data;
