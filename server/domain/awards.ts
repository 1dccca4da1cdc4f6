// An establishment's awards: its allocations with what was approved, paid and what remains.
import type { Awards, AwardLine, Establishment } from '../contract/plan.js';
import { notFound } from './errors.js';
import { milestonesProgress } from './milestones.js';
import { sumAmounts } from './money.js';
import type { PlanState } from './plan.js';
import { finessScope } from './plan.js';

export const awardsOf = (plan: PlanState, finess: string, today: string): Awards => {
  const establishment: Establishment | undefined = plan.establishments.get(finess);
  if (!establishment) throw notFound('Établissement', finess);
  const scope = finessScope(plan, finess);
  const awards: AwardLine[] = [];
  const totals = { allocatedCents: 0, approvedCents: 0, proposedCents: 0, paidCents: 0, remainingCents: 0 };
  for (const f of scope) {
    for (const allocation of plan.index.allocationsByFiness(f)) {
      if (allocation.status === 'rejected') continue;
      const action = plan.actions.get(allocation.actionId)!;
      const env = plan.envelopes.get(allocation.envelopeId)!;
      const payments = [...plan.index.paymentsByAllocation(allocation.id)].sort((a, b) =>
        a.paidOn.localeCompare(b.paidOn),
      );
      const approvedCents = allocation.status === 'approved' ? sumAmounts(allocation.amounts) : 0;
      const paidCents = payments.reduce((s, p) => s + p.amountCents, 0);
      const line: AwardLine = {
        allocation,
        action,
        payments,
        approvedCents,
        paidCents,
        remainingCents: approvedCents - paidCents,
        envelope: { id: env.id, code: env.code, name: env.name, status: env.status },
      };
      awards.push(line);
      totals.allocatedCents += sumAmounts(allocation.amounts);
      totals.approvedCents += approvedCents;
      if (allocation.status === 'proposed') totals.proposedCents += sumAmounts(allocation.amounts);
      totals.paidCents += paidCents;
      totals.remainingCents += line.remainingCents;
    }
  }
  const actionIds = new Set(awards.map((a) => a.action.id));
  const milestones = milestonesProgress(plan, today, scope).filter(
    (m) => !m.target || actionIds.has(m.target.actionId),
  );
  const completions = [...scope].flatMap((f) => [...plan.index.completionsByFiness(f)]);
  return { establishment, awards, milestones, completions, totals };
};
