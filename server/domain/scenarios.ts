// Scenarios: a planner's complete draft of the allocations on some envelopes. Its lines replace the
// plan's allocations there (a regional scenario: the region's only), so inside it the envelope, its
// years, the delegations and the national reserve are measured against the lines, against the plan
// allocations it does not replace, and against what cannot move: an approved allocation with
// payments keeps at least what was paid (a line standing for it, by name or by its envelope,
// beneficiary and action, may not go below; without a line the promotion lowers it to that).
// Beneficiaries, actions and earmarks as for allocations.
// A scenario started from the plan follows it: it stores only the lines it changed (and a line of
// no amount for an allocation it withdrew); every other allocation it replaces is one of its lines
// as the plan has it (linesOf). A copy of the national plan is then one record, not 35,000.
import { heldAmounts, shownAmounts } from '../../shared/amounts.js';
import { PLAN_YEARS } from '../../shared/years.js';
import type { Allocation, Envelope, YearAmounts } from '../contract/plan.js';
import type { Scenario, ScenarioBasis, ScenarioLine } from '../contract/scenarios.js';
import { assertAllowed, assertSomeAmount, fundingOf, openAction } from './allocations.js';
import { regionOf } from './beneficiary.js';
import { assertWithinEnvelope } from './budget.js';
import type { WriteContext } from './context.js';
import { assertWithinCredits, creditsOf, shiftRegion, type Years } from './delegations.js';
import { duplicate, notFound, ruleBroken, type FieldError } from './errors.js';
import { amountOf, formatEuros, sumAmounts } from './money.js';
import { paidCentsOf, type PlanState } from './plan.js';

export interface ScenarioInput {
  name: string;
  description?: string;
  envelopeIds: string[];
  /** 'empty', 'plan', or the id of the scenario to copy. */
  from: string;
}
export interface ScenarioPatch {
  name?: string;
  description?: string;
  /** Takes the plan as it stands now as the basis (after the planner has compared against it). */
  rebase?: boolean;
}
export type LineInput = Pick<ScenarioLine, 'envelopeId' | 'finess' | 'actionId' | 'amounts'>;
export type LinePatch = Partial<LineInput>;

/** Whether a scenario replaces a plan allocation: on its envelopes, in its region for a regional one. */
export const replaces = (
  plan: PlanState,
  s: Pick<Scenario, 'envelopeIds' | 'region'>,
  a: Pick<Allocation, 'envelopeId' | 'finess'>,
): boolean => s.envelopeIds.includes(a.envelopeId) && (!s.region || regionOf(plan, a.finess) === s.region);

/** The plan allocations a scenario replaces. */
export const replacedBy = (plan: PlanState, s: Pick<Scenario, 'envelopeIds' | 'region'>): Allocation[] => {
  const out: Allocation[] = [];
  for (const id of s.envelopeIds)
    for (const a of plan.index.allocationsByEnvelope(id))
      if (!s.region || regionOf(plan, a.finess) === s.region) out.push(a);
  return out;
};

/** The id of a following scenario's line for a plan allocation; an edit stores the line under it. */
export const planLineId = (scenarioId: string, allocationId: string): string => `${scenarioId}.${allocationId}`;

/** A following scenario's line for an allocation it has not touched: the allocation as planned
 *  (a pending avenant's amounts), versioned by the allocation. */
const planLine = (s: Scenario, a: Allocation): ScenarioLine => ({
  id: planLineId(s.id, a.id),
  rev: a.rev,
  createdAt: s.createdAt,
  updatedAt: a.updatedAt,
  scenarioId: s.id,
  envelopeId: a.envelopeId,
  finess: a.finess,
  actionId: a.actionId,
  amounts: shownAmounts(a),
  sourceAllocationId: a.id,
  sourceRev: a.rev,
});

/** A stored line without its source rev (the scenario's basis, re-based or promoted, is the plan now). */
export const withoutSourceRev = ({ sourceRev: _, ...l }: ScenarioLine): ScenarioLine => l;

/** A stored line of no amount: a following scenario's withdrawal of the allocation it names. */
export const isWithdrawal = (l: ScenarioLine): boolean => sumAmounts(l.amounts) === 0;

/** The plan allocations a line of `stored` stands for (edited or withdrawn). */
export const touchedBy = (stored: Iterable<ScenarioLine>): Set<string> => {
  const out = new Set<string>();
  for (const l of stored) if (l.sourceAllocationId) out.add(l.sourceAllocationId);
  return out;
};

