// The plan and up to three scenarios side by side, on the envelopes the scenarios cover: each
// scenario column is the plan as it would stand once that scenario is promoted (its lines instead
// of the allocations it replaces, the others as they are, approved allocations with payments kept
// at what was paid). Totals per envelope, year, region, category, axis and GHT; beneficiaries that
// gain or lose; each milestone's target population funded on its action; what remains.
import { shownAmounts } from '../../shared/amounts.js';
import { CATEGORY_LABELS } from '../../shared/labels.js';
import { PLAN_YEARS } from '../../shared/years.js';
import type { Allocation, YearAmounts } from '../contract/plan.js';
import type {
  CompareBeneficiary,
  CompareColumn,
  CompareCoverage,
  CompareRow,
  Comparison,
  Scenario,
  ScenarioLine,
} from '../contract/scenarios.js';
import { beneficiaryOf, groupOf, NO_GHT, POOLED_GROUP, regionOf } from './beneficiary.js';
import { regionName } from './delegations.js';
import { amountOf } from './money.js';
import { paidCentsOf, type PlanState } from './plan.js';
import { paidFloor, staleness } from './scenarios.js';

export const MAX_COMPARED = 3;
export const MEASURE =
  'Montants prévus : une allocation rejetée ne compte pas, un avenant en attente compte pour ses nouveaux montants ; une colonne de scénario est le plan tel qu’il serait une fois le scénario promu.';

interface Who {
  region: string;
  category: string;
  ght: string;
}

/** One column's sums. */
class Column {
  total = 0;
  readonly byEnvelope = new Map<string, number>();
  readonly byYear = PLAN_YEARS.map(() => 0);
  readonly byRegion = new Map<string, number>();
  readonly byCategory = new Map<string, number>();
  readonly byAxis = new Map<string, number>();
  readonly byGht = new Map<string, number>();
  readonly byBeneficiary = new Map<string, number>();
  /** Per action a milestone targets: the beneficiaries it funds. */
  readonly funded = new Map<string, Set<string>>();
}

const bump = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

export interface CompareOptions {
  /** A regional comparison counts that region's beneficiaries only. */
  region?: string;
  /** Beneficiaries listed (the largest changes). */
  limit?: number;
}

