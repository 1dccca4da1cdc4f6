// A distribution rule applied to a scenario: each eligible beneficiary's share becomes its line's
// amount for the year (its line for that envelope and action, else a new one); a share of 0 leaves
// the beneficiary as it is. Every written line meets the scenario's rules, the envelope, its year,
// the delegations and the reserve counted with the lines before it: the first refusal refuses the
// whole rule, named on the parameter that sets the amounts.
import type { DistributionResult, Scenario, ScenarioLine } from '../contract/scenarios.js';
import { openAction } from './allocations.js';
import type { WriteContext } from './context.js';
import { candidateOf, eligibleFor, REMAINDER_RULE, splitFor, type DistributionInput } from './distribute.js';
import { DomainError, ruleBroken } from './errors.js';
import { formatEuros } from './money.js';
import { paidCentsOf, type PlanState } from './plan.js';
import { EnvelopeLedger, linesOf, standsFor } from './scenarios.js';

/** The parameter a refusal of the amounts is put on. */
const amountParam = (input: DistributionInput): string =>
  input.rule === 'size_bands'
    ? 'bands'
    : input.rule === 'equal' && input.perBeneficiaryCents !== undefined
      ? 'perBeneficiaryCents'
      : 'totalCents';

export interface Distributed {
  result: Omit<DistributionResult, 'shares'> & {
    items: Array<{ finess: string; name: string; region: string; shareCents: number; remainderCents: number }>;
  };
  /** Lines to write (new or changed), in FINESS order. */
  lines: ScenarioLine[];
}

export const applyDistribution = (
  plan: PlanState,
  s: Scenario,
  input: DistributionInput,
  ctx: WriteContext,
  lineId: () => string,
): Distributed => {
  const env = plan.envelopes.get(input.envelopeId);
  if (!env || !s.envelopeIds.includes(env.id))
    throw ruleBroken(`L'enveloppe « ${input.envelopeId} » n'est pas dans ce scénario.`, [
      { path: 'envelopeId', message: 'Enveloppe hors du scénario.' },
    ]);
  const action = plan.actions.get(input.actionId);
  if (!action)
    throw ruleBroken(`Action « ${input.actionId} » introuvable.`, [
      { path: 'actionId', message: 'Action introuvable.' },
    ]);
  openAction(plan, action.id);
  if (env.earmark?.actionIds?.length && !env.earmark.actionIds.includes(action.id))
    throw ruleBroken(`L'enveloppe ${env.code} ne finance pas l'action ${action.code}.`, [
      { path: 'actionId', message: `L'enveloppe ${env.code} ne finance pas l'action ${action.code}.` },
    ]);
  const eligible = eligibleFor(plan, input, s.region);
  if (!eligible.length)
    throw ruleBroken(
      'Aucun bénéficiaire éligible : ni le filtre, ni le fléchage de l’enveloppe ne laissent personne.',
      [{ path: 'eligibility', message: 'Aucun bénéficiaire éligible.' }],
    );
  const split = splitFor(input, eligible.map(candidateOf));
  const existing = linesOf(plan, s);
  const key = (finess: string) => `${finess}|${input.envelopeId}|${input.actionId}`;
  const byKey = new Map<string, ScenarioLine[]>();
  for (const l of existing) {
    const k = key(l.finess);
    if (l.envelopeId === input.envelopeId && l.actionId === input.actionId)
      (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(l);
  }
  const lines: ScenarioLine[] = [];
  eligible.forEach((b, i) => {
    const share = split.shares[i]!;
    if (share === 0) return;
    const mine = byKey.get(key(b.key)) ?? [];
    // its line holding that year, else its first line for this action, else a new one
    const cur = mine.find((l) => (l.amounts[input.year] ?? 0) > 0) ?? mine[0];
    lines.push(
      cur
        ? { ...cur, amounts: { ...cur.amounts, [input.year]: share }, updatedAt: ctx.now }
        : {
            id: lineId(),
            rev: '',
            createdAt: ctx.now,
            updatedAt: ctx.now,
            scenarioId: s.id,
            envelopeId: env.id,
            finess: b.key,
            actionId: action.id,
            amounts: { [input.year]: share },
          },
    );
  });
  const changed = new Set(lines.map((l) => l.id));
  const kept = existing.filter((l) => !changed.has(l.id));
  // a new line on a plan allocation's envelope, beneficiary and action stands for it, as a copied one
  const stands = standsFor(plan, s, [...kept, ...lines]);
  const ledger = new EnvelopeLedger(plan, s, env, kept, new Set(stands.values()));
  const path = amountParam(input);
  for (const l of lines) {
    try {
      const source = stands.get(l.id);
      if (source) {
        const paid = paidCentsOf(plan, source);
        const total = Object.values(l.amounts).reduce((t, v) => t + (v ?? 0), 0);
        if (total < paid)
          throw ruleBroken(
            `L'allocation ${source} a déjà ${formatEuros(paid)} de versements : sa ligne ne peut descendre en dessous.`,
          );
      }
      ledger.fit(l);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const who = eligible.find((b) => b.key === l.finess)!;
      const detail = `Répartition impossible, rien n'est écrit : ${who.name} (${l.finess}) — ${err.detail ?? err.title}`;
      throw ruleBroken(detail, [{ path, message: detail }]);
    }
  }
  const total = split.shares.reduce((t, x) => t + x, 0);
  return {
    result: {
      rule: input.rule,
      envelopeId: env.id,
      actionId: action.id,
      year: input.year,
      count: eligible.length,
      totalCents: total,
      leftCents: split.leftCents,
      remainderRule: REMAINDER_RULE,
      remainderCents: split.remainders.reduce((t, x) => t + x, 0),
      items: eligible.map((b, i) => ({
        finess: b.key,
        name: b.name,
        region: b.region,
        shareCents: split.shares[i]!,
        remainderCents: split.remainders[i]!,
      })),
    },
    lines,
  };
};
