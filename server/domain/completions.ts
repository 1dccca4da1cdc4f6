// Completions: an establishment (or a planner) declares an action done; a planner checks the proof
// and validates it. Separation of duties, as for approvals: nobody validates their own declaration.
import type { Completion } from '../contract/plan.js';
import { today, type WriteContext } from './context.js';
import { duplicate, forbidden, ruleBroken, type FieldError } from './errors.js';
import type { PlanState } from './plan.js';

export interface CompletionInput {
  finess: string;
  actionId: string;
  completedOn: string;
}

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
  for (const c of plan.index.completionsByFiness(input.finess))
    if (c.actionId === input.actionId)
      throw duplicate(
        `Cette action est déjà déclarée réalisée pour ${input.finess} (le ${c.completedOn}).`,
        'actionId',
      );
  return { id, rev: '', createdAt: ctx.now, updatedAt: ctx.now, createdBy: ctx.actor, ...input };
};

/** A new date is a new declaration: its validation, if any, no longer stands, and whoever changed
 *  the date cannot be the one who validates it again. */
export const updateCompletion = (
  _plan: PlanState,
  cur: Completion,
  patch: { completedOn?: string },
  ctx: WriteContext,
): Completion => {
  if (patch.completedOn === undefined || patch.completedOn === cur.completedOn) return cur;
  const f = future(patch.completedOn, ctx);
  if (f) throw ruleBroken(f.message, [{ ...f, message: 'Date future.' }]);
  const next: Completion = { ...cur, completedOn: patch.completedOn, updatedAt: ctx.now };
  delete next.validatedAt;
  delete next.validatedBy;
  return next;
};

export const validateCompletion = (cur: Completion, ctx: WriteContext): Completion => {
  if (cur.validatedAt) throw ruleBroken('Réalisation déjà validée.');
  if (ctx.actor && (cur.createdBy === ctx.actor || cur.updatedBy === ctx.actor))
    throw forbidden(
      'Séparation des tâches',
      'Vous ne pouvez pas valider une réalisation que vous avez déclarée ou modifiée : un autre membre de l’équipe doit la valider.',
    );
  return { ...cur, validatedAt: ctx.now, validatedBy: ctx.actor, updatedAt: ctx.now };
};
