// fr-FR money and dates in one place. Money stays integer cents: euros appear only as text.
import type { PlanYear, YearAmounts } from '../../server/contract/plan.js';
import { YEARS } from './years.js';

const group = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('fr-FR', { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

/** 123456789 → "1 234 567,89 €": cents split as digits, never divided as floats. */
export const formatEuros = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${sign}${group.format(BigInt(digits.slice(0, -2)))},${digits.slice(-2)}\u00a0€`;
};

/** A change of money, signed: +50025 → "+ 500,25 €", the sign kept with its amount. */
export const formatSignedEuros = (cents: number): string => `${cents > 0 ? '+\u00a0' : cents < 0 ? '−\u00a0' : ''}${formatEuros(Math.abs(cents))}`;

/** A count: 12345 → "12 345". */
export const formatCount = (n: number): string => group.format(n);

/** 2_000_000_000 → "20 M€" (charts and tiles; a display rounding only). */
export const formatCompact = (cents: number): string => {
  const s = compact.format(cents / 100);
  return /[a-z]$/i.test(s) ? `${s}€` : `${s}\u00a0€`;
};

/** Cents as an editable French string: 123456 → "1 234,56", 100000 → "1 000". */
export const centsToInput = (cents: number): string => {
  const digits = String(Math.abs(cents)).padStart(3, '0');
  const int = group.format(BigInt(digits.slice(0, -2)));
  const dec = digits.slice(-2);
  return dec === '00' ? int : `${int},${dec}`;
};

export type Parsed = { ok: true; cents: number } | { ok: false; error: string };

/** "1 234,56" → 123456 exactly (string arithmetic). Spaces group thousands; the comma is the
 *  decimal mark (a dot is accepted as decimal mark when it is the only separator). Empty → 0. */
export const parseEuros = (input: string): Parsed => {
  let s = input.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  if (s === '') return { ok: true, cents: 0 };
  if (s.startsWith('-')) return { ok: false, error: 'Montant négatif refusé.' };
  if (!s.includes(',') && /^\d+\.\d{1,2}$/.test(s)) s = s.replace('.', ',');
  const m = /^(\d+),?(\d{0,2})$/.exec(s);
  if (!m) {
    if (/,\d{3,}$/.test(s)) return { ok: false, error: 'Deux décimales au plus (centimes).' };
    return { ok: false, error: 'Montant invalide : saisissez par exemple « 1 234,56 ».' };
  }
  const cents = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: 'Montant trop grand.' };
  return { ok: true, cents: Number(cents) };
};

export const formatPercent = (ratio: number): string => percent.format(ratio);
/** "2023-05-31" → "31 mai 2023". */
export const formatDate = (iso: string): string => longDate.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)).replace(/^1 /, '1er ');
/** Today in the user's own time zone, as AAAA-MM-JJ (toISOString would give the UTC day: the
 *  day before, in France, until 1 or 2 a.m.). */
export const localToday = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
/** "2023-05" → "mai 2023". */
export const formatMonth = (month: string): string => shortMonth.format(new Date(`${month}-01T00:00:00Z`));
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

export const amountOf = (a: YearAmounts | undefined, y: PlanYear): number => a?.[y] ?? 0;
export const sumAmounts = (a: YearAmounts | undefined): number => YEARS.reduce((s, y) => s + amountOf(a, y), 0);

const size = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
/** 4_404_019 → "4,2 Mo" (file sizes, in French units). */
export const formatBytes = (bytes: number): string =>
  bytes < 1024 ? `${bytes}\u00a0o` : bytes < 1024 ** 2 ? `${size.format(bytes / 1024)}\u00a0ko` : `${size.format(bytes / 1024 ** 2)}\u00a0Mo`;
