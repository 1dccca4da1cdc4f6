// The demo plan's declarations carry evidence files (data/demo/evidence/): seeding puts every one
// a declaration names in the store, each its own bytes and type; a second start puts none.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seedEvidence } from '../../server/store/seed.js';
import { demoData } from '../helpers/app.js';
import { testStore } from '../helpers/stores.js';

const DIR = new URL('../../data/demo/evidence/', import.meta.url).pathname;

test('Given the demo plan, every evidence file its declarations name is in the store once seeded, once', async () => {
  const store = await testStore(demoData);
  const named = new Set([...store.all('declarations')].flatMap((d) => d.evidence.map((f) => f.sha256)));
  assert.ok(named.size >= 6, `${named.size} files named`);
  for (const sha of named) assert.is(await store.files().get(sha), undefined);
  assert.is(await seedEvidence(store, DIR), named.size);
  for (const sha of named) {
    const bytes = await store.files().get(sha);
    assert.equal(bytes && Buffer.from(bytes), readFileSync(`${DIR}${sha}.pdf`), sha);
    assert.equal(Buffer.from(bytes!.subarray(0, 5)).toString('latin1'), '%PDF-');
  }
  assert.is(await seedEvidence(store, DIR), 0);
});

test('A declaration naming a file the folder lacks is left as it is (nothing put, no throw)', async () => {
  const store = await testStore(demoData);
  const d = [...store.all('declarations')][0]!;
  await store.transact({ now: '2026-11-29T10:00:00.000Z' }, (tx) => {
    tx.put('declarations', { ...d, evidence: [{ ...d.evidence[0]!, sha256: 'e'.repeat(64) }] });
  });
  await seedEvidence(store, DIR);
  assert.is(await store.files().get('e'.repeat(64)), undefined);
});

test.run();
