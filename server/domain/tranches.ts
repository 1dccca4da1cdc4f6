// Tranches: an allocation paid part by part, each part once its gate is met — an objective of a
// window's application passing both checks (« financement sur atteinte d'objectifs »), or the
// beneficiary's validated completion of a milestone's target action.
import type { Allocation, Milestone } from '../contract/plan.js';
import type { Tranche, TrancheStatus } from '../contract/windows.js';
import { shownAmounts, sumAmounts } from '../../shared/amounts.js';
import { completionState } from './completions.js';
import { fail, ruleBroken, type FieldError } from './errors.js';
import { formatEuros } from './money.js';
import { objectiveState, OBJECTIVE_MISSING } from './objectives.js';
import type { PlanState } from './plan.js';

/** A tranche as a request gives it: no freedAt (only freeing sets it). */
export type TrancheInput = Omit<Tranche, 'freedAt'>;

/** Net paid on each tranche code of an allocation (counter-entries keep their tranche); '' for
 *  the payments that name none. */
export const paidByTranche = (plan: PlanState, allocationId: string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const p of plan.index.paymentsByAllocation(allocationId))
    out.set(p.tranche ?? '', (out.get(p.tranche ?? '') ?? 0) + p.amountCents);
  return out;
};

/** What the gate still waits for, in French; null once it is met. */
export const gateMissing = (plan: PlanState, a: Pick<Allocation, 'finess'>, t: Tranche): string | null => {
  const g = t.gate;
  if (g.kind === 'objective') {
    if (!plan.applications.has(g.applicationId))
      return `objectif ${g.objective} : candidature ${g.applicationId} introuvable`;
    const missing = OBJECTIVE_MISSING[objectiveState(plan, g.applicationId, g.objective)];
    return missing === null ? null : `objectif ${g.objective} : ${missing}`;
  }
  const m = plan.milestones.get(g.milestoneId);
  if (!m) return `jalon ${g.milestoneId} introuvable`;
  if (!m.target) return `jalon « ${m.title} » : sans action cible`;
  const actionId = m.target.actionId;
  const code = plan.actions.get(actionId)?.code ?? actionId;
  let declared = false;
  for (const c of plan.index.completionsByFiness(a.finess)) {
    if (c.actionId !== actionId) continue;
    const state = completionState(c);
    if (state === 'validated') return null;
    if (state === 'pending') declared = true;
  }
  return `jalon « ${m.title} » : action ${code} ${declared ? 'déclarée, validation en attente' : 'non réalisée'}`;
};

const FREED = 'tranche libérée (objectif non atteint à temps)';

/** One tranche's status on an allocation: paid net of cancellations, payable once its allocation
 *  is approved, it is not freed and its gate is met. */
export const trancheStatus = (
  plan: PlanState,
  a: Allocation,
  t: Tranche,
  paid: ReadonlyMap<string, number> = paidByTranche(plan, a.id),
): TrancheStatus => {
  const paidCents = paid.get(t.code) ?? 0;
  const missing = t.freedAt ? FREED : a.status !== 'approved' ? 'allocation non approuvée' : gateMissing(plan, a, t);
  return {
    allocationId: a.id,
    finess: a.finess,
    code: t.code,
    label: t.label,
    amountCents: t.amountCents,
    paidCents,
    payableCents: missing === null ? Math.max(0, t.amountCents - paidCents) : 0,
    payable: missing === null,
    ...(missing === null ? {} : { missing }),
    freed: !!t.freedAt,
  };
};

/** Every tranche of an allocation, in its order (none: an allocation paid freely). */
export const trancheStatuses = (plan: PlanState, a: Allocation): TrancheStatus[] => {
  if (!a.tranches?.length) return [];
  const paid = paidByTranche(plan, a.id);
  return a.tranches.map((t) => trancheStatus(plan, a, t, paid));
};

/** Whether the tranche is payable now (its status' `payable`). */
export const payable = (plan: PlanState, a: Allocation, t: Tranche): boolean => trancheStatus(plan, a, t).payable;

/** The tranches an allocation is (or, with a pending avenant, will be) paid by. */
export const tranchesInForce = (a: Allocation): Tranche[] | undefined => a.revision?.tranches ?? a.tranches;

