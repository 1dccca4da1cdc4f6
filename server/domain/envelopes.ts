// Envelopes: a total, an optional yearly split, an optional earmark; never below what is allocated.
import { PLAN_YEARS } from '../../shared/years.js';
import type { Envelope } from '../contract/plan.js';
import { beneficiaryOf, earmarkMiss } from './beneficiary.js';
import { envelopeBudget } from './budget.js';
import { approvedAmounts, heldAmounts } from '../../shared/amounts.js';
import type { WriteContext } from './context.js';
import { envelopeDelegationErrors } from './delegations.js';
import { duplicate, fail, ruleBroken, type FieldError } from './errors.js';
import { amountOf, formatEuros, MAX_PLAN_CENTS, sumAmounts } from './money.js';
import type { PlanState } from './plan.js';
import { isArsRegion } from './regions.js';

export type EnvelopeInput = Pick<
  Envelope,
  'code' | 'name' | 'source' | 'status' | 'totalCents' | 'yearlyCents' | 'earmark'
>;

/** What is wrong with the envelope on its own (a duplicate code is thrown: a 409). */
const consistencyErrors = (plan: PlanState, env: Envelope): FieldError[] => {
  for (const other of plan.envelopes.values())
    if (other.id !== env.id && other.code === env.code)
      throw duplicate(`Une enveloppe porte déjà le code ${env.code}.`, 'code');
  const errors: FieldError[] = [];
  let others = 0;
  for (const other of plan.envelopes.values()) if (other.id !== env.id) others += other.totalCents;
  if (others + env.totalCents > MAX_PLAN_CENTS)
    errors.push({
      path: 'totalCents',
      message: `Les enveloppes du plan ne peuvent dépasser ${formatEuros(MAX_PLAN_CENTS)} au total (les autres en portent ${formatEuros(others)}) : au-delà, les totaux ne seraient plus exacts au centime.`,
    });
  if (env.yearlyCents && sumAmounts(env.yearlyCents) > env.totalCents)
    errors.push({
      path: 'yearlyCents',
      message: `La répartition annuelle (${formatEuros(sumAmounts(env.yearlyCents))}) dépasse le total (${formatEuros(env.totalCents)}).`,
    });
  for (const id of env.earmark?.actionIds ?? [])
    if (!plan.actions.has(id)) errors.push({ path: 'earmark.actionIds', message: `Action « ${id} » introuvable.` });
  for (const r of env.earmark?.regions ?? [])
    if (!isArsRegion(r)) errors.push({ path: 'earmark.regions', message: `Région « ${r} » inconnue.` });
  return errors;
};

export const createEnvelope = (plan: PlanState, id: string, input: EnvelopeInput, ctx: WriteContext): Envelope => {
  const env: Envelope = { id, rev: '', createdAt: ctx.now, updatedAt: ctx.now, createdBy: ctx.actor, ...input };
  fail(consistencyErrors(plan, env));
  return env;
};

/** What was approved or paid on the envelope, in words, or null when nothing was: announced credits
 *  are not money yet, so an envelope that carries money cannot become announced again. */
const moneyHeld = (plan: PlanState, env: Envelope): string | null => {
  let approved = 0;
  let payments = 0;
  let paid = 0;
  for (const a of plan.index.allocationsByEnvelope(env.id)) {
    approved += sumAmounts(approvedAmounts(a));
    for (const p of plan.index.paymentsByAllocation(a.id)) {
      payments++;
      paid += p.amountCents;
    }
  }
  if (approved > 0) return `${formatEuros(approved)} déjà approuvés sur cette enveloppe`;
  if (payments > 0) return `${formatEuros(paid)} versés sur cette enveloppe (versements enregistrés)`;
  return null;
};

/** Lowering the total or a year below what is allocated is refused; so is an earmark that
 *  existing allocations would break. */
export const updateEnvelope = (
  plan: PlanState,
  cur: Envelope,
  patch: Partial<EnvelopeInput>,
  ctx: WriteContext,
): Envelope => {
  const next: Envelope = { ...cur, ...patch, updatedAt: ctx.now };
  for (const k of ['yearlyCents', 'earmark'] as const) if (patch[k] === null) delete next[k];
  // every refusal at once: a lower total may break both the split and what is allocated
  const errors = consistencyErrors(plan, next);
  const b = envelopeBudget(plan, cur);
  if (next.totalCents < b.allocatedCents)
    errors.push({
      path: 'totalCents',
      message: `Déjà alloué : ${formatEuros(b.allocatedCents)} ; le total ne peut descendre en dessous.`,
    });
  if (next.yearlyCents)
    for (const y of PLAN_YEARS)
      if (b.years[y].allocatedCents > amountOf(next.yearlyCents, y))
        errors.push({
          path: `yearlyCents.${y}`,
          message: `Déjà alloué sur ${y} : ${formatEuros(b.years[y].allocatedCents)}.`,
        });
  // what is delegated to the ARS, and what the national reserve must still cover
  errors.push(...envelopeDelegationErrors(plan, next));
  if (cur.status === 'committed' && next.status === 'announced') {
    const held = moneyHeld(plan, cur);
    if (held) errors.push({ path: 'status', message: `${held} : elle ne peut plus repasser en crédits annoncés.` });
  }
  if (patch.earmark) {
    const regions = patch.earmark.regions;
    for (const d of plan.index.delegationsByEnvelope(cur.id))
      if (regions?.length && !regions.includes(d.region)) {
        errors.push({
          path: 'earmark.regions',
          message: `La délégation ${d.id} (région ${d.region}) sortirait du fléchage.`,
        });
        break;
      }
    for (const a of plan.index.allocationsByEnvelope(cur.id)) {
      if (sumAmounts(heldAmounts(a)) === 0 && a.status === 'rejected') continue;
      const est = beneficiaryOf(plan, a.finess);
      const m = next.earmark!;
      const breaks = (est && earmarkMiss(m, est)) || (m.actionIds?.length && !m.actionIds.includes(a.actionId));
      if (breaks) {
        errors.push({ path: 'earmark', message: `L'allocation ${a.id} (FINESS ${a.finess}) sortirait du fléchage.` });
        break;
      }
    }
  }
  fail(errors);
  return next;
};

const plural = new Intl.PluralRules('fr-FR');

/** Rejected allocations count too: they are records that name the envelope (and its audit trail).
 *  So the refusal offers what can be done instead: set the envelope aside, by its total or status. */
export const assertEnvelopeDeletable = (plan: PlanState, env: Envelope): void => {
  for (const _ of plan.index.delegationsByEnvelope(env.id))
    throw ruleBroken(
      `L'enveloppe ${env.code} est déléguée aux ARS : supprimez d'abord ses délégations pour la supprimer.`,
    );
  let n = 0;
  for (const _ of plan.index.allocationsByEnvelope(env.id)) n++;
  if (n === 0) return;
  const what = plural.select(n) === 'one' ? 'allocation' : 'allocations';
  throw ruleBroken(
    `L'enveloppe ${env.code} porte ${n.toLocaleString('fr-FR')} ${what} : elle ne peut pas être supprimée : elle les garde pour mémoire, avec leurs décisions et leurs versements. Pour ne plus l'utiliser, ramenez son total au montant déjà alloué, ou repassez-la en crédits annoncés si rien n'y a été approuvé ni versé.`,
  );
};
