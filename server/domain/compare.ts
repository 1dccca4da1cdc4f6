// The plan and up to three scenarios side by side, on the envelopes the scenarios cover: each
// scenario column is the plan as it would stand once that scenario is promoted (its lines instead
// of the allocations it replaces, the others as they are, approved allocations with payments kept
// at what was paid). Totals per envelope, year, region, category, axis and GHT; beneficiaries that
// gain or lose; each milestone's target population funded on its action; what remains.
import { shownAmounts } from '../../shared/amounts.js';
import { CATEGORY_LABELS } from '../../shared/labels.js';
import { PLAN_YEARS } from '../../shared/years.js';
import type { Establishment, YearAmounts } from '../contract/plan.js';
import type {
  CompareBeneficiary,
  CompareColumn,
  CompareCoverage,
  CompareRow,
  Comparison,
  Scenario,
} from '../contract/scenarios.js';
import { beneficiaryOf, groupOf, NO_GHT, POOLED_GROUP, regionOf } from './beneficiary.js';
import { regionName } from './delegations.js';
import { amountOf, sumAmounts } from './money.js';
import { paidCentsOf, type PlanState } from './plan.js';
import {
  isWithdrawal,
  linesOf,
  mirroredBy,
  paidFloor,
  replacedBy,
  replaces,
  staleness,
  touchedBy,
} from './scenarios.js';

export const MAX_COMPARED = 3;
export const MEASURE =
  'Montants prévus : une allocation rejetée ne compte pas, un avenant en attente compte pour ses nouveaux montants ; une colonne de scénario est le plan tel qu’il serait une fois le scénario promu.';

/** A beneficiary counted: where it falls, and its place in the columns' arrays. */
interface Who {
  finess: string;
  region: string;
  category: string;
  ght: string;
  at: number;
}

/** One column's sums. Per beneficiary an array by its place (undefined: never counted), so an
 *  amount added costs no lookup by FINESS beyond the one that finds the beneficiary; the sums by
 *  region, category, GHT and axis follow from those by beneficiary and by action (rollUp). */
class Column {
  total = 0;
  byEnvelope = new Map<string, number>();
  byYear = PLAN_YEARS.map(() => 0);
  byAction = new Map<string, number>();
  byBeneficiary: Array<number | undefined> = [];
  /** The beneficiaries' places in the order each was first counted. */
  counted: Who[] = [];
  byRegion = new Map<string, number>();
  byCategory = new Map<string, number>();
  byAxis = new Map<string, number>();
  byGht = new Map<string, number>();
  /** Per action a milestone targets: per beneficiary's place, how many of its amounts fund it. */
  funded = new Map<string, number[]>();

  /** The same sums, apart (a scenario's column starts as the plan's). */
  copy(): Column {
    const c = new Column();
    c.total = this.total;
    c.byYear = [...this.byYear];
    c.byEnvelope = new Map(this.byEnvelope);
    c.byAction = new Map(this.byAction);
    c.byBeneficiary = this.byBeneficiary.slice();
    c.counted = this.counted.slice();
    c.funded = new Map([...this.funded].map(([k, v]) => [k, v.slice()]));
    return c;
  }

  count(w: Who, actionId: string, sum: number, fundedBy: number | null): void {
    const was = this.byBeneficiary[w.at];
    if (was === undefined) this.counted.push(w);
    this.byBeneficiary[w.at] = (was ?? 0) + sum;
    if (fundedBy === null) return;
    const f = this.funded.get(actionId) ?? this.funded.set(actionId, []).get(actionId)!;
    f[w.at] = (f[w.at] ?? 0) + fundedBy;
  }

  cents(w: Who | null | undefined): number {
    return (w && this.byBeneficiary[w.at]) ?? 0;
  }

  funds(actionId: string, w: Who | null | undefined): boolean {
    return !!w && (this.funded.get(actionId)?.[w.at] ?? 0) > 0;
  }

