// Completions: an establishment (or a planner) declares an action done; a planner checks the proof
// and validates it, or refuses it with a reason the establishment reads. Separation of duties, as
// for approvals: nobody checks their own declaration. Until it is checked, the establishment may
// correct or withdraw its declaration; a refused one stays on record and the action may be
// declared again (a new declaration, checked afresh).
import type { Role } from '../contract/auth.js';
import type { Completion, CompletionState } from '../contract/plan.js';
import { frenchDate, frenchDateOf } from '../../shared/dates.js';
import { today, type WriteContext } from './context.js';
import { duplicate, forbidden, ruleBroken, type FieldError } from './errors.js';
import type { PlanState } from './plan.js';

export interface CompletionInput {
  finess: string;
  actionId: string;
  completedOn: string;
}

export const completionState = (c: Completion): CompletionState =>
  c.validatedAt ? 'validated' : c.refusedAt ? 'refused' : 'pending';

/** dd/mm/yyyy of an ISO date or date-time, for messages. */
/** « validée le 03/04/2023 par planif2@… » or « refusée le … »: what a refusal says of a check. */
const checked = (c: Completion): string =>
  c.validatedAt
    ? `validée le ${frenchDateOf(c.validatedAt)}${c.validatedBy ? ` par ${c.validatedBy}` : ''}`
    : `refusée le ${frenchDateOf(c.refusedAt!)}${c.refusedBy ? ` par ${c.refusedBy}` : ''}`;

const future = (completedOn: string, ctx: WriteContext): FieldError | null =>
  completedOn > today(ctx)
    ? { path: 'completedOn', message: 'Une réalisation ne peut pas être déclarée à une date future.' }
    : null;

export const createCompletion = (
  plan: PlanState,
  id: string,
  input: CompletionInput,
  ctx: WriteContext,
): Completion => {
  const errors: FieldError[] = [];
  if (!plan.establishments.has(input.finess))
    errors.push({ path: 'finess', message: `Établissement FINESS ${input.finess} introuvable.` });
  if (!plan.actions.has(input.actionId))
    errors.push({ path: 'actionId', message: `Action « ${input.actionId} » introuvable.` });
  const f = future(input.completedOn, ctx);
  if (f) errors.push(f);
  if (errors.length) throw ruleBroken(errors.map((e) => e.message).join(' '), errors);
  // a refused declaration does not stand: the action may be declared again
  for (const c of plan.index.completionsByFiness(input.finess))
    if (c.actionId === input.actionId && completionState(c) !== 'refused')
      throw duplicate(
        `Cette action est déjà déclarée réalisée pour ${input.finess} (le ${frenchDate(c.completedOn)}, ${completionState(c) === 'validated' ? 'validée' : 'en attente de contrôle'}).`,
        'actionId',
      );
  return { id, rev: '', createdAt: ctx.now, updatedAt: ctx.now, createdBy: ctx.actor, ...input };
};

/** What an establishment may no longer touch: a declaration a planner has checked. A refused one
 *  is final for everyone (its reason stays readable); declare the action again instead. */
const assertOpen = (cur: Completion, role: Role | undefined, verb: 'corrigée' | 'retirée'): void => {
  const state = completionState(cur);
  if (state === 'refused')
    throw ruleBroken(
      `Cette déclaration a été ${checked(cur)} : elle ne peut plus être ${verb}. Déclarez à nouveau la réalisation si l’action a été menée depuis.`,
    );
  if (state === 'validated' && (role === 'establishment' || verb === 'retirée'))
    throw ruleBroken(
      `Cette déclaration a été ${checked(cur)} : elle ne peut plus être ${verb}.${role === 'establishment' ? ' Contactez la task force pour la faire corriger.' : ''}`,
    );
};

/** A correction before the check. A planner may still correct the date of a validated one: a new
 *  date is a new declaration, its validation no longer stands, and whoever changed the date cannot
 *  be the one who validates it again. */
export const updateCompletion = (
  _plan: PlanState,
  cur: Completion,
  patch: { completedOn?: string },
  ctx: WriteContext,
): Completion => {
  assertOpen(cur, ctx.role, 'corrigée');
  if (patch.completedOn === undefined || patch.completedOn === cur.completedOn) return cur;
  const f = future(patch.completedOn, ctx);
  if (f) throw ruleBroken(f.message, [{ ...f, message: 'Date future.' }]);
  const next: Completion = { ...cur, completedOn: patch.completedOn, updatedAt: ctx.now };
  delete next.validatedAt;
  delete next.validatedBy;
  return next;
};

/** Withdrawing is for a declaration nobody has checked yet; a checked one is history. */
export const assertCompletionDeletable = (cur: Completion, role?: Role): void => assertOpen(cur, role, 'retirée');

const assertCheckable = (cur: Completion, ctx: WriteContext, verb: 'valider' | 'refuser'): void => {
  if (completionState(cur) !== 'pending')
    throw ruleBroken(`Cette réalisation a déjà été ${checked(cur)} : elle ne peut plus être contrôlée à nouveau.`);
  if (ctx.actor && (cur.createdBy === ctx.actor || cur.updatedBy === ctx.actor))
    throw forbidden(
      'Séparation des tâches',
      `Vous ne pouvez pas ${verb} une réalisation que vous avez déclarée ou modifiée : un autre membre de l’équipe doit la ${verb}.`,
    );
};

export const validateCompletion = (cur: Completion, ctx: WriteContext): Completion => {
  assertCheckable(cur, ctx, 'valider');
  return { ...cur, validatedAt: ctx.now, validatedBy: ctx.actor, updatedAt: ctx.now };
};

export const refuseCompletion = (cur: Completion, reason: string, ctx: WriteContext): Completion => {
  assertCheckable(cur, ctx, 'refuser');
  return { ...cur, refusedAt: ctx.now, refusedBy: ctx.actor, refusalReason: reason, updatedAt: ctx.now };
};
