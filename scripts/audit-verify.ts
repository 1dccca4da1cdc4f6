// npm run audit:verify: checks the audit trail's hash chain in the data file (JALON_DATA,
// default data/jalon.json). Reads a copy through the store's own loading (snapshot + journals),
// so the original is never written; names the first broken event and exits 1 if there is one.
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { readSettings } from '../server/env.js';
import { firstBroken } from '../server/store/audit-chain.js';
import { Store } from '../server/store/store.js';

const { dataPath } = readSettings();
if (!existsSync(dataPath)) {
  console.error(`Aucun fichier de données à ${dataPath}.`);
  process.exit(1);
}
// The snapshot, its audit file, its journal and any set-aside journals are copied.
const dir = await mkdtemp(join(tmpdir(), 'jalon-audit-'));
const name = basename(dataPath);
let code = 0;
try {
  for (const f of await readdir(dirname(dataPath)))
    if (f === name || f.startsWith(`${name}.`)) await copyFile(join(dirname(dataPath), f), join(dir, f));
  const store = await Store.open({ path: join(dir, name), seed: () => { throw new Error('fichier de données introuvable'); } });
  const events = (await store.auditEvents());
  const broken = firstBroken(events);
  await store.close();
  if (broken) {
    const e = events[broken.index]!;
    console.error(`chaîne d'audit rompue à l'événement seq ${broken.seq} (${e.action} ${e.entity} ${e.id}, ${e.at}) : ${broken.reason}`);
    code = 1;
  } else {
    console.log(`chaîne d'audit intègre : ${events.length} événements`);
  }
} catch (e) {
  console.error(`Vérification impossible : ${(e as Error).message}`);
  code = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(code);
