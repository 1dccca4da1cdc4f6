// Funding windows (« guichets ») and payment on objectives achieved: a window opens applications,
// the ARS instruct them, a grant is an approved allocation split into tranches (one per objective),
// the applicant declares each objective with evidence, the ARS then the ANS check it, and only
// then is its tranche payable. Types only: shared by server and web.
// Money is integer cents; shares are basis points (1 % = 100 bp, all of a window's = 10,000);
// dates are ISO days (AAAA-MM-JJ), instants ISO date-times.
import type { WindowPhase } from '../../shared/windows.js';
import type { Category, PlanYear, RecordMeta, TrancheStatus } from './plan.js';

// An allocation's tranches are the plan's records (contract/plan.ts); windows gate them.
export type { Tranche, TrancheGate, TrancheStatus } from './plan.js';

/** A window's dated phases, in this order: each date is the phase's last or first day included
 *  (the seven of shared/windows.ts: one missing here fails to compile). */
export interface WindowPhases extends Record<WindowPhase, string> {
  /** First day applications may be submitted. */
  applicationsOpen: string;
  /** Last day applications may be submitted (and drafts created). */
  applicationsClose: string;
  /** Last day the ARS grant or refuse. */
  instructionEnd: string;
  /** First day objectives may be declared (may come before applications close: rolling windows). */
  declarationsOpen: string;
  /** Last day objectives may be declared. */
  declarationsClose: string;
  /** Last day of the ARS checks. */
  arsChecksEnd: string;
  /** Last day of the ANS checks. */
  ansChecksEnd: string;
}
export type { WindowPhase };

/** One objective of a window (« D1-AD-2 : exposition sur Internet maîtrisée »): achieving it
 *  releases its share of the grant. */
export interface WindowObjective {
  code: string;
  title: string;
  /** Share of the grant it releases, in basis points; a window's objectives add up to 10,000. */
  shareBp: number;
}

/** Who may apply; absent fields do not restrict. */
export interface WindowEligibility {
  categories?: Category[];
  priorityOnly?: boolean;
  regions?: string[];
}

/** A maximum grant for applicants of one kind, category and size band (staff, in ETP as the SAE
 *  gives it, from minStaff included to maxStaff excluded; no maxStaff: no upper bound). The first
 *  row that matches an applicant is its cap; none: the applicant has no cap row and cannot apply. */
export interface WindowCap {
  /** 'establishment' (a site or a legal entity, its sites' staff summed) or 'ght' (« un dossier
   *  par GHT », its members' staff summed). */
  applicant: 'establishment' | 'ght';
  /** The applicant's category (a GHT's: its support establishment's); absent: any. */
  category?: Category;
  minStaff: number;
  maxStaff?: number;
  capCents: number;
}

/** A phase moved to a new date, with the reason (the audit trail keeps the write too). */
export interface PhaseExtension {
  phase: WindowPhase;
  from: string;
  to: string;
  reason: string;
  at: string;
  by?: string;
}

/** A published national figure shown beside the plan's own (« 1 207 candidatures », source). */
export interface PublishedFigure {
  label: string;
  value: string;
  source?: string;
}

export interface FundingWindow extends RecordMeta {
  /** « D1 », « D2 », « HOSPICONNECT »... unique, never changes. */
  code: string;
  name: string;
  envelopeId: string;
  /** The action of the catalogue its grants fund (the allocations' actionId). */
  actionId: string;
  /** The plan year its grants are charged to (the allocations' amounts). */
  year: PlanYear;
  /** The arrêté, e.g. « Arrêté du 18 mars 2024 ». */
  reference: string;
  phases: WindowPhases;
  objectives: WindowObjective[];
  eligibility: WindowEligibility;
  caps: WindowCap[];
  /** Phases moved since the window opened, oldest first. */
  extensions?: PhaseExtension[];
  published?: PublishedFigure[];
  /** Set once the unmet objectives' tranches were freed back to the envelope (and by whom). */
  freedAt?: string;
  freedBy?: string;
}

export type ApplicationState = 'draft' | 'submitted' | 'granted' | 'refused' | 'withdrawn';

/** Who applies to a window: a site, a legal entity (its sites together) or a GHT through its
 *  support establishment (« un dossier par GHT », its members together). */
