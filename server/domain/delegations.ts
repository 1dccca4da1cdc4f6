// Delegations (« délégations de crédits »): a national envelope is split among the ARS by circulars
// (a first delegation, then a second: « Circulaire DGOS/FIP1/2025/131 … première délégation des
// crédits du FMIS »), and each ARS funds its region's establishments within what it received.
// Conservation at both levels, per year and in total:
//  - the delegations of an envelope never exceed it (its year budget where it has a split);
//  - what is allocated in a region holding a delegation of the envelope never exceeds that
//    region's credits (the sum of its delegations);
//  - what is allocated in the other regions never exceeds the national reserve (the envelope less
//    everything delegated).
import { PLAN_YEARS, type PlanYear } from '../../shared/years.js';
import { heldAmounts } from '../../shared/amounts.js';
import type { Allocation, Delegation, Envelope, YearAmounts } from '../contract/plan.js';
import { regionOf } from './beneficiary.js';
import { yearBudget } from './budget.js';
import type { WriteContext } from './context.js';
import { fail, ruleBroken, type FieldError } from './errors.js';
import { amountOf, formatEuros, sumAmounts } from './money.js';
import type { PlanState } from './plan.js';
import { isArsRegion, REGION_NAMES } from './regions.js';

export type DelegationInput = Pick<Delegation, 'envelopeId' | 'region' | 'amounts' | 'reference' | 'notifiedOn'>;
export type DelegationPatch = Partial<DelegationInput>;

/** Cents per plan year, in the order of PLAN_YEARS. */
export type Years = number[];
export const zeroYears = (): Years => PLAN_YEARS.map(() => 0);
const addYears = (to: Years, from: Years | YearAmounts, sign = 1): Years => {
  PLAN_YEARS.forEach((y, i) => (to[i]! += sign * (Array.isArray(from) ? from[i]! : amountOf(from, y))));
  return to;
};
/** The sum of a list of cents (a region's years, a plan's months). */
export const sumYears = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0);

export const regionName = (plan: PlanState, code: string): string =>
  plan.regions.get(code)?.name ?? REGION_NAMES[code] ?? (code || 'Région inconnue');

/** Each region's credits (the sum of its delegations), per year. */
export const creditsOf = (delegations: Iterable<Delegation>): Map<string, Years> => {
  const out = new Map<string, Years>();
  for (const d of delegations) {
    let v = out.get(d.region);
    if (!v) out.set(d.region, (v = zeroYears()));
    addYears(v, d.amounts);
  }
  return out;
};

/** What each region holds of the envelope, per year (from the dashboard buckets); with `without`,
 *  as if that allocation held nothing. */
const allocatedOf = (plan: PlanState, envelopeId: string, without?: Allocation): Map<string, Years> => {
  const out = new Map<string, Years>();
  const of = (r: string) => out.get(r) ?? out.set(r, zeroYears()).get(r)!;
  for (const b of plan.index.buckets().values())
    if (b.envelopeId === envelopeId) addYears(of(b.region), b.allocatedByYear);
  if (without?.envelopeId === envelopeId) addYears(of(regionOf(plan, without.finess)), heldAmounts(without), -1);
  return out;
};

interface Breach {
  level: 'envelope' | 'reserve';
  /** null: the total. */
  year: PlanYear | null;
  limit: number;
  used: number;
}

/** Where the envelope and the national reserve are exceeded, given each region's credits and what
 *  each region holds (a region with credits is held to them: regionFloor). */
const breaches = (env: Envelope, credits: Map<string, Years>, allocated: Map<string, Years>): Breach[] => {
  const delegated = zeroYears();
  for (const c of credits.values()) addYears(delegated, c);
  const reserveUsed = zeroYears();
  for (const [r, v] of allocated) if (!credits.has(r)) addYears(reserveUsed, v);
  const out: Breach[] = [];
  const check = (year: PlanYear | null, budget: number, d: number, r: number) => {
    if (d > budget) out.push({ level: 'envelope', year, limit: budget, used: d });
    else if (r > budget - d) out.push({ level: 'reserve', year, limit: budget - d, used: r });
  };
  PLAN_YEARS.forEach((y, i) => {
    const budget = yearBudget(env, y);
    if (budget !== null) check(y, budget, delegated[i]!, reserveUsed[i]!);
  });
  check(null, env.totalCents, sumYears(delegated), sumYears(reserveUsed));
  return out;
};

