// The plan's records as the API sends them. Types only: shared by server and web.
// Money is always integer cents (`...Cents`); dates are ISO strings (YYYY-MM-DD).

// The plan's years and its statuses and categories are shared/'s, which server and web both run.
import type { AllocationStatus, Category, MilestoneStatus } from '../../shared/labels.js';
import type { PlanYear, YearAmounts } from '../../shared/years.js';

export type { AllocationStatus, Category, MilestoneStatus, PlanYear, YearAmounts };

export type EnvelopeStatus = 'committed' | 'announced';
export type Population = 'all' | 'priority';

export interface RecordMeta {
  id: string;
  /** Changes on every write; sent as the ETag. */
  rev: string;
  createdAt: string;
  updatedAt: string;
  createdBy?: string;
  updatedBy?: string;
}

export interface Earmark {
  regions?: string[];
  categories?: Category[];
  priorityOnly?: boolean;
  actionIds?: string[];
}

export interface Envelope extends RecordMeta {
  code: string;
  name: string;
  source: string;
  status: EnvelopeStatus;
  totalCents: number;
  yearlyCents?: YearAmounts;
  earmark?: Earmark;
}

/** Part of an envelope given to one ARS region for given years (« première délégation », then a
 *  second...): the region funds its establishments within the sum of its delegations. */
export interface Delegation extends RecordMeta {
  envelopeId: string;
  /** INSEE code of the ARS region, e.g. "11" Île-de-France. */
  region: string;
  /** Cents per plan year. */
  amounts: YearAmounts;
  /** The act that notified it, e.g. « 1re délégation, circulaire du 8 sept. 2025 ». */
  reference: string;
  /** ISO date the delegation was notified. */
  notifiedOn: string;
}

export interface Establishment extends RecordMeta {
  finess: string;
  name: string;
  category: Category;
  /** INSEE code of the ARS region, e.g. "11" Île-de-France. */
  region: string;
  /** The code of the GHT it belongs to (a Ght record's `code`; a code no record names yet is kept as it is). */
  ght?: string;
  priority: boolean;
  finessEj?: string;
  /** Staff in full-time equivalents, as the SAE (statistique annuelle des établissements) gives
   *  it: a funding window's caps go by size band. Unknown: the smallest band. */
  staff?: number;
  /** Demo data: a made-up FINESS with a valid key. */
  synthetic?: boolean;
}

/** A groupement hospitalier de territoire: its members are the establishments whose `ght` is its
 *  code; its support establishment runs their shared information system and reads their awards. */
export interface Ght extends RecordMeta {
  /** What members carry in their `ght` field, e.g. « GHT Yvelines Sud ». Never changes. */
  code: string;
  name: string;
  /** INSEE code of the ARS region; every member is in it. */
  region: string;
  /** FINESS of the support establishment (« établissement support »), in the region. */
  supportFiness: string;
}

/** A pooled regional resource (« ressource mutualisée »): a regional structure that is not an
 *  establishment (the e-health grouping GRADeS, a regional cyber response centre). It receives
 *  allocations on the establishments' rules: an allocation names it by its SIRET in `finess`
 *  (14 digits, where a FINESS has 9). Its id is its SIRET. */
export interface PooledResource extends RecordMeta {
  siret: string;
  name: string;
  /** INSEE code of the ARS region it is bound to: its allocations draw on that region's credits. */
  region: string;
  /** FINESS of the establishments it serves. */
  serves: string[];
}

export interface Action extends RecordMeta {
  code: string;
  title: string;
  axis: 1 | 2 | 3 | 4;
  domain?: string;
  /** Set when the action is retired from the catalogue: it keeps what it funded, takes no new allocation. */
  retiredAt?: string;
  retiredBy?: string;
}

/** What releases a tranche of an allocation: an objective of a window's application passing both
 *  checks, or the beneficiary's validated completion of a milestone's target action. */
export type TrancheGate =
  { kind: 'objective'; applicationId: string; objective: string } | { kind: 'milestone'; milestoneId: string };

/** Part of an allocation paid only once its gate is met. An allocation with tranches is paid
 *  tranche by tranche (each payment names its tranche's code); the tranches not freed add up to
 *  the allocation's amounts. */
