// Distribution rules: one amount split among the eligible beneficiaries of a scenario in one step,
// to the cent. Every division is floored and its remainder given one cent each to the
// beneficiaries that take part in it, in FINESS order, so the shares add up exactly to the total.
// `split*` are pure arithmetic; `eligibleFor` reads who may receive (filter, earmark, region).
import type { DistributionInput } from '../contract/scenarios.js';
import { beneficiaryOf, earmarkMiss, type Beneficiary } from './beneficiary.js';
import { fail, ruleBroken, type FieldError } from './errors.js';
import type { PlanState } from './plan.js';

export const REMAINDER_RULE =
  'Chaque division est arrondie au centime inférieur ; les centimes restants vont, un chacun, aux bénéficiaires qui prennent part à la division, dans l’ordre des FINESS (par région d’abord pour region_weights, puis entre régions).';

/** What a distribution rule is asked (the contract's, read by the web's form too). */
export type { DistributionInput } from '../contract/scenarios.js';

/** Who takes part, in FINESS order, with what a rule reads of them. */
export interface Candidate {
  finess: string;
  region: string;
  priority: boolean;
  /** Staff in full-time equivalents (SAE); undefined when unknown. */
  staff?: number;
}

export interface Split {
  /** Cents per candidate, in the candidates' order. */
  shares: number[];
  /** Remainder cents each one received. */
  remainders: number[];
  /** What could not be given (priority_first: nobody left to take the rest). */
  leftCents: number;
}

const refuse = (errors: FieldError[]): never => {
  throw ruleBroken(errors.map((e) => e.message).join(' '), errors);
};

/** `total` split in proportion to whole `weights` (≥ 0), floored, the remainder one cent each to
 *  the positive weights in order. BigInt: cents × weights pass 2^53 on a national envelope. */
export const splitByWeights = (
  total: number,
  weights: readonly number[],
): { shares: number[]; remainders: number[] } => {
  const w = weights.map((x) => BigInt(x));
  const sum = w.reduce((s, x) => s + x, 0n);
  const shares = w.map((x) => (sum === 0n ? 0 : Number((BigInt(total) * x) / sum)));
  const remainders = weights.map(() => 0);
  let left = total - shares.reduce((s, x) => s + x, 0);
  for (let i = 0; i < shares.length && left > 0 && sum > 0n; i++)
    if (w[i]! > 0n) {
      shares[i]!++;
      remainders[i] = 1;
      left--;
    }
  return { shares, remainders };
};

const nonNegative = (v: number | undefined, path: string, what: string): FieldError[] =>
  v !== undefined && v < 0 ? [{ path, message: `${what} : un montant négatif ne se répartit pas.` }] : [];

const required = (v: number | undefined, path: string, what: string): FieldError[] =>
  v === undefined ? [{ path, message: `${what} attendu pour cette règle.` }] : nonNegative(v, path, what);

/** Staff in hundredths of a full-time equivalent: a whole weight. */
const staffWeight = (c: Candidate) => Math.max(0, Math.round((c.staff ?? 0) * 100));