/** The lines of a scenario as its rules, comparisons and answers read them: its stored lines but
 *  withdrawals and, when it follows the plan, one per replaced allocation (not rejected) that no
 *  stored line stands for. `stored`: the scenario's stored lines (before they are written). */
export const linesOf = (
  plan: PlanState,
  s: Scenario,
  stored: Iterable<ScenarioLine> = plan.index.linesOfScenario(s.id),
): ScenarioLine[] => {
  const mine = [...stored];
  const out = mine.filter((l) => !isWithdrawal(l));
  if (!s.followsPlan) return out;
  const touched = touchedBy(mine);
  for (const a of replacedBy(plan, s)) if (a.status !== 'rejected' && !touched.has(a.id)) out.push(planLine(s, a));
  return out;
};

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The plan allocation each line stands for (line id → allocation id): the one it names; a line
 *  naming none (an empty scenario's, a distribution's, one added by hand) stands for the replaced
 *  allocation it would twin (same envelope, beneficiary and action, a year in common, not
 *  rejected) that no other line stands for, the first by id. Its promotion then edits that
 *  allocation (an avenant, never below what was paid) rather than withdrawing it and proposing its
 *  twin. `lines`: the scenario's as linesOf reads them (a withdrawal stands for nothing). */
export const standsFor = (plan: PlanState, s: Scenario, lines: Iterable<ScenarioLine>): Map<string, string> => {
  const out = new Map<string, string>();
  const loose: ScenarioLine[] = [];
  for (const l of lines) {
    if (l.sourceAllocationId) out.set(l.id, l.sourceAllocationId);
    else loose.push(l);
  }
  const taken = new Set(out.values());
  for (const l of loose.sort(byId)) {
    const a = fundingOf(plan, l)
      .filter((a) => !taken.has(a.id) && replaces(plan, s, a))
      .filter((a) => PLAN_YEARS.some((y) => amountOf(l.amounts, y) > 0 && amountOf(heldAmounts(a), y) > 0))
      .sort(byId)[0];
    if (!a) continue;
    out.set(l.id, a.id);
    taken.add(a.id);
  }
  return out;
};

/** The plan allocations some line stands for (their paid floors are not counted apart). */
export const mirroredBy = (plan: PlanState, s: Scenario, lines: Iterable<ScenarioLine>): Set<string> =>
  new Set(standsFor(plan, s, lines).values());

/** One line of a scenario by its id (a withdrawal is none). */
export const lineById = (plan: PlanState, s: Scenario, id: string): ScenarioLine | undefined => {
  const stored = plan.scenarioLines.get(id);
  if (stored) return stored.scenarioId === s.id && !isWithdrawal(stored) ? stored : undefined;
  const prefix = `${s.id}.`;
  if (!s.followsPlan || !id.startsWith(prefix)) return undefined;
  const a = plan.allocations.get(id.slice(prefix.length));
  if (!a || a.status === 'rejected' || !replaces(plan, s, a)) return undefined;
  return touchedBy(plan.index.linesOfScenario(s.id)).has(a.id) ? undefined : planLine(s, a);
};

/** What removing a line stores: in a scenario that follows the plan, a line standing for a plan
 *  allocation becomes a withdrawal (else the allocation would come back as the plan has it); any
 *  other line goes (null). */
export const removedLine = (s: Scenario, l: ScenarioLine, ctx: WriteContext): ScenarioLine | null =>
  s.followsPlan && l.sourceAllocationId ? { ...l, amounts: {}, updatedAt: ctx.now } : null;

export const basisOf = (plan: PlanState, s: Pick<Scenario, 'envelopeIds' | 'region'>, at: string): ScenarioBasis => ({
  at,
  allocationRevs: Object.fromEntries(replacedBy(plan, s).map((a) => [a.id, a.rev])),
});

const STALE = {
  added: 'ajoutée au plan',
  changed: 'modifiée dans le plan',
  removed: 'retirée du plan (ou déplacée)',
} as const;
const stale = (id: string, what: keyof typeof STALE): FieldError => ({
  path: `allocations.${id}`,
  message: `Allocation ${id} ${STALE[what]} depuis la copie.`,
});