export interface Tranche {
  /** Unique within the allocation (a window's tranche: its objective's code). */
  code: string;
  label: string;
  amountCents: number;
  gate: TrancheGate;
  /** Set when its objective was not achieved in time: the tranche went back to the envelope by an
   *  avenant lowering the allocation (its amount stays here for the record). */
  freedAt?: string;
}

/** A tranche as the reviewer's « À verser » list and the establishment's page read it. */
export interface TrancheStatus {
  allocationId: string;
  finess: string;
  code: string;
  label: string;
  amountCents: number;
  paidCents: number;
  /** amount − paid when payable, else 0. */
  payableCents: number;
  payable: boolean;
  /** When not payable: what is missing (« objectif D1-AD-2 : contrôle ANS en attente »). */
  missing?: string;
  freed: boolean;
}

export interface Revision {
  amounts: YearAmounts;
  /** The tranches the avenant brings (absent: the allocation's stay; empty: it is paid freely). */
  tranches?: Tranche[];
  proposedAt: string;
  proposedBy?: string;
}

export interface Allocation extends RecordMeta {
  envelopeId: string;
  /** The beneficiary: an establishment's FINESS (9 characters) or a pooled regional resource's
   *  SIRET (14 digits). */
  finess: string;
  actionId: string;
  amounts: YearAmounts;
  status: AllocationStatus;
  /** A pending "avenant" on an approved allocation. */
  revision?: Revision;
  approvedAt?: string;
  approvedBy?: string;
  rejectedAt?: string;
  rejectedBy?: string;
  rejectionReason?: string;
  /** Set when an approval was withdrawn (back to proposed, nothing paid): when, by whom, why. */
  unapprovedAt?: string;
  unapprovedBy?: string;
  unapprovalReason?: string;
  /** What each decision changed in the approved amounts, oldest first: the first approval
   *  (its amounts), an avenant's approval (new − old), a withdrawal (minus what was approved). */
  engagements?: Engagement[];
  /** Paid only tranche by tranche, each once its gate is met (contract/windows.ts). */
  tranches?: Tranche[];
  /** Set on the allocation a window's grant created: the application it funds. */
  applicationId?: string;
}

/** One change of approved amounts: the engagement curve counts it at its date. */
export interface Engagement {
  /** ISO date-time of the decision. */
  at: string;
  /** Change of approved amounts per year, in cents; negative when amounts go down. */
  amounts: YearAmounts;
}

/** Payments are never edited nor deleted: a mistaken one is cancelled by a counter-entry (a new
 *  payment of minus its amount, same allocation and date), so every sum of amountCents nets it. */
export interface Payment extends RecordMeta {
  allocationId: string;
  /** Positive for a payment; negative (minus the original) for a counter-entry. */
  amountCents: number;
  paidOn: string;
  tranche?: string;
  /** On a counter-entry: the payment it cancels. */
  cancelsId?: string;
  /** On a counter-entry: why the payment was cancelled (mandatory). */
  reason?: string;
  /** On a cancelled payment: its counter-entry. */
  cancelledBy?: string;
}

/** What a list of payments adds up to, its filters applied: payments recorded (count, paidCents),
 *  their counter-entries (cancelledCount, cancelledCents, as a positive amount) and the net. */
export interface PaymentTotals {
  count: number;
  paidCents: number;
  cancelledCount: number;
  cancelledCents: number;
  netCents: number;
}

export interface MilestoneTarget {
  actionId: string;
  population: Population;
  /** 0..1 */
  share: number;
}

export interface Milestone extends RecordMeta {
  title: string;
  date: string;
  description?: string;
  target?: MilestoneTarget;
}

export interface Completion extends RecordMeta {
  finess: string;
  actionId: string;
  completedOn: string;
  /** Set when a planner has checked the proof. */
  validatedAt?: string;
  validatedBy?: string;
  /** Set when a planner has checked it and refused it; the establishment reads the reason. A refused
   *  declaration stays on record; the establishment may declare the action again. */
  refusedAt?: string;
  refusedBy?: string;
  refusalReason?: string;
}

/** Where a declaration stands: awaiting a check, or checked (validated or refused). */
export type CompletionState = 'pending' | 'validated' | 'refused';

export interface Region {
  code: string;
  name: string;
}

