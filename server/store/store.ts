// The one store: records in memory, an fsynced journal for every acknowledged write, and lowdb
// snapshots compacted from time to time. Writes are serialized; a failed write changes nothing.
import { Low, Memory, type Adapter } from 'lowdb';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditEvent } from '../contract/audit.js';
import type { User } from '../contract/auth.js';
import type { PlanState } from '../domain/plan.js';
import type { ChainHead } from './audit-chain.js';
import { SnapshotFile, type SnapshotData } from './snapshot-file.js';
import { AuditFile, type AuditFilter } from './audit-file.js';
import { replay, type ReplayProblem } from './audit-replay.js';
import { AuditTrail } from './audit-trail.js';
import { nodeDisk, type Disk } from './disk.js';
import { folderFiles, memoryFiles, namedIn } from './files.js';
import { Journal } from './journal.js';
import { MemoryState, seededAt } from './memory.js';
import { SCHEMA_VERSION, type DataFile, type Kind, type RecordOf } from './schema.js';

import { StoreError } from './errors.js';
import type { FileStore, ListQuery, NotThenable, Store, ThrottleState, Tx, TxMeta } from './interface.js';
import { memoryThrottleState } from './throttle.js';

export { DiskRefused } from './disk.js';
export { StoreError };
export type { Store, Tx, TxMeta };

export interface StoreOptions {
  /** Data file; none for an in-memory store (tests). */
  path?: string;
  /** Contents for a new store (the demo plan or an empty one). */
  seed: () => DataFile | Promise<DataFile>;
  /** Journal entries before a snapshot is written. */
  compactEvery?: number;
  /** Journal bytes before a snapshot is written (a large import compacts at once). */
  compactBytes?: number;
  /** The way to the disk (tests hand one that fills up or fails). */
  disk?: Disk;
  /** After a failed compaction (a full disk), how long the next attempt waits. */
  compactRetryMs?: number;
}

/** The embedded engine: records in memory, an fsynced journal, lowdb snapshots. */
export class JournalStore implements Store {
  private readonly mem = new MemoryState();
  /** One process owns the data: the login counters stay in it. */
  private readonly throttle = memoryThrottleState();
  private readonly trail: AuditTrail;
  private queue: Promise<unknown> = Promise.resolve();
  private sinceSnapshot = 0;
  private compacting = false;
  private compaction: Promise<void> = Promise.resolve();
  private compactAfter = 0;
  private journal: Journal | null;
  private low: Low<DataFile | null>;
  private readonly fileStore: FileStore;

  readonly plan: PlanState;

  private constructor(private readonly opts: StoreOptions) {
    const disk = opts.disk ?? nodeDisk;
    this.journal = opts.path ? new Journal(`${opts.path}.journal`, disk) : null;
    this.trail = new AuditTrail(opts.path ? new AuditFile(`${opts.path}.audit`, disk) : null);
    this.low = new Low<DataFile | null>(
      opts.path ? (new SnapshotFile(opts.path, disk) as Adapter<DataFile | null>) : new Memory<DataFile | null>(),
      null,
    );
    this.plan = this.mem.plan;
    // the evidence files: a folder beside the data file (files.ts)
    const named = namedIn(this.plan);
    this.fileStore = opts.path ? folderFiles(`${opts.path}.files`, disk, named) : memoryFiles(named);
  }

  static async open(opts: StoreOptions): Promise<JournalStore> {
    const s = new JournalStore(opts);
    await s.load();
    return s;
  }