const inYear = (y: PlanYear | null) => (y ? `sur ${y}` : 'au total');

/** The envelope's own limits against its delegations: a total or a split lowered below what is
 *  delegated, or below what the national reserve must still cover, is refused. */
export const envelopeDelegationErrors = (plan: PlanState, next: Envelope): FieldError[] => {
  const credits = creditsOf(plan.index.delegationsByEnvelope(next.id));
  if (!credits.size) return [];
  return breaches(next, credits, allocatedOf(plan, next.id)).map((b) => {
    const path = b.year ? `yearlyCents.${b.year}` : 'totalCents';
    return b.level === 'envelope'
      ? { path, message: `Déjà délégué aux ARS ${inYear(b.year)} : ${formatEuros(b.used)}.` }
      : {
          path,
          message: `Déjà alloué hors des régions délégataires ${inYear(b.year)} : ${formatEuros(b.used)}, que la réserve nationale (${formatEuros(b.limit)}) ne couvrirait plus.`,
        };
  });
};

/** What a region may allocate of an envelope, per year (null: no yearly split) and in total: its
 *  credits (creditsOf the envelope's delegations) when it holds some, else the national reserve (the
 *  envelope less everything delegated). */
export const regionLimit = (
  plan: PlanState,
  env: Envelope,
  region: string,
  credits: Map<string, Years>,
): { delegated: boolean; years: Array<number | null>; totalCents: number } => {
  const mine = credits.get(region);
  if (mine) return { delegated: true, years: mine, totalCents: sumYears(mine) };
  const delegated = zeroYears();
  for (const c of credits.values()) addYears(delegated, c);
  return {
    delegated: false,
    years: PLAN_YEARS.map((y, i) => {
      const budget = yearBudget(env, y);
      return budget === null ? null : budget - delegated[i]!;
    }),
    totalCents: env.totalCents - sumYears(delegated),
  };
};

/** An allocation (new, edited, approved, restored) fits the level it draws on: its region's credits
 *  when the region holds a delegation of the envelope, else the national reserve. Without any
 *  delegation the reserve is the whole envelope, and budget.ts assertFits says what remains. */
export const assertFitsDelegations = (plan: PlanState, env: Envelope, next: Allocation): void => {
  const credits = creditsOf(plan.index.delegationsByEnvelope(env.id));
  if (!credits.size || next.status === 'rejected') return;
  const region = regionOf(plan, next.finess);
  const cur = plan.allocations.get(next.id);
  const own = cur && cur.envelopeId === env.id && regionOf(plan, cur.finess) === region ? heldAmounts(cur) : {};
  assertWithinCredits(plan, env, credits, allocatedOf(plan, env.id, cur), region, heldAmounts(next), own);
};

/** What each region holds of an envelope, per year, from a list of amounts (allocations' held
 *  amounts, a scenario's lines), added to `into`. */
export const allocatedByRegion = (
  plan: PlanState,
  items: Iterable<{ finess: string; amounts: YearAmounts }>,
  into: Map<string, Years> = new Map(),
): Map<string, Years> => {
  for (const a of items) shiftRegion(into, regionOf(plan, a.finess), a.amounts, 1);
  return into;
};

/** Adds (sign 1) or takes away (-1) amounts from a region's years in a usage map. */
export const shiftRegion = (usage: Map<string, Years>, region: string, amounts: YearAmounts, sign: 1 | -1): void => {
  addYears(usage.get(region) ?? usage.set(region, zeroYears()).get(region)!, amounts, sign);
};

/** `want` in `region` fits the level it draws on, given what every region holds besides it
 *  (`allocated`); `own`, what the same record holds already there (for the message only). */