export interface MilestoneProgress extends Milestone {
  progress: number | null;
  status: MilestoneStatus | null;
  /** Establishments counted (population) and those with a validated completion. */
  population: number;
  completed: number;
  /** Establishments of the population whose declaration awaits a check (not counted in progress). */
  declared: number;
}

/** One funded action of an establishment: the allocation with what was approved, paid and remains. */
export interface AwardLine {
  allocation: Allocation;
  action: Action;
  envelope: Pick<Envelope, 'id' | 'code' | 'name' | 'status'>;
  approvedCents: number;
  paidCents: number;
  remainingCents: number;
  payments: Payment[];
  /** Its tranches, each with what it paid and what it waits for (absent: paid freely). */
  tranches?: TrancheStatus[];
}

/** allocatedCents: every allocation not rejected; proposedCents: the part still awaiting approval
 *  (proposed allocations); remainingCents: approved and not yet paid. An establishment reading its
 *  own awards sees approved allocations only: for it, proposedCents is 0 and allocated = approved. */
export interface AwardTotals {
  allocatedCents: number;
  approvedCents: number;
  proposedCents: number;
  paidCents: number;
  remainingCents: number;
}

/** One establishment counted in an awards answer, with its own totals. */
export interface SiteAwards {
  establishment: Establishment;
  totals: AwardTotals;
}

export interface Awards {
  /** The FINESS asked for: a site, a legal entity (its sites together), the support of a GHT (its
   *  members together), or a pooled regional resource's SIRET. */
  finess: string;
  /** The establishment's name, or the legal entity's. */
  name: string;
  /** The record of the FINESS asked for; absent for a legal entity known only through its sites. */
  establishment?: Establishment;
  /** When a pooled regional resource's SIRET was asked for (staff only): its record; `sites` is
   *  then empty and `totals` its own. */
  pooled?: PooledResource;
  /** Every establishment counted (one for a lone site), each with its totals: `totals` is their sum. */
  sites: SiteAwards[];
  awards: AwardLine[];
  milestones: MilestoneProgress[];
  completions: Completion[];
  totals: AwardTotals;
}

/** Envelope amounts (total, committed, announced, remaining) are national: a region or axis filter
 *  restricts what was allocated, approved and paid, not the envelopes. Announced credits are not
 *  money yet: allocated, approved, paid and remaining count committed envelopes only (they equal
 *  byStatus.committed, as the tiles show them); what is planned on announced envelopes is in
 *  byStatus.announced alone. */
export interface Totals {
  /** committedCents + announcedCents: the selected envelopes' credits, of both kinds (not money). */
  envelopeCents: number;
  committedCents: number;
  announcedCents: number;
  /** On committed envelopes. */
  allocatedCents: number;
  /** On committed envelopes. */
  approvedCents: number;
  /** On committed envelopes. */
  paidCents: number;
  /** What the selected committed envelopes have left to allocate, every region and axis counted. */
  remainingCents: number;
  /** The same figures for committed envelopes alone (equal to the ones above) and for announced ones
   *  alone: the tiles measure allocated, approved, paid and what remains against committed credits,
   *  and show announced ones apart. */
  byStatus: Record<EnvelopeStatus, StatusTotals>;
}

export interface StatusTotals {
  totalCents: number;
  allocatedCents: number;
  approvedCents: number;
  paidCents: number;
  /** Left to allocate on these envelopes, every region and axis counted. */
  remainingCents: number;
}

export interface BreakdownRow {
  key: string;
  label: string;
  allocatedCents: number;
  approvedCents: number;
  paidCents: number;
}

export interface EnvelopeRow extends BreakdownRow {
  status: EnvelopeStatus;
  totalCents: number;
  /** Left to allocate in the envelope, every region and axis counted (envelopes are national). */
  remainingCents: number;
}

/** Cumulative amounts at the end of each month of the plan, as columns in the order of `months`
 *  (the shape a chart takes), on committed envelopes only. `plannedCents` is the yearly schedule,
 *  each year spread evenly over its months (its last entry is totals.allocatedCents);
 *  `approvedCents` counts each approval (and avenant) at its date and `paidCents` each payment at its date, and both stop at the month of `today` (fewer entries than months). */
export interface Series {
  months: string[];
  plannedCents: number[];
  approvedCents: number[];
  paidCents: number[];
  /** The server's date (AAAA-MM-JJ) the approved and paid columns run to. */
  today?: string;
}

