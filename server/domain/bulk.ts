// Bulk allocation: one amount per year to every establishment matching a filter, all or nothing.
import type { Allocation, Category, Establishment, YearAmounts } from '../contract/plan.js';
import { assertSomeAmount, createAllocation, fundingOf } from './allocations.js';
import type { WriteContext } from './context.js';
import { DomainError, ruleBroken } from './errors.js';
import { sumAmounts } from './money.js';
import { matchesSearch } from './text.js';
import type { PlanState } from './plan.js';

export interface BulkInput {
  envelopeId: string;
  actionId: string;
  amounts: YearAmounts;
  filter: { region?: string; category?: Category; priority?: boolean; q?: string };
}

export interface BulkPlan {
  targets: Establishment[];
  /** Establishments that already hold this action on this envelope (left as they are). */
  skipped: string[];
  totalCents: number;
}

export const bulkTargets = (plan: PlanState, input: BulkInput): BulkPlan => {
  const f = input.filter;
  const targets: Establishment[] = [];
  const skipped: string[] = [];
  for (const e of plan.establishments.values()) {
    if (
      (f.region && e.region !== f.region) ||
      (f.category && e.category !== f.category) ||
      (f.priority !== undefined && e.priority !== f.priority)
    )
      continue;
    if (f.q && !matchesSearch(e, f.q)) continue;
    if (fundingOf(plan, { finess: e.finess, envelopeId: input.envelopeId, actionId: input.actionId }).length)
      skipped.push(e.finess);
    else targets.push(e);
  }
  targets.sort((a, b) => a.finess.localeCompare(b.finess));
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
      'Aucun établissement ne correspond aux filtres (ou tous ont déjà cette action sur cette enveloppe).',
    );
  for (const e of targets) {
    try {
      put(
        createAllocation(
          plan,
          ids(),
          { envelopeId: input.envelopeId, actionId: input.actionId, finess: e.finess, amounts: input.amounts },
          ctx,
        ),
      );
    } catch (err) {
      if (err instanceof DomainError)
        throw ruleBroken(
          `Allocation groupée impossible, aucune allocation n'est créée : ${e.name} (${e.finess}) — ${err.detail ?? err.title}`,
          err.errors,
        );
      throw err;
    }
  }
};
