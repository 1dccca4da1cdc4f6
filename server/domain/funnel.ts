// A window's funnel: eligible → applied → granted → declared → ARS checked → ANS checked → paid,
// in counts and euros, by region and by applicant category, with the share of the envelope the
// caps cover and the grants take (the figures the D1 window was reported with: 1,207
// applications, 84 % of the eligible, caps covering 98.8 % of the envelope).
import type { Funnel, FunnelCounts, FunnelRow, FunnelStage } from '../contract/funnel.js';
import type { Category } from '../contract/plan.js';
import type { Application, FundingWindow, ObjectiveState } from '../contract/windows.js';
import { applicantOf, eligibilityOf, type Applicant } from './caps.js';
import { CATEGORY_LABELS } from '../../shared/labels.js';
import { objectiveState } from './objectives.js';
import { paidCentsOf, type PlanState } from './plan.js';

export const FUNNEL_STAGES: ReadonlyArray<{ stage: FunnelStage; label: string }> = [
  { stage: 'eligible', label: 'Éligibles' },
  { stage: 'applied', label: 'Candidats' },
  { stage: 'granted', label: 'Retenus' },
  { stage: 'declared', label: 'Objectifs déclarés' },
  { stage: 'arsChecked', label: 'Conformes ARS' },
  { stage: 'ansChecked', label: 'Conformes ANS' },
  { stage: 'paid', label: 'Versés' },
];

/** The published D1 split: a GHT's application apart, then the establishments by category. */
export type FunnelCategory = 'ght' | Category;
const CATEGORY_ROWS: ReadonlyArray<{ key: FunnelCategory; label: string }> = [
  { key: 'ght', label: 'GHT' },
  { key: 'public', label: 'Public hors GHT' },
  { key: 'private_nonprofit', label: CATEGORY_LABELS.private_nonprofit },
  { key: 'private_forprofit', label: CATEGORY_LABELS.private_forprofit },
];

/** One who could apply: an establishment, or a GHT for its members (« un dossier par GHT »). */
interface Unit {
  region: string;
  category: FunnelCategory;
  covers: readonly string[];
  capCents: number;
}

/** An application's applicant as the funnel counts it, and the progress of its objectives. */
interface Progress {
  region: string;
  category: FunnelCategory;
  covers: readonly string[];
  app: Application;
}

/** Everyone who could apply to the window, by the applications' own rules (caps.ts): each GHT
 *  eligible with a cap row for GHTs (its members then count once, through it), and every other
 *  establishment eligible on its own with a cap row. */
export const eligibleUnits = (plan: PlanState, w: FundingWindow): Unit[] => {
  const units: Unit[] = [];
  const covered = new Set<string>();
  for (const g of plan.ghts.values()) {
    if (!plan.establishments.has(g.supportFiness) || !first(plan.index.membersOf(g.code))) continue;
    const a = applicantOf(plan, g.supportFiness, g.code);
    const { eligible, cap } = eligibilityOf(plan, w, a);
    if (!eligible || !cap) continue;
    units.push({ region: a.region, category: 'ght', covers: a.counted, capCents: cap.capCents });
    for (const f of a.counted) covered.add(f);
  }
  for (const e of plan.establishments.values()) {
    if (covered.has(e.finess)) continue;
    // each establishment for itself (a legal entity's sites each once, not again through it)
    const a: Applicant = {
      kind: 'establishment',
      finess: e.finess,
      name: e.name,
      region: e.region,
      category: e.category,
      priority: e.priority,
      staff: e.staff ?? 0,
      counted: [e.finess],
    };
    const { eligible, cap } = eligibilityOf(plan, w, a);
    if (eligible && cap)
      units.push({ region: e.region, category: e.category, covers: [e.finess], capCents: cap.capCents });
  }
  return units;
};

const first = <T>(xs: Iterable<T>): T | undefined => {
  for (const x of xs) return x;
  return undefined;
};

/** The establishments an application covers, and the category it counts under. */
const coverOf = (plan: PlanState, a: Application): { covers: string[]; category: FunnelCategory } => {
  if (a.ghtCode) return { covers: [...plan.index.membersOf(a.ghtCode)].map((m) => m.finess), category: 'ght' };
  const own = plan.establishments.get(a.finess);
  if (own) return { covers: [own.finess], category: own.category };
  // a legal entity applying for its sites: their category (the first site's)
  const sites = [...plan.index.sitesOf(a.finess)];
  return { covers: sites.map((s) => s.finess), category: sites[0]?.category ?? 'public' };
};

const APPLIED: ReadonlySet<Application['state']> = new Set(['submitted', 'granted', 'refused']);
/** An objective's states once the ARS found it conforme (the ANS may not have checked it yet). */
const PAST_ARS: ReadonlySet<ObjectiveState> = new Set(['pending_ans', 'refused_ans', 'achieved']);

