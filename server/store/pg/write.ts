// Writing records and audit events in bulk: one statement per kind and per few thousand rows
// (a JSON array unpacked by json_populate_recordset), never one round trip per row, so that a
// national plan is seeded and a 3,000-row import written in a few statements.
import type { ClientBase } from 'pg';
import type { AuditEvent } from '../../contract/audit.js';
import type { Change } from '../memory.js';
import type { Kind, StoredRecord } from '../schema.js';
import { rowOf, tableOf } from './tables.js';

/** Rows per statement: large enough to cut round trips, small enough for one JSON text. */
const BATCH = 2000;

const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
};

/** Inserts records of one kind (none of them present). */
export const insertRecords = async (client: ClientBase, kind: Kind, records: readonly StoredRecord[]) => {
  const t = tableOf(kind);
  for (const part of chunks(records))
    await client.query(`INSERT INTO ${t} SELECT * FROM json_populate_recordset(NULL::${t}, $1::json)`, [
      JSON.stringify(part.map((r) => rowOf(kind, r))),
    ]);
};

/** Writes a transaction's changes: per kind, the rows it touched go, then those it leaves come
 *  back (a record changed twice counts once, as it ended). */
export const writeChanges = async (client: ClientBase, changes: readonly Change[]) => {
  const last = new Map<Kind, Map<string, StoredRecord | null>>();
  for (const [kind, id, r] of changes) {
    let m = last.get(kind);
    if (!m) last.set(kind, (m = new Map()));
    m.set(id, r);
  }
  for (const [kind, m] of last) {
    const ids = [...m.keys()];
    for (const part of chunks(ids))
      await client.query(`DELETE FROM ${tableOf(kind)} WHERE id = ANY($1::text[])`, [part]);
    const kept = [...m.values()].filter((r): r is StoredRecord => r !== null);
    await insertRecords(client, kind, kept);
  }
};

/** Appends sealed audit events. */
export const insertEvents = async (client: ClientBase, events: readonly AuditEvent[]) => {
  for (const part of chunks(events))
    await client.query('INSERT INTO jalon_audit SELECT * FROM json_populate_recordset(NULL::jalon_audit, $1::json)', [
      JSON.stringify(
        part.map((e) => ({
          seq: e.seq,
          at: e.at,
          actor: e.actor,
          action: e.action,
          entity: e.entity,
          id: e.id,
          ref: e.ref ?? null,
          before: e.before ?? null,
          after: e.after ?? null,
          prev: e.prevHash,
          hash: e.hash,
        })),
      ),
    ]);
};

export interface AuditRow {
  seq: string;
  at: string;
  actor: string;
  action: string;
  entity: string;
  id: string;
  ref: string | null;
  before: unknown;
  after: unknown;
  prev: string;
  hash: string;
}

/** The sealed event a row holds, field for field (its hash covers them all). */
export const eventOf = (r: AuditRow): AuditEvent => ({
  seq: Number(r.seq),
  at: r.at,
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  id: r.id,
  before: r.before ?? null,
  after: r.after ?? null,
  ...(r.ref !== null ? { ref: Number(r.ref) } : {}),
  prevHash: r.prev,
  hash: r.hash,
});
