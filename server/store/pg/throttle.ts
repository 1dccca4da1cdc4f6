// The login throttle's counters on PostgreSQL: one row per key (a pair or an address) of table
// jalon_throttle (migrations.ts) in the store's schema, so that every instance on the database
// counts the same failures. An update locks its rows (the missing ones too, through a placeholder
// row holding JSON null) in key order, so that two instances counting one failure each make two,
// and never deadlock. Not granted to jalon_reader.
import type { Pool, PoolClient } from 'pg';
import type { ThrottleState } from '../interface.js';

/** `guard` runs a piece of work the store's way (a lost database becomes StoreUnavailable). */
export const pgThrottleState = (
  pool: Pool,
  guard: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): ThrottleState => {
  const inTransaction = async (f: (client: PoolClient) => Promise<void>) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await f(client);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch((r: Error) => (broken = r)); // a lost connection is not reused
      throw e;
    } finally {
      client.release(broken);
    }
  };
  return {
    read: (keys) =>
      guard(async () => {
        const { rows } = await pool.query<{ key: string; value: unknown }>(
          'SELECT key, value FROM jalon_throttle WHERE key = ANY($1::text[])',
          [keys],
        );
        const found = new Map<string, unknown>(rows.map((r) => [r.key, r.value ?? undefined]));
        return keys.map((k) => found.get(k));
      }),
    update: (changes, nowMs) =>
      guard(() =>
        inTransaction(async (client) => {
          const keys = [...new Set(changes.map(([k]) => k))].sort();
          await client.query(
            `INSERT INTO jalon_throttle (key, value, at_ms) SELECT unnest($1::text[]), 'null', $2 ON CONFLICT (key) DO NOTHING`,
            [keys, nowMs],
          );
          const { rows } = await client.query<{ key: string; value: unknown }>(
            'SELECT key, value FROM jalon_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE',
            [keys],
          );
          const values = new Map<string, unknown>(rows.map((r) => [r.key, r.value ?? undefined]));
          for (const [key, next] of changes) values.set(key, next(values.get(key)));
          const kept = Object.fromEntries([...values].filter(([, v]) => v !== undefined));
          const gone = [...values].filter(([, v]) => v === undefined).map(([k]) => k);
          if (gone.length) await client.query('DELETE FROM jalon_throttle WHERE key = ANY($1::text[])', [gone]);
          if (Object.keys(kept).length)
            await client.query(
              'UPDATE jalon_throttle t SET value = v.value, at_ms = $2 FROM jsonb_each($1::jsonb) v WHERE t.key = v.key',
              [JSON.stringify(kept), nowMs],
            );
        }),
      ),
    prune: (beforeMs) =>
      guard(async () => {
        await pool.query('DELETE FROM jalon_throttle WHERE at_ms < $1', [beforeMs]);
      }),
  };
};
