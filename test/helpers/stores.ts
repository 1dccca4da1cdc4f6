// The store a test gets: the embedded engine in memory, or with JALON_TEST_STORE=postgres a
// PgStore on a schema of its own in JALON_TEST_DATABASE_URL, dropped when it closes. Every store
// opened here is closed at the end of the test file that opened it (see closeAtFileEnd).
import pg from 'pg';
import type { Store } from '../../server/store/interface.js';
import { openStore } from '../../server/store/open.js';
import type { DataFile } from '../../server/store/schema.js';

export type Seed = () => DataFile | Promise<DataFile>;

export const TEST_ENGINE: 'journal' | 'postgres' = process.env.JALON_TEST_STORE === 'postgres' ? 'postgres' : 'journal';
const url = process.env.JALON_TEST_DATABASE_URL;
if (TEST_ENGINE === 'postgres' && !url) throw new Error('JALON_TEST_STORE=postgres needs JALON_TEST_DATABASE_URL');

/** Test schemas are named after the process, so that a run can drop those of a run that died. */
const PREFIX = 'jalon_t_';
let schemas = 0;
const freshSchema = () => `${PREFIX}${process.pid}_${++schemas}`;

/** Open stores, oldest first. */
const open: Store[] = [];
/** Stores open at once at most: a file's tests are done with the oldest (a few connections each). */
const MAX_OPEN = 16;

/** Closes every store a test opened and has not closed (schemas dropped on PostgreSQL), the
 *  newest first: the instances sharing a schema before the one that drops it. */
export const closeTestStores = async (): Promise<void> => {
  for (const s of open.splice(0).reverse()) await s.close();
};

/** uvu (0.5) runs the files it imported as groups of its queue, one after the other; a step
 *  added at the end of each group closes what that file opened. Without it a PgStore's
 *  connections would keep the process alive after the last test. */
let hooked = false;
const closeAtFileEnd = () => {
  if (hooked) return;
  hooked = true;
  const queue = (globalThis as { UVU_QUEUE?: unknown[][] }).UVU_QUEUE;
  for (const group of queue ?? [])
    group.push(async () => {
      await closeTestStores();
      return [true, 0, 0, 0]; // no error, no test
    });
};

/** Drops the test schemas of processes that are gone (a run killed before its stores closed). */
let swept: Promise<void> | null = null;
const sweep = async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)`,
      [PREFIX],
    );
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (e) {
        return (e as NodeJS.ErrnoException).code === 'EPERM';
      }
    };
    for (const { name } of rows)
      if (!alive(Number(name.slice(PREFIX.length).split('_')[0]))) await client.query(`DROP SCHEMA ${name} CASCADE`);
  } finally {
    await client.end();
  }
};

const track = (store: Store): Store => {
  closeAtFileEnd();
  open.push(store);
  // a test that closes its store itself takes it off the list (a PgStore closes once)
  const close = store.close.bind(store);
  store.close = () => {
    const i = open.indexOf(store);
    if (i >= 0) open.splice(i, 1);
    return close();
  };
  return store;
};

const openPg = async (seed: Seed, schema: string, dropSchemaOnClose: boolean) => {
  await (swept ??= sweep());
  while (open.length >= MAX_OPEN) await open[0]!.close();
  return track(await openStore({ url, seed, schema, dropSchemaOnClose, poolSize: 2 }));
};

export const testStore = async (seed: Seed): Promise<Store> =>
  TEST_ENGINE === 'postgres' ? openPg(seed, freshSchema(), true) : track(await openStore({ seed }));

/** `n` instances on one data: on PostgreSQL as many stores on one schema (the first drops it
 *  at its close); the embedded engine's data belongs to one process, so its instances are apps
 *  on one store. */
export const testInstances = async (n: number, seed: Seed): Promise<Store[]> => {
  if (TEST_ENGINE === 'journal') {
    const store = await testStore(seed);
    return Array.from({ length: n }, () => store);
  }
  const schema = freshSchema();
  const first = await openPg(seed, schema, true);
  const others = [];
  for (let i = 1; i < n; i++) others.push(await openPg(seed, schema, false));
  return [first, ...others];
};
