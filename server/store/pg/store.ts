// The PostgreSQL engine: the plan in memory as in the embedded engine (MemoryState), made durable
// in PostgreSQL, shared by several instances. Writes are serialized across instances by an
// advisory lock held for the transaction; each one first catches up with what others committed
// (jalon_changes), runs on the caught-up state, writes its rows, audit events and change row in
// one PostgreSQL transaction, and reaches memory only once committed. Other instances hear of it
// by NOTIFY (and a poll, should a notification be lost) and replay the change row.
import pg from 'pg';
import type { ClientBase, PoolClient, PoolConfig, QueryResult } from 'pg';
import type { AuditEvent } from '../../contract/audit.js';
import type { User } from '../../contract/auth.js';
import type { PlanState } from '../../domain/plan.js';
import type { ChainHead } from '../audit-chain.js';
import type { AuditFilter } from '../audit-file.js';
import { replay, type ReplayProblem } from '../audit-replay.js';
import { StoreError, StoreUnavailable } from '../errors.js';
import type { FileStore, ListQuery, NotThenable, Store, ThrottleState, Tx, TxMeta } from '../interface.js';
import { MemoryState, seededAt, type Change, type Prepared } from '../memory.js';
import { KINDS, SCHEMA_VERSION, type DataFile, type Kind, type RecordOf, type StoredRecord } from '../schema.js';
import { applyMigrations, checkTables, checkVersion, MIGRATIONS, schemaVersion, type Migration } from './migrations.js';
import { tableOf } from './tables.js';
import { pgFiles } from './files.js';
import { pgThrottleState } from './throttle.js';
import { eventOf, insertEvents, insertRecords, writeChanges, type AuditRow } from './write.js';

export interface PgStoreOptions {
  /** postgres://user@host:port/db */
  url: string;
  /** Contents for a new database (the demo plan, an empty one, a restored backup). */
  seed: () => DataFile | Promise<DataFile>;
  /** A schema of its own (created if missing; tests use a fresh one per store), else the
   *  connection's default (public). */
  schema?: string;
  /** Drops the schema at close (tests). */
  dropSchemaOnClose?: boolean;
  /** How often other instances' writes are looked for when no notification came. */
  pollMs?: number;
  /** Connections in the pool. */
  poolSize?: number;
  /** How long a write waits for another instance's writer before it is refused (503). */
  lockWaitMs?: number;
  /** The schema's migrations (tests play a newer or older code). */
  migrations?: readonly Migration[];
}

/** The advisory lock's first key (the second is the schema's): any constant of Jalon's own. */
const LOCK_CLASS = 0x4a61_6c6e; // "Jaln"
const LOCK = `SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(current_schema()))`;
const CHANNEL = 'jalon_changes';
const LOCK_NOT_AVAILABLE = '55P03';
const PAGE = 5000;
/** Change rows kept for instances catching up: the newest KEEP_CHANGES, and any younger than
 *  KEEP_CHANGES_FOR; looked at every PRUNE_EVERY writes. */
const KEEP_CHANGES = 1000;
const KEEP_CHANGES_FOR = '1 hour';
const PRUNE_EVERY = 500;
// longer than any transaction function runs between two statements (a national import seals
// its events in a few seconds)
const TX_IDLE_MS = 60_000;
const LOCK_WAIT_MS = 15_000;
const QUERY_MS = 60_000;

/** What the transaction's own function threw: passed on as it is, never taken for an outage. */
class Refused {
  constructor(readonly reason: unknown) {}
}

interface ChangeRow {
  seq: string;
  changes: Change[];
  audit_seq: string | null;
  audit_hash: string | null;
}

/** Whether an error means the database cannot be reached (not that it refused the statement):
 *  a socket error, a lost or timed-out connection, a server shutting down or out of connections. */
export const isUnreachable = (e: unknown): boolean => {
  if (e instanceof StoreUnavailable) return true;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code.startsWith('E')) return true; // ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT, ENOTFOUND...
    return /^(08|57P|53)/.test(code); // SQLSTATE: connection exception, shutdown, resources
  }
  return /connection terminated|connection timeout|timeout exceeded|connection error|not queryable|query read timeout/i.test(
    (e as Error | null)?.message ?? '',
  );
};

export class PgStore implements Store {
  private readonly mem = new MemoryState();
  private readonly pool: pg.Pool;
  private readonly config: PoolConfig;
  private auditHead: ChainHead | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** A catch-up waiting in the queue, not started yet: later callers join it. */
  private pendingSync: Promise<void> | null = null;
  private listener: pg.Client | null = null;
  private listening: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private lastContact = new Date().toISOString();
  private unreachable = false;
  private schemaName = '';
  private readonly throttle: ThrottleState;
  private readonly fileStore: FileStore;

