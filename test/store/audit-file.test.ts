// The audit trail's own file: events reach it at compaction, from the journal that made them
// durable with their change; a crash in between loses none and duplicates none.
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { firstBroken } from '../../server/store/audit-chain.js';
import { emptyData } from '../../server/store/schema.js';
import { JournalStore } from '../../server/store/store.js';
import type { Store } from '../../server/store/interface.js';
import { crashableDisk } from '../helpers/crash.js';
import { action } from '../helpers/plan.js';

const NOW = '2026-11-29T10:00:00.000Z';
const noSeed = () => {
  throw new Error('must not seed an existing file');
};
const withDir = async (fn: (path: string) => Promise<void>) => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-audit-file-'));
  try {
    await fn(join(dir, 'jalon.json'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
const write = (s: Store, i: number, actor = 'planif@jalon.test') =>
  s.transact({ now: NOW, actor }, (tx) => {
    tx.put('actions', action(`act-${i}`, { title: `t${i}` }));
  });
const lines = async (path: string) =>
  (await readFile(`${path}.audit`, 'utf8').catch(() => '')).split('\n').filter(Boolean);

test('Given three writes and a clean stop, then the audit file holds three chained events and the snapshot none', async () => {
  await withDir(async (path) => {
    const a = await JournalStore.open({ path, seed: emptyData });
    for (let i = 0; i < 3; i++) await write(a, i);
    await a.close();
    assert.is((await lines(path)).length, 3);
    assert.not.ok((await readFile(path, 'utf8')).includes('"action":"create"'));
    const b = await JournalStore.open({ path, seed: noSeed });
    const events = await b.auditEvents();
    assert.equal(
      events.map((e) => e.seq),
      [1, 2, 3],
    );
    assert.is(firstBroken(events), null);
    await b.close();
  });
});

test('Given writes whose events are only in the journal (crash before compaction), then reopening keeps them, once', async () => {
  await withDir(async (path) => {
    const a = await JournalStore.open({ path, seed: emptyData });
    await write(a, 0);
    await a.close(); // event 1 in the audit file
    const killed = crashableDisk();
    const b = await JournalStore.open({ path, seed: noSeed, disk: killed.disk });
    await write(b, 1);
    await write(b, 2);
    await killed.crash(); // no close(): events 2 and 3 exist only in the journal
    assert.is((await lines(path)).length, 1);
    const c = await JournalStore.open({ path, seed: noSeed });
    assert.equal(
      (await c.auditEvents()).map((e) => e.seq),
      [1, 2, 3],
    );
    await write(c, 3);
    await c.close();
    const all = (await lines(path)).map((l) => JSON.parse(l) as { seq: number });
    assert.equal(
      all.map((e) => e.seq),
      [1, 2, 3, 4],
    );
    const d = await JournalStore.open({ path, seed: noSeed });
    assert.is(firstBroken(await d.auditEvents()), null);
    await d.close();
  });
});

test('Given a torn last line in the audit file (power cut mid-append), then it is ignored and cut off at the next append', async () => {
  await withDir(async (path) => {
    const a = await JournalStore.open({ path, seed: emptyData });
    await write(a, 0);
    await a.close();
    await appendFile(`${path}.audit`, '{"seq":2,"at":"2026-11-29T10:0');
    const b = await JournalStore.open({ path, seed: noSeed });
    assert.equal(
      (await b.auditEvents()).map((e) => e.seq),
      [1],
    );
    await write(b, 1);
    await b.close();
    const c = await JournalStore.open({ path, seed: noSeed });
    const events = await c.auditEvents();
    assert.equal(
      events.map((e) => e.seq),
      [1, 2],
    );
    assert.is(firstBroken(events), null);
    await c.close();
  });
});

test('auditPage: newest first, filtered, counted across the file and the events not yet in it', async () => {
  await withDir(async (path) => {
    const a = await JournalStore.open({ path, seed: emptyData });
    for (let i = 0; i < 4; i++) await write(a, i, i % 2 ? 'finances@jalon.test' : 'planif@jalon.test');
    await a.close();
    const b = await JournalStore.open({ path, seed: noSeed });
    await write(b, 4); // pending, not yet in the file
    const page = await b.auditPage({ actor: 'planif@jalon.test' }, 0, 2);
    assert.is(page.total, 3);
    assert.equal(
      page.items.map((e) => e.seq),
      [5, 3],
    );
    const next = await b.auditPage({ actor: 'planif@jalon.test' }, 2, 2);
    assert.equal(
      next.items.map((e) => e.seq),
      [1],
    );
    const one = await b.auditPage({ id: 'act-1' }, 0, 10);
    assert.equal(
      one.items.map((e) => e.actor),
      ['finances@jalon.test'],
    );
    await b.close();
  });
});

test.run();
