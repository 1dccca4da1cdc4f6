// The evidence files on PostgreSQL: table jalon_files (migration 2), one row per SHA-256, durable
// once its INSERT returns (PostgreSQL commits it). Every instance on the database sees the same
// files. A file is removed only by one statement that also checks that no declaration names it,
// so that a discard racing another instance's declaration of the same content keeps it.
import type { Pool } from 'pg';
import { checked, isSha256, sha256Of } from '../files.js';
import type { FileStore } from '../interface.js';

/** Files left by an instance that stopped between a file's write and its declaration's commit
 *  go after this long (a declaration under way on another instance is much younger). */
const ORPHAN_AFTER = '1 day';

const unnamed = `NOT EXISTS (SELECT 1 FROM declarations d
  WHERE d.record->'evidence' @> jsonb_build_array(jsonb_build_object('sha256', f.sha256)))`;

/** `guard` runs a piece of work the store's way (a lost database becomes StoreUnavailable). */
export const pgFiles = (pool: Pool, guard: <T>(work: () => Promise<T>) => Promise<T> = (work) => work()): FileStore => {
  let swept: Promise<unknown> | null = null;
  return {
    put: (bytes, type) =>
      guard(async () => {
        swept ??= pool
          .query(`DELETE FROM jalon_files f WHERE created_at < now() - interval '${ORPHAN_AFTER}' AND ${unnamed}`)
          .catch((e: unknown) => {
            swept = null;
            throw e;
          });
        await swept;
        const sha256 = sha256Of(bytes);
        // a file already there is not sent again
        const found = await pool.query('SELECT 1 FROM jalon_files WHERE sha256 = $1', [sha256]);
        if (found.rowCount) return { sha256, created: false };
        const r = await pool.query(
          'INSERT INTO jalon_files (sha256, size, type, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING',
          [sha256, bytes.byteLength, type, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)],
        );
        return { sha256, created: r.rowCount === 1 };
      }),
    get: (sha256) =>
      !isSha256(sha256)
        ? Promise.resolve(undefined)
        : guard(async () => {
            const { rows } = await pool.query<{ bytes: Buffer }>('SELECT bytes FROM jalon_files WHERE sha256 = $1', [
              sha256,
            ]);
            const b = rows[0]?.bytes;
            return b && checked(sha256, new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
          }),
    discard: (sha256) =>
      !isSha256(sha256)
        ? Promise.resolve()
        : guard(async () => {
            await pool.query(`DELETE FROM jalon_files f WHERE f.sha256 = $1 AND ${unnamed}`, [sha256]);
          }),
  };
};
