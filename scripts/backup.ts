// npm run backup [-- <out file>]: one consistent file holding the plan and its audit trail
// (snapshot, audit file and journals replayed), written durably; usable as JALON_DATA to restore.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SnapshotFile } from '../server/store/snapshot-file.js';
import { openCopy } from './data-copy.js';

const { store, dataPath, done } = await openCopy();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = process.argv[2] ?? join(dirname(dataPath), 'backups', `jalon-${stamp}.json`);
await mkdir(dirname(out), { recursive: true });
await new SnapshotFile(out).write(await store.backupData());
await done();
console.log(`Sauvegarde écrite : ${out}`);
