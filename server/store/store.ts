// The one store: records in memory, an fsynced journal for every acknowledged write, and lowdb
// snapshots compacted from time to time. Writes are serialized; a failed write changes nothing.
import { Low, Memory, type Adapter } from 'lowdb';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditEvent } from '../contract/audit.js';
import type { User } from '../contract/auth.js';
import type { Allocation, Completion, Establishment, Payment } from '../contract/plan.js';
import type { Buckets } from '../domain/bucket.js';
import { addAllocation, addPayment, buildBuckets } from '../domain/buckets.js';
import { pathOf, testOf } from '../domain/conditions.js';
import type { PlanIndex, PlanState } from '../domain/plan.js';
import { seal, type ChainHead } from './audit-chain.js';
import { SnapshotFile, type SnapshotData } from './snapshot-file.js';
import { AuditFile, type AuditFilter } from './audit-file.js';
import { replay, type ReplayProblem } from './audit-replay.js';
import { AuditTrail } from './audit-trail.js';
import { nodeDisk, type Disk } from './disk.js';
import { Journal, type Change } from './journal.js';
import { KINDS, SCHEMA_VERSION, type DataFile, type Kind, type RecordOf, type StoredRecord } from './schema.js';

import { StoreError } from './errors.js';
import type { AuditNote, ListQuery, NotThenable, Store, Tx, TxChange, TxMeta } from './interface.js';

export { DiskRefused } from './disk.js';
export { StoreError };
export type { Store, Tx, TxMeta };

/** Kinds whose changes are not audited (session bookkeeping is not a change of the plan). */
const UNAUDITED: ReadonlySet<Kind> = new Set(['sessions', 'history', 'steps']);
/** Fields never copied into the audit trail. */
const SECRET_FIELDS = ['passwordHash', 'tokenHash'];

