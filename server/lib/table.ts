// The rows of an uploaded sheet, in batches as they are read: XLSX (by its type or its zip
// signature; the zip's directory is at its end, so the file is held, within the body limit) or
// CSV in UTF-8 (streamed). Both stop at the first limit they hit.
import { DomainError, invalid } from '../domain/errors.js';
import { readCsv } from './csv.js';
import type { TableLimits, ZipLimits } from './limits.js';
import { readXlsxRows, type SheetRow } from './xlsx-reader.js';
import { XLSX_TYPE } from './xlsx.js';

async function* prepend(head: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (head.length) yield head;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

const concat = async (chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> => {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
};

export async function* tableRows(
  body: AsyncIterable<Uint8Array>,
  type: string,
  limits: TableLimits,
  zipLimits: ZipLimits,
): AsyncGenerator<SheetRow[]> {
  const it = body[Symbol.asyncIterator]();
  let head: Uint8Array = new Uint8Array(0);
  while (head.length < 2) {
    // enough to tell a zip from a text
    const r = await it.next();
    if (r.done) break;
    head = head.length ? Buffer.concat([head, r.value]) : r.value;
  }
  const chunks = prepend(head, it);
  if (!type.startsWith(XLSX_TYPE) && !(head[0] === 0x50 && head[1] === 0x4b)) {
    yield* readCsv(chunks, limits);
    return;
  }
  const bytes = await concat(chunks);
  try {
    yield* readXlsxRows(bytes, limits, zipLimits);
  } catch (e) {
    throw e instanceof DomainError ? e : invalid('Classeur XLSX illisible.');
  }
}