export const compare = (plan: PlanState, scenarios: readonly Scenario[], opts: CompareOptions = {}): Comparison => {
  const envelopeIds = [...new Set(scenarios.flatMap((s) => s.envelopeIds))]
    .filter((id) => plan.envelopes.has(id))
    .sort((a, b) => plan.envelopes.get(a)!.code.localeCompare(plan.envelopes.get(b)!.code, 'fr'));
  const targets = new Set([...plan.milestones.values()].flatMap((m) => (m.target ? [m.target.actionId] : [])));
  const who = new Map<string, Who | null>();
  const whoOf = (finess: string): Who | null => {
    let w = who.get(finess);
    if (w !== undefined) return w;
    const b = beneficiaryOf(plan, finess);
    w = b ? { region: b.region, category: b.category ?? 'pooled', ght: groupOf(plan, finess) } : null;
    if (w && opts.region && w.region !== opts.region) w = null;
    who.set(finess, w);
    return w;
  };
  const axisOf = (actionId: string) => String(plan.actions.get(actionId)?.axis ?? '');
  const columns = [new Column(), ...scenarios.map(() => new Column())];
  const add = (col: Column, l: { finess: string; envelopeId: string; actionId: string }, amounts: YearAmounts) => {
    const w = whoOf(l.finess);
    if (!w) return;
    let sum = 0;
    PLAN_YEARS.forEach((y, i) => {
      const v = amountOf(amounts, y);
      col.byYear[i]! += v;
      sum += v;
    });
    if (sum === 0) return;
    col.total += sum;
    bump(col.byEnvelope, l.envelopeId, sum);
    bump(col.byRegion, w.region, sum);
    bump(col.byCategory, w.category, sum);
    bump(col.byAxis, axisOf(l.actionId), sum);
    bump(col.byGht, w.ght, sum);
    bump(col.byBeneficiary, l.finess, sum);
    if (targets.has(l.actionId))
      (col.funded.get(l.actionId) ?? col.funded.set(l.actionId, new Set()).get(l.actionId)!).add(l.finess);
  };
  // what each scenario replaces, and which of those its lines mirror
  const lines = scenarios.map((s) => [...plan.index.linesOfScenario(s.id)]);
  const mirrored = lines.map((ls) => new Set(ls.flatMap((l) => (l.sourceAllocationId ? [l.sourceAllocationId] : []))));
  const replaces = (s: Scenario, a: Allocation) =>
    s.envelopeIds.includes(a.envelopeId) && (!s.region || regionOf(plan, a.finess) === s.region);
  for (const envelopeId of envelopeIds)
    for (const a of plan.index.allocationsByEnvelope(envelopeId)) {
      if (a.status === 'rejected') continue;
      const amounts = shownAmounts(a);
      add(columns[0]!, a, amounts);
      scenarios.forEach((s, k) => {
        if (!replaces(s, a)) return add(columns[k + 1]!, a, amounts);
        if (a.status !== 'approved' || mirrored[k]!.has(a.id)) return;
        const paid = paidCentsOf(plan, a.id);
        if (paid > 0) add(columns[k + 1]!, a, paidFloor(a, paid));
      });
    }
  lines.forEach((ls, k) => {
    for (const l of ls as ScenarioLine[]) if (envelopeIds.includes(l.envelopeId)) add(columns[k + 1]!, l, l.amounts);
  });
  // coverage counts funding on any envelope: outside the compared ones, every column has the plan's
  const outside = new Map<string, Set<string>>();
  for (const a of plan.allocations.values()) {
    if (a.status === 'rejected' || !targets.has(a.actionId) || envelopeIds.includes(a.envelopeId)) continue;
    if (!whoOf(a.finess)) continue;
    const total = PLAN_YEARS.reduce((t, y) => t + amountOf(shownAmounts(a), y), 0);
    if (total > 0) (outside.get(a.actionId) ?? outside.set(a.actionId, new Set()).get(a.actionId)!).add(a.finess);
  }
  const rows = (
    pick: (c: Column) => Map<string, number>,
    label: (k: string) => string,
    keys?: string[],
  ): CompareRow[] => {
    const all = keys ?? [...new Set(columns.flatMap((c) => [...pick(c).keys()]))];
    return all
      .map((key) => ({ key, label: label(key), cents: columns.map((c) => pick(c).get(key) ?? 0) }))
      .sort((a, b) => (keys ? 0 : a.label.localeCompare(b.label, 'fr')));
  };
  const ghtName = new Map([...plan.ghts.values()].map((g) => [g.code, g.name]));
  const cols: CompareColumn[] = [
    { key: 'plan', label: 'Plan actuel' },
    ...scenarios.map((s) => ({ key: s.id, label: s.name, stale: staleness(plan, s).map((e) => e.message) })),
  ];
  const beneficiaries: CompareBeneficiary[] = [];
  const movers = scenarios.map(() => ({ gainers: 0, gainedCents: 0, losers: 0, lostCents: 0 }));
  const keys = new Set(columns.flatMap((c) => [...c.byBeneficiary.keys()]));
  for (const finess of keys) {
    const planCents = columns[0]!.byBeneficiary.get(finess) ?? 0;
    const cents = columns.slice(1).map((c) => c.byBeneficiary.get(finess) ?? 0);
    const deltaCents = cents.map((v) => v - planCents);
    if (deltaCents.every((d) => d === 0)) continue;
    deltaCents.forEach((d, k) => {
      const mv = movers[k]!;
      if (d > 0) {
        mv.gainers++;
        mv.gainedCents += d;
      } else if (d < 0) {
        mv.losers++;
        mv.lostCents -= d;
      }
    });
    const b = beneficiaryOf(plan, finess)!;
    beneficiaries.push({ finess, name: b.name, region: b.region, planCents, cents, deltaCents });
  }
  const biggest = (b: CompareBeneficiary) => Math.max(...b.deltaCents.map(Math.abs));
  beneficiaries.sort((a, b) => biggest(b) - biggest(a) || (a.finess < b.finess ? -1 : 1));
  const limit = opts.limit ?? 100;
  const coverage: CompareCoverage[] = [...plan.milestones.values()]
    .filter((m) => m.target)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((m) => {
      const t = m.target!;
      const population = [...plan.establishments.values()].filter(
        (e) => (t.population === 'all' || e.priority) && (!opts.region || e.region === opts.region),
      );
      const funded = columns.map((c) => {
        const inside = c.funded.get(t.actionId),
          out = outside.get(t.actionId);
        return population.filter((e) => inside?.has(e.finess) || out?.has(e.finess)).length;
      });
      return {
        milestoneId: m.id,
        title: m.title,
        actionId: t.actionId,
        population: t.population,
        targetShare: t.share,
        populationCount: population.length,
        funded,
        share: funded.map((f) => (population.length ? f / population.length : 0)),
      };
    });
  return {
    envelopeIds,
    ...(opts.region ? { region: opts.region } : {}),
    measure: MEASURE,
    columns: cols,
    totalCents: columns.map((c) => c.total),
    byEnvelope: envelopeIds.map((id) => {
      const env = plan.envelopes.get(id)!;
      const cents = columns.map((c) => c.byEnvelope.get(id) ?? 0);
      return {
        key: id,
        label: `${env.code} — ${env.name}`,
        cents,
        totalCents: env.totalCents,
        remainingCents: remaining(plan, id, cents, opts.region, columns),
      };
    }),
    byYear: PLAN_YEARS.map((y, i) => ({ key: y, label: y, cents: columns.map((c) => c.byYear[i]!) })),
    byRegion: rows(
      (c) => c.byRegion,
      (k) => regionName(plan, k),
    ),
    byCategory: rows(
      (c) => c.byCategory,
      (k) => CATEGORY_LABELS[k as keyof typeof CATEGORY_LABELS] ?? 'Ressources mutualisées',
    ),
    byAxis: rows(
      (c) => c.byAxis,
      (k) => `Axe ${k}`,
    ),
    byGht: rows(
      (c) => c.byGht,
      (k) => (k === NO_GHT ? 'Hors GHT' : k === POOLED_GROUP ? 'Ressources mutualisées' : (ghtName.get(k) ?? k)),
    ),
    movers,
    beneficiaries: { total: beneficiaries.length, limit, items: beneficiaries.slice(0, limit) },
    coverage,
  };
};

/** What would remain on the envelope in each column: its total less every region's amounts (a
 *  regional comparison counts the other regions as the plan has them). */
const remaining = (
  plan: PlanState,
  envelopeId: string,
  cents: number[],
  region: string | undefined,
  columns: readonly Column[],
): number[] => {
  const env = plan.envelopes.get(envelopeId)!;
  if (!region) return cents.map((v) => env.totalCents - v);
  let elsewhere = 0;
  for (const a of plan.index.allocationsByEnvelope(envelopeId))
    if (a.status !== 'rejected' && regionOf(plan, a.finess) !== region)
      elsewhere += PLAN_YEARS.reduce((t, y) => t + amountOf(shownAmounts(a), y), 0);
  return columns.map((_, i) => env.totalCents - elsewhere - cents[i]!);
};
