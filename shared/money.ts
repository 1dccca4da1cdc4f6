// Money is integer cents end to end: euros appear only as text, written and read here by string
// arithmetic, never through a float.

const group = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** The whole euros of a non-negative amount, grouped the French way (narrow no-break spaces). */
const wholeEuros = (digits: string): string => group.format(BigInt(digits.slice(0, -2)));

/** 123456789 → "1 234 567,89 €". The euro sign follows a no-break space on screen; `space: ' '`
 *  gives the plain space of the server's messages. */
export const formatEuros = (cents: number, { space = '\u00a0' }: { space?: string } = {}): string => {
  const sign = cents < 0 ? '-' : '';
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${sign}${wholeEuros(digits)},${digits.slice(-2)}${space}€`;
};

/** Cents as an editable French string: 123456 → "1 234,56", 100000 → "1 000". */
export const centsToInput = (cents: number): string => {
  const digits = String(Math.abs(cents)).padStart(3, '0');
  const dec = digits.slice(-2);
  return dec === '00' ? wholeEuros(digits) : `${wholeEuros(digits)},${dec}`;
};

/** Why a text is not an amount: each caller words it for its reader. `digits` is the text without
 *  its separators (what was meant if a dot grouped thousands). */
export type EurosProblem =
  { problem: 'negative' | 'unreadable' | 'separators' | 'mixed' | 'tooBig' } | { problem: 'decimals'; digits: string };
export type EurosRead = { cents: number } | EurosProblem;

/** The two ways amounts are typed. `input`, a cell or a field: spaces group thousands, the comma
 *  is the decimal mark, a dot is one only as the sole separator ("1234.5"), a trailing "€" is
 *  dropped. `sheet`, a spreadsheet's cell: also "1.234,56" and "1,234.56" (the last separator
 *  is the decimal mark when it appears once), "€" anywhere and a trailing "EUR". */
export type EurosSyntax = 'input' | 'sheet';

/** A French amount in euros → exact cents, or why not; null when the text is empty (blanks aside). */
export const readEuros = (raw: string, syntax: EurosSyntax = 'input'): EurosRead | null => {
  const t =
    syntax === 'sheet'
      ? raw.replace(/[\s\u00A0\u202F€]/g, '').replace(/EUR$/i, '')
      : raw.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  if (t === '') return null;
  if (t.startsWith('-')) return { problem: 'negative' };
  const parts = syntax === 'sheet' ? sheetParts(t) : inputParts(t);
  if ('problem' in parts) return parts;
  const cents = BigInt(parts.whole || '0') * 100n + BigInt(parts.frac.padEnd(2, '0'));
  return cents > BigInt(Number.MAX_SAFE_INTEGER) ? { problem: 'tooBig' } : { cents: Number(cents) };
};

type Parts = { whole: string; frac: string } | EurosProblem;

const inputParts = (text: string): Parts => {
  const s = !text.includes(',') && /^\d+\.\d{1,2}$/.test(text) ? text.replace('.', ',') : text;
  const m = /^(\d+),?(\d{0,2})$/.exec(s);
  if (m) return { whole: m[1]!, frac: m[2] ?? '' };
  return /,\d{3,}$/.test(s) ? { problem: 'decimals', digits: s.replace(/[.,]/g, '') } : { problem: 'unreadable' };
};

const sheetParts = (t: string): Parts => {
  if (!/^\d[\d.,]*$/.test(t)) return { problem: 'unreadable' };
  const last = Math.max(t.lastIndexOf(','), t.lastIndexOf('.'));
  if (last < 0) return { whole: t, frac: '' };
  const sep = t[last]!,
    other = sep === ',' ? '.' : ',';
  if (t.indexOf(sep) === last) {
    const whole = t.slice(0, last),
      frac = t.slice(last + 1);
    if (whole.includes(other) && !/^\d{1,3}([.,]\d{3})*$/.test(whole)) return { problem: 'mixed' };
    if (frac.length > 2) return { problem: 'decimals', digits: t.replace(/[.,]/g, '') };
    return { whole: whole.replace(/[.,]/g, ''), frac };
  }
  if (t.includes(other) || !/^\d{1,3}([.,]\d{3})+$/.test(t)) return { problem: 'separators' };
  return { whole: t.replace(/[.,]/g, ''), frac: '' };
};