  /** The sums by region, category, GHT and axis, their keys in the order of their first amount
   *  (that of the beneficiaries' and actions' first amounts), as if each amount had gone to them. */
  rollUp(axisOf: (actionId: string) => string): void {
    for (const w of this.counted) {
      const v = this.byBeneficiary[w.at]!;
      bump(this.byRegion, w.region, v);
      bump(this.byCategory, w.category, v);
      bump(this.byGht, w.ght, v);
    }
    for (const [actionId, v] of this.byAction) bump(this.byAxis, axisOf(actionId), v);
  }
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
  const compared = new Set(envelopeIds);
  const targets = new Set([...plan.milestones.values()].flatMap((m) => (m.target ? [m.target.actionId] : [])));
  const who = new Map<string, Who | null>();
  const whoOf = (finess: string): Who | null => {
    let w = who.get(finess);
    if (w !== undefined) return w;
    const b = beneficiaryOf(plan, finess);
    w = b
      ? { finess, region: b.region, category: b.category ?? 'pooled', ght: groupOf(plan, finess), at: who.size }
      : null;
    if (w && opts.region && w.region !== opts.region) w = null;
    who.set(finess, w);
    return w;
  };
  const axisOf = (actionId: string) => String(plan.actions.get(actionId)?.axis ?? '');
  /** Adds (sign 1) or takes away (-1) one allocation's or line's amounts. */
  const add = (
    col: Column,
    l: { finess: string; envelopeId: string; actionId: string },
    amounts: YearAmounts,
    sign: 1 | -1 = 1,
  ) => {
    const w = whoOf(l.finess);
    if (!w) return;
    let sum = 0;
    for (let i = 0; i < PLAN_YEARS.length; i++) {
      const v = sign * amountOf(amounts, PLAN_YEARS[i]!);
      col.byYear[i]! += v;
      sum += v;
    }
    if (sum === 0) return;
    col.total += sum;
    bump(col.byEnvelope, l.envelopeId, sum);
    bump(col.byAction, l.actionId, sum);
    col.count(w, l.actionId, sum, targets.has(l.actionId) ? sign : null);
  };
  const planColumn = new Column();
  for (const envelopeId of envelopeIds)
    for (const a of plan.index.allocationsByEnvelope(envelopeId))
      if (a.status !== 'rejected') add(planColumn, a, shownAmounts(a));
  // a scenario's column: the plan's, less the allocations whose lines it has (a scenario that
  // follows the plan: those it touched; any other: all it replaces), plus its lines and the paid
  // floor of an approved allocation no line stands for (standsFor: by name, or by its envelope,
  // beneficiary and action), as the promotion would leave it
  const columns = [
    planColumn,
    ...scenarios.map((s) => {
      const col = planColumn.copy();
      const stored = [...plan.index.linesOfScenario(s.id)].filter((l) => compared.has(l.envelopeId));
      const lines = stored.filter((l) => !isWithdrawal(l));
      // read for an approved allocation taken out only (its paid floor): a comparison that takes
      // out proposals alone never reads the ~35,000 lines of a scenario following the plan
      let mirrored: Set<string> | undefined;
      const isMirrored = (id: string) => (mirrored ??= mirroredBy(plan, s, linesOf(plan, s))).has(id);
      const touched = touchedBy(stored);
      const out = s.followsPlan
        ? [...touched].flatMap((id) => {
            const a = plan.allocations.get(id);
            return a && replaces(plan, s, a) ? [a] : [];
          })
        : replacedBy(plan, s);
      for (const a of out) {
        if (a.status === 'rejected' || !compared.has(a.envelopeId)) continue;
        add(col, a, shownAmounts(a), -1);
        const paid = a.status === 'approved' && !isMirrored(a.id) ? paidCentsOf(plan, a.id) : 0;
        if (paid > 0) add(col, a, paidFloor(a, paid));
      }
      for (const l of lines) add(col, l, l.amounts);
      return col;
    }),
  ];
  for (const c of columns) c.rollUp(axisOf);
  // coverage counts funding on any envelope: outside the compared ones, every column has the plan's
  const outside = new Map<string, Set<string>>();
  for (const env of plan.envelopes.values()) {
    if (compared.has(env.id)) continue;
    for (const a of plan.index.allocationsByEnvelope(env.id)) {
      if (a.status === 'rejected' || !targets.has(a.actionId) || !whoOf(a.finess)) continue;
      if (sumAmounts(shownAmounts(a)) > 0)
        (outside.get(a.actionId) ?? outside.set(a.actionId, new Set()).get(a.actionId)!).add(a.finess);
    }
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
  // every beneficiary some column counted (the order does not matter: the sort below is total)
  const keys = new Set(columns.flatMap((c) => c.counted));
  for (const w of keys) {
    const finess = w.finess;
    const planCents = columns[0]!.cents(w);
    const cents = columns.slice(1).map((c) => c.cents(w));
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
  // the largest change first, computed once per beneficiary rather than at each comparison
  const biggest = new Map(beneficiaries.map((b) => [b, Math.max(...b.deltaCents.map(Math.abs))]));
  beneficiaries.sort((a, b) => biggest.get(b)! - biggest.get(a)! || (a.finess < b.finess ? -1 : 1));
  const limit = opts.limit ?? 100;
  // a milestone's population: every establishment or the priority ones, read once for each
  const populations = new Map<string, Establishment[]>();
  const populationOf = (kind: string): Establishment[] => {
    const known = populations.get(kind);
    if (known) return known;
    const p = [...plan.establishments.values()].filter(
      (e) => (kind === 'all' || e.priority) && (!opts.region || e.region === opts.region),
    );
    populations.set(kind, p);
    return p;
  };
  const coverage: CompareCoverage[] = [...plan.milestones.values()]
    .filter((m) => m.target)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((m) => {
      const t = m.target!;
      const population = populationOf(t.population);
      const out = outside.get(t.actionId);
      const funded = columns.map((c) => {
        return population.filter((e) => c.funds(t.actionId, who.get(e.finess)) || out?.has(e.finess)).length;
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
