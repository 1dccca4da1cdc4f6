// npm run backup [-- <out file>]: a consistent copy of the data (snapshot + journal replayed),
// written durably next to the data file, without touching the original.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readSettings } from '../server/env.js';
import { writeDurably } from '../server/store/durable-file.js';
import { Store } from '../server/store/store.js';

const { dataPath } = readSettings();
if (!existsSync(dataPath)) {
  console.error(`Aucun fichier de données à ${dataPath}.`);
  process.exit(1);
}
// Work on a copy: opening a store may cut a torn journal tail, and the original stays as it is.
const dir = await mkdtemp(join(tmpdir(), 'jalon-backup-'));
await copyFile(dataPath, join(dir, 'jalon.json'));
if (existsSync(`${dataPath}.journal`)) await copyFile(`${dataPath}.journal`, join(dir, 'jalon.json.journal'));
const store = await Store.open({ path: join(dir, 'jalon.json'), seed: () => { throw new Error('unreachable'); } });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = process.argv[2] ?? join(dirname(dataPath), 'backups', `jalon-${stamp}.json`);
await mkdir(dirname(out), { recursive: true });
await writeDurably(out, JSON.stringify(store.exportData()));
await store.close();
await rm(dir, { recursive: true, force: true });
console.log(`Sauvegarde écrite : ${out}`);
