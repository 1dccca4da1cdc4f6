// The audit trail on disk: `<data>.audit`, one sealed event per line, append-only. Events reach
// it at compaction, from the journal that made them durable with their change; until then they
// are held in memory. It is read on demand (queries, verification), never kept whole in memory.
import { stat } from 'node:fs/promises';
import type { AuditEvent } from '../contract/audit.js';
import { linkError } from './audit-chain.js';
import { eachLine } from './file-lines.js';
import { asDiskRefused, nodeDisk, writeAll, type Disk } from './disk.js';

export interface AuditFilter {
  entity?: string;
  id?: string;
  actor?: string;
  from?: string;
  to?: string;
  /** Only the events of these records (by id): an ARS account's region's. */
  ids?: ReadonlySet<string>;
}

export const matchesAudit = (e: AuditEvent, f: AuditFilter): boolean =>
  (!f.entity || e.entity === f.entity) &&
  (!f.id || e.id === f.id) &&
  (!f.actor || e.actor === f.actor) &&
  (!f.from || e.at >= f.from) &&
  (!f.to || e.at <= f.to) &&
  (!f.ids || f.ids.has(e.id));

/** Texts an event's line must contain to match `f` (a prefilter; matchesAudit decides). */
export const needlesOf = (f: AuditFilter): string[] =>
  (['entity', 'id', 'actor'] as const).flatMap((k) => (f[k] ? [`"${k}":${JSON.stringify(f[k])}`] : []));

export class AuditFileError extends Error {}

const CHUNK_BYTES = 1 << 20;
/** A line as JSON.stringify writes a sealed event: its number first, its link and hash last. */
const START = /^\{"seq":(\d+),/;
const END = /"prevHash":"([0-9a-f]*)","hash":"([0-9a-f]{64})"\}$/;

export class AuditFile {
  constructor(
    readonly path: string,
    private readonly disk: Disk = nodeDisk,
  ) {}

  /** Every whole line in order, as bytes, with its number; the torn tail of a crashed append
   *  (no end of line) is not a line. */
  private async lines(visit: (line: Buffer, lineNo: number) => void): Promise<void> {
    await eachLine(this.path, (line, lineNo) => {
      if (line.length) visit(line, lineNo);
    });
  }

  private parse(line: Buffer, lineNo: number): AuditEvent {
    try {
      const e = JSON.parse(line.toString('utf8')) as AuditEvent;
      if (
        typeof e === 'object' &&
        e !== null &&
        Number.isSafeInteger(e.seq) &&
        typeof e.hash === 'string' &&
        typeof e.prevHash === 'string'
      )
        return e;
    } catch {
      /* answered below */
    }
    throw new AuditFileError(`piste d’audit ${this.path} : ligne ${lineNo} illisible`);
  }

  /** Reads the whole file once at start: every line an event, each linked to the one before.
   *  Returns the last event and the one at `at` (the head a snapshot recorded), if present.
   *  Lines as the store writes them are checked by their ends (number, link, hash) without a
   *  full parse (the trail is tens of MB and the start must stay quick); others are parsed. */
  async scan(at?: number): Promise<{ head: AuditEvent | null; at: AuditEvent | null }> {
    let head: Pick<AuditEvent, 'seq' | 'prevHash' | 'hash'> | null = null;
    let last: [Buffer, number] | null = null,
      found: [Buffer, number] | null = null;
    await this.lines((line, lineNo) => {
      const start = START.exec(line.toString('latin1', 0, 32));
      const end = start ? END.exec(line.toString('latin1', Math.max(0, line.length - 160))) : null;
      const e = start && end ? { seq: Number(start[1]), prevHash: end[1]!, hash: end[2]! } : this.parse(line, lineNo);
      const why = linkError(e as AuditEvent, head as AuditEvent | null, false);
      if (why) throw new AuditFileError(`piste d’audit ${this.path} : ligne ${lineNo} : ${why}`);
      if (e.seq === at) found = [Buffer.from(line), lineNo];
      head = e;
      last = [line, lineNo];
    });
    const l = last as [Buffer, number] | null,
      f = found as [Buffer, number] | null;
    return { head: l ? this.parse(...l) : null, at: f ? this.parse(...f) : null };
  }

  /** Every event in order, handed one at a time (the file is streamed). */
  async each(visit: (e: AuditEvent) => void, needles: readonly string[] = []): Promise<void> {
    await this.lines((line, lineNo) => {
      // lines that cannot match are not parsed at all (the trail is tens of MB)
      if (needles.every((n) => line.includes(n))) visit(this.parse(line, lineNo));
    });
  }

  /** Appends events durably, first cutting off a torn last line if a crash left one. If the
   *  disk refuses, the file is cut back to what it held and DiskRefused is thrown. */
  async append(events: readonly AuditEvent[]): Promise<void> {
    if (!events.length) return;
    const h = await this.disk.open(this.path, 'a+').catch((e: unknown) => {
      throw asDiskRefused(e);
    });
    let size = -1;
    try {
      size = (await h.stat()).size;
      if (size > 0) {
        const tail = Buffer.alloc(Math.min(size, 64 * 1024));
        await h.read(tail, 0, tail.length, size - tail.length);
        const lastNl = tail.lastIndexOf(0x0a);
        if (lastNl !== tail.length - 1) {
          size = size - tail.length + lastNl + 1;
          await h.truncate(size);
        }
      }
      let buf: string[] = [],
        chars = 0;
      const flush = async () => {
        await writeAll(h, Buffer.from(buf.join(''), 'utf8'));
        buf = [];
        chars = 0;
      };
      for (const e of events) {
        const line = JSON.stringify(e) + '\n';
        buf.push(line);
        chars += line.length;
        if (chars >= CHUNK_BYTES) await flush();
      }
      if (buf.length) await flush();
      await h.sync();
    } catch (e) {
      // else the torn tail is cut at the next append, and skipped until then
      if (size >= 0)
        await h
          .truncate(size)
          .then(() => h.sync())
          .catch(() => undefined);
      throw asDiskRefused(e);
    } finally {
      await h.close().catch(() => undefined);
    }
  }

  async size(): Promise<number> {
    try {
      return (await stat(this.path)).size;
    } catch {
      return 0;
    }
  }
}
