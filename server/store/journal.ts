// Append-only journal of committed transactions, fsynced before a write is acknowledged.
// A transaction is one line; a large one (an import) is several part lines then its last line,
// so no line is ever one giant string. A transaction counts once its last line is whole.
// A failed append (full disk, I/O error) cuts the file back to its last whole transaction before
// the refusal is answered; a torn tail (power cut mid-append) is cut off at the next start.
// At compaction the current file is set aside as `<path>.<seq>` (the snapshot will hold
// everything up to seq) and a new one starts; set-aside files go once the snapshot is durable.
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AuditEvent } from '../contract/audit.js';
import { eachLine } from './file-lines.js';
import { asDiskRefused, fsyncDir, writeAll, type Disk, type DiskFile } from './disk.js';
import type { Change } from './memory.js';
import { KINDS } from './schema.js';

export type { Change };
export interface JournalEntry {
  seq: number;
  changes: Change[];
  events: AuditEvent[];
}
interface Line extends JournalEntry {
  part?: true;
}

/** Above this many characters a transaction is written as several lines. */
const PART_CHARS = 4 << 20;
const KIND_SET: ReadonlySet<string> = new Set(KINDS);

export class JournalError extends Error {}

export class Journal {
  private handle: DiskFile | null = null;
  /** Bytes of whole transactions in the current file: where a failed append is cut back to. */
  private size = 0;
  private sized = false;
  private dirty = false;
  constructor(
    readonly path: string,
    private readonly disk: Disk,
  ) {}

  /** Bytes in the current file (compaction starts early after a large import). */
  get bytes(): number {
    return this.size;
  }

  /** Set-aside files, oldest first, with the last seq each holds. */
  private async rotated(): Promise<Array<{ file: string; seq: number }>> {
    const dir = dirname(this.path),
      base = basename(this.path);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    return names
      .flatMap((n) => {
        const m = n.startsWith(`${base}.`) ? /^(\d+)$/.exec(n.slice(base.length + 1)) : null;
        return m ? [{ file: join(dir, n), seq: Number(m[1]) }] : [];
      })
      .sort((a, b) => a.seq - b.seq);
  }

  /** Hands every whole transaction in order, set-aside files first. Throws JournalError on a
   *  line that is not a whole transaction of the right shape, unless it is the torn tail of a
   *  file, which is cut off so that later appends start on a clean line. */
  async replay(visit: (entry: JournalEntry) => void): Promise<void> {
    const files = [...(await this.rotated()).map((r) => r.file), this.path];
    let lastSeq = 0;
    for (const file of files) {
      const end = await readJournalFile(file, (e) => {
        if (e.seq <= lastSeq) throw new Error(`numéro de transaction ${e.seq} après ${lastSeq}`);
        lastSeq = e.seq;
        visit(e);
      });
      if (end.torn)
        await this.disk.open(file, 'r+').then(async (h) => {
          try {
            await h.truncate(end.good);
            await h.sync();
          } finally {
            await h.close();
          }
        });
      if (file === this.path) {
        this.size = end.good;
        this.sized = true;
      }
    }
  }

  /** Appends one transaction durably, or throws DiskRefused with the file as it was. */
  async append(entry: JournalEntry): Promise<void> {
    const h = await this.ready();
    let written = 0;
    try {
      for (const line of linesOf(entry)) {
        const bytes = Buffer.from(line, 'utf8');
        await writeAll(h, bytes);
        written += bytes.length;
      }
      await h.datasync();
      this.size += written;
    } catch (e) {
      this.dirty = true;
      await this.repair().catch(() => undefined); // tried again before the next append
      throw asDiskRefused(e);
    }
  }

  /** The open file, cut back to its last whole transaction if an append failed part-way. */
  private async ready(): Promise<DiskFile> {
    try {
      this.handle ??= await this.disk.open(this.path, 'a');
      if (!this.sized) {
        this.size = (await this.handle.stat()).size;
        this.sized = true;
      }
      if (this.dirty) await this.repair();
      return this.handle;
    } catch (e) {
      throw asDiskRefused(e);
    }
  }

  private async repair(): Promise<void> {
    const h = this.handle!;
    await h.truncate(this.size);
    await h.datasync();
    this.dirty = false;
  }

