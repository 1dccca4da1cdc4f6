// What the scenarios page reads and writes, as pure functions: a distribution rule's fields turned
// into the API's body (euros read as exact cents, each refusal on the field the API would name),
// a promotion's changes grouped as the planner weighs them, and the comparison's chart.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type {
  Action,
  Category,
  Envelope,
  Establishment,
  PlanYear,
  PooledResource,
  Region,
} from '../../server/contract/plan.js';
import type {
  CompareColumn,
  CompareRow,
  DistributionRuleName,
  PromotionChange,
} from '../../server/contract/scenarios.js';
import type { DistributionBody } from '../api/scenarios.js';
import { categoryTicks, COLORS } from './chart-configs.js';
import { formatCompact, formatEuros, parseEuros } from './format.js';

/** A distribution rule's form as typed. */
export interface DistributeTexts {
  rule: DistributionRuleName;
  envelopeId: string;
  actionId: string;
  year: PlanYear;
  /** equal: a total shared, or an amount per beneficiary. */
  mode: 'total' | 'per';
  total: string;
  per: string;
  fixed: string;
  bands: Array<{ minStaff: string; amount: string }>;
  /** By INSEE code of region. */
  weights: Record<string, string>;
  categories: Category[];
  /** '' every one, 'true' priority ones only, 'false' the others. */
  priority: '' | 'true' | 'false';
  beneficiaries: 'establishments' | 'pooled' | 'all';
}

/** Errors by the API's field paths (`totalCents`, `bands.0.minStaff`, `weights.11`). */
export type FieldErrors = Record<string, string>;

const STAFF = /^\d+(?:[,.]\d{1,2})?$/;
const WEIGHT = /^\d{1,9}$/;

/** The body a rule's fields ask for, or what is wrong with them (an empty amount is missing, not 0:
 *  the API says which amounts a rule needs). */
export const distributionBody = (x: DistributeTexts): { body: DistributionBody; errors: FieldErrors } => {
  const errors: FieldErrors = {};
  const cents = (text: string, path: string): number | undefined => {
    if (!text.trim()) return undefined;
    const p = parseEuros(text);
    if (p.ok) return p.cents;
    errors[path] = p.error;
    return undefined;
  };
  const eligibility = {
    ...(x.categories.length ? { categories: [...x.categories] } : {}),
    ...(x.priority ? { priority: x.priority === 'true' } : {}),
    beneficiaries: x.beneficiaries,
  };
  const body: DistributionBody = {
    rule: x.rule,
    envelopeId: x.envelopeId,
    actionId: x.actionId,
    year: x.year,
    eligibility,
  };
  const amount = (key: 'totalCents' | 'perBeneficiaryCents' | 'fixedCents', text: string) => {
    const v = cents(text, key);
    if (v !== undefined) body[key] = v;
  };
  switch (x.rule) {
    case 'equal':
      if (x.mode === 'per') amount('perBeneficiaryCents', x.per);
      else amount('totalCents', x.total);
      break;
    case 'fixed_plus_staff':
      amount('totalCents', x.total);
      amount('fixedCents', x.fixed);
      break;
    case 'priority_first':
      amount('totalCents', x.total);
      amount('perBeneficiaryCents', x.per);
      break;
    case 'size_bands':
      body.bands = x.bands.map((b, i) => {
        // spaces group thousands (« 1 200,5 »), as in an amount
        const staff = b.minStaff.replace(/[\s\u202f\u00a0]/g, '') || '0';
        if (!STAFF.test(staff)) errors[`bands.${i}.minStaff`] = 'Effectif en ETP : par exemple 0, 300 ou 1 200,5.';
        return {
          minStaff: STAFF.test(staff) ? Number(staff.replace(',', '.')) : 0,
          amountCents: cents(b.amount, `bands.${i}.amountCents`) ?? 0,
        };
      });
      break;
    case 'region_weights': {
      amount('totalCents', x.total);
      const weights: Record<string, number> = {};
      for (const [region, text] of Object.entries(x.weights)) {
        const v = text.trim();
        if (!v) continue;
        if (WEIGHT.test(v)) weights[region] = Number(v);
        else errors[`weights.${region}`] = 'Un poids entier, positif ou nul.';
      }
      body.weights = weights;
      break;
    }
  }
  return { body, errors };
};

/** A promotion's changes as the planner weighs them: what it adds (new proposals), changes (an edit,
 *  an avenant) and withdraws (a proposal deleted, an approved allocation lowered to what was paid). */
export const promotionGroups = (changes: readonly PromotionChange[]) => ({
  adds: changes.filter((c) => c.op === 'create'),
  changes: changes.filter((c) => c.op === 'edit' || c.op === 'avenant'),
  withdraws: changes.filter((c) => c.op === 'delete' || c.op === 'lower'),
});

/** One bar per column (the plan, then each scenario) for each row of a breakdown; horizontal when
 *  the labels are many or long (regions, GHT). */
export const compareChartConfig = (
  columns: readonly CompareColumn[],
  rows: readonly CompareRow[],
  horizontal: boolean,
): ChartConfiguration<'bar'> => {
  const value = (ctx: TooltipItem<'bar'>) => Number(horizontal ? ctx.parsed.x : ctx.parsed.y);
  const money = { beginAtZero: true, ticks: { callback: (v: number | string) => formatCompact(Number(v)) } };
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: columns.map((c, i) => ({
        label: c.label,
        data: rows.map((r) => r.cents[i] ?? 0),
        backgroundColor: COLORS.axes[i % COLORS.axes.length],
        maxBarThickness: 28,
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: horizontal
        ? {
            x: { ...money, grid: { color: COLORS.grid } },
            y: { grid: { display: false }, ticks: categoryTicks },
          }
        : { y: { ...money, grid: { color: COLORS.grid } }, x: { grid: { display: false } } },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 14, padding: 16 } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''} : ${formatEuros(value(ctx))}` } },
      },
    },
  };
};

/** The plan's reference lists a scenario's views read (names of envelopes, actions, beneficiaries). */
export interface ScenarioReference {
  envelopes: Envelope[];
  envelopeMap: Map<string, Envelope>;
  actions: Action[];
  actionMap: Map<string, Action>;
  regions: Region[];
  regionNames: Map<string, string>;
  ests: Map<string, Establishment>;
  pooled: Map<string, PooledResource>;
}

/** A beneficiary's name (its number when unknown), as the grid names it. */
export const beneficiaryName = (r: ScenarioReference, finess: string): string =>
  r.ests.get(finess)?.name ?? r.pooled.get(finess)?.name ?? finess;
