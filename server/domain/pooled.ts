// Pooled regional resources (« ressources mutualisées »): a region's e-health grouping (GRADeS), a
// regional cyber response centre... They are no establishment: a SIRET identifies them (siret.ts),
// they are bound to one ARS region and list the establishments they serve. They receive
// allocations on the establishments' rules (an allocation names one by its SIRET): those count
// against their region's delegated credits, or the national reserve (delegations.ts).
import type { PooledResource } from '../contract/plan.js';
import { assertEarmarksKept } from './beneficiary.js';
import type { WriteContext } from './context.js';
import { regionMoveErrors, regionName } from './delegations.js';
import { duplicate, fail, ruleBroken, type FieldError } from './errors.js';
import type { PlanState } from './plan.js';
import { isArsRegion } from './regions.js';
import { siretProblem } from './siret.js';

export type PooledInput = Pick<PooledResource, 'siret' | 'name' | 'region' | 'serves'>;
export type PooledPatch = Partial<PooledInput>;

const checked = (plan: PlanState, p: PooledResource): PooledResource => {
  const errors: FieldError[] = [];
  const s = siretProblem(p.siret);
  if (s) errors.push({ path: 'siret', message: s });
  const regionOk = isArsRegion(p.region);
  if (!regionOk)
    errors.push({ path: 'region', message: `Région « ${p.region} » inconnue (code INSEE de la région de l'ARS).` });
  p.serves.forEach((f, i) => {
    const e = plan.establishments.get(f);
    if (!e) errors.push({ path: `serves.${i}`, message: `Établissement FINESS ${f} introuvable.` });
    else if (regionOk && e.region !== p.region)
      errors.push({
        path: `serves.${i}`,
        message: `${e.name} (${f}) n'est pas en région ${regionName(plan, p.region)} : une ressource mutualisée sert les établissements de sa région.`,
      });
  });
  fail(errors);
  return { ...p, serves: [...new Set(p.serves)] };
};

export const createPooled = (plan: PlanState, input: PooledInput, ctx: WriteContext): PooledResource => {
  if (plan.pooled.has(input.siret))
    throw duplicate(`La ressource mutualisée SIRET ${input.siret} existe déjà.`, 'siret');
  if (plan.establishments.has(input.siret)) throw duplicate(`Le numéro ${input.siret} est un FINESS.`, 'siret');
  return checked(plan, {
    id: input.siret,
    rev: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.actor,
    ...input,
  });
};

export const updatePooled = (
  plan: PlanState,
  cur: PooledResource,
  patch: PooledPatch,
  ctx: WriteContext,
): PooledResource => {
  if (patch.siret !== undefined && patch.siret !== cur.siret)
    throw ruleBroken('Le numéro SIRET identifie la ressource mutualisée : il ne se modifie pas.', [
      { path: 'siret', message: 'Non modifiable.' },
    ]);
  const next = checked(plan, { ...cur, ...patch, updatedAt: ctx.now });
  // its allocations move with it: they must fit the delegation (or reserve) they would draw on,
  // and their envelopes' earmarks
  fail(regionMoveErrors(plan, { finess: cur.siret, region: cur.region }, next.region));
  assertEarmarksKept(plan, cur.siret, { region: next.region, priority: false });
  return next;
};

/** As an establishment: one that holds allocations stays. */
export const assertPooledDeletable = (plan: PlanState, cur: PooledResource): void => {
  for (const _ of plan.index.allocationsByFiness(cur.siret))
    throw ruleBroken(`La ressource mutualisée ${cur.name} a des allocations : elle ne peut pas être supprimée.`);
};

/** The pooled resources serving an establishment (they are of its region). */
export const servingOf = (plan: PlanState, finess: string): PooledResource[] =>
  [...plan.pooled.values()].filter((p) => p.serves.includes(finess));