  /** Sets the current file aside as holding everything up to `seq`; appends go to a new file. */
  async rotate(seq: number): Promise<void> {
    await this.close();
    try {
      await this.disk.rename(this.path, `${this.path}.${seq}`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    this.size = 0;
    await fsyncDir(this.disk, dirname(this.path));
  }

  /** Removes set-aside files that a durable snapshot at `seq` now contains. */
  async dropUpTo(seq: number): Promise<void> {
    for (const r of await this.rotated()) if (r.seq <= seq) await this.disk.unlink(r.file);
    await fsyncDir(this.disk, dirname(this.path));
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    this.sized = false;
    await h?.close();
  }
}

/** The lines of one transaction: part lines of about PART_CHARS, then its last line. */
function* linesOf({ seq, changes, events }: JournalEntry): Generator<string> {
  let chars = 0;
  let line = { changes: [] as string[], events: [] as string[] };
  const render = (part: boolean) =>
    `{"seq":${seq}${part ? ',"part":true' : ''},"changes":[${line.changes.join(',')}],"events":[${line.events.join(',')}]}\n`;
  for (const [key, items] of [
    ['changes', changes],
    ['events', events],
  ] as const) {
    for (const item of items) {
      const text = JSON.stringify(item);
      line[key].push(text);
      chars += text.length;
      if (chars >= PART_CHARS) {
        yield render(true);
        line = { changes: [], events: [] };
        chars = 0;
      }
    }
  }
  yield render(false);
}

/** Why a parsed line is not a journal line, or null when it is one. */
const shapeError = (v: unknown): string | null => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'ce n’est pas une transaction';
  const l = v as Partial<Line>;
  if (!Number.isSafeInteger(l.seq) || l.seq! < 1) return 'numéro de transaction absent ou invalide';
  if (!Array.isArray(l.changes) || !Array.isArray(l.events)) return 'changements ou événements absents';
  for (const c of l.changes) {
    if (!Array.isArray(c) || c.length !== 3 || typeof c[1] !== 'string') return 'changement mal formé';
    if (!KIND_SET.has(c[0] as string)) return `type d’enregistrement inconnu « ${String(c[0]).slice(0, 40)} »`;
    const r = c[2] as unknown;
    if (r !== null && (typeof r !== 'object' || Array.isArray(r) || (r as { id?: unknown }).id !== c[1]))
      return `enregistrement mal formé (${c[0]} ${c[1].slice(0, 40)})`;
  }
  for (const e of l.events) {
    const ev = e as Partial<AuditEvent> | null;
    if (
      typeof ev !== 'object' ||
      ev === null ||
      !Number.isSafeInteger(ev.seq) ||
      typeof ev.hash !== 'string' ||
      typeof ev.entity !== 'string'
    )
      return 'événement d’audit mal formé';
  }
  return null;
};

/** Streams one journal file line by line (bytes, so that offsets are exact). Returns where the
 *  whole transactions end and whether a torn tail follows. */
async function readJournalFile(
  file: string,
  visit: (e: JournalEntry) => void,
): Promise<{ good: number; torn: boolean }> {
  let offset = 0,
    good = 0;
  let open: { seq: number; changes: Change[]; events: AuditEvent[] } | null = null;
  const { tail } = await eachLine(file, (bytes, lineNo) => {
    const next = offset + bytes.length + 1;
    offset = next;
    if (!bytes.length) {
      if (!open) good = next;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new JournalError(`journal ${file} : ligne ${lineNo} illisible`);
    }
    const why = shapeError(parsed);
    if (why) throw new JournalError(`journal ${file} : ligne ${lineNo} : ${why}`);
    const l = parsed as Line;
    if (open && open.seq !== l.seq)
      throw new JournalError(
        `journal ${file} : ligne ${lineNo} : la transaction ${open.seq} n’a pas de dernière ligne`,
      );
    if (!open) open = { seq: l.seq, changes: [], events: [] };
    for (const c of l.changes) open.changes.push(c);
    for (const e of l.events) open.events.push(e);
    if (!l.part) {
      try {
        visit(open);
      } catch (e) {
        throw new JournalError(`journal ${file} : ligne ${lineNo} : ${(e as Error).message}`);
      }
      open = null;
      good = next;
    }
  });
  // What follows the last whole transaction was never acknowledged: an unterminated line, or
  // the part lines of a transaction whose last line never came.
  return { good, torn: tail > 0 || open !== null };
}
