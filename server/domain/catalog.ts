// Establishments, actions and milestones: uniqueness and references.
import type { Action, Establishment, Milestone, MilestoneTarget } from '../contract/plan.js';
import { assertEarmarksKept } from './beneficiary.js';
import type { WriteContext } from './context.js';
import { regionMoveErrors } from './delegations.js';
import { duplicate, fail, ruleBroken, type FieldError } from './errors.js';
import { pluralize } from '../../shared/plural.js';
import { finessProblem } from './finess.js';
import type { PlanState } from './plan.js';
import { isArsRegion } from './regions.js';
import { establishmentGhtErrors } from './ghts.js';
import { servingOf } from './pooled.js';

/** What is given to create an establishment: its own fields, without the store's bookkeeping. */
export type EstablishmentInput = Pick<
  Establishment,
  'finess' | 'name' | 'category' | 'region' | 'ght' | 'priority' | 'finessEj' | 'staff' | 'synthetic'
>;

const checkEstablishment = (plan: PlanState, e: Establishment): Establishment => {
  const errors: FieldError[] = [];
  const p = finessProblem(e.finess);
  if (p) errors.push({ path: 'finess', message: p });
  if (e.finessEj) {
    const q = finessProblem(e.finessEj);
    if (q) errors.push({ path: 'finessEj', message: q });
  }
  if (!isArsRegion(e.region))
    errors.push({ path: 'region', message: `Région « ${e.region} » inconnue (code INSEE de la région de l'ARS).` });
  else errors.push(...establishmentGhtErrors(plan, e));
  // the pooled resources that serve it are of its region
  for (const p of servingOf(plan, e.finess))
    if (p.region !== e.region)
      errors.push({
        path: 'region',
        message: `La ressource mutualisée ${p.name}, qui le sert, est d'une autre région.`,
      });
  fail(errors);
  return e;
};

export const createEstablishment = (plan: PlanState, input: EstablishmentInput, ctx: WriteContext): Establishment => {
  if (plan.establishments.has(input.finess))
    throw duplicate(`L'établissement FINESS ${input.finess} existe déjà.`, 'finess');
  return checkEstablishment(plan, {
    id: input.finess,
    rev: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.actor,
    ...input,
  });
};

/** An edit: any field but the FINESS; null clears the legal entity, the GHT or the staff. */
export type EstablishmentPatch = Partial<Omit<EstablishmentInput, 'ght' | 'finessEj' | 'staff'>> & {
  ght?: string | null;
  finessEj?: string | null;
  staff?: number | null;
};

export const updateEstablishment = (
  plan: PlanState,
  cur: Establishment,
  patch: EstablishmentPatch,
  ctx: WriteContext,
): Establishment => {
  if (patch.finess !== undefined && patch.finess !== cur.finess)
    throw ruleBroken('Le numéro FINESS identifie l’établissement : il ne se modifie pas.', [
      { path: 'finess', message: 'Non modifiable.' },
    ]);
  const { ght, finessEj, staff, ...rest } = patch;
  const merged: Establishment = { ...cur, ...rest, updatedAt: ctx.now };
  for (const [k, v] of [
    ['ght', ght],
    ['finessEj', finessEj],
  ] as const)
    if (v === null || v === '') delete merged[k];
    else if (v !== undefined) merged[k] = v;
  if (staff === null) delete merged.staff;
  else if (staff !== undefined) merged.staff = staff;
  const next = checkEstablishment(plan, merged);
  // its allocations move with it, and must fit the delegation (or reserve) they would draw on
  fail(regionMoveErrors(plan, cur, next.region));
  // its allocations must stay within their envelopes' earmarks (region, category, priority)
  assertEarmarksKept(plan, cur.finess, next);
  return next;
};

export const assertEstablishmentDeletable = (plan: PlanState, e: Establishment): void => {
  for (const _ of plan.index.allocationsByFiness(e.finess))
    throw ruleBroken(`L'établissement ${e.finess} a des allocations : il ne peut pas être supprimé.`);
  for (const _ of plan.index.completionsByFiness(e.finess))
    throw ruleBroken(`L'établissement ${e.finess} a des réalisations déclarées : il ne peut pas être supprimé.`);
  for (const g of plan.index.ghtsSupportedBy(e.finess))
    throw ruleBroken(`L'établissement ${e.finess} est le support du ${g.name} : il ne peut pas être supprimé.`);
  for (const p of servingOf(plan, e.finess))
    throw ruleBroken(
      `L'établissement ${e.finess} est servi par la ressource mutualisée ${p.name} : retirez-le de sa liste d'abord.`,
    );
};

export interface ActionInput {
  code: string;
  title: string;
  axis: 1 | 2 | 3 | 4;
  domain?: string;
}

export const saveAction = (plan: PlanState, next: Action): Action => {
  for (const a of plan.actions.values())
    if (a.id !== next.id && a.code === next.code)
      throw duplicate(`Une action porte déjà le code ${next.code}.`, 'code');
  return next;
};

/** An action that funds allocations stays in the catalogue, retired: those allocations, their
 *  payments and the audit trail go on naming it. */
export const assertActionDeletable = (plan: PlanState, a: Action): void => {
  let allocations = 0;
  for (const x of plan.allocations.values()) if (x.actionId === a.id) allocations++; // rare: deleting an action
  if (allocations)
    throw ruleBroken(
      `L'action ${a.code} porte ${pluralize(allocations, { one: '{n} allocation', other: '{n} allocations' })} : elle ne peut pas être supprimée. Retirez-la du catalogue : elle ne recevra plus de nouvelle allocation.`,
    );
  const used =
    [...plan.index.completionsByAction(a.id)].length > 0 ||
    [...plan.milestones.values()].some((m) => m.target?.actionId === a.id) ||
    [...plan.envelopes.values()].some((e) => e.earmark?.actionIds?.includes(a.id));
  if (used)
    throw ruleBroken(
      `L'action ${a.code} est utilisée (réalisations, jalons ou fléchages) : elle ne peut pas être supprimée. Retirez-la du catalogue plutôt.`,
    );
};

/** Retired: kept for what it funded, closed to new allocations; restoring reopens it. */
export const retireAction = (a: Action, ctx: WriteContext): Action => {
  if (a.retiredAt) throw ruleBroken(`L'action ${a.code} est déjà retirée du catalogue.`);
  return { ...a, retiredAt: ctx.now, ...(ctx.actor ? { retiredBy: ctx.actor } : {}), updatedAt: ctx.now };
};

export const restoreAction = (a: Action, ctx: WriteContext): Action => {
  if (!a.retiredAt) throw ruleBroken(`L'action ${a.code} n'est pas retirée du catalogue.`);
  const next: Action = { ...a, updatedAt: ctx.now };
  delete next.retiredAt;
  delete next.retiredBy;
  return next;
};

/** A new allocation (or one moved to another action) needs an action still in the catalogue. */
export const assertActionOpen = (action: Action): void => {
  if (action.retiredAt)
    throw ruleBroken(`L'action ${action.code} est retirée du catalogue : elle ne reçoit plus de nouvelle allocation.`, [
      { path: 'actionId', message: `Action ${action.code} retirée du catalogue.` },
    ]);
};

export interface MilestoneInput {
  title: string;
  date: string;
  description?: string;
  target?: MilestoneTarget;
}

export const checkMilestone = (plan: PlanState, m: Milestone): Milestone => {
  if (m.target && !plan.actions.has(m.target.actionId))
    fail([{ path: 'target.actionId', message: `Action « ${m.target.actionId} » introuvable.` }]);
  return m;
};
