// The delegations table as a spreadsheet: what its import answers. Types only: shared by server and web.
import type { PlanYear } from './plan.js';

/** A refused cell (year) or row (no year) of the sheet, with the region it is about. */
export interface DelegationRefusal {
  line: number;
  /** INSEE code, or what the row said when the region is unknown. */
  region: string;
  year?: PlanYear;
  reason: string;
}

export interface DelegationImportReport {
  dryRun: boolean;
  envelopeId: string;
  reference: string;
  notifiedOn: string;
  /** Delegations created (a region without one of this reference). */
  created: number;
  /** Delegations of this reference whose amounts the sheet changes. */
  updated: number;
  unchanged: number;
  /** What this reference delegates in all, before and after the sheet, in cents. */
  beforeCents: number;
  afterCents: number;
  refusedCount: number;
  refused: DelegationRefusal[];
  /** The years the sheet has a column for. */
  years: PlanYear[];
  /** Each region the sheet changes: its delegation of this reference before and after. */
  changes: Array<{
    region: string;
    name: string;
    before: Partial<Record<PlanYear, number>>;
    after: Partial<Record<PlanYear, number>>;
  }>;
}
