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

export interface Establishment extends RecordMeta {
  finess: string;
  name: string;
  category: Category;
  /** INSEE code of the ARS region, e.g. "11" Île-de-France. */
  region: string;
  ght?: string;
  priority: boolean;
  finessEj?: string;
  /** Demo data: a made-up FINESS with a valid key. */
  synthetic?: boolean;
}

export interface Action extends RecordMeta {
  code: string;
  title: string;
  axis: 1 | 2 | 3 | 4;
  domain?: string;
}

export interface Revision {
  amounts: YearAmounts;
  proposedAt: string;
  proposedBy?: string;
}

export interface Allocation extends RecordMeta {
  envelopeId: string;
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
}

export interface Payment extends RecordMeta {
  allocationId: string;
  amountCents: number;
  paidOn: string;
  tranche?: string;
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
}

export interface Region {
  code: string;
  name: string;
}

export interface MilestoneProgress extends Milestone {
  progress: number | null;
  status: MilestoneStatus | null;
  /** Establishments counted (population) and those with a completion. */
  population: number;
  completed: number;
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
}

export interface Awards {
  establishment: Establishment;
  awards: AwardLine[];
  milestones: MilestoneProgress[];
  completions: Completion[];
  /** allocatedCents: every allocation not rejected; proposedCents: the part still awaiting approval
   *  (proposed allocations); remainingCents: approved and not yet paid. */
  totals: {
    allocatedCents: number;
    approvedCents: number;
    proposedCents: number;
    paidCents: number;
    remainingCents: number;
  };
}

/** Envelope amounts (total, committed, announced, remaining) are national: a region or axis filter
 *  restricts what was allocated, approved and paid, not the envelopes. */
export interface Totals {
  envelopeCents: number;
  committedCents: number;
  announcedCents: number;
  allocatedCents: number;
  approvedCents: number;
  paidCents: number;
  /** What the selected envelopes have left to allocate, every region and axis counted. */
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
 *  (the shape a chart takes). */
export interface Series {
  months: string[];
  plannedCents: number[];
  approvedCents: number[];
  paidCents: number[];
}

export interface Dashboard {
  totals: Totals;
  byEnvelope: EnvelopeRow[];
  byYear: Array<BreakdownRow & { byAxis: Record<string, number> }>;
  byRegion: BreakdownRow[];
  byAxis: BreakdownRow[];
  series: Series;
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