/** Allocated, approved and paid on committed envelopes. */
export type BreakdownAmounts = Pick<BreakdownRow, 'allocatedCents' | 'approvedCents' | 'paidCents'>;

/** A region's row: its establishments' and its pooled regional resources' together; `pooled` is
 *  the part of the latter (« ressources mutualisées »). */
export interface RegionRow extends BreakdownRow {
  pooled: BreakdownAmounts;
  /** What the region holds of the selected committed envelopes by delegation (under the envelope
   *  and region filters, every axis: a delegation is credits of an envelope, whatever the action). */
  delegatedCents: number;
}

/** A region holding a delegation of the selected committed envelopes (key: its code; label: its
 *  name): its credits, and what it allocated, approved and paid on those envelopes, every axis;
 *  remaining = delegated − allocated. */
export interface DelegationRow extends BreakdownRow {
  delegatedCents: number;
  remainingCents: number;
}

export interface Dashboard {
  totals: Totals;
  /** Every selected envelope, announced ones included (each row says its status). */
  byEnvelope: EnvelopeRow[];
  /** byYear, byRegion and byAxis count committed envelopes only, and add up to the totals. */
  byYear: Array<BreakdownRow & { byAxis: Record<string, number> }>;
  byRegion: RegionRow[];
  byAxis: BreakdownRow[];
  /** One row per region holding a delegation of the selected committed envelopes, by name; under a
   *  region filter, that region's (none without a delegation). The axis filter does not apply. */
  delegations: DelegationRow[];
  series: Series;
}

/** GET /api/dashboard/ghts, the dashboard's breakdown by GHT under the same filters and scope
 *  (answered apart: ~300 rows nationally). Per GHT (key: its code; label: its record's name, else
 *  the code), then key '' « Hors GHT » (establishments outside any GHT) and key '*pooled'
 *  « Ressources mutualisées » (pooled regional resources): every GHT record has its row (under a
 *  region filter, the region's), on committed envelopes only, and the rows add up to the
 *  dashboard's totals. */
export interface GhtBreakdown {
  items: BreakdownRow[];
}

/** Budget position of one envelope, per year and in total. */
export interface EnvelopeBudget {
  envelopeId: string;
  totalCents: number;
  allocatedCents: number;
  approvedCents: number;
  paidCents: number;
  remainingCents: number;
  years: Record<
    PlanYear,
    {
      budgetCents: number | null;
      allocatedCents: number;
      approvedCents: number;
      paidCents: number;
      remainingCents: number | null;
    }
  >;
}

/** What one region holds of an envelope, in a year or over the plan. */
export interface RegionAmounts {
  /** The sum of the region's delegations. */
  delegatedCents: number;
  allocatedCents: number;
  approvedCents: number;
  paidCents: number;
  /** Delegated − allocated; null for a region without a delegation (it draws on the national reserve). */
  remainingCents: number | null;
}

export interface RegionPosition extends RegionAmounts {
  region: string;
  name: string;
  /** The part of allocated, approved and paid that went to the region's pooled regional resources. */
  pooled: Pick<RegionAmounts, 'allocatedCents' | 'approvedCents' | 'paidCents'>;
  /** Whether the region holds a delegation of the envelope: its allocations then draw on its
   *  credits, else on the national reserve. */
  hasDelegation: boolean;
  years: Record<PlanYear, RegionAmounts>;
}

/** The national reserve: the envelope less everything delegated, for the regions without a delegation. */
export interface ReservePosition {
  /** Envelope total − everything delegated. */
  totalCents: number;
  /** In regions without a delegation. */
  allocatedCents: number;
  approvedCents: number;
  paidCents: number;
  remainingCents: number;
  years: Record<
    PlanYear,
    {
      /** The year's budget − what is delegated on it; null when the envelope has no yearly split. */
      budgetCents: number | null;
      allocatedCents: number;
      approvedCents: number;
      paidCents: number;
      remainingCents: number | null;
    }
  >;
}

/** An envelope's position with its delegations: nationally, per region (every ARS region, and any
 *  other holding an allocation) and for the national reserve. */
export interface DelegatedBudget extends EnvelopeBudget {
  delegatedCents: number;
  regions: RegionPosition[];
  reserve: ReservePosition;
}

export interface Problem {
  type?: string;
  status: number;
  title: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