const emptyRow = (key: string, label: string): FunnelRow => ({
  key,
  label,
  stages: Object.fromEntries(
    FUNNEL_STAGES.map(({ stage }) => [stage, { count: 0, establishments: 0, cents: 0 }]),
  ) as Record<FunnelStage, FunnelCounts>,
});

/** Adds an applicant or application to a row's step; `covers` is counted once per row and step. */
class Rows {
  readonly total = emptyRow('', 'Total');
  private readonly regions = new Map<string, FunnelRow>();
  private readonly categories = new Map<FunnelCategory, FunnelRow>(
    CATEGORY_ROWS.map((c) => [c.key, emptyRow(c.key, c.label)]),
  );
  private readonly seen = new Map<FunnelRow, Map<FunnelStage, Set<string>>>();
  constructor(private readonly regionName: (code: string) => string) {}

  add(stage: FunnelStage, region: string, category: FunnelCategory, covers: readonly string[], cents: number) {
    let r = this.regions.get(region);
    if (!r) this.regions.set(region, (r = emptyRow(region, this.regionName(region))));
    for (const row of [this.total, r, this.categories.get(category)!]) {
      const cell = row.stages[stage];
      cell.count++;
      cell.cents += cents;
      let byStage = this.seen.get(row);
      if (!byStage) this.seen.set(row, (byStage = new Map()));
      let s = byStage.get(stage);
      if (!s) byStage.set(stage, (s = new Set()));
      for (const f of covers)
        if (!s.has(f)) {
          s.add(f);
          cell.establishments++;
        }
    }
  }
  byRegion = () => [...this.regions.values()].sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  byCategory = () => [...this.categories.values()];
}

/** floor(part × 10,000 / whole), in integers (cents × 10,000 stays far below 2^53). */
const basisPoints = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) : 0);

/** The window's funnel; with `region`, an ARS's: its region's applicants and applications only
 *  (the envelope stays the window's: the shares say what the region's caps and grants take of it). */
export const windowFunnel = (plan: PlanState, w: FundingWindow, region: string | null = null): Funnel => {
  const rows = new Rows((code) => plan.regions.get(code)?.name ?? code);
  let cappedCents = 0;
  for (const u of eligibleUnits(plan, w)) {
    if (region && u.region !== region) continue;
    rows.add('eligible', u.region, u.category, u.covers, u.capCents);
    cappedCents += u.capCents;
  }
  let grantedCents = 0;
  for (const app of plan.index.applicationsByWindow(w.id)) {
    if ((region && app.region !== region) || !APPLIED.has(app.state)) continue;
    const { covers, category } = coverOf(plan, app);
    const p: Progress = { region: app.region, category, covers, app };
    rows.add('applied', p.region, p.category, covers, app.requestedCents);
    if (app.state !== 'granted') continue;
    const granted = app.grantedCents ?? 0;
    grantedCents += granted;
    rows.add('granted', p.region, p.category, covers, granted);
    progressOf(plan, p, rows);
  }
  const envelopeCents = plan.envelopes.get(w.envelopeId)?.totalCents ?? 0;
  return {
    windowId: w.id,
    code: w.code,
    region,
    stages: FUNNEL_STAGES.map((s) => ({ ...s })),
    total: rows.total,
    byRegion: rows.byRegion(),
    byCategory: rows.byCategory(),
    shares: {
      envelopeCents,
      cappedCents,
      grantedCents,
      cappedBp: basisPoints(cappedCents, envelopeCents),
      grantedBp: basisPoints(grantedCents, envelopeCents),
    },
  };
};

/** A granted application's steps after the grant: its tranches whose objective was declared,
 *  found conforme by the ARS, by the ANS; what was paid on its allocation. */
const progressOf = (plan: PlanState, p: Progress, rows: Rows) => {
  const allocation = p.app.allocationId ? plan.allocations.get(p.app.allocationId) : undefined;
  const sums: Record<'declared' | 'arsChecked' | 'ansChecked', number | null> = {
    declared: null,
    arsChecked: null,
    ansChecked: null,
  };
  const add = (stage: keyof typeof sums, cents: number) => (sums[stage] = (sums[stage] ?? 0) + cents);
  for (const objective of p.app.objectives) {
    const state = objectiveState(plan, p.app.id, objective);
    if (state === 'none') continue;
    const tranche = allocation?.tranches?.find(
      (t) => t.gate.kind === 'objective' && t.gate.applicationId === p.app.id && t.gate.objective === objective,
    );
    const cents = tranche?.amountCents ?? 0;
    add('declared', cents);
    if (PAST_ARS.has(state)) add('arsChecked', cents);
    if (state === 'achieved') add('ansChecked', cents);
  }
  for (const stage of ['declared', 'arsChecked', 'ansChecked'] as const) {
    const cents = sums[stage];
    if (cents !== null) rows.add(stage, p.region, p.category, p.covers, cents);
  }
  const paid = allocation ? paidCentsOf(plan, allocation.id) : 0;
  if (paid > 0) rows.add('paid', p.region, p.category, p.covers, paid);
};