/** What changed in the replaced allocations since the basis: each one named (empty: up to date). */
export const staleness = (plan: PlanState, s: Scenario): FieldError[] => {
  const revs = s.basis?.allocationRevs ?? {};
  const out: FieldError[] = [];
  // a scenario that follows the plan takes in every change to what it did not touch: only the
  // allocations its stored lines stand for (edited or withdrawn) can make it stale
  if (s.followsPlan) {
    const seen = new Set<string>();
    for (const l of plan.index.linesOfScenario(s.id)) {
      const id = l.sourceAllocationId;
      if (!id || seen.has(id)) continue;
      seen.add(id);
      // the rev it was edited from, else the basis's
      const a = plan.allocations.get(id),
        was = l.sourceRev ?? revs[id];
      if (!a || !replaces(plan, s, a)) out.push(stale(id, 'removed'));
      else if (was === undefined) out.push(stale(id, 'added'));
      else if (was !== a.rev) out.push(stale(id, 'changed'));
    }
    return out;
  }
  const replaced = replacedBy(plan, s);
  let known = 0;
  for (const a of replaced) {
    const was = revs[a.id];
    if (was === undefined) out.push(stale(a.id, 'added'));
    else {
      known++;
      if (was !== a.rev) out.push(stale(a.id, 'changed'));
    }
  }
  // each of the basis's revisions met above (the replaced allocations are distinct): none removed,
  // and no set of ~36,000 ids to build on the national plan
  const ids = Object.keys(revs);
  if (known === ids.length) return out;
  const seen = new Set(replaced.map((a) => a.id));
  for (const id of ids) if (!seen.has(id)) out.push(stale(id, 'removed'));
  return out;
};

/** An approved allocation lowered to what was paid on it: the years in order, each kept up to what
 *  is left of the paid amount (what a withdrawal by avenant leaves). */
export const paidFloor = (a: Allocation, paid: number): YearAmounts => {
  const out: YearAmounts = {};
  let left = paid;
  for (const y of PLAN_YEARS) {
    const v = Math.min(amountOf(a.amounts, y), left);
    if (v > 0) out[y] = v;
    left -= v;
  }
  return out;
};

/** What a replaced allocation still holds when no line mirrors it: an approved one with net
 *  payments, what was paid; any other, nothing (the promotion withdraws it). */
export const floorOf = (plan: PlanState, a: Allocation): YearAmounts | null => {
  if (a.status !== 'approved') return null;
  const paid = paidCentsOf(plan, a.id);
  return paid > 0 ? paidFloor(a, paid) : null;
};

const sumRegions = (usage: Map<string, Years>): YearAmounts => {
  const out: YearAmounts = {};
  for (const v of usage.values()) PLAN_YEARS.forEach((y, i) => (out[y] = (out[y] ?? 0) + v[i]!));
  return out;
};

/** One envelope of a scenario as its rules measure it: what each region holds of it (the lines,
 *  the plan allocations the scenario leaves, the paid floors of those it replaces without a line);
 *  `fit` checks a line against the rest and takes it in. */
export class EnvelopeLedger {
  private readonly usage = new Map<string, Years>();
  private readonly credits: Map<string, Years>;

  constructor(
    private readonly plan: PlanState,
    s: Pick<Scenario, 'region'>,
    private readonly env: Envelope,
    lines: Iterable<ScenarioLine>,
    mirrored: ReadonlySet<string>,
  ) {
    this.credits = creditsOf(plan.index.delegationsByEnvelope(env.id));
    for (const a of plan.index.allocationsByEnvelope(env.id)) {
      const region = regionOf(plan, a.finess);
      if (s.region && region !== s.region) shiftRegion(this.usage, region, heldAmounts(a), 1);
      else if (!mirrored.has(a.id)) {
        const floor = floorOf(plan, a);
        if (floor) shiftRegion(this.usage, region, floor, 1);
      }
    }
    for (const l of lines) if (l.envelopeId === env.id) this.take(l, 1);
  }

  private take(l: Pick<ScenarioLine, 'finess' | 'amounts'>, sign: 1 | -1) {
    shiftRegion(this.usage, regionOf(this.plan, l.finess), l.amounts, sign);
  }

  /** Refuses `next` (replacing `prev`, the same line before) when the envelope, a year, the
   *  region's delegation or the national reserve would be exceeded; else counts it. */
  fit(next: ScenarioLine, prev?: ScenarioLine): void {
    if (prev) this.take(prev, -1);
    try {
      const region = regionOf(this.plan, next.finess);
      const own = prev && regionOf(this.plan, prev.finess) === region ? prev.amounts : {};
      assertWithinCredits(this.plan, this.env, this.credits, this.usage, region, next.amounts, own);
      assertWithinEnvelope(this.env, sumRegions(this.usage), next.amounts, prev?.amounts ?? {});
    } catch (e) {
      if (prev) this.take(prev, 1);
      throw e;
    }
    this.take(next, 1);
  }
}

/** The rules of one line, as it would stand among the scenario's others (an edit: in place of
 *  its former self): within the scenario's envelopes and region, a beneficiary and action the envelope
 *  funds, no twin in the scenario, at least what was paid on the allocation it stands for (standsFor),
 *  and within the envelope, its years, the delegation or the reserve. */
