// What the import routes answer. Types only: shared by server and web.
import type { Category, PlanYear } from './plan.js';
import type { ImportPreviewRow, PreviewPage } from './previews.js';

export interface ImportRefusal {
  line: number;
  finess: string;
  reason: string;
}
export interface FinessRow {
  finess: string;
  finessEj?: string;
  name: string;
  region: string;
  category: Category;
}

export interface FinessReport {
  dryRun: boolean;
  lines: number;
  kept: number;
  skipped: { geolocalisation: number; category: number; other: number };
  created: number;
  updated: number;
  unchanged: number;
  regionsCreated: string[];
  refusedCount: number;
  refused: ImportRefusal[];
  changes: { created: FinessRow[]; updated: Array<{ finess: string; name: string; fields: string[] }> };
}

export interface AllocationImportReport {
  dryRun: boolean;
  created: number;
  /** Proposed allocations whose amounts the sheet changes. */
  updated: number;
  /** Approved allocations whose amounts the sheet changes: an avenant, for a reviewer to approve. */
  revised: number;
  unchanged: number;
  /** What the created allocations hold, in cents. */
  createdCents: number;
  /** What the updates and avenants add (negative: take away), in cents. */
  changeCents: number;
  /** Every refused row, counted; the list holds the first 1,000. */
  refusedCount: number;
  refused: ImportRefusal[];
  /** The years the sheet has a column for. */
  years: PlanYear[];
  /** A page of the rows that create or change an allocation (?previewOffset=, ?previewLimit=). */
  changes: PreviewPage<ImportPreviewRow>;
  /** The envelopes those rows land on, with how many rows each. */
  envelopes: Array<{ id: string; code: string; name: string; rows: number }>;
}