export interface Applicant {
  kind: WindowCap['applicant'];
  /** Its FINESS: the site's, the legal entity's, or the GHT's support establishment's. */
  finess: string;
  ghtCode?: string;
  name: string;
  /** The region of the ARS that instructs it. */
  region: string;
  /** A GHT's: its support establishment's; a legal entity without a record of its own: its first site's. */
  category: Category;
  /** A GHT or a legal entity: one of its establishments is a priority one. */
  priority: boolean;
  /** Staff in ETP, summed over `counted` (unknown staff counts 0). */
  staff: number;
  /** The establishments it counts, by FINESS: two live applications to a window never share one. */
  counted: string[];
}

/** GET /api/windows/:id/eligibility: whether an applicant may apply, its cap (the first caps row
 *  that matches its kind, category and staff) and its latest application to the window. */
export interface ApplicantEligibility {
  windowId: string;
  applicant: Applicant;
  eligible: boolean;
  /** Why not, in French (empty when eligible). */
  reasons: string[];
  cap: WindowCap | null;
  capCents: number | null;
  application: { id: string; state: ApplicationState } | null;
}

/** An application (« dossier de candidature ») to a window. */
export interface Application extends RecordMeta {
  windowId: string;
  /** The applicant: an establishment's FINESS (a site or a legal entity), or a GHT's support
   *  establishment when `ghtCode` is set. */
  finess: string;
  /** Set when a GHT applies for its members (« un dossier par GHT »): the GHT's code. */
  ghtCode?: string;
  /** The applicant's region (the establishment's, the GHT's): the ARS that instructs it. */
  region: string;
  /** Codes of the window's objectives it commits to. */
  objectives: string[];
  requestedCents: number;
  state: ApplicationState;
  submittedAt?: string;
  submittedBy?: string;
  grantedCents?: number;
  grantedAt?: string;
  grantedBy?: string;
  /** The approved allocation the grant created (its tranches: one per committed objective). */
  allocationId?: string;
  refusedAt?: string;
  refusedBy?: string;
  refusalReason?: string;
  withdrawnAt?: string;
  withdrawnBy?: string;
}

/** A file given as evidence: stored once by its SHA-256 (content-addressed). */
export interface EvidenceFile {
  sha256: string;
  /** The name it was uploaded under (display only; never a path). */
  name: string;
  /** Told from its first bytes, never from its name. */
  type: 'application/pdf' | 'image/png' | 'image/jpeg';
  size: number;
}

export type CheckVerdict = 'conforme' | 'non_conforme';

export interface Check {
  verdict: CheckVerdict;
  /** Mandatory when non conforme. */
  reason?: string;
  at: string;
  by?: string;
}

/** An objective declared achieved, with its evidence, then checked by the ARS and by the ANS. A
 *  declaration found non conforme stays on record; the applicant may declare the objective again
 *  while the declaration phase is open. */
export interface Declaration extends RecordMeta {
  applicationId: string;
  /** The objective's code. */
  objective: string;
  achievedOn: string;
  comment?: string;
  evidence: EvidenceFile[];
  arsCheck?: Check;
  ansCheck?: Check;
}

/** Where an objective of an application stands (shared/objectives.ts). */
export type { ObjectiveState } from '../../shared/objectives.js';

/** A line of the « À verser » list (GET /api/payments/payable): a payable tranche, with where it
 *  belongs. */
export interface PayableTranche extends TrancheStatus {
  envelopeId: string;
  region: string;
  /** The beneficiary's name. */
  name: string;
  applicationId?: string;
  windowId?: string;
}

/** The « À verser » list: every tranche payable now (payableCents > 0), its filters applied. */
export interface PayableList {
  items: PayableTranche[];
  count: number;
  totalCents: number;
}

/** What POST /api/windows/:id/free-unmet freed: the tranches, their count and cents; and the
 *  allocations left as they were because an avenant awaits a decision on them. */
export interface FreedTranches {
  count: number;
  cents: number;
  tranches: { allocationId: string; applicationId: string; finess: string; code: string; amountCents: number }[];
  skipped: { allocationId: string; reason: string }[];
}