/** The rule's split over the candidates (FINESS order), or a 422 naming the parameter. */
export const splitFor = (input: DistributionInput, candidates: readonly Candidate[]): Split => {
  const n = candidates.length;
  const none = (): Split => ({ shares: candidates.map(() => 0), remainders: candidates.map(() => 0), leftCents: 0 });
  switch (input.rule) {
    case 'equal': {
      if (input.totalCents === undefined && input.perBeneficiaryCents === undefined)
        refuse([{ path: 'totalCents', message: 'Montant total ou montant par bénéficiaire attendu.' }]);
      if (input.totalCents !== undefined && input.perBeneficiaryCents !== undefined)
        refuse([
          { path: 'perBeneficiaryCents', message: 'Un montant total ou un montant par bénéficiaire, pas les deux.' },
        ]);
      fail([
        ...nonNegative(input.totalCents, 'totalCents', 'Montant total'),
        ...nonNegative(input.perBeneficiaryCents, 'perBeneficiaryCents', 'Montant par bénéficiaire'),
      ]);
      if (input.perBeneficiaryCents !== undefined)
        return { ...none(), shares: candidates.map(() => input.perBeneficiaryCents!) };
      return {
        ...splitByWeights(
          input.totalCents!,
          candidates.map(() => 1),
        ),
        leftCents: 0,
      };
    }
    case 'fixed_plus_staff': {
      fail([
        ...required(input.totalCents, 'totalCents', 'Montant total'),
        ...required(input.fixedCents, 'fixedCents', 'Part fixe'),
      ]);
      const fixed = input.fixedCents!,
        variable = input.totalCents! - fixed * n;
      if (variable < 0)
        refuse([
          {
            path: 'fixedCents',
            message: `La part fixe de ${n} bénéficiaires dépasse le montant total de ${-variable} centimes.`,
          },
        ]);
      const weights = candidates.map(staffWeight);
      if (variable > 0 && weights.every((w) => w === 0))
        refuse([
          {
            path: 'eligibility',
            message: 'Aucun bénéficiaire éligible n’a d’effectif connu : la part variable ne se répartit pas.',
          },
        ]);
      const v = splitByWeights(variable, weights);
      return { shares: v.shares.map((s) => s + fixed), remainders: v.remainders, leftCents: 0 };
    }
    case 'size_bands': {
      const bands = input.bands ?? [];
      if (!bands.length) refuse([{ path: 'bands', message: 'Au moins une tranche d’effectif attendue.' }]);
      fail(
        bands.flatMap((b, i) => [
          ...nonNegative(b.amountCents, `bands.${i}.amountCents`, 'Montant de la tranche'),
          ...(b.minStaff < 0 ? [{ path: `bands.${i}.minStaff`, message: 'Effectif minimal négatif.' }] : []),
        ]),
      );
      const sorted = [...bands].sort((a, b) => a.minStaff - b.minStaff);
      if (new Set(sorted.map((b) => b.minStaff)).size !== sorted.length)
        refuse([{ path: 'bands', message: 'Deux tranches commencent au même effectif.' }]);
      const bandOf = (c: Candidate) => {
        let band = sorted[0]!;
        for (const b of sorted) if (c.staff !== undefined && c.staff >= b.minStaff) band = b;
        return band;
      };
      return { ...none(), shares: candidates.map((c) => bandOf(c).amountCents) };
    }
    case 'priority_first': {
      fail([
        ...required(input.totalCents, 'totalCents', 'Montant total'),
        ...required(input.perBeneficiaryCents, 'perBeneficiaryCents', 'Montant par établissement prioritaire'),
      ]);
      const total = input.totalCents!,
        per = input.perBeneficiaryCents!;
      const first = candidates.map((c) => (c.priority ? 1 : 0));
      const nFirst = first.reduce<number>((s, x) => s + x, 0);
      if (total <= nFirst * per) return { ...splitByWeights(total, first), leftCents: 0 };
      const rest = total - nFirst * per;
      const others = first.map((x) => 1 - x);
      if (nFirst === n) return { ...none(), shares: first.map(() => per), leftCents: rest };
      const r = splitByWeights(rest, others);
      return { shares: r.shares.map((s, i) => s + first[i]! * per), remainders: r.remainders, leftCents: 0 };
    }
    case 'region_weights': {
      fail(required(input.totalCents, 'totalCents', 'Montant total'));
      const weights = input.weights ?? {};
      fail(
        Object.entries(weights).flatMap(([r, w]) =>
          w < 0 || !Number.isInteger(w)
            ? [{ path: `weights.${r}`, message: `Poids de la région ${r} : un entier positif ou nul.` }]
            : [],
        ),
      );
      const byRegion = new Map<string, number[]>();
      candidates.forEach((c, i) => (byRegion.get(c.region) ?? byRegion.set(c.region, []).get(c.region)!).push(i));
      fail(
        Object.entries(weights).flatMap(([r, w]) =>
          w > 0 && !byRegion.has(r)
            ? [{ path: `weights.${r}`, message: `La région ${r} a un poids mais aucun bénéficiaire éligible.` }]
            : [],
        ),
      );
      const regions = [...byRegion.keys()].filter((r) => (weights[r] ?? 0) > 0).sort();
      if (!regions.length) refuse([{ path: 'weights', message: 'Aucune région éligible n’a de poids positif.' }]);
      const out = none();
      // the regions' parts, floored: what they leave goes one cent each to beneficiaries in FINESS order
      const parts = regions.map((r) => {
        const w = BigInt(weights[r]!);
        const sum = regions.reduce((s, x) => s + BigInt(weights[x]!), 0n);
        return Number((BigInt(input.totalCents!) * w) / sum);
      });
      regions.forEach((r, k) => {
        const members = byRegion.get(r)!;
        const inside = splitByWeights(
          parts[k]!,
          members.map(() => 1),
        );
        members.forEach((i, j) => {
          out.shares[i] = inside.shares[j]!;
          out.remainders[i] = inside.remainders[j]!;
        });
      });
      let left = input.totalCents! - parts.reduce((s, x) => s + x, 0);
      for (let i = 0; i < n && left > 0; i++)
        if ((weights[candidates[i]!.region] ?? 0) > 0) {
          out.shares[i]!++;
          out.remainders[i]!++;
          left--;
        }
      return out;
    }
  }
};

/** Who a rule may fund, in FINESS order: the filter (categories, regions, priority, kind of
 *  beneficiary), the scenario's region, and the envelope's earmark. */
export const eligibleFor = (
  plan: PlanState,
  input: Pick<DistributionInput, 'envelopeId' | 'eligibility'>,
  region?: string,
): Beneficiary[] => {
  const f = input.eligibility ?? {};
  const who = f.beneficiaries ?? 'establishments';
  const earmark = plan.envelopes.get(input.envelopeId)?.earmark;
  const keys = [
    ...(who !== 'pooled' ? plan.establishments.keys() : []),
    ...(who !== 'establishments' ? plan.pooled.keys() : []),
  ];
  const out: Beneficiary[] = [];
  for (const k of keys) {
    const b = beneficiaryOf(plan, k)!;
    if (region && b.region !== region) continue;
    if (f.regions?.length && !f.regions.includes(b.region)) continue;
    if (f.categories?.length && (!b.category || !f.categories.includes(b.category))) continue;
    if (f.priority !== undefined && b.priority !== f.priority) continue;
    if (earmarkMiss(earmark, b)) continue;
    out.push(b);
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};

export const candidateOf = (b: Beneficiary): Candidate => ({
  finess: b.key,
  region: b.region,
  priority: b.priority,
  ...(b.kind === 'establishment' && (b.record as { staff?: number }).staff !== undefined
    ? { staff: (b.record as { staff?: number }).staff }
    : {}),
});