const gateErrors = (plan: PlanState, a: Allocation, t: Tranche, path: string): FieldError[] => {
  const g = t.gate;
  if (g.kind === 'milestone') {
    const m = plan.milestones.get(g.milestoneId);
    if (!m) return [{ path, message: `Tranche ${t.code} : jalon « ${g.milestoneId} » introuvable.` }];
    if (!m.target)
      return [{ path, message: `Tranche ${t.code} : le jalon « ${m.title} » n’a pas d’action cible à réaliser.` }];
    return [];
  }
  const app = plan.applications.get(g.applicationId);
  if (!app) return [{ path, message: `Tranche ${t.code} : candidature « ${g.applicationId} » introuvable.` }];
  if (app.finess !== a.finess)
    return [{ path, message: `Tranche ${t.code} : la candidature ${app.id} n’est pas celle du bénéficiaire.` }];
  if (!app.objectives.includes(g.objective))
    return [
      {
        path,
        message: `Tranche ${t.code} : l’objectif ${g.objective} ne fait pas partie des engagements de la candidature ${app.id} (${app.objectives.join(', ')}).`,
      },
    ];
  return [];
};

/** An allocation's tranches (an avenant's, when one is pending): codes unique, amounts positive,
 *  gates that exist, the tranches not freed adding up to its amounts, each tranche at least what
 *  was paid on it, and no payment left outside a tranche. A window's grant keeps its tranches. */
export const assertTranches = (plan: PlanState, a: Allocation): void => {
  const list = tranchesInForce(a);
  const paid = plan.allocations.has(a.id) ? paidByTranche(plan, a.id) : new Map<string, number>();
  if (!list?.length) {
    if (a.applicationId)
      fail([
        {
          path: 'tranches',
          message: 'Une subvention de guichet est versée sur objectifs atteints : ses tranches ne se retirent pas.',
        },
      ]);
    return;
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((t, i) => {
    if (seen.has(t.code))
      errors.push({
        path: `tranches.${i}.code`,
        message: `Tranche ${t.code} : code déjà utilisé sur cette allocation.`,
      });
    seen.add(t.code);
    if (!(t.amountCents > 0))
      errors.push({ path: `tranches.${i}.amountCents`, message: `Tranche ${t.code} : montant positif attendu.` });
    errors.push(...gateErrors(plan, a, t, `tranches.${i}.gate`));
    const p = paid.get(t.code) ?? 0;
    if (p > 0 && (t.freedAt || t.amountCents < p))
      errors.push({
        path: `tranches.${i}.amountCents`,
        message: `Tranche ${t.code} : ${formatEuros(p)} déjà versés, elle ne peut descendre en dessous.`,
      });
  });
  for (const [code, p] of paid)
    if (p > 0 && !seen.has(code))
      errors.push({
        path: 'tranches',
        message: code
          ? `${formatEuros(p)} déjà versés sur la tranche ${code} : gardez-la.`
          : `${formatEuros(p)} déjà versés hors tranche : une tranche doit les porter.`,
      });
  const total = sumAmounts(shownAmounts(a));
  const inTranches = list.filter((t) => !t.freedAt).reduce((s, t) => s + t.amountCents, 0);
  if (inTranches !== total)
    errors.push({
      path: 'tranches',
      message: `Les tranches font ${formatEuros(inTranches)} pour une allocation de ${formatEuros(total)} : elles doivent en faire le total exact.`,
    });
  fail(errors);
};

/** The allocations with a tranche the milestone gates (freed ones and a pending avenant's included:
 *  an avenant's tranches are checked again, gates and all). A scan: milestones change rarely. */
export const gatedByMilestone = (plan: PlanState, milestoneId: string): Allocation[] =>
  [...plan.allocations.values()].filter((a) =>
    [...(a.tranches ?? []), ...(a.revision?.tranches ?? [])].some(
      (t) => t.gate.kind === 'milestone' && t.gate.milestoneId === milestoneId,
    ),
  );

/** A milestone that gates a tranche stays, its target action with it: without them the tranche
 *  could never be paid. `next`: the milestone as an update would leave it; absent: a deletion. */
export const assertMilestoneKept = (plan: PlanState, cur: Milestone, next?: Milestone): void => {
  if (next?.target) return;
  const gated = gatedByMilestone(plan, cur.id);
  if (!gated.length) return;
  const ids = gated.map((a) => a.id).join(', ');
  const which = `Le jalon « ${cur.title} » conditionne une tranche de l’allocation ${ids}`;
  if (next)
    throw ruleBroken(`${which} : il garde son action cible tant que la tranche en dépend.`, [
      { path: 'target', message: `Conditionne une tranche (allocation ${ids}).` },
    ]);
  throw ruleBroken(`${which} : retirez-la de ses tranches (avenant) avant de supprimer le jalon.`);
};
