// For the operators' scripts that read the data: the store opened on a copy of every file of
// JALON_DATA (snapshot, audit file, journals), so that nothing of the original is ever written
// (opening a store may cut a torn journal tail, and a clean stop compacts).
import { copyFile, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { readSettings } from '../server/env.js';
import type { Store } from '../server/store/interface.js';
import { openStore, safeUrl } from '../server/store/open.js';

const noSeed = () => {
  throw new Error('fichier de données introuvable');
};

/** The store on a copy of the data, and a function that closes it and removes the copy. On
 *  PostgreSQL, the database itself: opening it writes nothing (an empty one is refused). */
export const openCopy = async (): Promise<{ store: Store; dataPath: string; done(): Promise<void> }> => {
  const { dataPath, databaseUrl } = readSettings();
  if (databaseUrl) {
    const store = await openStore({ url: databaseUrl, seed: noSeed });
    return { store, dataPath: safeUrl(databaseUrl), done: () => store.close() };
  }
  if (!existsSync(dataPath)) {
    console.error(`Aucun fichier de données à ${dataPath}.`);
    process.exit(1);
  }
  const dir = await mkdtemp(join(tmpdir(), 'jalon-copy-'));
  const name = basename(dataPath);
  for (const f of await readdir(dirname(dataPath), { withFileTypes: true }))
    if (f.name === name || f.name.startsWith(`${name}.`))
      // the evidence files' folder is read in place: its files never change, and no script
      // writes or removes any
      await (f.isDirectory() ? symlink : copyFile)(resolve(dirname(dataPath), f.name), join(dir, f.name));
  try {
    const store = await openStore({ path: join(dir, name), seed: noSeed });
    return {
      store,
      dataPath,
      done: async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
};
