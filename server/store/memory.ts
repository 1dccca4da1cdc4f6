// The plan in memory, as both engines hold it: records by kind with the domain's indexes, the
// reads of the Store interface, and the transaction logic (stamping, audit events sealed as the
// changes are made, rollback). What an engine adds is durability: it takes the changes a
// transaction made, writes them where it keeps them, and only then commits them here.
import type { AuditEvent } from '../contract/audit.js';
import type { User } from '../contract/auth.js';
import type { Allocation, Completion, Delegation, Establishment, Ght, Payment } from '../contract/plan.js';
import type { Application, Declaration } from '../contract/windows.js';
import type { ScenarioLine } from '../contract/scenarios.js';
import type { BucketSet } from '../domain/bucket.js';
import { addAllocation, addPayment, buildBucketSet } from '../domain/buckets.js';
import { pathOf, testOf } from '../domain/conditions.js';
import type { PlanIndex, PlanState } from '../domain/plan.js';
import { seal, type ChainHead } from './audit-chain.js';
import { StoreError } from './errors.js';
import type { AuditNote, ListQuery, Tx, TxChange, TxMeta } from './interface.js';
import { KINDS, SCHEMA_VERSION, type DataFile, type Kind, type RecordOf, type StoredRecord } from './schema.js';

/** One change as engines keep it: the record after (null: removed). */
export type Change = [kind: Kind, id: string, record: StoredRecord | null];

/** Kinds whose changes are not audited (session bookkeeping is not a change of the plan). */
export const UNAUDITED: ReadonlySet<Kind> = new Set(['sessions', 'history', 'steps']);
/** Fields never copied into the audit trail. */
const SECRET_FIELDS = ['passwordHash', 'tokenHash'];

/** What a transaction did, memory already put back as it was: for the engine to make durable. */
export interface Prepared<T> {
  result: T;
  changes: Change[];
  /** Its audit events, sealed after the head it was given. */
  events: AuditEvent[];
}

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

export class MemoryState {
  readonly maps = Object.fromEntries(KINDS.map((k) => [k, new Map<string, StoredRecord>()])) as {
    [K in Kind]: Map<string, RecordOf<K>>;
  };
  private readonly byEnvelope = new Group<Allocation>((a) => a.envelopeId);
  private readonly byFiness = new Group<Allocation>((a) => a.finess);
  private readonly byAllocation = new Group<Payment>((p) => p.allocationId);
  private readonly byAction = new Group<Completion>((c) => c.actionId);
  private readonly completionsOf = new Group<Completion>((c) => c.finess);
  private readonly delegationsOf = new Group<Delegation>((d) => d.envelopeId);
  private readonly byEj = new Group<Establishment>((e) => e.finessEj ?? '');
  private readonly byGht = new Group<Establishment>((e) => e.ght ?? '');
  private readonly bySupport = new Group<Ght>((g) => g.supportFiness);
  private readonly applicationsOf = new Group<Application>((a) => a.windowId);
  private readonly applicationsBy = new Group<Application>((a) => a.finess);
  private readonly declarationsOf = new Group<Declaration>((d) => d.applicationId);
  private readonly linesOf = new Group<ScenarioLine>((l) => l.scenarioId);
  private readonly byEmail = new Map<string, User>();
  /** Dashboard buckets and GHT totals, updated in place; null when a change of region, axis or
   *  envelope asks for a rebuild (rare: those records seldom change). */
  private buckets: BucketSet | null = null;
  private readonly derivedMaps = new Map<string, Map<string, unknown>>();
  private derivedAt = -1;
  /** The last acknowledged transaction: records carry it in base 36 as their rev. */
  seq = 0;

  readonly plan: PlanState;

  constructor() {
    const index: PlanIndex = {
      allocationsByEnvelope: (id) => this.byEnvelope.get(id),
      allocationsByFiness: (f) => this.byFiness.get(f),
      paymentsByAllocation: (id) => this.byAllocation.get(id),
      completionsByAction: (id) => this.byAction.get(id),
      completionsByFiness: (f) => this.completionsOf.get(f),
      delegationsByEnvelope: (id) => this.delegationsOf.get(id),
      sitesOf: (ej) => (ej ? this.byEj.get(ej) : []),
      membersOf: (code) => (code ? this.byGht.get(code) : []),
      ghtsSupportedBy: (f) => this.bySupport.get(f),
      applicationsByWindow: (id) => this.applicationsOf.get(id),
      applicationsByFiness: (f) => this.applicationsBy.get(f),
      declarationsByApplication: (id) => this.declarationsOf.get(id),
      linesOfScenario: (id) => this.linesOf.get(id),
      buckets: () => (this.buckets ??= buildBucketSet(this.plan)).main,
      groupBuckets: () => (this.buckets ??= buildBucketSet(this.plan)).groups,
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
      delegations: m.delegations,
      ghts: m.ghts,
      pooled: m.pooled,
      windows: m.windows,
      applications: m.applications,
      declarations: m.declarations,
      scenarios: m.scenarios,
      scenarioLines: m.scenarioLines,
      index,
    };
  }

