// GHT (groupements hospitaliers de territoire, 135 created on 1 July 2016): a record names the
// group, its region and its support establishment; its members are the establishments whose `ght`
// is its code (the field establishments carried before GHT records existed, kept as it is). The
// support establishment runs the members' shared information system and reads their awards
// (plan.ts finessScope).
import type { Establishment, Ght } from '../contract/plan.js';
import type { WriteContext } from './context.js';
import { duplicate, fail, ruleBroken, type FieldError } from './errors.js';
import type { PlanState } from './plan.js';
import { regionName } from './delegations.js';
import { isArsRegion } from './regions.js';

export type GhtInput = Pick<Ght, 'code' | 'name' | 'region' | 'supportFiness'>;
export type GhtPatch = Partial<GhtInput>;

/** Members outside the region, each named (the caller quotes the first three). */
const strayMembers = (plan: PlanState, code: string, region: string): Establishment[] =>
  [...plan.index.membersOf(code)].filter((e) => e.region !== region);

const checked = (plan: PlanState, g: Ght): Ght => {
  for (const other of plan.ghts.values())
    if (other.id !== g.id && other.code === g.code) throw duplicate(`Un GHT porte déjà le code « ${g.code} ».`, 'code');
  const errors: FieldError[] = [];
  if (!isArsRegion(g.region))
    errors.push({ path: 'region', message: `Région « ${g.region} » inconnue (code INSEE de la région de l'ARS).` });
  else {
    const stray = strayMembers(plan, g.code, g.region);
    if (stray.length)
      errors.push({
        path: 'region',
        message: `Des membres du GHT sont hors de la région ${regionName(plan, g.region)} : ${stray
          .slice(0, 3)
          .map((e) => `${e.name} (${e.finess})`)
          .join(', ')}${stray.length > 3 ? '…' : ''}.`,
      });
  }
  const support = plan.establishments.get(g.supportFiness);
  if (!support)
    errors.push({ path: 'supportFiness', message: `Établissement support FINESS ${g.supportFiness} introuvable.` });
  else if (isArsRegion(g.region) && support.region !== g.region)
    errors.push({
      path: 'supportFiness',
      message: `L'établissement support ${support.name} n'est pas dans la région ${regionName(plan, g.region)}.`,
    });
  fail(errors);
  return g;
};

export const createGht = (plan: PlanState, id: string, input: GhtInput, ctx: WriteContext): Ght =>
  checked(plan, { id, rev: '', createdAt: ctx.now, updatedAt: ctx.now, createdBy: ctx.actor, ...input });

export const updateGht = (plan: PlanState, cur: Ght, patch: GhtPatch, ctx: WriteContext): Ght => {
  // members name it by its code: another code would leave them behind
  if (patch.code !== undefined && patch.code !== cur.code)
    throw ruleBroken('Le code identifie le GHT (ses membres le portent) : il ne se modifie pas.', [
      { path: 'code', message: 'Non modifiable.' },
    ]);
  return checked(plan, { ...cur, ...patch, updatedAt: ctx.now });
};

/** A GHT that has members stays: detach them first (their `ght` field). */
export const assertGhtDeletable = (plan: PlanState, cur: Ght): void => {
  const n = [...plan.index.membersOf(cur.code)].length;
  if (n)
    throw ruleBroken(
      `« ${cur.name} » compte ${n} établissement${n > 1 ? 's' : ''} membre${n > 1 ? 's' : ''} : retirez-les du GHT avant de le supprimer.`,
    );
};

/** An establishment's own rules towards GHT records: a member is in its GHT's region, and the
 *  support of a GHT stays in that region. */
export const establishmentGhtErrors = (plan: PlanState, e: Establishment): FieldError[] => {
  const errors: FieldError[] = [];
  const g = e.ght ? [...plan.ghts.values()].find((x) => x.code === e.ght) : undefined;
  if (g && g.region !== e.region)
    errors.push({
      path: 'ght',
      message: `Le ${g.name} est en région ${regionName(plan, g.region)} : un établissement d'une autre région n'en est pas membre.`,
    });
  for (const s of plan.index.ghtsSupportedBy(e.finess))
    if (s.region !== e.region)
      errors.push({
        path: 'region',
        message: `L'établissement est le support du ${s.name}, en région ${regionName(plan, s.region)}.`,
      });
  return errors;
};
