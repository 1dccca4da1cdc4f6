// The first worksheet of an XLSX, row by row, in bounded memory: the zip is read from its central
// directory (sizes and ratio checked first, see zip.ts) and each part is parsed as it inflates
// (saxes, a streaming XML parser). exceljs's own readers either load the whole workbook or trust
// the zip's headers and spill sheets to temp files, so neither can hold a limit.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { invalid } from '../domain/errors.js';
import { fieldTooLong, tooManyColumns, tooManyRows, type TableLimits, type ZipLimits } from './limits.js';
import { ZipArchive } from './zip.js';

export type CellValue = string | number | null;
export interface SheetRow {
  line: number;
  cells: CellValue[];
}

/** Longest run of XML between two parser events: past it, one text or tag is too long whatever it holds. */
const MAX_TOKEN = 64 * 1024;

/** What a part's reader listens to (saxes keeps one handler per event: these are combined). */
interface Handlers {
  open?(t: SaxesTagPlain): void;
  close?(name: string): void;
  text?(s: string): void;
}

/** Feeds a part to a parser as it inflates, yielding after each piece (so that rows can leave as
 *  they come) and refusing any single token (text, tag) longer than MAX_TOKEN. */
async function* feed(
  zip: ZipArchive,
  name: string,
  hs: Handlers[],
  where: () => string,
  fieldChars: number,
  max?: number,
): AsyncGenerator<void> {
  const p = new SaxesParser();
  let mark = 0,
    failure = false;
  p.on('opentag', (t) => {
    mark = p.position;
    for (const h of hs) h.open?.(t);
  });
  p.on('closetag', (t) => {
    mark = p.position;
    for (const h of hs) h.close?.(local(t.name));
  });
  p.on('text', (s) => {
    for (const h of hs) h.text?.(s);
  });
  p.on('error', () => {
    failure = true;
  });
  for await (const text of zip.text(name, max)) {
    for (let i = 0; i < text.length; i += MAX_TOKEN) {
      p.write(text.slice(i, i + MAX_TOKEN));
      if (failure) throw invalid(`Classeur XLSX illisible (${name.slice(0, 60)} : XML mal formé).`);
      if (p.position - mark > MAX_TOKEN) throw fieldTooLong(where(), fieldChars);
      yield;
    }
  }
  p.close();
}

/** A whole part through its handlers. */
const parse = async (
  zip: ZipArchive,
  name: string,
  hs: Handlers[],
  where: () => string,
  fieldChars: number,
  max?: number,
) => {
  for await (const _ of feed(zip, name, hs, where, fieldChars, max)) {
    /* the handlers do the work */
  }
};

const attr = (t: SaxesTagPlain, name: string) => t.attributes[name] as string | undefined;
const local = (name: string) => name.slice(name.indexOf(':') + 1); // x:row → row

/** "AB12" → 28 (1-based); 0 when absent. */
const columnOf = (ref: string | undefined) => {
  let n = 0;
  for (const ch of ref ?? '') {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n;
};

/** Excel's built-in date formats (ECMA-376 18.8.30) and custom ones showing a day, month or year. */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
const isDateFormat = (code: string) => /[dmy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));

/** 45292 → "2024-01-01" (1900 system, its phantom 29 February included, as Excel counts). */
const serialToIso = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86400000)).toISOString().slice(0, 10);

interface Book {
  sheet: string;
  strings: string | null;
  styles: string | null;
  date1904: boolean;
}

const readBook = async (zip: ZipArchive, limits: TableLimits): Promise<Book> => {
  let rid = '',
    date1904 = false;
  const whole = () => 'le classeur';
  await parse(
    zip,
    'xl/workbook.xml',
    [
      {
        open: (t) => {
          const n = local(t.name);
          if (n === 'sheet' && !rid)
            rid = String(Object.entries(t.attributes).find(([k]) => local(k) === 'id')?.[1] ?? '');
          if (n === 'workbookPr') date1904 = ['1', 'true'].includes(attr(t, 'date1904') ?? '');
        },
      },
    ],
    whole,
    limits.fieldChars,
  );
  const targets = new Map<string, string>();
  let strings: string | null = null,
    styles: string | null = null;
  const path = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  await parse(
    zip,
    'xl/_rels/workbook.xml.rels',
    [
      {
        open: (t) => {
          const target = attr(t, 'Target'),
            type = attr(t, 'Type') ?? '';
          if (local(t.name) !== 'Relationship' || !target) return;
          targets.set(attr(t, 'Id') ?? '', path(target));
          if (type.endsWith('/sharedStrings')) strings = path(target);
          if (type.endsWith('/styles')) styles = path(target);
        },
      },
    ],
    whole,
    limits.fieldChars,
  );
  const sheet = targets.get(rid);
  if (!sheet || !zip.entries.has(sheet)) throw invalid('Classeur XLSX illisible (aucune feuille).');
  return { sheet, strings, styles, date1904 };
};

/** Text of the <t> elements inside each `outer` element, phonetic runs (<rPh>) left out: shared
 *  strings (<si>) and inline strings (<is>). */