export const assertLine = (plan: PlanState, s: Scenario, next: ScenarioLine): void => {
  if (!s.envelopeIds.includes(next.envelopeId))
    throw ruleBroken(`L'enveloppe « ${next.envelopeId} » n'est pas dans ce scénario.`, [
      { path: 'envelopeId', message: 'Enveloppe hors du scénario.' },
    ]);
  assertSomeAmount(next.amounts, 'Une ligne de scénario');
  assertAllowed(plan, next);
  if (s.region && regionOf(plan, next.finess) !== s.region)
    throw ruleBroken(`Ce scénario est celui d'une région : ses lignes financent des bénéficiaires de cette région.`, [
      { path: 'finess', message: 'Bénéficiaire hors de la région du scénario.' },
    ]);
  const lines = linesOf(plan, s);
  const others = lines.filter((l) => l.id !== next.id);
  const stands = standsFor(plan, s, [...others, next]);
  const sourceId = stands.get(next.id);
  const source = sourceId ? plan.allocations.get(sourceId) : undefined;
  // a retired action keeps what it funds (a line standing for such an allocation), takes nothing new
  if (!source || source.actionId !== next.actionId) openAction(plan, next.actionId);
  for (const other of lines) {
    if (other.id === next.id || other.finess !== next.finess) continue;
    if (other.envelopeId !== next.envelopeId || other.actionId !== next.actionId) continue;
    const years = PLAN_YEARS.filter((y) => amountOf(next.amounts, y) > 0 && amountOf(other.amounts, y) > 0);
    if (years.length)
      throw duplicate(
        `Ce scénario finance déjà ce bénéficiaire pour cette action sur cette enveloppe en ${years.join(', ')} (ligne ${other.id}) : modifiez-la plutôt.`,
        'actionId',
      );
  }
  if (source?.status === 'approved') {
    const paid = paidCentsOf(plan, source.id);
    if (sumAmounts(next.amounts) < paid)
      throw ruleBroken(
        `L'allocation ${source.id} a déjà ${formatEuros(paid)} de versements : ${next.sourceAllocationId ? 'sa ligne' : 'cette ligne, qui la remplace (même enveloppe, bénéficiaire et action),'} ne peut descendre en dessous.`,
        [{ path: 'amounts', message: `Minimum ${formatEuros(paid)} (déjà versé).` }],
      );
  }
  const env = plan.envelopes.get(next.envelopeId)!;
  new EnvelopeLedger(plan, s, env, others, new Set(stands.values())).fit(next);
};

export const createLine = (
  plan: PlanState,
  s: Scenario,
  id: string,
  input: LineInput,
  ctx: WriteContext,
): ScenarioLine => {
  const line: ScenarioLine = {
    id,
    rev: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    scenarioId: s.id,
    envelopeId: input.envelopeId,
    finess: input.finess,
    actionId: input.actionId,
    amounts: { ...input.amounts },
  };
  assertLine(plan, s, line);
  return line;
};

export const updateLine = (
  plan: PlanState,
  s: Scenario,
  cur: ScenarioLine,
  patch: LinePatch,
  ctx: WriteContext,
): ScenarioLine => {
  // a line copied from an allocation stands for it: another envelope, beneficiary or action would be another allocation
  if (cur.sourceAllocationId) {
    const moved = (['envelopeId', 'finess', 'actionId'] as const).filter(
      (k) => patch[k] !== undefined && patch[k] !== cur[k],
    );
    if (moved.length)
      throw ruleBroken(
        `Cette ligne reprend l'allocation ${cur.sourceAllocationId} du plan : seuls ses montants changent (pour financer autre chose, ajoutez une ligne).`,
        moved.map((k) => ({ path: k, message: 'Non modifiable sur une ligne reprise du plan.' })),
      );
  }
  const next: ScenarioLine = { ...cur, ...patch, amounts: { ...(patch.amounts ?? cur.amounts) }, updatedAt: ctx.now };
  assertLine(plan, s, next);
  return next;
};

const assertEnvelopes = (plan: PlanState, envelopeIds: string[]): void => {
  const errors = envelopeIds.flatMap((id, i) =>
    plan.envelopes.has(id) ? [] : [{ path: `envelopeIds.${i}`, message: `Enveloppe « ${id} » introuvable.` }],
  );
  if (new Set(envelopeIds).size !== envelopeIds.length)
    errors.push({ path: 'envelopeIds', message: 'Une enveloppe est nommée deux fois.' });
  if (errors.length) throw ruleBroken(errors.map((e) => e.message).join(' '), errors);
};