  private async load(): Promise<void> {
    const path = this.opts.path;
    if (path) await mkdir(dirname(path), { recursive: true });
    try {
      await this.low.read();
    } catch (e) {
      throw new StoreError(
        `Fichier de données illisible (${path}) : ${(e as Error).message}. Il n'a pas été modifié ; restaurez une sauvegarde (npm run backup) ou déplacez-le.`,
      );
    }
    let data = this.low.data;
    // a file that parses to null, an array or an object without collections is corrupt, not missing
    const raw: unknown = data;
    const missing = raw === null && !(path && existsSync(path));
    if (
      !missing &&
      (typeof raw !== 'object' ||
        raw === null ||
        Array.isArray(raw) ||
        typeof (raw as DataFile).collections !== 'object')
    )
      throw new StoreError(
        `Fichier de données ${path} : contenu inattendu (ni enveloppe de données Jalon, ni fichier absent). Il n'a pas été modifié ; restaurez une sauvegarde (npm run backup) ou déplacez-le.`,
      );
    const fresh = !data;
    if (!data) data = await this.opts.seed();
    if (data.schemaVersion !== SCHEMA_VERSION)
      throw new StoreError(
        `Fichier de données ${path ?? ''} : version de schéma ${String(data.schemaVersion)} inconnue (attendue : ${SCHEMA_VERSION}). Il n'a pas été modifié.`,
      );
    this.mem.seq = data.seq ?? 0;
    this.mem.load(data);
    const inline = data.audit ?? [];
    const untouched = (e: unknown) =>
      new StoreError(
        `${(e as Error).message}. Rien n'a été modifié ; restaurez une sauvegarde (npm run backup) ou déplacez le fichier.`,
      );
    await this.trail.load(inline, data.auditHead ?? null).catch((e: unknown) => {
      throw untouched(e);
    });
    if (this.journal) {
      let entries = 0;
      await this.journal
        .replay((entry) => {
          entries++;
          if (entry.seq <= this.mem.seq) return; // already in the snapshot (crash during compaction)
          this.mem.commit(entry.seq, entry.changes);
          for (const e of entry.events) this.trail.add(e);
        })
        .catch((e: unknown) => {
          throw untouched(e);
        });
      this.sinceSnapshot = entries;
    }
    this.low.data = null; // the maps hold the records now
    // every record of a new plan enters the audit trail, so that replaying the trail gives the plan
    if (fresh && !inline.length) for (const e of this.mem.seedEvents(seededAt(data), this.head())) this.trail.add(e);
    if (this.opts.path && (fresh || inline.length)) {
      // a new plan, or a snapshot that carried its audit trail inline (a restored backup)
      try {
        await this.trail.flush(this.trail.unflushed());
        await this.writeSnapshot(this.snapshotData());
      } catch (e) {
        throw new StoreError(
          `Impossible d'écrire le plan dans ${path} : ${(e as Error).message}. Libérez de la place puis relancez ; rien n'a été perdu.`,
        );
      }
    }
  }

  get<K extends Kind>(kind: K, id: string): RecordOf<K> | undefined {
    return this.mem.get(kind, id);
  }

  all<K extends Kind>(kind: K): IterableIterator<RecordOf<K>> {
    return this.mem.all(kind);
  }

  count(kind: Kind): number {
    return this.mem.count(kind);
  }

  list<K extends Kind>(kind: K, query: ListQuery): RecordOf<K>[] {
    return this.mem.list(kind, query);
  }

  userByEmail(email: string): User | undefined {
    return this.mem.userByEmail(email);
  }

  /** Changes with every acknowledged write: a key for caches of derived data. */
  get version(): number {
    return this.mem.seq;
  }

  throttleState(): ThrottleState {
    return this.throttle;
  }

  files(): FileStore {
    return this.fileStore;
  }

  /** A map for data derived from the records, emptied by every write and every refused one. */
  derived<T>(name: string): Map<string, T> {
    return this.mem.derived<T>(name);
  }

  /** One process owns the data: it is never stale. */
  staleSince(): string | null {
    return null;
  }

  /** One process owns the data: nothing to bring in. */
  catchUp(): Promise<void> {
    return Promise.resolve();
  }