const strings = (outer: string, done: (s: string) => void, max: number, tooLong: (s: string) => never): Handlers => {
  let text = '',
    inT = false,
    phonetic = 0;
  return {
    open: (t) => {
      const n = local(t.name);
      if (n === outer) text = '';
      else if (n === 'rPh') phonetic++;
      else if (n === 't' && !phonetic) inT = true;
    },
    text: (s) => {
      if (inT) {
        text += s;
        if (text.length > max) tooLong(text);
      }
    },
    close: (n) => {
      if (n === 't') inT = false;
      else if (n === 'rPh') phonetic--;
      else if (n === outer) done(text);
    },
  };
};

const readSharedStrings = async (zip: ZipArchive, book: Book, limits: TableLimits, zipLimits: ZipLimits) => {
  const out: string[] = [];
  if (!book.strings) return out;
  const where = () => `texte partagé n° ${out.length + 1}`;
  await parse(
    zip,
    book.strings,
    [
      strings(
        'si',
        (s) => out.push(s),
        limits.fieldChars,
        (s) => {
          throw fieldTooLong(where(), limits.fieldChars, s);
        },
      ),
    ],
    where,
    limits.fieldChars,
    zipLimits.sharedStringsBytes,
  );
  return out;
};

/** The cell styles (xf indexes) that show a number as a date. */
const readDateStyles = async (zip: ZipArchive, book: Book, limits: TableLimits) => {
  const custom = new Map<number, string>(),
    xfs: number[] = [];
  let inXfs = false;
  if (book.styles)
    await parse(
      zip,
      book.styles,
      [
        {
          open: (t) => {
            const n = local(t.name);
            if (n === 'numFmt') custom.set(Number(attr(t, 'numFmtId')), attr(t, 'formatCode') ?? '');
            if (n === 'cellXfs') inXfs = true;
            if (n === 'xf' && inXfs) xfs.push(Number(attr(t, 'numFmtId') ?? 0));
          },
          close: (n) => {
            if (n === 'cellXfs') inXfs = false;
          },
        },
      ],
      () => 'les styles',
      limits.fieldChars,
    );
  return new Set(
    xfs.flatMap((id, xf) => (BUILTIN_DATES.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!)) ? [xf] : [])),
  );
};

/** The first worksheet's rows with a value, a batch per piece inflated (formulas give their cached
 *  result, dates ISO strings, booleans "true" / "false", errors nothing). */
export async function* readXlsxRows(
  bytes: Uint8Array,
  limits: TableLimits,
  zipLimits: ZipLimits,
): AsyncGenerator<SheetRow[]> {
  const zip = new ZipArchive(bytes, zipLimits);
  const book = await readBook(zip, limits);
  const shared = await readSharedStrings(zip, book, limits, zipLimits);
  const dates = await readDateStyles(zip, book, limits);
  let batch: SheetRow[] = [],
    line = 0,
    cells: CellValue[] = [],
    rows = 0;
  let col = 0,
    type = '',
    style = 0,
    raw = '',
    inV = false,
    inline = '';
  const where = () => `ligne ${line}, colonne ${col}`;
  const tooLong = (s: string): never => {
    throw fieldTooLong(where(), limits.fieldChars, s);
  };
  const value = (): CellValue => {
    if (type === 'inlineStr') return inline;
    if (raw === '') return null;
    if (type === 's') return shared[Number(raw)] ?? null;
    if (type === 'str') return raw;
    if (type === 'b') return raw === '1' ? 'true' : 'false';
    if (type === 'e') return null;
    if (type === 'd') return raw.slice(0, 10);
    const n = Number(raw);
    return Number.isFinite(n) && dates.has(style) ? serialToIso(n, book.date1904) : n;
  };
  const sheet: Handlers = {
    open: (t) => {
      const n = local(t.name);
      if (n === 'row') {
        line = Number(attr(t, 'r')) || line + 1;
        cells = [];
        col = 0;
      } else if (n === 'c') {
        col = columnOf(attr(t, 'r')) || col + 1;
        type = attr(t, 't') ?? 'n';
        style = Number(attr(t, 's') ?? 0);
        raw = '';
        inline = '';
      } else if (n === 'v') inV = true;
    },
    text: (s) => {
      if (inV) {
        raw += s;
        if (raw.length > limits.fieldChars) tooLong(raw);
      }
    },
    close: (n) => {
      if (n === 'v') inV = false;
      else if (n === 'c') {
        const v = value();
        if (v === null || v === '') return;
        if (col > limits.columns) throw tooManyColumns(`ligne ${line}`, limits.columns);
        while (cells.length < col - 1) cells.push(null);
        cells[col - 1] = v;
      } else if (n === 'row' && cells.length) {
        // the header row is not counted
        if (rows++ > limits.rows) throw tooManyRows(limits.rows);
        batch.push({ line, cells });
      }
    },
  };
  for await (const _ of feed(
    zip,
    book.sheet,
    [
      strings(
        'is',
        (s) => {
          inline = s;
        },
        limits.fieldChars,
        tooLong,
      ),
      sheet,
    ],
    where,
    limits.fieldChars,
  )) {
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