export const assertWithinCredits = (
  plan: PlanState,
  env: Envelope,
  credits: Map<string, Years>,
  allocated: Map<string, Years>,
  region: string,
  want: YearAmounts,
  own: YearAmounts,
): void => {
  if (!credits.size) return;
  const limit = regionLimit(plan, env, region, credits);
  const where = limit.delegated ? `la délégation ${regionName(plan, region)}` : 'la réserve nationale';
  const limits = limit.years,
    limitTotal = limit.totalCents;
  const used = zeroYears();
  if (limit.delegated) addYears(used, allocated.get(region) ?? zeroYears());
  else for (const [r, v] of allocated) if (!credits.has(r)) addYears(used, v);
  const parts: Array<{ path: string; text: string }> = [];
  const over = (path: string, when: string, limit: number, others: number, held: number) => {
    const left = formatEuros(Math.max(0, limit - others - held));
    parts.push({
      path,
      text: `reste ${left} sur ${where} ${when}${held > 0 ? `, en plus des ${formatEuros(held)} que porte déjà cette allocation` : ''}`,
    });
  };
  PLAN_YEARS.forEach((y, i) => {
    const w = amountOf(want, y),
      limit = limits[i]!;
    if (w > 0 && limit !== null && used[i]! + w > limit) over(`amounts.${y}`, y, limit, used[i]!, amountOf(own, y));
  });
  const w = sumAmounts(want);
  if (w > 0 && sumYears(used) + w > limitTotal)
    over('amounts', 'au total', limitTotal, sumYears(used), sumAmounts(own));
  if (!parts.length) return;
  const head = `Dépassement de ${where} (enveloppe ${env.code}) : `;
  throw ruleBroken(
    `${head}${parts.map((p) => p.text).join(' ; ')}.`,
    parts.map((p) => ({ path: p.path, message: `${head}${p.text}.` })),
  );
};

/** A beneficiary (an establishment, a pooled regional resource: `finess` is its FINESS or SIRET)
 *  moved to another region takes its allocations with it: they must fit the level they would draw
 *  on there, on every envelope delegated to the ARS. */
export const regionMoveErrors = (
  plan: PlanState,
  cur: { finess: string; region: string },
  region: string,
): FieldError[] => {
  if (region === cur.region) return [];
  const moving = new Map<string, Years>();
  for (const a of plan.index.allocationsByFiness(cur.finess)) {
    const v = moving.get(a.envelopeId) ?? moving.set(a.envelopeId, zeroYears()).get(a.envelopeId)!;
    addYears(v, heldAmounts(a));
  }
  const errors: FieldError[] = [];
  for (const [envelopeId, v] of moving) {
    const env = plan.envelopes.get(envelopeId);
    const credits = creditsOf(plan.index.delegationsByEnvelope(envelopeId));
    if (!env || !credits.size || sumYears(v) === 0) continue;
    const allocated = allocatedOf(plan, envelopeId);
    const of = (r: string) => allocated.get(r) ?? allocated.set(r, zeroYears()).get(r)!;
    addYears(of(cur.region), v, -1);
    addYears(of(region), v);
    const target = credits.get(region);
    const where = target ? `la délégation ${regionName(plan, region)}` : 'la réserve nationale';
    const over = target
      ? PLAN_YEARS.filter((_, i) => of(region)[i]! > target[i]!)
      : breaches(env, credits, allocated).map((b) => b.year ?? 'au total');
    if (over.length)
      errors.push({
        path: 'region',
        message: `Ses allocations sur l'enveloppe ${env.code} dépasseraient ${where} (${over.join(', ')}) : la région ne peut changer.`,
      });
  }
  return errors;
};

