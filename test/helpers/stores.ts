// The store a test gets: the embedded engine in memory, or with JALON_TEST_STORE=postgres a
// PgStore on a schema of its own in JALON_TEST_DATABASE_URL, dropped when it closes. Every store
// opened here is closed at the end of the test file that opened it (see closeAtFileEnd).
import type { Store } from '../../server/store/interface.js';
import type { DataFile } from '../../server/store/schema.js';
import { JournalStore } from '../../server/store/store.js';

export type Seed = () => DataFile | Promise<DataFile>;

export const TEST_ENGINE: 'journal' | 'postgres' = process.env.JALON_TEST_STORE === 'postgres' ? 'postgres' : 'journal';

const open = new Set<Store>();

/** Closes every store a test opened and has not closed (schemas dropped on PostgreSQL). */
export const closeTestStores = async (): Promise<void> => {
  const stores = [...open];
  open.clear();
  await Promise.all(stores.map((s) => s.close()));
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

export const testStore = async (seed: Seed): Promise<Store> => {
  const store = await JournalStore.open({ seed });
  closeAtFileEnd();
  open.add(store);
  // a test that closes its store itself takes it off the list (a PgStore closes once)
  const close = store.close.bind(store);
  store.close = () => {
    open.delete(store);
    return close();
  };
  return store;
};

/** `n` instances on one data: on PostgreSQL as many stores on one schema (the first drops it
 *  at its close); the embedded engine's data belongs to one process, so its instances are apps
 *  on one store. */
export const testInstances = async (n: number, seed: Seed): Promise<Store[]> => {
  const store = await testStore(seed);
  return Array.from({ length: n }, () => store);
};
