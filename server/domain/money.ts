// Money is integer cents end to end; euros only appear in messages.
import { formatEuros as formatEurosAs } from '../../shared/money.js';

export { amountOf, maxAmounts, sumAmounts } from '../../shared/amounts.js';
export { isPlanYear } from '../../shared/years.js';

/** The most one amount may be: 10^12 cents, 10 Md€ (the whole CaRE plan is 0,75 Md€). */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;
/** The most all envelopes together may hold: 10^15 cents, 10 000 Md€. Every sum the dashboard or an
 *  envelope's position makes is a sum of parts of it (allocated ≤ envelope, approved ≤ allocated,
 *  paid ≤ approved), so it stays below Number.MAX_SAFE_INTEGER (~9.007 × 10^15) and exact. */
export const MAX_PLAN_CENTS = 1_000 * MAX_AMOUNT_CENTS;

export const isCents = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** 123456 → "1 234,56 €", with the plain space before € that the API's messages have always had. */
export const formatEuros = (cents: number): string => formatEurosAs(cents, { space: ' ' });
