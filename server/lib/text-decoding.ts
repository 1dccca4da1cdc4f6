// The text of an uploaded file whose encoding nobody declared. A BOM says UTF-8; bytes that read as
// UTF-8 are UTF-8 (with or without BOM); anything else is Windows-1252, what French Excel writes
// for « CSV (séparateur : point-virgule) » and what the FINESS extract's "Latin-1" really is.
// Decided at the first non-ASCII bytes (the ASCII before them reads the same either way), so a
// file is decoded as it streams and never held whole.
import { invalid } from '../domain/errors.js';

export type Encoding = 'utf-8' | 'windows-1252';

/** 0x80-0x9F, the bytes where Windows-1252 differs from Latin-1 (WHATWG Encoding's table; the five
 *  it leaves undefined map to the same code point). Mapped by hand: Node 20.20's
 *  TextDecoder('windows-1252') decodes them as Latin-1 controls when not streaming. */
const HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Windows-1252 bytes → text (one byte, one character: no state between pieces). */
export const decodeWindows1252 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (ch) => HIGH[ch.charCodeAt(0) - 0x80]!);

const BOM = [0xef, 0xbb, 0xbf];

const join = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  if (!a.length) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/** Decodes a byte stream piece by piece, choosing UTF-8 or Windows-1252 as above. */
export class SniffingDecoder {
  /** null until the first BOM or non-ASCII byte decides. */
  encoding: Encoding | null = null;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private held: Uint8Array = new Uint8Array(0);

  /** `chunk` undefined: the end of the stream (flushes what is held). */
  decode(chunk?: Uint8Array): string {
    const last = !chunk;
    const bytes = join(this.held, chunk ?? new Uint8Array(0));
    this.held = new Uint8Array(0);
    if (this.encoding === null) {
      const bomPrefix = bytes.length < 3 && bytes.every((b, i) => b === BOM[i]);
      if (bomPrefix && !last && bytes.length) {
        this.held = bytes;
        return '';
      }
      if (bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b)) this.encoding = 'utf-8';
      else {
        const i = bytes.findIndex((b) => b >= 0x80);
        if (i < 0) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
        const rest = bytes.subarray(i);
        let asUtf8: string | null;
        try {
          asUtf8 = new TextDecoder('utf-8', { fatal: true }).decode(rest, { stream: !last });
        } catch {
          asUtf8 = null;
        }
        if (asUtf8 === '') {
          // a multi-byte sequence cut by the end of the piece: the next one decides
          this.held = rest;
          return decodeWindows1252(bytes.subarray(0, i));
        }
        this.encoding = asUtf8 === null ? 'windows-1252' : 'utf-8';
      }
    }
    if (this.encoding === 'windows-1252') return decodeWindows1252(bytes);
    try {
      return this.utf8.decode(bytes, { stream: !last });
    } catch {
      throw invalid(
        'Fichier illisible : il commence en UTF-8 puis contient des caractères d’un autre encodage. Enregistrez-le de nouveau, en « CSV UTF-8 » ou en « CSV (séparateur : point-virgule) ».',
      );
    }
  }
}

/** A whole file's text and the encoding found (for tests and small files). */
export const decodeText = (bytes: Uint8Array): { text: string; encoding: Encoding } => {
  const d = new SniffingDecoder();
  const text = d.decode(bytes) + d.decode();
  return { text, encoding: d.encoding ?? 'utf-8' };
};
