// npm run backup [-- <out file>]: one consistent file holding the plan and its audit trail, written
// durably; usable as JALON_DATA to restore (or as the source of npm run migrate -- --from).
// Embedded engine (JALON_DATA): the snapshot, audit file and journals of a copy, replayed.
// PostgreSQL (JALON_STORE / JALON_DATABASE_URL): the plan read from one snapshot of the database
// (REPEATABLE READ) and the audit trail up to the head it holds; nothing is written there. The
// file has the same format either way; the default folder is data/backups beside JALON_DATA.
// The evidence files its declarations name go beside it, in <out file>.files/ (the layout of a
// data file's own folder: JALON_DATA pointed at the backup finds them), each written durably.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatHead } from '../server/store/audit-chain.js';
import { nodeDisk } from '../server/store/disk.js';
import { folderFiles, namedInData } from '../server/store/files.js';
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
// the files the backed-up declarations name (content-addressed: each once); one missing is said
const shas = namedInData(data);
const target = folderFiles(`${out}.files`, nodeDisk, () => true);
const missing: string[] = [];
let bytes = 0;
for (const sha of shas) {
  const file = await store.files().get(sha);
  if (!file) missing.push(sha);
  else {
    await target.put(file, 'application/octet-stream');
    bytes += file.byteLength;
  }
}
const head = formatHead(store.head());
await done();
const files = shas.length
  ? `, ${shas.length - missing.length} pièces justificatives (${bytes} octets) dans ${out}.files`
  : '';
console.log(`Sauvegarde écrite : ${out} (${data.audit.length} événements d'audit, tête ${head}${files})`);
if (missing.length) {
  console.error(
    `Sauvegarde incomplète : ${missing.length} pièce(s) justificative(s) nommée(s) par des déclarations introuvable(s) : ${missing.join(', ')}`,
  );
  process.exit(1);
}
