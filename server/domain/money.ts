// Money is integer cents end to end; euros only appear in messages.
import { PLAN_YEARS, type PlanYear, type YearAmounts } from '../contract/plan.js';

/** The most one amount may be: 10^12 cents, 10 Md€ (the whole CaRE plan is 0,75 Md€). */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;
/** The most all envelopes together may hold: 10^15 cents, 10 000 Md€. Every sum the dashboard or an
 *  envelope's position makes is a sum of parts of it (allocated ≤ envelope, approved ≤ allocated,
 *  paid ≤ approved), so it stays below Number.MAX_SAFE_INTEGER (~9.007 × 10^15) and exact. */
export const MAX_PLAN_CENTS = 1_000 * MAX_AMOUNT_CENTS;

export const isCents = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

export const isPlanYear = (y: string): y is PlanYear => (PLAN_YEARS as readonly string[]).includes(y);

export const amountOf = (amounts: YearAmounts | undefined, year: PlanYear): number => amounts?.[year] ?? 0;

export const sumAmounts = (amounts: YearAmounts | undefined): number =>
  PLAN_YEARS.reduce((s, y) => s + amountOf(amounts, y), 0);

/** Per-year maximum of two splits: what an approved allocation with a pending revision holds. */
export const maxAmounts = (a: YearAmounts, b: YearAmounts | undefined): YearAmounts => {
  if (!b) return a;
  const out: YearAmounts = {};
  for (const y of PLAN_YEARS) {
    const v = Math.max(amountOf(a, y), amountOf(b, y));
    if (v > 0 || y in a || y in b) out[y] = v;
  }
  return out;
};

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** 123456 → "1 234,56 €" (exact: cents are split as integers, never divided as floats). */
export const formatEuros = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const rest = abs % 100;
  const parts = euros.formatToParts(whole);
  const int = parts.filter((p) => p.type === 'integer' || p.type === 'group').map((p) => p.value).join('');
  return `${sign}${int},${String(rest).padStart(2, '0')} €`;
};
