// The journaled store on real temp files: replay, torn tails, compaction, crashes in between.
import { appendFile, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { firstBroken } from '../../server/store/audit-chain.js';
import { emptyData } from '../../server/store/schema.js';
import { JournalStore, StoreError } from '../../server/store/store.js';
import type { Store } from '../../server/store/interface.js';
import { crashableDisk } from '../helpers/crash.js';
import { action } from '../helpers/plan.js';

const NOW = '2026-11-29T10:00:00.000Z';
const noSeed = () => {
  throw new Error('must not seed an existing file');
};

const withDir = async (fn: (path: string, dir: string) => Promise<void>) => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-store-'));
  try {
    await fn(join(dir, 'jalon.json'), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
const write = (s: Store, i: number) =>
  s.transact({ now: NOW, actor: 'planif@jalon.test' }, (tx) => {
    tx.put('actions', action(`act-${i}`, { title: `t${i}` }));
  });
const files = async (dir: string) =>
  Object.fromEntries(
    await Promise.all((await readdir(dir)).sort().map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const)),
  );

test('Journal replay: acknowledged writes survive a process that never closed its store', async () => {
  await withDir(async (path) => {
    const a = await JournalStore.open({ path, seed: emptyData });
    for (let i = 0; i < 5; i++) await write(a, i);
    const expected = a.exportData();
    // no close(): as after a SIGKILL
    const b = await JournalStore.open({ path, seed: noSeed });
    assert.equal(b.exportData(), expected);
    assert.is(b.count('actions'), 5);
    assert.is((await b.auditEvents()).length, 5);
    assert.is(firstBroken(await b.auditEvents()), null);
    await b.close();
    await a.close();
  });
});

test('A torn last journal line is ignored, and later writes land on a clean line', async () => {
  await withDir(async (path) => {
    const a = await JournalStore.open({ path, seed: emptyData });
    for (let i = 0; i < 3; i++) await write(a, i);
    const expected = a.exportData();
    await appendFile(`${path}.journal`, '{"seq":99,"changes":[["actions","act-torn",{"id":"act-');
    const b = await JournalStore.open({ path, seed: noSeed });
    assert.equal(b.exportData(), expected);
    assert.is(b.get('actions', 'act-torn'), undefined);
    await write(b, 3);
    const c = await JournalStore.open({ path, seed: noSeed });
    assert.is(c.count('actions'), 4);
    assert.is(firstBroken(await c.auditEvents()), null);
    for (const s of [a, b, c]) await s.close();
  });
});

test('A corrupt journal line that is not the last stops the store (StoreError) and changes no file', async () => {
  await withDir(async (path, dir) => {
    const a = await JournalStore.open({ path, seed: emptyData });
    for (let i = 0; i < 3; i++) await write(a, i);
    const j = await readFile(`${path}.journal`, 'utf8');
    const lines = j.split('\n');
    lines[1] = lines[1]!.slice(0, 20);
    await writeFile(`${path}.journal`, lines.join('\n'));
    const before = await files(dir);
    try {
      await JournalStore.open({ path, seed: noSeed });
      assert.unreachable('should refuse');
    } catch (e) {
      assert.instance(e, StoreError);
      assert.match((e as Error).message, /illisible/);
    }
    assert.equal(await files(dir), before);
    await a.close();
  });
});

test('Compaction every 3 writes keeps everything, in order, with an intact audit chain', async () => {
  await withDir(async (path) => {
    const a = await JournalStore.open({ path, seed: emptyData, compactEvery: 3 });
    for (let i = 0; i < 10; i++) await write(a, i);
    const expected = a.exportData();
    await a.close();
    const b = await JournalStore.open({ path, seed: noSeed, compactEvery: 3 });
    assert.equal(b.exportData(), expected);
    assert.is(b.count('actions'), 10);
    assert.equal(
      (await b.auditEvents()).map((e) => e.seq),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    await write(b, 10);
    await b.close();
    const c = await JournalStore.open({ path, seed: noSeed });
    assert.is(c.count('actions'), 11);
    assert.is(firstBroken(await c.auditEvents()), null);
    await c.close();
  });
});

test('Crash after the snapshot but before the journal is cleared: nothing lost, nothing applied twice', async () => {
  for (const leftover of ['jalon.json.journal', 'rotated'] as const) {
    await withDir(async (path, dir) => {
      const a = await JournalStore.open({ path, seed: emptyData });
      for (let i = 0; i < 5; i++) await write(a, i);
      const oldJournal = await readFile(`${path}.journal`, 'utf8');
      const seq5 = a.exportData().seq;
      await a.close();
      // a snapshot now holds all of it (and one more write)
      const b = await JournalStore.open({ path, seed: noSeed, compactEvery: 1 });
      await write(b, 5);
      await b.close();
      const peek = await JournalStore.open({ path, seed: noSeed });
      const expected = peek.exportData();
      assert.is((await peek.auditEvents()).length, 6);
      await peek.close();
      // ...but the journal it came from is still there
      const target = leftover === 'rotated' ? join(dir, `jalon.json.journal.${seq5}`) : `${path}.journal`;
      const current = await readFile(target, 'utf8').catch(() => '');
      await writeFile(target, oldJournal + current);
      const c = await JournalStore.open({ path, seed: noSeed });
      assert.equal(c.exportData(), expected, leftover);
      assert.is((await c.auditEvents()).length, 6);
      assert.is(firstBroken(await c.auditEvents()), null);
      await write(c, 6);
      await c.close();
      const d = await JournalStore.open({ path, seed: noSeed });
      assert.is(d.count('actions'), 7);
      assert.is(firstBroken(await d.auditEvents()), null);
      await d.close();
    });
  }
});

test('Crash after the journal was set aside but before the snapshot: both journals are replayed', async () => {
  await withDir(async (path, dir) => {
    const first = crashableDisk(),
      second = crashableDisk();
    const a = await JournalStore.open({ path, seed: emptyData, disk: first.disk });
    for (let i = 0; i < 4; i++) await write(a, i);
    const seq = a.exportData().seq;
    // no close (it would compact): the process dies right after setting the journal aside
    await first.crash();
    await rename(`${path}.journal`, join(dir, `jalon.json.journal.${seq}`));
    const b = await JournalStore.open({ path, seed: noSeed, disk: second.disk });
    assert.is(b.count('actions'), 4);
    await write(b, 4);
    await second.crash();
    const c = await JournalStore.open({ path, seed: noSeed });
    assert.is(c.count('actions'), 5);
    assert.equal(
      (await c.auditEvents()).map((e) => e.seq),
      [1, 2, 3, 4, 5],
    );
    await c.close();
  });
});

test('A failed transaction changes nothing; concurrent writes are serialized with distinct revs', async () => {
  const s = await JournalStore.open({ seed: emptyData });
  await write(s, 0);
  const before = s.exportData();
  try {
    await s.transact({ now: NOW }, (tx) => {
      tx.put('actions', action('act-x'));
      tx.remove('actions', 'act-0');
      throw new Error('refused');
    });
  } catch {
    /* expected */
  }
  assert.equal(s.exportData(), before);
  await Promise.all(Array.from({ length: 20 }, (_, i) => write(s, i + 1)));
  const revs = [...s.all('actions')].map((a) => a.rev);
  assert.is(new Set(revs).size, 21);
  assert.equal(
    (await s.auditEvents()).map((e) => e.seq),
    Array.from({ length: 21 }, (_, i) => i + 1),
  );
});

test('A corrupt or unknown-version data file stops the store with a clear message and is left byte for byte', async () => {
  for (const text of [
    '{"schemaVersion":1,"seq":3,"collec',
    '',
    '{"schemaVersion":99,"seq":1,"collections":{},"audit":[]}',
    'null',
    '[]',
    '{"schemaVersion":1}',
  ]) {
    await withDir(async (path, dir) => {
      await writeFile(path, text);
      const before = await files(dir);
      let err: unknown = null;
      try {
        await JournalStore.open({ path, seed: emptyData });
      } catch (e) {
        err = e;
      }
      assert.instance(err, StoreError, `content ${JSON.stringify(text)}: ${String(err)}`);
      assert.equal(await files(dir), before, `content ${JSON.stringify(text)} was changed`);
      if (text.includes('99')) assert.match((err as Error).message, /version de schéma 99/);
    });
  }
});

test.run();
