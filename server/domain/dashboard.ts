// The finance dashboard: totals, breakdowns and the cumulative monthly series, in exact cents.
import { PLAN_YEARS, type Allocation, type BreakdownRow, type Dashboard, type PlanYear, type SeriesPoint } from '../contract/plan.js';
import { approvedAmounts, heldAmounts } from './budget.js';
import { milestonesProgress } from './milestones.js';
import { amountOf, sumAmounts } from './money.js';
import type { PlanState } from './plan.js';

export interface DashboardFilter { envelopeId?: string; region?: string; axis?: number }

export const AXIS_LABELS: Record<string, string> = {
  '1': 'Gouvernance et résilience', '2': 'Ressources et mutualisation', '3': 'Sensibilisation', '4': 'Sécurité opérationnelle',
};

/** Splits a year's amount over its twelve months; remainders go to the last months. */
export const spreadOverMonths = (cents: number): number[] => {
  const base = Math.floor(cents / 12), rem = cents - base * 12;
  return Array.from({ length: 12 }, (_, i) => base + (i >= 12 - rem ? 1 : 0));
};

export const MONTHS: string[] = PLAN_YEARS.flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`));

const row = (key: string, label: string): BreakdownRow => ({ key, label, allocatedCents: 0, approvedCents: 0, paidCents: 0 });

export const matches = (plan: PlanState, a: Allocation, f: DashboardFilter): boolean => {
  if (f.envelopeId && a.envelopeId !== f.envelopeId) return false;
  if (f.region && plan.establishments.get(a.finess)?.region !== f.region) return false;
  if (f.axis && plan.actions.get(a.actionId)?.axis !== f.axis) return false;
  return true;
};

export const dashboard = (plan: PlanState, f: DashboardFilter, today: string): Dashboard => {
  const envs = [...plan.envelopes.values()].filter((e) => !f.envelopeId || e.id === f.envelopeId);
  const byEnvelope = new Map(envs.map((e) => [e.id, { ...row(e.id, e.name), status: e.status, totalCents: e.totalCents, remainingCents: 0 }]));
  const byYear = new Map(PLAN_YEARS.map((y) => [y, { ...row(y, y), byAxis: {} as Record<string, number> }]));
  const byRegion = new Map([...plan.regions.values()].map((r) => [r.code, row(r.code, r.name)]));
  const byAxis = new Map(Object.entries(AXIS_LABELS).map(([k, l]) => [k, row(k, l)]));
  const planned = new Array<number>(MONTHS.length).fill(0), approved = new Array<number>(MONTHS.length).fill(0), paid = new Array<number>(MONTHS.length).fill(0);
  const t = { allocatedCents: 0, approvedCents: 0, paidCents: 0 };

  for (const a of plan.allocations.values()) {
    if (!matches(plan, a, f)) continue;
    const held = heldAmounts(a), ok = approvedAmounts(a);
    let paidA = 0;
    for (const p of plan.index.paymentsByAllocation(a.id)) {
      paidA += p.amountCents;
      const i = MONTHS.indexOf(p.paidOn.slice(0, 7));
      if (i >= 0) paid[i]! += p.amountCents;
    }
    const h = sumAmounts(held), o = sumAmounts(ok);
    const axis = String(plan.actions.get(a.actionId)?.axis ?? '');
    const region = plan.establishments.get(a.finess)?.region ?? '';
    const rows = [byEnvelope.get(a.envelopeId), byRegion.get(region), byAxis.get(axis)];
    for (const r of [t, ...rows]) if (r) { r.allocatedCents += h; r.approvedCents += o; r.paidCents += paidA; }
    PLAN_YEARS.forEach((y: PlanYear, yi) => {
      const yr = byYear.get(y)!;
      const hy = amountOf(held, y), oy = amountOf(ok, y);
      yr.allocatedCents += hy; yr.approvedCents += oy;
      yr.byAxis[axis] = (yr.byAxis[axis] ?? 0) + hy;
      spreadOverMonths(hy).forEach((c, m) => (planned[yi * 12 + m]! += c));
      spreadOverMonths(oy).forEach((c, m) => (approved[yi * 12 + m]! += c));
    });
    for (const p of plan.index.paymentsByAllocation(a.id)) {
      const yr = byYear.get(p.paidOn.slice(0, 4) as PlanYear);
      if (yr) yr.paidCents += p.amountCents;
    }
  }
  for (const r of byEnvelope.values()) r.remainingCents = r.totalCents - r.allocatedCents;
  let cp = 0, ca = 0, cpaid = 0;
  const series: SeriesPoint[] = MONTHS.map((month, i) => ({
    month, plannedCents: (cp += planned[i]!), approvedCents: (ca += approved[i]!), paidCents: (cpaid += paid[i]!),
  }));
  const sumStatus = (s: string) => envs.filter((e) => e.status === s).reduce((n, e) => n + e.totalCents, 0);
  return {
    totals: {
      envelopeCents: envs.reduce((n, e) => n + e.totalCents, 0),
      committedCents: sumStatus('committed'), announcedCents: sumStatus('announced'), ...t,
    },
    byEnvelope: [...byEnvelope.values()],
    byYear: [...byYear.values()],
    byRegion: [...byRegion.values()],
    byAxis: [...byAxis.values()],
    series,
    milestones: milestonesProgress(plan, today),
  };
};
