// An allocation import's simulation says who gets what: the rows that create or change an
// allocation, with the establishment, the amounts after the import and the change, one page at a
// time; and the envelopes the rows land on, for the link to the allocations page.
import { shownAmounts, sumAmounts } from '../../shared/amounts.js';
import type { ImportPreviewRow, PreviewPage, PreviewQuery } from '../contract/previews.js';
import { beneficiaryOf } from './beneficiary.js';
import { pageOf, previewEstablishment } from './bulk-preview.js';
import type { AllocationImportResult } from './import-allocations.js';
import type { PlanState } from './plan.js';

export interface ImportLanding {
  id: string;
  code: string;
  name: string;
  /** Rows of the sheet that create or change an allocation on it. */
  rows: number;
}

export const importPreview = (
  plan: PlanState,
  r: AllocationImportResult,
  q?: PreviewQuery,
): { changes: PreviewPage<ImportPreviewRow>; envelopes: ImportLanding[] } => {
  const landed = new Map<string, number>();
  for (const { after } of r.changes) landed.set(after.envelopeId, (landed.get(after.envelopeId) ?? 0) + 1);
  const envelopes = [...landed].flatMap(([id, rows]) => {
    const e = plan.envelopes.get(id);
    return e ? [{ id, code: e.code, name: e.name, rows }] : [];
  });
  const changes = pageOf(r.changes, q, ({ line, before, after }): ImportPreviewRow => {
    const e = beneficiaryOf(plan, after.finess);
    const amounts = shownAmounts(after);
    const totalCents = sumAmounts(amounts);
    return {
      ...(e ? previewEstablishment(plan, e) : { finess: after.finess, name: after.finess, region: '', regionName: '' }),
      line,
      change: !before ? 'created' : after.revision ? 'revised' : 'updated',
      allocationId: after.id,
      envelopeId: after.envelopeId,
      envelopeCode: plan.envelopes.get(after.envelopeId)?.code ?? after.envelopeId,
      actionCode: plan.actions.get(after.actionId)?.code ?? after.actionId,
      amounts,
      totalCents,
      changeCents: totalCents - (before ? sumAmounts(shownAmounts(before)) : 0),
    };
  });
  return { changes, envelopes };
};
