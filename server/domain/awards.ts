// An establishment's awards: its allocations with what was approved, paid and what remains; for a
// legal entity, its sites together, each with its own totals.
import type { Allocation, AwardLine, AwardTotals, Awards, Establishment, SiteAwards } from '../contract/plan.js';
import { notFound } from './errors.js';
import { milestonesProgress } from './milestones.js';
import { sumAmounts } from './money.js';
import type { PlanState } from './plan.js';
import { finessScope } from './plan.js';
import { trancheStatuses } from './tranches.js';

/** Who reads: the plan's staff see every proposal; an establishment only what was approved. */
export type Audience = 'staff' | 'establishment';

/** What an establishment may see of an allocation: approved ones only, with the amounts in force.
 *  A proposal, a rejected proposal and an avenant still under discussion stay internal. */
export const establishmentView = (a: Allocation): Allocation | null => {
  if (a.status !== 'approved') return null;
  if (!a.revision) return a;
  const { revision: _, ...approved } = a;
  return approved;
};

const zero = (): AwardTotals => ({
  allocatedCents: 0,
  approvedCents: 0,
  proposedCents: 0,
  paidCents: 0,
  remainingCents: 0,
});

const add = (into: AwardTotals, t: AwardTotals): void => {
  into.allocatedCents += t.allocatedCents;
  into.approvedCents += t.approvedCents;
  into.proposedCents += t.proposedCents;
  into.paidCents += t.paidCents;
  into.remainingCents += t.remainingCents;
};

/** A legal entity known only through its sites is named after them: the part of their names before
 *  « — » when they all share it (« Hospices civils de Lyon — Hôpital … »), else its number. */
const entityName = (finess: string, sites: Establishment[]): string => {
  const heads = new Set(sites.map((e) => e.name.split(' — ')[0]!.trim()));
  const [head] = heads;
  return heads.size === 1 && head && sites.every((e) => e.name.includes(' — ')) ? head : `Entité juridique ${finess}`;
};

/** The awards of a site, or of a legal entity (its own record if it has one, and every site of it).
 *  Rejected allocations are left out; an establishment's audience sees approved ones only. */
export const awardsOf = (plan: PlanState, finess: string, today: string, audience: Audience = 'staff'): Awards => {
  const establishment: Establishment | undefined = plan.establishments.get(finess);
  // a pooled regional resource (by its SIRET) is read alone: it has no site and no account
  const pooled = plan.pooled.get(finess);
  const scope = pooled ? new Set([finess]) : finessScope(plan, finess);
  if (scope.size === 0) throw notFound('Établissement', finess);
  const awards: AwardLine[] = [];
  const totals = zero();
  const sites: SiteAwards[] = [];
  for (const f of scope) {
    const site = { establishment: plan.establishments.get(f)!, totals: zero() };
    const counted = pooled ? totals : site.totals;
    for (const stored of plan.index.allocationsByFiness(f)) {
      const allocation = audience === 'staff' ? stored : establishmentView(stored);
      if (!allocation || allocation.status === 'rejected') continue;
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
        // what each tranche paid and still waits for, with the awards (not one request per allocation)
        ...(allocation.tranches?.length ? { tranches: trancheStatuses(plan, allocation) } : {}),
      };
      awards.push(line);
      counted.allocatedCents += sumAmounts(allocation.amounts);
      counted.approvedCents += approvedCents;
      if (allocation.status === 'proposed') counted.proposedCents += sumAmounts(allocation.amounts);
      counted.paidCents += paidCents;
      counted.remainingCents += line.remainingCents;
    }
    if (pooled) continue;
    add(totals, site.totals);
    sites.push(site);
  }
  const actionIds = new Set(awards.map((a) => a.action.id));
  const milestones = milestonesProgress(plan, today, scope).filter(
    (m) => !m.target || actionIds.has(m.target.actionId),
  );
  const completions = [...scope].flatMap((f) => [...plan.index.completionsByFiness(f)]);
  const name =
    pooled?.name ??
    establishment?.name ??
    entityName(
      finess,
      sites.map((s) => s.establishment),
    );
  return {
    finess,
    name,
    ...(establishment ? { establishment } : {}),
    ...(pooled ? { pooled } : {}),
    sites,
    awards,
    milestones,
    completions,
    totals,
  };
};
