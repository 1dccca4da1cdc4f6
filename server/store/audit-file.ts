// The audit trail on disk: `<data>.audit`, one sealed event per line, append-only. Events reach
// it at compaction, from the journal that made them durable with their change; until then they
// are held in memory. It is read on demand (queries, verification), never kept whole in memory.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { AuditEvent } from '../contract/audit.js';

export interface AuditFilter { entity?: string; id?: string; actor?: string; from?: string; to?: string }

export const matchesAudit = (e: AuditEvent, f: AuditFilter): boolean =>
  (!f.entity || e.entity === f.entity) && (!f.id || e.id === f.id) && (!f.actor || e.actor === f.actor)
  && (!f.from || e.at >= f.from) && (!f.to || e.at <= f.to);

/** Texts an event's line must contain to match `f` (a prefilter; matchesAudit decides). */
export const needlesOf = (f: AuditFilter): string[] =>
  (['entity', 'id', 'actor'] as const).flatMap((k) => (f[k] ? [`"${k}":${JSON.stringify(f[k])}`] : []));

export class AuditFile {
  constructor(readonly path: string) {}

  /** Every event in order, handed one at a time (the file is streamed). A torn last line, from a
   *  crash during an append, is not an event: it is skipped and cut off at the next append. */
  async each(visit: (e: AuditEvent) => void, needles: readonly string[] = []): Promise<void> {
    let rest = '';
    try {
      for await (const chunk of createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
        const text = rest + (chunk as string);
        let from = 0;
        for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
          if (nl > from) {
            const line = text.slice(from, nl);
            // lines that cannot match are not parsed at all (the trail is tens of MB)
            if (needles.every((n) => line.includes(n))) visit(JSON.parse(line) as AuditEvent);
          }
          from = nl + 1;
        }
        rest = text.slice(from);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
  }

  /** The last complete event, read from the end of the file. */
  async last(): Promise<AuditEvent | null> {
    let h;
    try { h = await open(this.path, 'r'); } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      const size = (await h.stat()).size;
      for (let span = 64 * 1024; ; span *= 4) {
        const start = Math.max(0, size - span);
        const buf = Buffer.alloc(size - start);
        await h.read(buf, 0, buf.length, start);
        const text = buf.toString('utf8');
        const end = text.lastIndexOf('\n');
        if (end < 0) { if (start === 0) return null; continue; }
        const begin = text.lastIndexOf('\n', end - 1);
        if (begin < 0 && start > 0) continue;
        return JSON.parse(text.slice(begin + 1, end)) as AuditEvent;
      }
    } finally {
      await h.close();
    }
  }

  /** Appends events durably, first cutting off a torn last line if a crash left one. */
  async append(events: readonly AuditEvent[]): Promise<void> {
    if (!events.length) return;
    const h = await open(this.path, 'a+');
    try {
      const size = (await h.stat()).size;
      if (size > 0) {
        const tail = Buffer.alloc(Math.min(size, 64 * 1024));
        await h.read(tail, 0, tail.length, size - tail.length);
        const lastNl = tail.lastIndexOf(0x0a);
        if (lastNl !== tail.length - 1) await h.truncate(size - tail.length + lastNl + 1);
      }
      await h.write(events.map((e) => JSON.stringify(e)).join('\n') + '\n');
      await h.sync();
    } finally {
      await h.close();
    }
  }

  async size(): Promise<number> {
    try { return (await stat(this.path)).size; } catch { return 0; }
  }
}
