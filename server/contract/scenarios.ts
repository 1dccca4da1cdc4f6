// Scenarios (« scénarios »): a planner's complete draft of the allocations on some envelopes, weighed
// against the plan and other drafts before one is promoted into the plan by one batch of proposals
// and avenants. Types only: shared by server and web. Money is integer cents.
import type { Category, PlanYear, RecordMeta, YearAmounts } from './plan.js';

/** Where a scenario's lines came from when it was created. */
export type ScenarioOrigin = 'empty' | 'plan' | { scenarioId: string };

/** The plan allocations a scenario replaces (on its envelopes; in its region for a regional one),
 *  as of its last copy from the plan or re-basing: promotion is refused while they differ. */
export interface ScenarioBasis {
  /** ISO date-time of the copy or re-basing. */
  at: string;
  /** Each such allocation's rev then. */
  allocationRevs: Record<string, string>;
}

export interface Scenario extends RecordMeta {
  name: string;
  description?: string;
  /** E-mail of the planner who created it. */
  owner: string;
  /** INSEE code of the region of a regional planner's scenario: its lines are that region's, and it
   *  replaces only that region's allocations. Absent: a national scenario. */
  region?: string;
  envelopeIds: string[];
  origin: ScenarioOrigin;
  /** Started from the plan (or copied from a scenario that was): it stores only what it changes.
   *  Each plan allocation it replaces and has not touched is one of its lines as the plan has it
   *  now (its id `<scenario id>.<allocation id>`, its rev the allocation's), stored once edited. */
  followsPlan?: true;
  basis?: ScenarioBasis;
  promotedAt?: string;
  promotedBy?: string;
}

/** One allocation as the scenario would have it. A scenario that follows the plan keeps a line of
 *  no amount, never answered, for a plan allocation it withdraws. */
export interface ScenarioLine extends RecordMeta {
  scenarioId: string;
  envelopeId: string;
  /** An establishment's FINESS or a pooled regional resource's SIRET. */
  finess: string;
  actionId: string;
  amounts: YearAmounts;
  /** The plan allocation this line stands for (copied from it): promotion changes that one. */
  sourceAllocationId?: string;
  /** In a scenario that follows the plan: the allocation's rev the line was taken from when it was
   *  edited or withdrawn (what makes it stale), until the scenario is re-based or promoted. */
  sourceRev?: string;
}

export type DistributionRuleName = 'equal' | 'fixed_plus_staff' | 'size_bands' | 'priority_first' | 'region_weights';

/** Who a distribution rule funds, as a bulk allocation's filter reads them; absent: no restriction. */
export interface DistributionEligibility {
  categories?: Category[];
  regions?: string[];
  priority?: boolean;
  /** Establishments (the default), pooled regional resources, or both. */
  beneficiaries?: 'establishments' | 'pooled' | 'all';
}

/** What a distribution rule is asked (POST /api/scenarios/:id/distribute); amounts in cents. */
export interface DistributionInput {
  rule: DistributionRuleName;
  envelopeId: string;
  actionId: string;
  year: PlanYear;
  eligibility?: DistributionEligibility;
  /** equal, fixed_plus_staff, priority_first, region_weights: the amount shared. */
  totalCents?: number;
  /** equal (instead of a total): each one's amount; priority_first: what each priority one gets at most. */
  perBeneficiaryCents?: number;
  /** fixed_plus_staff: the part every beneficiary gets before the part by staff. */
  fixedCents?: number;
  /** size_bands: an amount by staff band (from minStaff included; the band with the largest
   *  minStaff an establishment reaches; unknown staff: the smallest band). */
  bands?: Array<{ minStaff: number; amountCents: number }>;
  /** region_weights: each region's weight (INSEE code → a whole number ≥ 0). */
  weights?: Record<string, number>;
}

/** What a distribution rule gave one beneficiary. */
export interface DistributionShare {
  finess: string;
  name: string;
  region: string;
  shareCents: number;
  /** Cents of the remainder this beneficiary received (0 or 1 per division). */
  remainderCents: number;
}

export interface DistributionResult {
  rule: DistributionRuleName;
  envelopeId: string;
  actionId: string;
  year: PlanYear;
  /** Beneficiaries eligible (earmark and filter). */
  count: number;
  /** Sum of the shares, exact. */
  totalCents: number;
  /** What the rule could not give (priority_first with no other beneficiary to take the rest). */
  leftCents: number;
  /** How the cents a division leaves are given, in French. */
  remainderRule: string;
  /** Cents given by that rule. */
  remainderCents: number;
  shares: { offset: number; limit: number; total: number; items: DistributionShare[] };
}

/** One row of a comparison: the same key, its cents in each column (plan first, then each scenario). */
export interface CompareRow {
  key: string;
  label: string;
  cents: number[];
}

export interface CompareEnvelopeRow extends CompareRow {
  totalCents: number;
  /** What would remain on the envelope in each column. */
  remainingCents: number[];
}

export interface CompareColumn {
  /** 'plan' or the scenario's id. */
  key: string;
  label: string;
  /** The plan allocations that changed since the scenario's basis (a promotion would be refused). */
  stale?: string[];
}

/** A beneficiary whose total differs from the plan in at least one scenario. */
export interface CompareBeneficiary {
  finess: string;
  name: string;
  region: string;
  planCents: number;
  /** Per scenario, in the order of the columns after the plan. */
  cents: number[];
  deltaCents: number[];
}

export interface CompareCoverage {
  milestoneId: string;
  title: string;
  actionId: string;
  population: 'all' | 'priority';
  /** The milestone's target share (0..1). */
  targetShare: number;
  /** Establishments of the target population (in the region of a regional comparison). */
  populationCount: number;
  /** Per column: establishments of the population with an amount on the milestone's action. */
  funded: number[];
  /** funded ÷ populationCount, per column (0 for an empty population). */
  share: number[];
}

export interface Comparison {
  envelopeIds: string[];
  /** Set when the comparison is a region's (a regional planner's). */
  region?: string;
  /** How the columns count an allocation, in French. */
  measure: string;
  columns: CompareColumn[];
  totalCents: number[];
  byEnvelope: CompareEnvelopeRow[];
  byYear: CompareRow[];
  byRegion: CompareRow[];
  byCategory: CompareRow[];
  byAxis: CompareRow[];
  byGht: CompareRow[];
  /** Per scenario: how many beneficiaries gain and lose, and by how much in all. */
  movers: Array<{ gainers: number; gainedCents: number; losers: number; lostCents: number }>;
  /** The beneficiaries that gain or lose the most (largest change first), `limit` of them. */
  beneficiaries: { total: number; limit: number; items: CompareBeneficiary[] };
  coverage: CompareCoverage[];
}

/** One change a promotion makes to the plan. */
export interface PromotionChange {
  op: 'create' | 'edit' | 'avenant' | 'delete' | 'lower';
  /** The allocation (created ones: their new id). */
  allocationId: string;
  /** The line it comes from (none for a withdrawal). */
  lineId?: string;
  finess: string;
  envelopeId: string;
  actionId: string;
  fromCents: number;
  toCents: number;
}

export interface PromotionConflict {
  /** `lines.<id>` or `allocations.<id>`. */
  path: string;
  message: string;
}

export interface Promotion {
  scenarioId: string;
  dryRun: boolean;
  changes: PromotionChange[];
  conflicts: PromotionConflict[];
}
