// fr-FR money and dates in one place. Money stays integer cents: euros appear only as text,
// written and read by shared/money.ts, as the server does.
import { formatEuros, readEuros, type EurosProblem } from '../../shared/money.js';

export { amountOf, sumAmounts } from '../../shared/amounts.js';
export { centsToInput, formatEuros } from '../../shared/money.js';

const compact = new Intl.NumberFormat('fr-FR', {
  notation: 'compact',
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

/** A change of money, signed: +50025 → "+ 500,25 €", the sign kept with its amount. */
export const formatSignedEuros = (cents: number): string =>
  `${cents > 0 ? '+\u00a0' : cents < 0 ? '−\u00a0' : ''}${formatEuros(Math.abs(cents))}`;

export { formatCount } from '../../shared/plural.js';

/** 2_000_000_000 → "20 M€" (charts and tiles; a display rounding only). */
export const formatCompact = (cents: number): string => {
  const s = compact.format(cents / 100);
  return /[a-z]$/i.test(s) ? `${s}€` : `${s}\u00a0€`;
};

export type Parsed = { ok: true; cents: number } | { ok: false; error: string };

const INPUT_ERRORS: Record<EurosProblem['problem'], string> = {
  negative: 'Montant négatif refusé.',
  decimals: 'Deux décimales au plus (centimes).',
  tooBig: 'Montant trop grand.',
  unreadable: 'Montant invalide : saisissez par exemple « 1 234,56 ».',
  separators: 'Montant invalide : saisissez par exemple « 1 234,56 ».',
  mixed: 'Montant invalide : saisissez par exemple « 1 234,56 ».',
};

/** "1 234,56" → 123456 exactly (string arithmetic). Spaces group thousands; the comma is the
 *  decimal mark (a dot is accepted as decimal mark when it is the only separator). Empty → 0. */
export const parseEuros = (input: string): Parsed => {
  const r = readEuros(input, 'input');
  if (r === null) return { ok: true, cents: 0 };
  return 'cents' in r ? { ok: true, cents: r.cents } : { ok: false, error: INPUT_ERRORS[r.problem] };
};

const percentTenth = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
/** 0.42 → "42 %". Near the ends a whole percent would mislead: under 1 % one decimal (« 0,3 % »,
 *  « < 0,1 % » rather than « 0 % » when something is there), and between 99 % and 100 % one
 *  decimal rounded down, so that « 100 % » means all of it. */
export const formatPercent = (ratio: number): string => {
  if (ratio > 0 && ratio < 0.01)
    return ratio < 0.0005 ? `<\u00a0${percentTenth.format(0.001)}` : percentTenth.format(ratio);
  if (ratio > 0.99 && ratio < 1) return percentTenth.format(Math.floor(ratio * 1000) / 1000);
  return percent.format(ratio);
};
const share = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
/** 1250 basis points → « 12,5 % » (a window objective's share of a grant; 10,000 bp is all of it). */
export const formatShare = (bp: number): string => `${share.format(bp / 100)}\u00a0%`;
/** "2023-05-31" → "31 mai 2023". */
export const formatDate = (iso: string): string =>
  longDate.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)).replace(/^1 /, '1er ');
/** Today in the user's own time zone, as AAAA-MM-JJ (toISOString would give the UTC day: the
 *  day before, in France, until 1 or 2 a.m.). */
export const localToday = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
/** "2023-05" → "mai 2023". */
export const formatMonth = (month: string): string => shortMonth.format(new Date(`${month}-01T00:00:00Z`));
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
const clockTime = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });
/** The user's local time of day: "14:02". */
export const formatTime = (d: Date): string => clockTime.format(d);

const size = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
/** 4_404_019 → "4,2 Mo" (file sizes, in French units). */
export const formatBytes = (bytes: number): string =>
  bytes < 1024
    ? `${bytes}\u00a0o`
    : bytes < 1024 ** 2
      ? `${size.format(bytes / 1024)}\u00a0ko`
      : `${size.format(bytes / 1024 ** 2)}\u00a0Mo`;
