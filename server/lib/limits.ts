// Limits on what an upload holds, checked while it is read: each refusal is a problem+json that
// names the limit it hit and quotes at most a short excerpt of the field (never the field itself).
import { DomainError, tooLarge } from '../domain/errors.js';
import { EXCERPT_CHARS } from '../domain/excerpt.js';

export { EXCERPT_CHARS };

/** What a table (CSV or XLSX) may hold. */
export interface TableLimits {
  /** Non-empty rows after the header. */
  rows: number;
  /** Columns of a row (a cell further right with a value is refused). */
  columns: number;
  /** Characters of one field. */
  fieldChars: number;
}

/** What a zipped workbook may unpack to. */
export interface ZipLimits {
  /** Uncompressed bytes of every part read, together. */
  uncompressedBytes: number;
  /** Uncompressed bytes of the shared strings, which are held in memory while the sheet is read. */
  sharedStringsBytes: number;
  /** Largest uncompressed / compressed ratio of a part (past 1 Mio): beyond, a zip bomb. */
  ratio: number;
  /** Files in the archive. */
  entries: number;
}

/** 11534336 → "11 534 336" (a plain space: messages are read in logs too). */
export const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** 104857600 → "100 Mio"; 65536 → "64 kio". */
export const mebibytes = (n: number): string =>
  n >= 1024 * 1024 ? `${count(Math.round(n / 1024 / 1024))} Mio` : `${count(Math.round(n / 1024))} kio`;

/** One field or row is out of bounds (too long, too many columns): a rule of the upload, not its size. */
export const outOfBounds = (title: string, detail: string, where: string) =>
  new DomainError('ruleBroken', title, detail, [{ path: where, message: detail }]);

/** `start` is what was read of the field when it went past the limit: only its first characters are quoted. */
export const fieldTooLong = (where: string, max: number, start?: string) =>
  outOfBounds(
    'Champ trop long',
    `${cap(where)} : un champ dépasse ${count(max)} caractères${start === undefined ? '' : ` (« ${start.slice(0, EXCERPT_CHARS)}… »)`}.`,
    where,
  );

export const tooManyColumns = (where: string, max: number) =>
  outOfBounds('Trop de colonnes', `${cap(where)} : plus de ${count(max)} colonnes.`, where);

export const tooManyRows = (max: number) =>
  tooLarge(
    'Trop de lignes',
    `Le fichier compte plus de ${count(max)} lignes de données (en-tête non compris) : découpez-le.`,
  );

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
