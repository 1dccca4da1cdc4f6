// CSV for French spreadsheets: `;`, UTF-8 with BOM, CRLF, decimal comma; and a small reader
// (RFC 4180 quoting, `;` or `,` detected from the header line) that reads a stream within limits.
import { EXCERPT_CHARS, fieldTooLong, tooManyColumns, tooManyRows, type TableLimits } from './limits.js';
import { SniffingDecoder } from './text-decoding.js';
import { frenchDate } from '../../shared/dates.js';

export const BOM = '\uFEFF';

/** Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP "CSV injection"). */
export const neutralise = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** 123456 → "1234,56"; -5 → "-0,05". Exact: integer split, no float division. */
export const centsToDecimalComma = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
};

const quote = (s: string, sep: string): string =>
  s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replaceAll('"', '""')}"` : s;

/** `date`: an ISO day (AAAA-MM-JJ, or the day of an ISO date-time); '' leaves the cell empty. */
/** `tenthsOfPercent`: a ratio to a tenth of a percent, as an integer (12,3 % → 123). */
export type Cell =
  { text: string } | { cents: number } | { int: number } | { date: string } | { tenthsOfPercent: number };

/** 123 → "12,3": a percentage in decimal comma, without « % » (the header says it). */
export const tenthsToDecimalComma = (tenths: number): string =>
  `${tenths < 0 ? '-' : ''}${Math.trunc(Math.abs(tenths) / 10)},${Math.abs(tenths) % 10}`;

/** "2024-05-01" (or "2024-05-01T10:00:00Z") → "01/05/2024", as French spreadsheets read a date. */
export const isoToFrenchDate = (iso: string): string => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? frenchDate(iso) : '');

/** One CSV document: BOM, header row, rows; text cells neutralised, money in decimal comma, dates
 *  dd/mm/yyyy. */
export const toCsv = (header: readonly string[], rows: readonly Cell[][], sep = ';'): string => {
  const cell = (c: Cell) =>
    'text' in c
      ? quote(neutralise(c.text), sep)
      : 'cents' in c
        ? centsToDecimalComma(c.cents)
        : 'date' in c
          ? isoToFrenchDate(c.date)
          : 'tenthsOfPercent' in c
            ? tenthsToDecimalComma(c.tenthsOfPercent)
            : String(c.int);
  const lines = [header.map((h) => quote(neutralise(h), sep)).join(sep), ...rows.map((r) => r.map(cell).join(sep))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
};

export interface CsvRecord {
  line: number;
  cells: string[];
}

const NO_LIMITS: TableLimits = { rows: Infinity, columns: Infinity, fieldChars: Infinity };
const SNIFF_CHARS = 64 * 1024; // the separator is read from the header line, or from this much of it

/** An RFC 4180 reader fed piece by piece: `push` returns the records each piece completes, so a
 *  file is never held whole, and no field, row or count goes past its limit. `line` is the
 *  physical line where each record starts. */
export class CsvReader {
  separator = '';
  private pending = '';
  private cells: string[] = [];
  private field = '';
  private quoted = false;
  private line = 1;
  private start = 1;
  private rows = 0;
  private bom = true;

  /** `keepEmpty` false: empty rows (a spreadsheet's trailing ";;;;") are left out, uncounted. */
  constructor(
    private readonly limits: TableLimits = NO_LIMITS,
    private readonly keepEmpty = true,
  ) {}

  push(text: string, last = false): CsvRecord[] {
    let t = this.pending + text;
    this.pending = '';
    if (this.bom) {
      if (!t && !last) return [];
      if (t.startsWith(BOM)) t = t.slice(1);
      this.bom = false;
    }
    if (!this.separator) {
      const end = t.search(/\r?\n/);
      if (end < 0 && !last && t.length < SNIFF_CHARS) {
        this.pending = t;
        return [];
      }
      const first = t.slice(0, end < 0 ? SNIFF_CHARS : end);
      this.separator =
        count(first, ';') >= count(first, ',') && first.includes(';') ? ';' : first.includes(',') ? ',' : ';';
    }
    const out: CsvRecord[] = [];
    const sep = this.separator;
    let i = 0,
      from = 0; // this.field + t[from, i) is the field so far
    const take = (to: number) => {
      if (to > from) this.grow(t.slice(from, to));
    };
    while (i < t.length) {
      const ch = t[i]!;
      if (this.quoted) {
        if (ch !== '"') {
          if (ch === '\n') this.line++;
          i++;
          continue;
        }
        if (i + 1 === t.length && !last) break; // is it "" or the closing quote? the next piece says
        take(i);
        if (t[i + 1] === '"') {
          this.grow('"');
          i += 2;
        } else {
          this.quoted = false;
          i++;
        }
        from = i;
        continue;
      }
      if (ch === '"' && this.field === '' && i === from) {
        this.quoted = true;
        from = ++i;
        continue;
      }
      if (ch !== sep && ch !== '\n' && ch !== '\r') {
        i++;
        continue;
      }
      if (ch === '\r' && i + 1 === t.length && !last) break; // CR LF split across two pieces
      take(i);
      if (ch === sep) {
        this.endField();
        i++;
      } else {
        if (ch === '\r' && t[i + 1] === '\n') i++;
        this.endRecord(out);
        this.line++;
        this.start = this.line;
        i++;
      }
      from = i;
    }
    take(i);
    this.pending = t.slice(i);
    if (last && (this.field !== '' || this.cells.length)) this.endRecord(out);
    return out;
  }

  private grow(s: string) {
    if (this.field.length + s.length > this.limits.fieldChars)
      throw fieldTooLong(
        `ligne ${this.start}, colonne ${this.cells.length + 1}`,
        this.limits.fieldChars,
        (this.field + s.slice(0, EXCERPT_CHARS)).slice(0, EXCERPT_CHARS),
      );
    this.field += s;
  }

  private endField() {
    if (this.cells.length >= this.limits.columns) throw tooManyColumns(`ligne ${this.start}`, this.limits.columns);
    this.cells.push(this.field);
    this.field = '';
  }

  private endRecord(out: CsvRecord[]) {
    this.endField();
    const cells = this.cells;
    this.cells = [];
    const empty = cells.every((c) => c === '');
    if (empty && !this.keepEmpty) return;
    // the header is not counted
    if (!empty && this.rows++ > this.limits.rows) throw tooManyRows(this.limits.rows);
    out.push({ line: this.start, cells });
  }
}

/** Parses a whole CSV text (BOM stripped). */
export const parseCsv = (input: string): { separator: string; records: CsvRecord[] } => {
  const reader = new CsvReader();
  const records = reader.push(input, true);
  return { separator: reader.separator, records };
};

/** The records of a byte stream, a batch per piece received: UTF-8 (with or without BOM) or
 *  Windows-1252 (French Excel's « CSV (séparateur : point-virgule) »), see text-decoding.ts. */
export async function* readCsv(body: AsyncIterable<Uint8Array>, limits: TableLimits): AsyncGenerator<CsvRecord[]> {
  const decoder = new SniffingDecoder();
  const reader = new CsvReader(limits, false);
  for await (const chunk of body) yield reader.push(decoder.decode(chunk));
  yield reader.push(decoder.decode(), true);
}

const count = (s: string, ch: string) => s.split(ch).length - 1;
