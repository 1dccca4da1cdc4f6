// npm run backup [-- <out file>]: one consistent file holding the plan and its audit trail, written
// durably; usable as JALON_DATA to restore (or as the source of npm run migrate -- --from).
// Embedded engine (JALON_DATA): the snapshot, audit file and journals of a copy, replayed.
// PostgreSQL (JALON_STORE / JALON_DATABASE_URL): the plan read from one snapshot of the database
// (REPEATABLE READ) and the audit trail up to the head it holds; nothing is written there. The
// file has the same format either way; the default folder is data/backups beside JALON_DATA.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatHead } from '../server/store/audit-chain.js';
import { readSettings } from '../server/env.js';
import { SnapshotFile } from '../server/store/snapshot-file.js';
import { openCopy } from './data-copy.js';

const { dataPath } = readSettings();
let copy: Awaited<ReturnType<typeof openCopy>>;
try {
  copy = await openCopy();
} catch (e) {
  console.error(`Sauvegarde impossible : ${(e as Error).message}`);
  process.exit(1);
}
const { store, done } = copy;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = process.argv[2] ?? join(dirname(dataPath), 'backups', `jalon-${stamp}.json`);
await mkdir(dirname(out), { recursive: true });
const data = await store.backupData();
await new SnapshotFile(out).write(data);
await done();
console.log(`Sauvegarde écrite : ${out} (${data.audit.length} événements d'audit, tête ${formatHead(store.head())})`);
