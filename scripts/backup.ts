// npm run backup [-- <out file>]: one consistent file holding the plan and its audit trail
// (snapshot, audit file and journals replayed), written durably; usable as JALON_DATA to restore.
// The original files are never touched: the store is opened on a copy.
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { readSettings } from '../server/env.js';
import { SnapshotFile } from '../server/store/snapshot-file.js';
import { Store } from '../server/store/store.js';

const { dataPath } = readSettings();
if (!existsSync(dataPath)) {
  console.error(`Aucun fichier de données à ${dataPath}.`);
  process.exit(1);
}
const dir = await mkdtemp(join(tmpdir(), 'jalon-backup-'));
const name = basename(dataPath);
for (const f of await readdir(dirname(dataPath)))
  if (f === name || f.startsWith(`${name}.`)) await copyFile(join(dirname(dataPath), f), join(dir, f));
const store = await Store.open({ path: join(dir, name), seed: () => { throw new Error('unreachable'); } });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = process.argv[2] ?? join(dirname(dataPath), 'backups', `jalon-${stamp}.json`);
await mkdir(dirname(out), { recursive: true });
await new SnapshotFile(out).write(await store.backupData());
await store.close();
await rm(dir, { recursive: true, force: true });
console.log(`Sauvegarde écrite : ${out}`);
