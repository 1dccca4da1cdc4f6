// npm run audit:verify [-- --expect-head <seq>:<sha256>]: checks the audit trail of the data file
// (JALON_DATA, default data/jalon.json). Reads a copy through the store's own loading (snapshot,
// audit file, journals, with the chain's head the snapshot recorded), so the original is never
// written; checks every event's number, link and hash; replays the trail and checks that it
// yields exactly the records the plan holds; prints the head for an operator to keep elsewhere
// and compare later. Names the first problem and exits 1.
import { parseArgs } from 'node:util';
import { formatHead } from '../server/store/audit-chain.js';
import { openCopy } from './data-copy.js';

const { values } = parseArgs({ options: { 'expect-head': { type: 'string' } } });
const expected = values['expect-head'];
if (expected !== undefined && !/^\d+:[0-9a-f]{64}$/.test(expected)) {
  console.error('--expect-head attend « <numéro>:<empreinte SHA-256> », tel que audit:verify l’affiche.');
  process.exit(2);
}

let code = 0;
try {
  const { store, done } = await openCopy();
  const { count, head, problem } = await store.verifyAudit();
  await done();
  if (problem && 'seq' in problem) {
    console.error(`chaîne d'audit rompue à l'événement seq ${problem.seq} : ${problem.reason}`);
    code = 1;
  } else if (problem) {
    console.error(`données et piste d'audit en désaccord (${problem.kind} ${problem.id}) : ${problem.reason}`);
    code = 1;
  } else if (expected && formatHead(head) !== expected) {
    const [seq] = expected.split(':');
    console.error(
      `tête de chaîne différente de celle attendue : ${formatHead(head)} au lieu de ${expected}` +
        (head && head.seq < Number(seq) ? ' (piste tronquée)' : ''),
    );
    code = 1;
  } else {
    console.log(`chaîne d'audit intègre : ${count} événements ; les rejouer redonne exactement les données`);
    console.log(
      `tête de chaîne : ${formatHead(head)}${expected ? ' (celle attendue)' : ' (à conserver ailleurs, puis npm run audit:verify -- --expect-head …)'}`,
    );
  }
} catch (e) {
  console.error(`Vérification impossible : ${(e as Error).message}`);
  code = 1;
}
process.exit(code);
