// The store as the rest of the server sees it: the only way to the data. Routes, auth and scripts
// hold a `Store`; which engine is behind it (the embedded journal + lowdb snapshots of store.ts
// today, PostgreSQL tomorrow) is chosen in server/main.ts only. Reads answer from a consistent
// state that never shows a write that is not durable; every write is one `transact`.
import type { AuditEvent } from '../contract/audit.js';
import type { User } from '../contract/auth.js';
import type { Condition } from '../domain/conditions.js';
import type { PlanState } from '../domain/plan.js';
import type { ChainHead } from './audit-chain.js';
import type { AuditFilter } from './audit-file.js';
import type { ReplayProblem } from './audit-replay.js';
import type { DataFile, Kind, RecordOf, StoredRecord } from './schema.js';

export { DiskRefused } from './disk.js';
export { StoreError, StoreUnavailable } from './errors.js';
export type { AuditFilter, ChainHead };

/** What a list asks the store for: data, never closures, so that any engine can run it. */
export interface ListQuery {
  where: readonly Condition[];
  scope?: { path: string; finess: ReadonlySet<string> } | null;
}

export interface TxMeta {
  actor?: string;
  action?: string;
  now: string;
}

/** What an audit event says beyond the change: `ref`, the event an undo or a redo reverses;
 *  `action`, this change's own operation when a transaction makes several kinds (a promotion). */
export interface AuditNote {
  ref?: number;
  action?: string;
}

/** One change a transaction made: the record before and after (null: absent), and the seq of
 *  its audit event (none for unaudited kinds). */
export interface TxChange {
  kind: Kind;
  id: string;
  before: StoredRecord | null;
  after: StoredRecord | null;
  seq?: number;
}

/** What a transaction sees and writes: its own changes included, as they are made. */
export interface Tx {
  readonly plan: PlanState;
  get<K extends Kind>(kind: K, id: string): RecordOf<K> | undefined;
  put<K extends Kind>(kind: K, record: RecordOf<K>, note?: AuditNote): RecordOf<K>;
  remove(kind: Kind, id: string, note?: AuditNote): void;
  /** What this transaction has changed so far, in order (an undo step is made of them). */
  readonly changes: readonly TxChange[];
}

/** A change of the login throttle's state: the key's new value from its current one (undefined:
 *  none; returning undefined forgets the key). Values are JSON. */
export type ThrottleChange = readonly [key: string, next: (current: unknown) => unknown];

/** The login throttle's counters (server/auth/throttle.ts), kept where every instance serving the
 *  data sees them: in the process for the embedded engine, in a table on PostgreSQL. */
export interface ThrottleState {
  /** The values of these keys, in order (undefined: none). */
  read(keys: readonly string[]): Promise<unknown[]>;
  /** Applies the changes together, each key locked against every other instance meanwhile. */
  update(changes: readonly ThrottleChange[], nowMs: number): Promise<void>;
  /** Forgets the keys last changed before `beforeMs`. */
  prune(beforeMs: number): Promise<void>;
}

/** Evidence files (declarations' « pièces justificatives »), stored once by their SHA-256 apart
 *  from the records: a declaration names them (server/store/files.ts, pg/files.ts). */
export interface FileStore {
  /** Stores the bytes durably (on the disk or in the database) before it resolves; `created`:
   *  false when a file with the same content was there already. */
  put(bytes: Uint8Array, type: string): Promise<{ sha256: string; created: boolean }>;
  /** The file's bytes, checked against their SHA-256; undefined when there is none. */
  get(sha256: string): Promise<Uint8Array | undefined>;
  /** Removes the file unless a declaration names it (a refused declaration leaves nothing behind). */
  discard(sha256: string): Promise<void>;
}

/** What a transaction may return: anything but a promise (an async function is a type error). */
export type NotThenable = { then?: never } | void;

export interface Store {
  /** The plan as the domain reads it (records by kind, with indexes): read-only. */
  readonly plan: PlanState;
  get<K extends Kind>(kind: K, id: string): RecordOf<K> | undefined;
  all<K extends Kind>(kind: K): IterableIterator<RecordOf<K>>;
  count(kind: Kind): number;
  /** The records of a kind that meet every condition and, with a scope, whose FINESS (found at
   *  `scope.path`) is one of `scope.finess`; in no particular order. */
  list<K extends Kind>(kind: K, query: ListQuery): RecordOf<K>[];
  /** The account with this e-mail (compared in lower case), through an index. */
  userByEmail(email: string): User | undefined;

  /** Changes with every acknowledged write: a key for caches of derived data. */
  readonly version: number;
  /** Null while the data is current; while the database cannot be reached, the ISO time it last
   *  answered (reads go on from memory and the app says so: the Jalon-Stale header). The
   *  embedded engine is never stale. */
  staleSince(): string | null;
  /** Brings in what other instances have committed up to now (a session opened on one, used at
   *  once on another, before its notification came); nothing to do for the embedded engine. */
  catchUp(): Promise<void>;
  /** A cache for data derived from the records, emptied by every write and refused write. */
  derived<T>(name: string): Map<string, T>;

  /** Runs `fn` alone; its puts and removes become durable together, with their audit events,
   *  before the promise resolves, and only then visible. A throw or a refusal of the disk
   *  (DiskRefused) changes nothing. `fn` must be synchronous. */
  transact<T>(meta: TxMeta, fn: (tx: Tx) => T & NotThenable): Promise<T>;

  /** A page of the audit events matching `f`, newest first, and how many match. */
  auditPage(f: AuditFilter, offset: number, limit: number): Promise<{ items: AuditEvent[]; total: number }>;
  /** Every audit event, oldest first. */
  auditEvents(): Promise<AuditEvent[]>;
  /** The audit chain's last event. */
  head(): ChainHead | null;
  /** Replays the trail against the records: null problem when they agree. */
  verifyAudit(): Promise<{ count: number; head: ChainHead | null; problem: ReplayProblem | null }>;

  /** A copy of the plan (every collection), without the audit trail. */
  exportData(): DataFile;
  /** A consistent copy of everything, audit trail included (for backups). */
  backupData(): Promise<DataFile>;
  /** The login throttle's counters, shared by every instance on this data. */
  throttleState(): ThrottleState;
  /** The evidence files: a folder beside the data file, a table on PostgreSQL. */
  files(): FileStore;
  /** Waits for pending writes; a clean stop leaves the data compact. */
  close(): Promise<void>;
}