class Group<T extends { id: string }> {
  private readonly byKey = new Map<string, Map<string, T>>();
  constructor(private readonly keyOf: (r: T) => string) {}
  add(r: T) {
    const k = this.keyOf(r);
    let m = this.byKey.get(k);
    if (!m) this.byKey.set(k, (m = new Map()));
    m.set(r.id, r);
  }
  delete(r: T) {
    this.byKey.get(this.keyOf(r))?.delete(r.id);
  }
  get(k: string): Iterable<T> {
    return this.byKey.get(k)?.values() ?? [];
  }
}

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
  private readonly maps = Object.fromEntries(KINDS.map((k) => [k, new Map<string, StoredRecord>()])) as {
    [K in Kind]: Map<string, RecordOf<K>>;
  };
  private readonly byEnvelope = new Group<Allocation>((a) => a.envelopeId);
  private readonly byFiness = new Group<Allocation>((a) => a.finess);
  private readonly byAllocation = new Group<Payment>((p) => p.allocationId);
  private readonly byAction = new Group<Completion>((c) => c.actionId);
  private readonly completionsOf = new Group<Completion>((c) => c.finess);
  private readonly byEj = new Group<Establishment>((e) => e.finessEj ?? '');
  private readonly byEmail = new Map<string, User>();
  /** Dashboard buckets, updated in place; null when a change of region, axis or envelope
   *  asks for a rebuild (rare: those records seldom change). */
  private buckets: Buckets | null = null;
  private readonly trail: AuditTrail;
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private sinceSnapshot = 0;
  private compacting = false;
  private compaction: Promise<void> = Promise.resolve();
  private compactAfter = 0;
  private readonly derivedMaps = new Map<string, Map<string, unknown>>();
  private derivedAt = -1;
  private journal: Journal | null;
  private low: Low<DataFile | null>;

  readonly plan: PlanState;

  private constructor(private readonly opts: StoreOptions) {
    const disk = opts.disk ?? nodeDisk;
    this.journal = opts.path ? new Journal(`${opts.path}.journal`, disk) : null;
    this.trail = new AuditTrail(opts.path ? new AuditFile(`${opts.path}.audit`, disk) : null);
    this.low = new Low<DataFile | null>(
      opts.path ? (new SnapshotFile(opts.path, disk) as Adapter<DataFile | null>) : new Memory<DataFile | null>(),
      null,
    );
    const index: PlanIndex = {
      allocationsByEnvelope: (id) => this.byEnvelope.get(id),
      allocationsByFiness: (f) => this.byFiness.get(f),
      paymentsByAllocation: (id) => this.byAllocation.get(id),
      completionsByAction: (id) => this.byAction.get(id),
      completionsByFiness: (f) => this.completionsOf.get(f),
      sitesOf: (ej) => (ej ? this.byEj.get(ej) : []),
      buckets: () => (this.buckets ??= buildBuckets(this.plan)),
    };
    const m = this.maps;
    this.plan = {
      regions: m.regions,
      envelopes: m.envelopes,
      establishments: m.establishments,
      actions: m.actions,
      allocations: m.allocations,
      payments: m.payments,
      milestones: m.milestones,
      completions: m.completions,
      index,
    };
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
    this.seq = data.seq ?? 0;
    for (const k of KINDS) for (const r of Object.values(data.collections[k] ?? {})) this.apply(k, r.id, r);
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
          if (entry.seq <= this.seq) return; // already in the snapshot (crash during compaction)
          for (const [k, id, r] of entry.changes) this.apply(k, id, r);
          for (const e of entry.events) this.trail.add(e);
          this.seq = entry.seq;
        })
        .catch((e: unknown) => {
          throw untouched(e);
        });
      this.sinceSnapshot = entries;
    }
    this.low.data = null; // the maps hold the records now
    // every record of a new plan enters the audit trail, so that replaying the trail gives the plan
    if (fresh && !inline.length) this.sealSeed(seededAt(data));
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

  /** One « plan initial » event per record of a new plan, in the order of KINDS. */
  private sealSeed(at: string): void {
    let last = this.trail.last;
    for (const kind of KINDS) {
      if (UNAUDITED.has(kind)) continue;
      for (const r of this.maps[kind].values()) {
        last = seal(
          {
            seq: (last?.seq ?? 0) + 1,
            at,
            actor: 'système',
            action: 'seed',
            entity: kind,
            id: r.id,
            before: null,
            after: redact(r),
          },
          last?.hash ?? '',
        );
        this.trail.add(last);
      }
    }
  }

  private apply(kind: Kind, id: string, record: StoredRecord | null): void {
    const map = this.maps[kind] as Map<string, StoredRecord>;
    const old = map.get(id);
    const b = this.buckets;
    if (old) {
      if (kind === 'allocations') {
        this.byEnvelope.delete(old as Allocation);
        this.byFiness.delete(old as Allocation);
        if (b) addAllocation(b, this.plan, old as Allocation, -1);
      }
      if (kind === 'payments') {
        this.byAllocation.delete(old as Payment);
        if (b) addPayment(b, this.plan, old as Payment, -1);
      }
      if (kind === 'completions') {
        this.byAction.delete(old as Completion);
        this.completionsOf.delete(old as Completion);
      }
      if (kind === 'establishments') this.byEj.delete(old as Establishment);
      if (kind === 'users') this.byEmail.delete((old as User).email.toLowerCase());
    }
    if (kind === 'establishments' || kind === 'actions' || kind === 'envelopes' || kind === 'regions')
      this.buckets = null;
    if (record === null) {
      map.delete(id);
      return;
    }
    map.set(id, record);
    if (kind === 'allocations') {
      this.byEnvelope.add(record as Allocation);
      this.byFiness.add(record as Allocation);
      if (b) addAllocation(b, this.plan, record as Allocation, 1);
    }
    if (kind === 'payments') {
      this.byAllocation.add(record as Payment);
      if (b) addPayment(b, this.plan, record as Payment, 1);
    }
    if (kind === 'completions') {
      this.byAction.add(record as Completion);
      this.completionsOf.add(record as Completion);
    }
    if (kind === 'establishments') this.byEj.add(record as Establishment);
    if (kind === 'users') this.byEmail.set((record as User).email.toLowerCase(), record as User);
  }

  get<K extends Kind>(kind: K, id: string): RecordOf<K> | undefined {
    return this.maps[kind].get(id);
  }

  all<K extends Kind>(kind: K): IterableIterator<RecordOf<K>> {
    return this.maps[kind].values();
  }

  count(kind: Kind): number {
    return this.maps[kind].size;
  }

  list<K extends Kind>(kind: K, { where, scope }: ListQuery): RecordOf<K>[] {
    const tests = where.map(testOf),
      finessAt = scope ? pathOf(scope.path) : null,
      plan = this.plan;
    const out: RecordOf<K>[] = [];
    for (const r of this.maps[kind].values()) {
      if (finessAt) {
        const f = finessAt(plan, r);
        if (typeof f !== 'string' || !scope!.finess.has(f)) continue;
      }
      if (tests.every((t) => t(plan, r))) out.push(r);
    }
    return out;
  }

  userByEmail(email: string): User | undefined {
    return this.byEmail.get(email.toLowerCase());
  }

  /** Changes with every acknowledged write: a key for caches of derived data. */
  get version(): number {
    return this.seq;
  }

  /** A map for data derived from the records (a list, a dashboard, a checked session), emptied
   *  by every write and by every refused one (which may have been read half-done). */
  derived<T>(name: string): Map<string, T> {
    if (this.derivedAt !== this.seq) {
      this.derivedMaps.clear();
      this.derivedAt = this.seq;
    }
    let m = this.derivedMaps.get(name);
    if (!m) this.derivedMaps.set(name, (m = new Map()));
    return m as Map<string, T>;
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
    const seq = this.seq + 1;
    const rev = seq.toString(36);
    const changes: Change[] = [];
    const undo: Change[] = [];
    // events are sealed as the changes are made (writers are serialized: the chain's head cannot
    // move meanwhile), so that a large import holds one event object per change, not two
    const chained: AuditEvent[] = [];
    const made: TxChange[] = [];
    let last = this.trail.last;
    const record = (
      kind: Kind,
      id: string,
      before: StoredRecord | undefined,
      after: StoredRecord | null,
      note?: AuditNote,
    ) => {
      undo.push([kind, id, before ?? null]);
      changes.push([kind, id, after]);
      this.apply(kind, id, after);
      if (UNAUDITED.has(kind)) {
        made.push({ kind, id, before: before ?? null, after });
        return;
      }
      last = seal(
        {
          seq: (last?.seq ?? 0) + 1,
          at: meta.now,
          actor: meta.actor ?? 'système',
          action: meta.action ?? (after ? (before ? 'update' : 'create') : 'delete'),
          entity: kind,
          id,
          before: redact(before ?? null),
          after: redact(after),
          ...(note?.ref !== undefined ? { ref: note.ref } : {}),
        },
        last?.hash ?? '',
      );
      chained.push(last);
      made.push({ kind, id, before: before ?? null, after, seq: last.seq });
    };
    let open = true;
    const closed = () =>
      new StoreError('transaction terminée : une écriture après la fin de la transaction n’irait pas au journal');
    const tx: Tx = {
      plan: this.plan,
      get: (kind, id) => this.get(kind, id),
      changes: made,
      put: (kind, r, note) => {
        if (!open) throw closed();
        const before = this.get(kind, r.id);
        const stamped = { ...r, rev, updatedAt: meta.now, createdAt: r.createdAt || meta.now } as typeof r;
        if (meta.actor) {
          (stamped as StoredRecord).updatedBy = meta.actor;
          if (!before && !r.createdBy) (stamped as StoredRecord).createdBy = meta.actor;
        }
        record(kind, r.id, before, stamped, note);
        return stamped;
      },
      remove: (kind, id, note) => {
        if (!open) throw closed();
        const before = this.get(kind, id);
        if (before) record(kind, id, before, null, note);
      },
    };
    const rollback = () => {
      for (let i = undo.length - 1; i >= 0; i--) this.apply(...undo[i]!);
      this.derivedMaps.clear();
    };
    let result: T;
    try {
      result = fn(tx);
      if (typeof (result as { then?: unknown } | null)?.then === 'function')
        throw new StoreError(
          'transact attend une fonction synchrone : une écriture après un await échapperait au journal',
        );
    } catch (e) {
      rollback();
      throw e;
    } finally {
      open = false;
    }
    if (!changes.length) return result;
    // Readers never see what is not durable: the changes leave the live maps while the entry is
    // written (fn ran without an await, so nobody saw them) and come back once it is fsynced.
    rollback();
    // a full disk or an I/O error: DiskRefused, with the journal cut back as it was
    if (this.journal) await this.journal.append({ seq, changes, events: chained });
    for (const [k, id, r] of changes) this.apply(k, id, r);
    this.seq = seq;
    for (const e of chained) this.trail.add(e);
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
      seq: this.seq,
      auditHead: this.head() ?? undefined,
      collections: this.maps as unknown as SnapshotData['collections'],
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
    const collections = Object.fromEntries(
      KINDS.map((k) => [k, Object.fromEntries(this.maps[k])]),
    ) as DataFile['collections'];
    return structuredClone({ schemaVersion: SCHEMA_VERSION, seq: this.seq, collections, audit: [] });
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
    const records = new Map(
      KINDS.filter((k) => !UNAUDITED.has(k)).map(
        (k) => [k, [...this.maps[k].values()].map((x) => redact(x) as StoredRecord)] as const,
      ),
    );
    const last = r.last;
    return { count: r.count, head: last ? { seq: last.seq, hash: last.hash } : null, problem: r.finish(records) };
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

/** The record as the audit trail shows it: the record itself (records are never changed in
 *  place), or a copy with its secrets masked. */
const seededAt = (data: DataFile): string => {
  let at = '';
  for (const k of KINDS)
    for (const r of Object.values(data.collections[k] ?? {})) if (r.createdAt > at) at = r.createdAt;
  return at || new Date(0).toISOString();
};

const redact = (r: StoredRecord | null): unknown => {
  if (!r) return null;
  if (!SECRET_FIELDS.some((f) => f in r)) return r;
  const copy: Record<string, unknown> = { ...r };
  for (const f of SECRET_FIELDS) if (f in copy) copy[f] = '[masqué]';
  return copy;
};