/** A new scenario and what it stores first: from the plan, nothing (it follows the plan, whose
 *  allocations fit: a line holds what the plan shows, never more than the allocation holds); from
 *  another scenario, a copy of its stored lines on its envelopes (in its region), following the
 *  plan if that one does, every line checked as if written, in FINESS order; else nothing. */
export const createScenario = (
  plan: PlanState,
  id: string,
  input: ScenarioInput,
  ctx: WriteContext & { region?: string },
  lineId: () => string,
): { scenario: Scenario; lines: ScenarioLine[] } => {
  assertEnvelopes(plan, input.envelopeIds);
  const source = input.from === 'empty' || input.from === 'plan' ? undefined : plan.scenarios.get(input.from);
  if (input.from !== 'empty' && input.from !== 'plan' && (!source || (ctx.region && source.region !== ctx.region)))
    throw notFound('Scénario', input.from);
  const scenario: Scenario = {
    id,
    rev: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    owner: ctx.actor ?? '',
    ...(ctx.region ? { region: ctx.region } : {}),
    envelopeIds: [...input.envelopeIds],
    origin: source ? { scenarioId: source.id } : (input.from as 'empty' | 'plan'),
    ...(input.from === 'plan' || source?.followsPlan ? { followsPlan: true as const } : {}),
    basis: basisOf(plan, { envelopeIds: input.envelopeIds, region: ctx.region }, ctx.now),
  };
  if (!source) return { scenario, lines: [] };
  const lines = [...plan.index.linesOfScenario(source.id)]
    .filter((l) => replaces(plan, scenario, l))
    .map((l): ScenarioLine => ({
      id: lineId(),
      rev: '',
      createdAt: ctx.now,
      updatedAt: ctx.now,
      scenarioId: id,
      envelopeId: l.envelopeId,
      finess: l.finess,
      actionId: l.actionId,
      amounts: { ...l.amounts },
      ...(l.sourceAllocationId ? { sourceAllocationId: l.sourceAllocationId } : {}),
      // edited from that rev of the allocation: the copy is as stale as its source
      ...(l.sourceRev !== undefined ? { sourceRev: l.sourceRev } : {}),
    }));
  assertLinesFit(plan, scenario, linesOf(plan, scenario, lines).sort(byFiness));
  return { scenario, lines };
};

/** Lines and allocations in FINESS order (what promotion and copies walk in). */
export const byFiness = (a: { finess: string }, b: { finess: string }) =>
  a.finess < b.finess ? -1 : a.finess > b.finess ? 1 : 0;

/** Every line of a scenario fits its envelope, counted one after the other (the first that does
 *  not is refused, named by its beneficiary). */
export const assertLinesFit = (plan: PlanState, s: Scenario, lines: readonly ScenarioLine[]): void => {
  const mirrored = mirroredBy(plan, s, lines);
  for (const envelopeId of s.envelopeIds) {
    const ledger = new EnvelopeLedger(plan, s, plan.envelopes.get(envelopeId)!, [], mirrored);
    for (const l of lines) if (l.envelopeId === envelopeId) ledger.fit(l);
  }
};

export const updateScenario = (plan: PlanState, cur: Scenario, patch: ScenarioPatch, ctx: WriteContext): Scenario => {
  const { rebase, ...rest } = patch;
  const next: Scenario = { ...cur, ...rest, updatedAt: ctx.now };
  if (rest.description === '') delete next.description;
  if (rebase) next.basis = basisOf(plan, cur, ctx.now);
  return next;
};

/** On re-basing, a stored line whose allocation left the plan (or was rejected) stands for nothing
 *  there any more: a line becomes a new proposal (its sourceAllocationId goes), a withdrawal goes. */
export const rebasedLines = (plan: PlanState, s: Scenario): { put: ScenarioLine[]; remove: string[] } => {
  const out = { put: [] as ScenarioLine[], remove: [] as string[] };
  for (const l of plan.index.linesOfScenario(s.id)) {
    if (!l.sourceAllocationId) continue;
    const a = plan.allocations.get(l.sourceAllocationId);
    if (a && a.envelopeId === l.envelopeId && a.status !== 'rejected') {
      // the plan as it is becomes the basis: the rev it was edited from goes with the old one
      if (l.sourceRev !== undefined) out.put.push(withoutSourceRev(l));
      continue;
    }
    if (isWithdrawal(l)) out.remove.push(l.id);
    else {
      const { sourceAllocationId: _, ...rest } = withoutSourceRev(l);
      out.put.push(rest);
    }
  }
  return out;
};
