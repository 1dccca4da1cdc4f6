// CSV for French spreadsheets: `;`, UTF-8 with BOM, CRLF, decimal comma; and a small reader
// (RFC 4180 quoting, `;` or `,` detected from the header line).

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

export type Cell = { text: string } | { cents: number } | { int: number };

/** One CSV document: BOM, header row, rows; text cells neutralised, money in decimal comma. */
export const toCsv = (header: readonly string[], rows: readonly Cell[][], sep = ';'): string => {
  const cell = (c: Cell) => ('text' in c ? quote(neutralise(c.text), sep) : 'cents' in c ? centsToDecimalComma(c.cents) : String(c.int));
  const lines = [header.map((h) => quote(neutralise(h), sep)).join(sep), ...rows.map((r) => r.map(cell).join(sep))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
};

export interface CsvRecord { line: number; cells: string[] }

/** Parses a whole CSV text (BOM stripped); `line` is the physical line where each record starts. */
export const parseCsv = (input: string): { separator: string; records: CsvRecord[] } => {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = count(firstLine, ';') >= count(firstLine, ',') && firstLine.includes(';') ? ';' : firstLine.includes(',') ? ',' : ';';
  const records: CsvRecord[] = [];
  let cells: string[] = [], field = '', quoted = false, line = 1, start = 1, i = 0;
  const endRecord = () => {
    cells.push(field);
    records.push({ line: start, cells });
    cells = []; field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      if (ch === '\n') line++;
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === separator) { cells.push(field); field = ''; i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') { i++; continue; }
    if (ch === '\n' || ch === '\r') { endRecord(); line++; start = line; i++; continue; }
    field += ch; i++;
  }
  if (field !== '' || cells.length) endRecord();
  return { separator, records };
};

const count = (s: string, ch: string) => s.split(ch).length - 1;