  /** Puts a record (null: removes it), indexes included. */
  apply(kind: Kind, id: string, record: StoredRecord | null): void {
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
      if (kind === 'establishments') {
        this.byEj.delete(old as Establishment);
        this.byGht.delete(old as Establishment);
      }
      if (kind === 'ghts') this.bySupport.delete(old as Ght);
      if (kind === 'delegations') this.delegationsOf.delete(old as Delegation);
      if (kind === 'applications') {
        this.applicationsOf.delete(old as Application);
        this.applicationsBy.delete(old as Application);
      }
      if (kind === 'declarations') this.declarationsOf.delete(old as Declaration);
      if (kind === 'scenarioLines') this.linesOf.delete(old as ScenarioLine);
      if (kind === 'users') this.byEmail.delete((old as User).email.toLowerCase());
    }
    // a bucket's region and GHT come from the beneficiary (an establishment or a pooled resource)
    if (
      kind === 'establishments' ||
      kind === 'pooled' ||
      kind === 'actions' ||
      kind === 'envelopes' ||
      kind === 'regions'
    )
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
    if (kind === 'establishments') {
      this.byEj.add(record as Establishment);
      this.byGht.add(record as Establishment);
    }
    if (kind === 'ghts') this.bySupport.add(record as Ght);
    if (kind === 'delegations') this.delegationsOf.add(record as Delegation);
    if (kind === 'applications') {
      this.applicationsOf.add(record as Application);
      this.applicationsBy.add(record as Application);
    }
    if (kind === 'declarations') this.declarationsOf.add(record as Declaration);
    if (kind === 'scenarioLines') this.linesOf.add(record as ScenarioLine);
    if (kind === 'users') this.byEmail.set((record as User).email.toLowerCase(), record as User);
  }

  /** Takes every record of a data file. */
  load(data: DataFile): void {
    for (const k of KINDS) for (const r of Object.values(data.collections[k] ?? {})) this.apply(k, r.id, r);
  }

  /** Applies an acknowledged transaction's changes and moves to its seq. */
  commit(seq: number, changes: readonly Change[]): void {
    for (const [k, id, r] of changes) this.apply(k, id, r);
    this.seq = seq;
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

  /** Runs `fn` against the current state as transaction `seq`, its events chained after `head`,
   *  then puts memory back as it was: readers never see what is not durable (fn runs without an
   *  await, so nobody saw the changes meanwhile). A throw changes nothing. */
  prepare<T>(meta: TxMeta, fn: (tx: Tx) => T, seq: number, head: ChainHead | null): Prepared<T> {
    const rev = seq.toString(36);
    const changes: Change[] = [];
    const undo: Change[] = [];
    // events are sealed as the changes are made (writers are serialized: the chain's head cannot
    // move meanwhile), so that a large import holds one event object per change, not two
    const events: AuditEvent[] = [];
    const made: TxChange[] = [];
    let last = head;
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
      const e = seal(
        {
          seq: (last?.seq ?? 0) + 1,
          at: meta.now,
          actor: meta.actor ?? 'système',
          action: note?.action ?? meta.action ?? (after ? (before ? 'update' : 'create') : 'delete'),
          entity: kind,
          id,
          before: redact(before ?? null),
          after: redact(after),
          ...(note?.ref !== undefined ? { ref: note.ref } : {}),
        },
        last?.hash ?? '',
      );
      last = e;
      events.push(e);
      made.push({ kind, id, before: before ?? null, after, seq: e.seq });
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
    if (changes.length) rollback();
    return { result, changes, events };
  }

  /** One « plan initial » event per record of a new plan, in the order of KINDS, chained after `head`. */
  *seedEvents(at: string, head: ChainHead | null): Generator<AuditEvent> {
    let last = head;
    for (const kind of KINDS) {
      if (UNAUDITED.has(kind)) continue;
      for (const r of this.maps[kind].values()) {
        const e = seal(
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
        last = e;
        yield e;
      }
    }
  }

  /** The audited records as the trail shows them (secrets masked), kind by kind: what a replay
   *  of the trail must end on. */
  auditedRecords(): Map<Kind, StoredRecord[]> {
    return new Map(
      KINDS.filter((k) => !UNAUDITED.has(k)).map(
        (k) => [k, [...this.maps[k].values()].map((x) => redact(x) as StoredRecord)] as const,
      ),
    );
  }

  /** A copy of the plan (every collection) as a data file, without the audit trail. */
  exportData(): DataFile {
    const collections = Object.fromEntries(
      KINDS.map((k) => [k, Object.fromEntries(this.maps[k])]),
    ) as DataFile['collections'];
    return structuredClone({ schemaVersion: SCHEMA_VERSION, seq: this.seq, collections, audit: [] });
  }
}

/** When a new plan was made: its latest createdAt (the seed events carry it). */
export const seededAt = (data: DataFile): string => {
  let at = '';
  for (const k of KINDS)
    for (const r of Object.values(data.collections[k] ?? {})) if (r.createdAt > at) at = r.createdAt;
  return at || new Date(0).toISOString();
};

/** The record as the audit trail shows it: the record itself (records are never changed in
 *  place), or a copy with its secrets masked. */
export const redact = (r: StoredRecord | null): unknown => {
  if (!r) return null;
  if (!SECRET_FIELDS.some((f) => f in r)) return r;
  const copy: Record<string, unknown> = { ...r };
  for (const f of SECRET_FIELDS) if (f in copy) copy[f] = '[masqué]';
  return copy;
};