/** The rules of a delegation as it would stand (null: removed), every refusal at once. */
const conservation = (plan: PlanState, env: Envelope, region: string, id: string, next: Delegation | null): void => {
  const others = [...plan.index.delegationsByEnvelope(env.id)].filter((d) => d.id !== id);
  const credits = creditsOf(next ? [...others, next] : others);
  const allocated = allocatedOf(plan, env.id);
  const errors: FieldError[] = [];
  const mine = next?.amounts ?? {};
  const name = regionName(plan, region);
  // a region's delegations cover what it has allocated: lowering or removing one below is refused
  const regionCredits = credits.get(region) ?? zeroYears();
  const regionAllocated = allocated.get(region) ?? zeroYears();
  PLAN_YEARS.forEach((y, i) => {
    if (regionAllocated[i]! > regionCredits[i]!)
      errors.push({
        path: `amounts.${y}`,
        message: `Déjà alloué en ${name} sur ${y} : ${formatEuros(regionAllocated[i]!)} ; les délégations de la région n'en couvriraient que ${formatEuros(regionCredits[i]!)}.`,
      });
  });
  for (const b of breaches(env, credits, allocated)) {
    const path = b.year ? `amounts.${b.year}` : 'amounts';
    const own = b.year ? amountOf(mine, b.year) : sumAmounts(mine);
    errors.push(
      b.level === 'envelope'
        ? {
            path,
            message: `Délégations au-delà de l'enveloppe ${env.code} : reste ${formatEuros(Math.max(0, b.limit - (b.used - own)))} à déléguer ${inYear(b.year)}.`,
          }
        : {
            path,
            message: `La réserve nationale de l'enveloppe ${env.code} ne couvrirait plus ce qui est alloué hors des régions délégataires ${inYear(b.year)} : ${formatEuros(b.used)} alloués, ${formatEuros(Math.max(0, b.limit))} de réserve.`,
          },
    );
  }
  fail(errors);
};

const checked = (plan: PlanState, d: Delegation): Delegation => {
  const env = plan.envelopes.get(d.envelopeId);
  if (!env)
    throw ruleBroken(`Enveloppe « ${d.envelopeId} » introuvable.`, [
      { path: 'envelopeId', message: 'Enveloppe introuvable.' },
    ]);
  const errors: FieldError[] = [];
  if (!isArsRegion(d.region))
    errors.push({ path: 'region', message: `Région « ${d.region} » inconnue (code INSEE de la région de l'ARS).` });
  else if (env.earmark?.regions?.length && !env.earmark.regions.includes(d.region))
    errors.push({
      path: 'region',
      message: `L'enveloppe ${env.code} est réservée aux régions ${env.earmark.regions.join(', ')}.`,
    });
  if (env.yearlyCents)
    for (const y of PLAN_YEARS)
      if (amountOf(d.amounts, y) > 0 && amountOf(env.yearlyCents, y) === 0)
        errors.push({
          path: `amounts.${y}`,
          message: `L'enveloppe ${env.code} n'a pas de budget sur ${y} (hors de sa répartition annuelle).`,
        });
  if (sumAmounts(d.amounts) === 0)
    errors.push({
      path: 'amounts',
      message: 'Une délégation porte un montant sur au moins une année : pour y renoncer, supprimez-la.',
    });
  fail(errors);
  conservation(plan, env, d.region, d.id, d);
  return d;
};

export const createDelegation = (plan: PlanState, id: string, input: DelegationInput, ctx: WriteContext): Delegation =>
  checked(plan, {
    id,
    rev: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.actor,
    ...input,
    amounts: { ...input.amounts },
  });

export const updateDelegation = (
  plan: PlanState,
  cur: Delegation,
  patch: DelegationPatch,
  ctx: WriteContext,
): Delegation => {
  // another envelope or region is another delegation (the region's credits and its circular's line)
  const moved = (['envelopeId', 'region'] as const).filter((k) => patch[k] !== undefined && patch[k] !== cur[k]);
  if (moved.length)
    throw ruleBroken(
      'Une délégation garde son enveloppe et sa région : pour déléguer ailleurs, créez une autre délégation.',
      moved.map((k) => ({ path: k, message: 'Non modifiable.' })),
    );
  return checked(plan, { ...cur, ...patch, amounts: { ...(patch.amounts ?? cur.amounts) }, updatedAt: ctx.now });
};

/** Removing a delegation takes its credits from the region: refused while the region's other
 *  delegations would not cover what it has allocated. */
export const assertDelegationDeletable = (plan: PlanState, cur: Delegation): void => {
  const env = plan.envelopes.get(cur.envelopeId);
  if (env) conservation(plan, env, cur.region, cur.id, null);
};
