// What the previews answer (a bulk allocation's dry run, an import's simulation): who gets what,
// one page at a time. Types only: shared by server and web.
import type { AllocationStatus, Category, YearAmounts } from './plan.js';

/** A beneficiary as a preview names it: an establishment, or a pooled regional resource (its
 *  SIRET in `finess`, `pooled` set, no category). */
export interface PreviewEstablishment {
  finess: string;
  name: string;
  region: string;
  regionName: string;
  category?: Category;
  pooled?: true;
}

/** A page of a longer list: `items` from `offset`, out of `total`. */
export interface PreviewPage<T> {
  offset: number;
  limit: number;
  total: number;
  items: T[];
}

/** Which page of a preview to answer (defaults: the first 50). */
export interface PreviewQuery {
  offset?: number;
  limit?: number;
}

export interface BulkPreviewTarget extends PreviewEstablishment {
  amounts: YearAmounts;
  totalCents: number;
}
/** An establishment the filters match that already holds this action on this envelope. */
export interface BulkPreviewSkipped extends PreviewEstablishment {
  existing: Array<{ id: string; status: AllocationStatus; totalCents: number }>;
}

export interface BulkPreview {
  count: number;
  totalCents: number;
  /** How many are skipped (already funded). */
  skipped: number;
  /** What each one receives. */
  amounts: YearAmounts;
  targets: PreviewPage<BulkPreviewTarget>;
  skippedList: PreviewPage<BulkPreviewSkipped>;
}

/** A row of an allocation sheet that creates or changes an allocation. */
export interface ImportPreviewRow extends PreviewEstablishment {
  line: number;
  change: 'created' | 'updated' | 'revised';
  allocationId: string;
  envelopeId: string;
  envelopeCode: string;
  actionCode: string;
  /** The amounts after the import (an avenant's, for an approved allocation). */
  amounts: YearAmounts;
  totalCents: number;
  /** What the change adds (negative: takes away); a created allocation's total. */
  changeCents: number;
}
