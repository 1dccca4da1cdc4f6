// A bulk allocation's dry run says who gets what: a page of the beneficiaries that would
// receive an allocation, with their amounts, and a page of those skipped, with the allocation they
// already hold. Bounded whatever the filter matches (3,000 establishments nationally).
import { shownAmounts, sumAmounts } from '../../shared/amounts.js';
import type { BulkPreview, PreviewEstablishment, PreviewPage, PreviewQuery } from '../contract/previews.js';
import { fundingOf } from './allocations.js';
import { beneficiaryOf, type Beneficiary } from './beneficiary.js';
import type { BulkInput, BulkPlan } from './bulk.js';
import type { PlanState } from './plan.js';

export const PREVIEW_LIMIT = { default: 50, max: 500 };

/** `items` cut to the page asked for, mapped only there. */
export const pageOf = <T, U>(items: readonly T[], q: PreviewQuery | undefined, map: (t: T) => U): PreviewPage<U> => {
  const limit = Math.min(PREVIEW_LIMIT.max, Math.max(1, q?.limit ?? PREVIEW_LIMIT.default));
  const offset = Math.max(0, q?.offset ?? 0);
  return { offset, limit, total: items.length, items: items.slice(offset, offset + limit).map(map) };
};

export const previewEstablishment = (plan: PlanState, b: Beneficiary): PreviewEstablishment => ({
  finess: b.key,
  name: b.name,
  region: b.region,
  regionName: plan.regions.get(b.region)?.name ?? b.region,
  ...(b.category ? { category: b.category } : {}),
  ...(b.kind === 'pooled' ? { pooled: true as const } : {}),
});

export const bulkPreview = (
  plan: PlanState,
  input: BulkInput,
  p: BulkPlan,
  q: { targets?: PreviewQuery; skipped?: PreviewQuery } = {},
): BulkPreview => {
  const each = sumAmounts(input.amounts);
  const skipped = p.skipped
    .flatMap((key) => {
      const b = beneficiaryOf(plan, key);
      return b ? [b] : [];
    })
    .sort((a, b) => a.key.localeCompare(b.key));
  return {
    count: p.targets.length,
    totalCents: p.totalCents,
    skipped: p.skipped.length,
    amounts: input.amounts,
    targets: pageOf(p.targets, q.targets, (e) => ({
      ...previewEstablishment(plan, e),
      amounts: input.amounts,
      totalCents: each,
    })),
    skippedList: pageOf(skipped, q.skipped, (e) => ({
      ...previewEstablishment(plan, e),
      existing: fundingOf(plan, { finess: e.key, envelopeId: input.envelopeId, actionId: input.actionId }).map((a) => ({
        id: a.id,
        status: a.status,
        totalCents: sumAmounts(shownAmounts(a)),
      })),
    })),
  };
};