  /** Runs `fn` alone against the current state; its puts and removes become durable together,
   *  with their audit events, before the promise resolves, and only then visible to readers.
   *  If `fn` throws or the disk refuses, every change is undone. `fn` must be synchronous (a
   *  write after an `await` would escape the journal): an async one is refused by the type and
   *  at run time. */
  transact<T>(meta: TxMeta, fn: (tx: Tx) => T & NotThenable): Promise<T> {
    const run = this.queue.then(() => this.run(meta, fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run<T>(meta: TxMeta, fn: (tx: Tx) => T): Promise<T> {
    const seq = this.mem.seq + 1;
    const { result, changes, events } = this.mem.prepare(meta, fn, seq, this.head());
    if (!changes.length) return result;
    // a full disk or an I/O error: DiskRefused, with the journal cut back as it was
    if (this.journal) await this.journal.append({ seq, changes, events });
    this.mem.commit(seq, changes);
    for (const e of events) this.trail.add(e);
    if (this.journal) {
      this.sinceSnapshot++;
      if (
        this.sinceSnapshot >= (this.opts.compactEvery ?? 2000) ||
        this.journal.bytes >= (this.opts.compactBytes ?? 64 << 20)
      )
        this.compactSoon();
    }
    return result;
  }

  /** Compaction: between two writes, the journal is set aside; the snapshot is then written in
   *  chunks while new writes go on to a fresh journal. Only then are set-aside journals removed. */
  /** Each step only starts once the one before is durable, and nothing is removed until the
   *  snapshot that holds it is: the audit file first (its events are in the set-aside journal
   *  until then), then the snapshot, then the set-aside journals. A failure at any step keeps
   *  every file and is tried again later; the journals keep every write meanwhile. */
  private compactSoon(force = false): void {
    if (this.compacting || !this.journal || (!force && Date.now() < this.compactAfter)) return;
    this.compacting = true;
    const journal = this.journal;
    let data: SnapshotData,
      events: AuditEvent[],
      kept = 0;
    const start = this.queue.then(async () => {
      data = this.snapshotData();
      events = this.trail.unflushed();
      kept = this.sinceSnapshot;
      await journal.rotate(data.seq);
      this.sinceSnapshot = 0;
    });
    this.queue = start.catch(() => undefined);
    this.compaction = start
      .then(() => this.trail.flush(events))
      .then(() => this.writeSnapshot(data))
      .then(() => journal.dropUpTo(data.seq))
      .catch((e) => {
        this.sinceSnapshot += kept; // still to compact
        this.compactAfter = Date.now() + (this.opts.compactRetryMs ?? 10_000);
        console.error(
          `[jalon] compaction failed (${(e as Error).message}); every journal is kept and it will be tried again`,
        );
      })
      .finally(() => {
        this.compacting = false;
      });
  }

  private async writeSnapshot(data: SnapshotData): Promise<void> {
    this.low.data = data as unknown as DataFile; // the adapter writes maps as well as records
    try {
      await this.low.write();
    } finally {
      this.low.data = null;
    }
  }

  /** The live maps themselves: a "fuzzy" snapshot. Writes that land while it is written may or
   *  may not be in it, but all of them are in the journal started at `seq`, which is kept and
   *  replayed over it (records are replaced, never changed in place; events are deduplicated). */
  private snapshotData(): SnapshotData {
    return {
      schemaVersion: SCHEMA_VERSION,
      seq: this.mem.seq,
      auditHead: this.head() ?? undefined,
      collections: this.mem.maps as unknown as SnapshotData['collections'],
      audit: [],
    };
  }

  /** The audit chain's last event: its sequence number and hash. */
  head(): ChainHead | null {
    const last = this.trail.last;
    return last ? { seq: last.seq, hash: last.hash } : null;
  }

  /** A copy of the plan (every collection) as a data file, without the audit trail. */
  exportData(): DataFile {
    return this.mem.exportData();
  }

  /** A consistent copy of everything, audit trail included (for backups). */
  async backupData(): Promise<DataFile> {
    const data = this.exportData();
    data.auditHead = this.head() ?? undefined;
    data.audit = await this.auditEvents();
    return data;
  }

  /** Replays the whole trail (streamed) against the records the plan holds: see audit-replay.ts. */
  async verifyAudit(): Promise<{ count: number; head: ChainHead | null; problem: ReplayProblem | null }> {
    const r = replay();
    await this.trail.each((e) => r.add(e));
    const last = r.last;
    return {
      count: r.count,
      head: last ? { seq: last.seq, hash: last.hash } : null,
      problem: r.finish(this.mem.auditedRecords()),
    };
  }

  /** Every audit event, oldest first: for verification and tests. */
  auditEvents(): Promise<AuditEvent[]> {
    return this.trail.all();
  }

  /** A page of the audit events matching `f`, newest first, and how many match. */
  auditPage(f: AuditFilter, offset: number, limit: number): Promise<{ items: AuditEvent[]; total: number }> {
    return this.trail.page(f, offset, limit);
  }

  /** Waits for pending writes and compaction; a clean stop leaves one snapshot and no journal. */
  async close(): Promise<void> {
    await this.queue;
    await this.compaction;
    if (this.journal && this.sinceSnapshot > 0) {
      this.compactSoon(true);
      await this.queue;
      await this.compaction;
    }
    await this.journal?.close();
  }
}
