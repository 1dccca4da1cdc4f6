// Bulk allocation: one amount per year to every beneficiary matching a filter, all or nothing.
// Beneficiaries are establishments (the default), pooled regional resources, or both.
import type { Allocation, Category, YearAmounts } from '../contract/plan.js';
import { assertSomeAmount, createAllocation, fundingOf } from './allocations.js';
import { beneficiaryOf, type Beneficiary } from './beneficiary.js';
import type { WriteContext } from './context.js';
import { DomainError, ruleBroken } from './errors.js';
import { sumAmounts } from './money.js';
import { matchesSearch } from './text.js';
import type { PlanState } from './plan.js';

export type BulkBeneficiaries = 'establishments' | 'pooled' | 'all';

export interface BulkInput {
  envelopeId: string;
  actionId: string;
  amounts: YearAmounts;
  filter: {
    region?: string;
    category?: Category;
    priority?: boolean;
    q?: string;
    /** Who the batch funds; establishments when absent. */
    beneficiaries?: BulkBeneficiaries;
  };
}

export interface BulkPlan {
  targets: Beneficiary[];
  /** Beneficiaries (FINESS or SIRET) that already hold this action on this envelope (left as they are). */
  skipped: string[];
  totalCents: number;
}

const candidates = function* (plan: PlanState, who: BulkBeneficiaries = 'establishments'): Iterable<Beneficiary> {
  if (who !== 'pooled') for (const e of plan.establishments.keys()) yield beneficiaryOf(plan, e)!;
  if (who !== 'establishments') for (const p of plan.pooled.keys()) yield beneficiaryOf(plan, p)!;
};

export const bulkTargets = (plan: PlanState, input: BulkInput): BulkPlan => {
  const f = input.filter;
  const targets: Beneficiary[] = [];
  const skipped: string[] = [];
  for (const b of candidates(plan, f.beneficiaries)) {
    // a pooled resource has no category and is no priority establishment: those filters leave it out
    if (
      (f.region && b.region !== f.region) ||
      (f.category && b.category !== f.category) ||
      (f.priority !== undefined && b.priority !== f.priority)
    )
      continue;
    if (f.q && !matchesSearch(b.record, f.q)) continue;
    if (fundingOf(plan, { finess: b.key, envelopeId: input.envelopeId, actionId: input.actionId }).length)
      skipped.push(b.key);
    else targets.push(b);
  }
  targets.sort((a, b) => a.key.localeCompare(b.key));
  return { targets, skipped, totalCents: sumAmounts(input.amounts) * targets.length };
};

/** Builds an allocation for every target (bulkTargets on the same plan), each checked against the
 *  envelope as it stands with the previous ones added; the first refusal refuses the whole batch.
 *  `put` adds one to the plan. */
export const buildBulk = (
  plan: PlanState,
  input: BulkInput,
  { targets }: BulkPlan,
  ids: () => string,
  ctx: WriteContext,
  put: (a: Allocation) => void,
): void => {
  assertSomeAmount(input.amounts, 'Une allocation groupée');
  if (!targets.length)
    throw ruleBroken(
      input.filter.beneficiaries === 'pooled'
        ? 'Aucune ressource mutualisée ne correspond aux filtres (ou toutes ont déjà cette action sur cette enveloppe).'
        : 'Aucun établissement ne correspond aux filtres (ou tous ont déjà cette action sur cette enveloppe).',
    );
  for (const b of targets) {
    try {
      put(
        createAllocation(
          plan,
          ids(),
          { envelopeId: input.envelopeId, actionId: input.actionId, finess: b.key, amounts: input.amounts },
          ctx,
        ),
      );
    } catch (err) {
      if (err instanceof DomainError)
        throw ruleBroken(
          `Allocation groupée impossible, aucune allocation n'est créée : ${b.name} (${b.kind === 'pooled' ? 'SIRET ' : ''}${b.key}) — ${err.detail ?? err.title}`,
          err.errors,
        );
      throw err;
    }
  }
};
