// npm run audit:verify: checks the audit trail's hash chain in the data file (JALON_DATA,
// default data/jalon.json). Reads a copy through the store's own loading (snapshot, audit file,
// journals), so the original is never written; names the first broken event and exits 1.
import { firstBroken } from '../server/store/audit-chain.js';
import { openCopy } from './data-copy.js';

let code = 0;
try {
  const { store, done } = await openCopy();
  const events = await store.auditEvents();
  await done();
  const broken = firstBroken(events);
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
}
process.exit(code);
