// The plan's years and its period, for server and browser alike.

export const PLAN_YEARS = ['2023', '2024', '2025', '2026', '2027'] as const;
export type PlanYear = (typeof PLAN_YEARS)[number];
/** Amounts per plan year, in cents. Missing years are zero. */
export type YearAmounts = Partial<Record<PlanYear, number>>;

/** First and last day of the plan (ISO dates). */
export const PLAN_FIRST_DAY = '2023-01-01';
export const PLAN_LAST_DAY = '2027-12-31';

export const isPlanYear = (y: string): y is PlanYear => (PLAN_YEARS as readonly string[]).includes(y);
