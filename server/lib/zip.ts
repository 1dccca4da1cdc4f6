// A zip archive read from its central directory (APPNOTE.TXT 4.3.12-16), so that every part's
// size and ratio are known before anything is inflated; each part is then inflated as a stream
// and cut off at its declared size, so a lying header cannot unpack more than was accepted.
import { createInflateRaw } from 'node:zlib';
import { invalid } from '../domain/errors.js';
import { tooLarge } from '../domain/errors.js';
import { count, mebibytes, type ZipLimits } from './limits.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

const EOCD = 0x06054b50,
  CENTRAL = 0x02014b50,
  LOCAL = 0x04034b50;
const RATIO_GRACE = 1024 * 1024; // small parts compress very well too (styles, empty sheets)
const unreadable = () => invalid('Classeur XLSX illisible (archive zip abîmée).');

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();
  private budget: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits,
  ) {
    this.budget = limits.uncompressedBytes;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let end = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
      if (view.getUint32(i, true) === EOCD) {
        end = i;
        break;
      }
    if (end < 0) throw unreadable();
    const total = view.getUint16(end + 10, true);
    if (total > limits.entries)
      throw tooLarge('Classeur trop volumineux', `L'archive contient plus de ${count(limits.entries)} fichiers.`);
    let p = view.getUint32(end + 16, true);
    for (let n = 0; n < total; n++) {
      if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw unreadable();
      const nameLength = view.getUint16(p + 28, true),
        extra = view.getUint16(p + 30, true),
        comment = view.getUint16(p + 32, true);
      const e: ZipEntry = {
        name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
        method: view.getUint16(p + 10, true),
        compressedSize: view.getUint32(p + 20, true),
        size: view.getUint32(p + 24, true),
        headerOffset: view.getUint32(p + 42, true),
      };
      // 0xFFFFFFFF sends the size to a ZIP64 record: more than 4 Gio, far past any limit here
      if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) throw this.overBudget(e.name);
      // checked on every part, read or not, before anything is inflated
      if (e.size > RATIO_GRACE && e.size > e.compressedSize * limits.ratio)
        throw tooLarge(
          'Taux de compression suspect',
          `La partie ${e.name.slice(0, 60)} se décompresse ${count(Math.round(e.size / Math.max(1, e.compressedSize)))} fois (${count(limits.ratio)} au plus) : archive refusée (bombe zip).`,
        );
      this.entries.set(e.name, e);
      p += 46 + nameLength + extra + comment;
    }
  }

  private overBudget(name: string) {
    return tooLarge(
      'Classeur trop volumineux une fois décompressé',
      `Le classeur dépasse ${mebibytes(this.limits.uncompressedBytes)} une fois décompressé (partie ${name.slice(0, 60)}).`,
    );
  }

  private lying(e: ZipEntry) {
    return tooLarge(
      'Classeur trop volumineux une fois décompressé',
      `La partie ${e.name.slice(0, 60)} se décompresse au-delà de la taille qu'annonce l'archive (${count(e.size)} octets) : archive refusée.`,
    );
  }

  /** A part's declared size against what is left of the budget, before it is read. */
  private admit(e: ZipEntry, max: number): void {
    if (e.size > Math.min(max, this.budget)) throw this.overBudget(e.name);
    this.budget -= e.size;
  }

  /** A part's text as it inflates (UTF-8), never more than its declared size; null when absent. */
  async *text(name: string, max = Infinity): AsyncGenerator<string> {
    const e = this.entries.get(name);
    if (!e) return;
    this.admit(e, max);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const h = e.headerOffset;
    if (h + 30 > this.bytes.length || view.getUint32(h, true) !== LOCAL) throw unreadable();
    const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
    const data = this.bytes.subarray(start, start + e.compressedSize);
    const decoder = new TextDecoder('utf-8');
    if (e.method === 0) {
      if (data.length > e.size) throw this.lying(e);
      yield decoder.decode(data);
      return;
    }
    if (e.method !== 8) throw invalid(`Classeur XLSX illisible (compression ${e.method} non prise en charge).`);
    const inflate = createInflateRaw();
    inflate.end(data);
    let out = 0;
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        out += chunk.length;
        if (out > e.size) throw this.lying(e);
        yield decoder.decode(chunk, { stream: true });
      }
    } catch (err) {
      if (err instanceof Error && 'code' in err && String(err.code).startsWith('Z_')) throw unreadable();
      throw err;
    } finally {
      inflate.destroy();
    }
    yield decoder.decode();
  }
}
