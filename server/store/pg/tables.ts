// The kind tables as a finance team reads them: for each kind, the row written for a record, its
// keys, statuses, dates and amounts as columns (one bigint cents column per plan year), and the
// whole record in `record`. Rows go in through jsonb_populate_recordset, so the names here are
// the column names of migration 1 (migrations.ts); a column left out of a row is NULL.
import { PLAN_YEARS } from '../../../shared/years.js';
import type { Allocation, Completion, Envelope, Establishment, Milestone, Payment } from '../../contract/plan.js';
import type { User } from '../../contract/auth.js';
import type { Kind, RecordOf, StoredRecord } from '../schema.js';

/** Table of a kind: the kind's own name (`allocations`, `payments`...). */
export const tableOf = (kind: Kind): string => kind;

/** `y2023`... : the amount columns of a plan year. */
export const yearColumn = (year: string, prefix = 'y'): string => `${prefix}${year}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A date column takes only what is a date (a malformed value stays in `record`). */
const date = (v: unknown): string | null => (typeof v === 'string' && ISO_DATE.test(v) ? v : null);
const instant = (v: unknown): string | null =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)) ? v : null;
const cents = (v: unknown): number | null => (Number.isSafeInteger(v) ? (v as number) : null);

/** One column per plan year; a year the split leaves out is `missing` (0 for amounts, NULL for
 *  an envelope's yearly budget, which may give none). */
const years = (amounts: Partial<Record<string, number>> | undefined, prefix = 'y', missing: 0 | null = 0) =>
  Object.fromEntries(PLAN_YEARS.map((y) => [yearColumn(y, prefix), cents(amounts?.[y] ?? missing)]));

/** An envelope's credits given to a region (contract Delegation), as far as its columns go. */
interface DelegationColumns {
  envelopeId: string;
  region: string;
  amounts: Partial<Record<string, number>>;
  reference?: string;
  notifiedOn?: string;
}

/** A GHT and a pooled regional resource (contract Ght, PooledResource), as far as their columns go. */
interface GhtColumns {
  code: string;
  name: string;
  region: string;
  supportFiness?: string;
}
interface PooledColumns {
  siret: string;
  name: string;
  region: string;
}

const columnsOf: { [K in Kind]?: (r: RecordOf<K>) => Record<string, unknown> } & {
  delegations?: (r: DelegationColumns) => Record<string, unknown>;
  ghts?: (r: GhtColumns) => Record<string, unknown>;
  pooled?: (r: PooledColumns) => Record<string, unknown>;
} = {
  regions: (r) => ({ code: r.code, name: r.name }),
  envelopes: (r: Envelope) => ({
    code: r.code,
    name: r.name,
    source: r.source,
    status: r.status,
    total_cents: cents(r.totalCents),
    ...(r.yearlyCents ? years(r.yearlyCents, 'budget_y', null) : {}),
  }),
  establishments: (r: Establishment) => ({
    finess: r.finess,
    finess_ej: r.finessEj ?? null,
    name: r.name,
    category: r.category,
    region: r.region,
    ght: r.ght ?? null,
    priority: r.priority === true,
  }),
  actions: (r) => ({
    code: r.code,
    title: r.title,
    axis: Number.isInteger(r.axis) ? r.axis : null,
    retired_at: instant(r.retiredAt),
  }),
  allocations: (r: Allocation) => ({
    envelope_id: r.envelopeId,
    finess: r.finess,
    action_id: r.actionId,
    status: r.status,
    ...years(r.amounts),
    ...(r.revision ? years(r.revision.amounts, 'revision_y') : {}),
    approved_at: instant(r.approvedAt),
  }),
  payments: (r: Payment) => ({
    allocation_id: r.allocationId,
    amount_cents: cents(r.amountCents),
    paid_on: date(r.paidOn),
    tranche: r.tranche ?? null,
    cancels_id: r.cancelsId ?? null,
    cancelled_by: r.cancelledBy ?? null,
  }),
  milestones: (r: Milestone) => ({
    title: r.title,
    date: date(r.date),
    action_id: r.target?.actionId ?? null,
  }),
  completions: (r: Completion) => ({
    finess: r.finess,
    action_id: r.actionId,
    completed_on: date(r.completedOn),
    validated_at: instant(r.validatedAt),
    refused_at: instant(r.refusedAt),
  }),
  delegations: (r: DelegationColumns) => ({
    envelope_id: r.envelopeId,
    region: r.region,
    ...years(r.amounts),
    reference: r.reference ?? null,
    notified_on: date(r.notifiedOn),
  }),
  ghts: (r: GhtColumns) => ({ code: r.code, name: r.name, region: r.region, support_finess: r.supportFiness ?? null }),
  pooled: (r: PooledColumns) => ({ siret: r.siret, name: r.name, region: r.region }),
  windows: (r) => ({
    code: r.code,
    name: r.name,
    envelope_id: r.envelopeId,
    action_id: r.actionId,
    year: Number.isInteger(Number(r.year)) ? Number(r.year) : null,
    reference: r.reference,
  }),
  applications: (r) => ({
    window_id: r.windowId,
    finess: r.finess,
    ght_code: r.ghtCode ?? null,
    region: r.region,
    state: r.state,
    requested_cents: cents(r.requestedCents),
    granted_cents: cents(r.grantedCents),
    allocation_id: r.allocationId ?? null,
  }),
  declarations: (r) => ({
    application_id: r.applicationId,
    objective: r.objective,
    achieved_on: date(r.achievedOn),
    ars_verdict: r.arsCheck?.verdict ?? null,
    ans_verdict: r.ansCheck?.verdict ?? null,
  }),
  scenarios: (r) => ({
    name: r.name,
    owner: r.owner,
    region: r.region ?? null,
    promoted_at: instant(r.promotedAt),
  }),
  scenarioLines: (r) => ({
    scenario_id: r.scenarioId,
    envelope_id: r.envelopeId,
    finess: r.finess,
    action_id: r.actionId,
    ...years(r.amounts),
    source_allocation_id: r.sourceAllocationId ?? null,
  }),
  users: (r: User) => ({ email: r.email, role: r.role, finess: r.finess ?? null, disabled: r.disabled === true }),
};

/** The row of a record in its kind's table. */
export const rowOf = (kind: Kind, r: StoredRecord): Record<string, unknown> => {
  const own = columnsOf[kind] as ((r: StoredRecord) => Record<string, unknown>) | undefined;
  return {
    id: r.id,
    rev: r.rev,
    updated_at: instant(r.updatedAt),
    ...(own ? own(r) : {}),
    record: r,
  };
};