  readonly plan: PlanState;

  private constructor(private readonly opts: PgStoreOptions) {
    if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema))
      throw new StoreError(`Schéma PostgreSQL invalide : « ${opts.schema} » (lettres minuscules, chiffres, _).`);
    this.config = {
      connectionString: opts.url,
      // a transaction left open by an instance that lost its network must not hold the write
      // lock for hours: the server ends it; a writer waits for the lock a bounded time
      options: [
        ...(opts.schema ? [`-c search_path=${opts.schema}`] : []),
        `-c idle_in_transaction_session_timeout=${TX_IDLE_MS}`,
        `-c lock_timeout=${opts.lockWaitMs ?? LOCK_WAIT_MS}`,
      ].join(' '),
      application_name: 'jalon',
      connectionTimeoutMillis: 3000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // a database that stops answering without closing the socket: the query fails, not hangs
      query_timeout: QUERY_MS,
    };
    this.pool = new pg.Pool({ ...this.config, max: opts.poolSize ?? 4 });
    // an idle connection the server closed (a restart): the pool drops it and connects anew
    this.pool.on('error', (e) => this.lost(e));
    // and one checked out when its connection drops (pg leaves that error to the holder): noted
    // here, the query under way fails on its own
    this.pool.on('connect', (client) => client.on('error', (e) => this.lost(e)));
    this.plan = this.mem.plan;
    this.throttle = pgThrottleState(this.pool, (work) => this.guard(work));
    this.fileStore = pgFiles(this.pool, (work) => this.guard(work));
  }

  static async open(opts: PgStoreOptions): Promise<PgStore> {
    const s = new PgStore(opts);
    try {
      await s.init();
    } catch (e) {
      await s.pool.end().catch(() => undefined);
      throw isUnreachable(e) && !(e instanceof StoreUnavailable) ? new StoreUnavailable(e) : e;
    }
    s.timer = setInterval(() => s.tick(), opts.pollMs ?? 500);
    s.timer.unref();
    await s.listen().catch(() => undefined); // the poll catches up meanwhile and retries
    return s;
  }

  /** Creates the schema on an empty database and seeds it, or checks its version; then loads it. */
  private async init(): Promise<void> {
    const migrations = this.opts.migrations ?? MIGRATIONS;
    if (this.opts.schema)
      await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.opts.schema}`).catch((e: { code?: string }) => {
        if (e.code !== '23505' && e.code !== '42P06') throw e; // created meanwhile by another instance
      });
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(LOCK); // two instances starting on an empty database: one seeds it
      const found = await schemaVersion(client);
      if (found === 0) {
        await applyMigrations(client, 0, migrations);
        await this.seedInto(client);
        await client.query('COMMIT');
      } else {
        checkVersion(found, migrations);
        await checkTables(client, KINDS.map(tableOf));
        await client.query('COMMIT');
        await this.load(client);
      }
      this.schemaName = (await client.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
    this.contact();
  }

  /** Writes a new plan in the open transaction, in bulk, and takes it into memory. */
  private async seedInto(client: ClientBase): Promise<void> {
    const data = await this.opts.seed();
    if (data.schemaVersion !== SCHEMA_VERSION)
      throw new StoreError(
        `Plan initial : version de schéma ${String(data.schemaVersion)} inconnue (attendue : ${SCHEMA_VERSION}). Rien n'a été écrit.`,
      );
    this.mem.seq = data.seq ?? 0;
    this.mem.load(data);
    // every record of a new plan enters the audit trail, so that replaying the trail gives the
    // plan; a restored backup brings its own trail
    const events = data.audit?.length ? data.audit : [...this.mem.seedEvents(seededAt(data), null)];
    for (const k of KINDS) await insertRecords(client, k, [...(this.mem.all(k) as Iterable<StoredRecord>)]);
    await insertEvents(client, events);
    const last = events.at(-1);
    this.auditHead = last ? { seq: last.seq, hash: last.hash } : null;
    await client.query('INSERT INTO jalon_changes (seq, changes, audit_seq, audit_hash) VALUES ($1, $2, $3, $4)', [
      this.mem.seq,
      '[]',
      last?.seq ?? null,
      last?.hash ?? null,
    ]);
  }

  /** Reads the whole plan from one snapshot of the database. */
  private async load(client: ClientBase): Promise<void> {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await this.reload(client);
    await client.query('COMMIT');
  }

  /** Brings memory to what the tables hold, in the caller's consistent view of them (a snapshot,
   *  or the write lock held): records whose rev differs are read again, those gone are removed.
   *  At start every record is read; later, only what changed while this instance was away. */
  private async reload(client: ClientBase): Promise<void> {
    const top = await client.query<ChangeRow>(
      'SELECT seq, audit_seq, audit_hash FROM jalon_changes ORDER BY seq DESC LIMIT 1',
    );
    for (const k of KINDS) {
      const t = tableOf(k);
      if (!this.mem.count(k)) {
        const { rows } = await client.query<{ id: string; record: StoredRecord }>(`SELECT id, record FROM ${t}`);
        for (const r of rows) this.mem.apply(k, r.id, r.record);
        continue;
      }
      const { rows } = await client.query<{ id: string; rev: string }>(`SELECT id, rev FROM ${t}`);
      const revs = new Map(rows.map((r) => [r.id, r.rev]));
      for (const r of [...this.mem.all(k)]) if (!revs.has(r.id)) this.mem.apply(k, r.id, null);
      const changed = rows.filter((r) => this.mem.get(k, r.id)?.rev !== r.rev).map((r) => r.id);
      for (let i = 0; i < changed.length; i += PAGE) {
        const part = await client.query<{ id: string; record: StoredRecord }>(
          `SELECT id, record FROM ${t} WHERE id = ANY($1::text[])`,
          [changed.slice(i, i + PAGE)],
        );
        for (const r of part.rows) this.mem.apply(k, r.id, r.record);
      }
    }
    const last = top.rows[0];
    this.mem.seq = last ? Number(last.seq) : 0;
    this.auditHead = last?.audit_seq ? { seq: Number(last.audit_seq), hash: last.audit_hash! } : null;
  }

  /** The change row of this instance's last transaction, as the database holds it. */
  private ownLast(): string {
    return `SELECT seq, audit_seq, audit_hash FROM jalon_changes WHERE seq = ${this.mem.seq}`;
  }

  /** Whether the database no longer holds this instance's last transaction as it knows it: it was
   *  restored to an earlier state, or failed over to a replica that had not received the last
   *  commits (asynchronous replication). Writing on would build on a history the database lacks:
   *  memory is reloaded from the tables first, and the loss is logged (acknowledged writes the
   *  database no longer has can only come back from the old primary or a backup). */
  private diverged(own: readonly ChangeRow[]): boolean {
    if (this.mem.seq === 0) return false;
    const row = own[0];
    const same = row !== undefined && (row.audit_hash ?? null) === (this.auditHead?.hash ?? null);
    if (!same)
      console.error(
        `[jalon] la base PostgreSQL ne contient plus la transaction ${this.mem.seq} de cette instance${row ? ' telle qu’elle l’a écrite' : ''} (restauration ou bascule sur un réplica en retard) : la mémoire est rechargée depuis la base ; les écritures perdues ne reviendront que de l’ancien primaire ou d’une sauvegarde.`,
      );
    return !same;
  }

  /** Whether jalon_changes no longer holds the transactions right after this instance's (pruned
   *  while it was away): then it reloads instead of replaying. */
  private gap(rows: readonly ChangeRow[]): boolean {
    return rows.length > 0 && Number(rows[0]!.seq) > this.mem.seq + 1;
  }

  /** Takes other instances' committed transactions, in order. */
  private take(rows: readonly ChangeRow[]): void {
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq <= this.mem.seq) continue;
      this.mem.commit(seq, r.changes);
      if (r.audit_seq !== null) this.auditHead = { seq: Number(r.audit_seq), hash: r.audit_hash! };
    }
  }

  /** Old change rows go once every instance has had time to replay them (one that was away
   *  longer reloads): the newest KEEP_CHANGES always stay. */
  private prune(seq: number): void {
    void this.pool
      .query(`DELETE FROM jalon_changes WHERE seq < $1 AND at < now() - interval '${KEEP_CHANGES_FOR}'`, [
        seq - KEEP_CHANGES,
      ])
      .catch(() => undefined);
  }

  private contact(): void {
    this.lastContact = new Date().toISOString();
    this.unreachable = false;
  }

  private lost(e: unknown): void {
    if (isUnreachable(e)) this.unreachable = true;
  }

  // ---- reads: from memory -------------------------------------------------------------------

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

  get version(): number {
    return this.mem.seq;
  }

  derived<T>(name: string): Map<string, T> {
    return this.mem.derived<T>(name);
  }

  /** While the database cannot be reached: when it last answered (reads go on from memory). */
  staleSince(): string | null {
    return this.unreachable ? this.lastContact : null;
  }

  // ---- writes -------------------------------------------------------------------------------

  transact<T>(meta: TxMeta, fn: (tx: Tx) => T & NotThenable): Promise<T> {
    const run = this.queue.then(() => this.write(meta, fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      this.lost(e);
      throw isUnreachable(e) ? new StoreUnavailable(e) : e;
    }
  }

  private async write<T>(meta: TxMeta, fn: (tx: Tx) => T): Promise<T> {
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      // one round trip: begin, wait for the other instances' writers, read what they committed
      const results = (await client.query(
        `BEGIN; ${LOCK}; SELECT seq, changes, audit_seq, audit_hash FROM jalon_changes WHERE seq > ${this.mem.seq} ORDER BY seq; ${this.ownLast()}`,
      )) as unknown as QueryResult<ChangeRow>[];
      const caught = results[2]!.rows;
      // pruned rows past this instance's own (it was away long): a reload, as after a divergence
      if (this.gap(caught) || this.diverged(results[3]!.rows)) await this.reload(client);
      else this.take(caught);
      const seq = this.mem.seq + 1;
      let prepared: Prepared<T>;
      try {
        prepared = this.mem.prepare(meta, fn, seq, this.auditHead);
      } catch (e) {
        // refused by the rules: memory is as it was, nothing was written
        await client.query('ROLLBACK');
        this.contact();
        throw new Refused(e);
      }
      const { result, changes, events } = prepared;
      if (!changes.length) {
        await client.query('ROLLBACK');
        this.contact();
        return result;
      }
      await writeChanges(client, changes);
      await insertEvents(client, events);
      const last = events.at(-1);
      const head = last ? { seq: last.seq, hash: last.hash } : this.auditHead;
      await client.query('INSERT INTO jalon_changes (seq, changes, audit_seq, audit_hash) VALUES ($1, $2, $3, $4)', [
        seq,
        JSON.stringify(changes),
        head?.seq ?? null,
        head?.hash ?? null,
      ]);
      await client.query(`SELECT pg_notify('${CHANNEL}', current_schema() || ':${seq}'); COMMIT`);
      // acknowledged: only now visible to this instance's readers
      this.mem.commit(seq, changes);
      this.auditHead = head;
      this.contact();
      if (seq % PRUNE_EVERY === 0) this.prune(seq);
      return result;
    } catch (e) {
      if (e instanceof Refused) throw e.reason;
      if ((e as { code?: string }).code === LOCK_NOT_AVAILABLE) {
        // another instance's writer held the lock too long: busy, not gone (memory unchanged)
        await client.query('ROLLBACK').catch((r: Error) => {
          broken = r;
        });
        throw new StoreUnavailable(e);
      }
      if (isUnreachable(e)) {
        broken = e as Error;
        this.lost(e);
        // if the COMMIT did reach the database, the next catch-up brings the write back
        throw new StoreUnavailable(e);
      }
      await client.query('ROLLBACK').catch((r: Error) => {
        broken = r;
      });
      throw e;
    } finally {
      client.release(broken);
    }
  }

  // ---- other instances' writes ---------------------------------------------------------------

  /** A catch-up in the store's queue; one not started yet reads everything committed before it
   *  starts, so at most one waits (a flood of unknown session cookies costs one query). */
  private syncSoon(): Promise<void> {
    if (this.pendingSync) return this.pendingSync;
    const run = this.queue.then(() => {
      this.pendingSync = null;
      return this.sync();
    });
    this.pendingSync = run;
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sync(): Promise<void> {
    if (this.closed) return;
    try {
      const [own, { rows }] = await Promise.all([
        this.pool.query<ChangeRow>(this.ownLast()),
        this.pool.query<ChangeRow>(
          'SELECT seq, changes, audit_seq, audit_hash FROM jalon_changes WHERE seq > $1 ORDER BY seq',
          [this.mem.seq],
        ),
      ]);
      if (this.gap(rows) || this.diverged(own.rows)) await this.reloadAlone();
      else this.take(rows);
      this.contact();
    } catch (e) {
      this.lost(e);
    }
  }

  /** A reload from one snapshot of the database, on a connection of its own. */
  private async reloadAlone(): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await this.load(client);
    } catch (e) {
      broken = e as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /** A catch-up now, after the writes queued before it (an outage leaves memory as it is). */
  catchUp(): Promise<void> {
    return this.syncSoon();
  }

  /** The poll: a catch-up, and the listener back if it was lost. */
  private tick(): void {
    void this.syncSoon();
    if (!this.listener && !this.listening) void this.listen().catch(() => undefined);
  }

  private listen(): Promise<void> {
    this.listening ??= (async () => {
      const c = new pg.Client(this.config);
      const down = () => {
        if (this.listener === c) this.listener = null;
        void c.end().catch(() => undefined);
      };
      c.on('error', (e) => {
        this.lost(e);
        down();
      });
      c.on('end', down);
      c.on('notification', (n) => {
        const [schema, seq] = (n.payload ?? '').split(':');
        if (schema === this.schemaName && Number(seq) > this.mem.seq) void this.syncSoon();
      });
      try {
        await c.connect();
        await c.query(`LISTEN ${CHANNEL}`);
      } catch (e) {
        down();
        throw e;
      }
      if (this.closed) return void (await c.end());
      this.listener = c;
      void this.syncSoon(); // what was committed while nobody listened
    })().finally(() => {
      this.listening = null;
    });
    return this.listening;
  }

  // ---- audit trail ---------------------------------------------------------------------------

  head(): ChainHead | null {
    return this.auditHead;
  }

  /** Runs database work outside the write queue: an outage becomes StoreUnavailable. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      const out = await work();
      this.contact();
      return out;
    } catch (e) {
      this.lost(e);
      throw isUnreachable(e) ? new StoreUnavailable(e) : e;
    }
  }

  private query<R extends object>(text: string, values: unknown[] = []): Promise<R[]> {
    return this.guard(async () => (await this.pool.query<R>(text, values)).rows);
  }

  /** The login throttle's counters, in the database: shared by every instance. */
  throttleState(): ThrottleState {
    return this.throttle;
  }

  /** The evidence files, in table jalon_files: shared by every instance. */
  files(): FileStore {
    return this.fileStore;
  }

  /** Events up to `upTo`, oldest first, handed a page at a time. */
  private async eachEvent(upTo: number, visit: (e: AuditEvent) => void): Promise<void> {
    for (let after = 0; after < upTo;) {
      const rows = await this.query<AuditRow>(
        `SELECT * FROM jalon_audit WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT ${PAGE}`,
        [after, upTo],
      );
      for (const r of rows) visit(eventOf(r));
      if (rows.length < PAGE) break;
      after = Number(rows.at(-1)!.seq);
    }
  }

  async auditEvents(): Promise<AuditEvent[]> {
    const out: AuditEvent[] = [];
    await this.eachEvent(this.auditHead?.seq ?? 0, (e) => out.push(e));
    return out;
  }

  async auditPage(f: AuditFilter, offset: number, limit: number): Promise<{ items: AuditEvent[]; total: number }> {
    const where: string[] = [],
      values: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      values.push(v);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (f.entity) add('entity = ?', f.entity);
    if (f.id) add('id = ?', f.id);
    if (f.actor) add('actor = ?', f.actor);
    // ISO texts compared as the file engine compares them: byte for byte
    if (f.from) add('at >= ? COLLATE "C"', f.from);
    if (f.to) add('at <= ? COLLATE "C"', f.to);
    if (f.ids) add('id = ANY(?)', [...f.ids]);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.query<{ n: string }>(`SELECT count(*) AS n FROM jalon_audit ${w}`, values);
    const rows = await this.query<AuditRow>(
      `SELECT * FROM jalon_audit ${w} ORDER BY seq DESC OFFSET ${Math.max(0, Math.trunc(offset))} LIMIT ${Math.max(0, Math.trunc(limit))}`,
      values,
    );
    return { items: rows.map(eventOf), total: Number(count!.n) };
  }

  /** Replays the trail up to this instance's head against the records it holds (the same state). */
  async verifyAudit(): Promise<{ count: number; head: ChainHead | null; problem: ReplayProblem | null }> {
    const work = this.queue.then(async () => {
      const r = replay();
      await this.eachEvent(this.auditHead?.seq ?? 0, (e) => r.add(e));
      const last = r.last;
      return {
        count: r.count,
        head: last ? { seq: last.seq, hash: last.hash } : null,
        problem: r.finish(this.mem.auditedRecords()),
      };
    });
    this.queue = work.catch(() => undefined);
    return work;
  }

  exportData(): DataFile {
    return this.mem.exportData();
  }

  async backupData(): Promise<DataFile> {
    const data = this.exportData();
    data.auditHead = this.head() ?? undefined;
    const upTo = data.auditHead?.seq ?? 0;
    await this.eachEvent(upTo, (e) => data.audit.push(e));
    return data;
  }

  /** Waits for pending writes, then ends the connections (and drops a test's schema). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.queue;
    await this.listening?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    if (this.opts.dropSchemaOnClose && this.opts.schema)
      await this.pool.query(`DROP SCHEMA IF EXISTS ${this.opts.schema} CASCADE`).catch(() => undefined);
    await this.pool.end();
  }
}
