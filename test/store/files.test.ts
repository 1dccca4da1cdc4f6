// The evidence files of Store.files(): content-addressed, durable before put resolves, never
// removed while a declaration names them; on the embedded engine a folder beside the data file
// (written temp → fsync → rename → folder fsync), on PostgreSQL table jalon_files.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Declaration } from '../../server/contract/windows.js';
import { nodeDisk, type Disk } from '../../server/store/disk.js';
import { DiskRefused } from '../../server/store/interface.js';
import type { Store } from '../../server/store/interface.js';
import { JournalStore } from '../../server/store/store.js';
import { createApp } from '../../server/app.js';
import { fixedClock } from '../helpers/app.js';
import { crashableDisk } from '../helpers/crash.js';
import { declarationForm, formClient, pdf, png as pngOf, windowRecords } from '../helpers/declarations.js';
import { regionalData } from '../helpers/regional.js';
import { USERS } from '../helpers/small.js';
import { faultyDisk } from '../helpers/faulty-disk.js';
import { smallData } from '../helpers/small.js';
import { testStore } from '../helpers/stores.js';

const PDF = new TextEncoder().encode('%PDF-1.7\n% preuve de test\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const declaration = (id: string, shas: string[]): Declaration => ({
  id,
  rev: '1',
  createdAt: '2026-11-29T10:00:00.000Z',
  updatedAt: '2026-11-29T10:00:00.000Z',
  applicationId: 'app-1',
  objective: 'D1-AD-1',
  achievedOn: '2026-11-01',
  evidence: shas.map((s) => ({ sha256: s, name: 'preuve.pdf', type: 'application/pdf', size: PDF.length })),
});
const name = (store: Store, d: Declaration) =>
  store.transact({ now: '2026-11-29T10:00:00.000Z', actor: 'etab.f1@jalon.test' }, (tx) => {
    tx.put('declarations', d);
  });

const tempDir = async <T>(fn: (dir: string) => Promise<T>): Promise<T> => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-files-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** Every file under the folder, as paths relative to it. */
const tree = async (dir: string): Promise<string[]> => {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const sub of await readdir(dir)) for (const f of await readdir(join(dir, sub))) out.push(`${sub}/${f}`);
  return out.sort();
};

test('Engine under test: put is content-addressed (created once), get returns the bytes, discard keeps what a declaration names', async () => {
  // Given a store of the engine under test
  const store = await testStore(() => smallData());
  const files = store.files();
  // When the same content is put twice
  const a = await files.put(PDF, 'application/pdf');
  const again = await files.put(PDF.slice(), 'application/pdf');
  // Then it is stored once, under its SHA-256
  assert.equal(a, { sha256: sha(PDF), created: true });
  assert.equal(again, { sha256: sha(PDF), created: false });
  assert.equal(await files.get(a.sha256), PDF);
  assert.is(await files.get('0'.repeat(64)), undefined);
  assert.is(await files.get('../../etc/passwd'), undefined);
  // a file a declaration names stays; one that none names goes
  const b = await files.put(PNG, 'image/png');
  await name(store, declaration('dcl-1', [a.sha256]));
  await files.discard(a.sha256);
  await files.discard(b.sha256);
  assert.equal(await files.get(a.sha256), PDF);
  assert.is(await files.get(b.sha256), undefined);
  // discarding what is not there, or is no SHA-256, does nothing
  await files.discard(b.sha256);
  await files.discard('not-a-sha');
});

test('Embedded engine: the file is in <data file>.files/ab/<sha256> once put resolves, written temp → fsync → rename → folder fsync', async () => {
  await tempDir(async (dir) => {
    const path = join(dir, 'jalon.json');
    // Given a disk that records what the store does
    const steps: string[] = [];
    const rel = (p: string) => p.slice(dir.length + 1).replace(/\.[0-9a-f]{64}\.[0-9a-f]{8}\.tmp$/, '.tmp');
    const disk: Disk = {
      open: async (p, flags) => {
        const h = await nodeDisk.open(p, flags);
        return Object.assign(Object.create(null) as object, {
          write: h.write.bind(h),
          read: h.read.bind(h),
          datasync: h.datasync.bind(h),
          truncate: h.truncate.bind(h),
          stat: h.stat.bind(h),
          close: h.close.bind(h),
          sync: async () => {
            await h.sync();
            if (p.includes('.files') || p === dir) steps.push(`fsync ${rel(p) || '.'}`);
          },
        }) as typeof h;
      },
      rename: async (from, to) => {
        await nodeDisk.rename(from, to);
        if (to.includes('.files')) steps.push(`rename ${rel(from)} → ${rel(to)}`);
      },
      unlink: nodeDisk.unlink,
    };
    const store = await JournalStore.open({ path, seed: () => smallData(), disk });
    steps.length = 0; // the new data file's own
    const s = sha(PDF),
      sub = s.slice(0, 2);
    // When a file is put
    const r = await store.files().put(PDF, 'application/pdf');
    // Then, by the time it resolves, the bytes are at their place and every step was made durable in order
    assert.is(r.created, true);
    assert.equal(new Uint8Array(await readFile(join(`${path}.files`, sub, s))), PDF);
    assert.equal(steps, [
      'fsync .', // the new jalon.json.files folder's entry
      'fsync jalon.json.files', // its new sub-folder's entry
      `fsync jalon.json.files/${sub}/.tmp`,
      `rename jalon.json.files/${sub}/.tmp → jalon.json.files/${sub}/${s}`,
      `fsync jalon.json.files/${sub}`,
    ]);
    assert.equal(await tree(`${path}.files`), [`${sub}/${s}`]);
    // a second put of the same content writes nothing
    steps.length = 0;
    assert.is((await store.files().put(PDF, 'application/pdf')).created, false);
    assert.equal(steps, []);
    // bytes altered on the disk are refused, not served
    await writeFile(join(`${path}.files`, sub, s), '%PDF-altered');
    try {
      await store.files().get(s);
      assert.unreachable('an altered file was served');
    } catch (e) {
      assert.match((e as Error).message, /altéré/);
    }
    await store.close();
  });
});

test('Embedded engine: a full disk or a failing fsync refuses the put (DiskRefused) and leaves no file, not even a temp one', async () => {
  await tempDir(async (dir) => {
    const path = join(dir, 'jalon.json');
    const { disk, faults } = faultyDisk();
    faults.applies = (p) => p.includes('.files');
    const store = await JournalStore.open({ path, seed: () => smallData(), disk });
    const big = new Uint8Array(4096).fill(7);
    big.set(PDF);
    // Given 1,000 bytes left on the disk: the write is cut short
    faults.free = 1000;
    try {
      await store.files().put(big, 'application/pdf');
      assert.unreachable('a put on a full disk resolved');
    } catch (e) {
      assert.instance(e, DiskRefused);
      assert.ok((e as DiskRefused).full);
    }
    assert.equal(await tree(`${path}.files`), []);
    // Given room but an fsync that fails
    faults.free = Infinity;
    faults.syncError = 'EIO';
    try {
      await store.files().put(big, 'application/pdf');
      assert.unreachable('a put whose fsync failed resolved');
    } catch (e) {
      assert.instance(e, DiskRefused);
      assert.is((e as DiskRefused).code, 'EIO');
    }
    assert.equal(await tree(`${path}.files`), []);
    // Then, the disk back, the same put goes through
    faults.syncError = null;
    assert.is((await store.files().put(big, 'application/pdf')).created, true);
    assert.equal(await tree(`${path}.files`), [`${sha(big).slice(0, 2)}/${sha(big)}`]);
    await store.close();
  });
});

test('Embedded engine: after a crash, the next process removes the temp file cut short and the file no declaration names, and keeps the named one', async () => {
  await tempDir(async (dir) => {
    const path = join(dir, 'jalon.json');
    // Given a process that put two files, declared one of them, and died while writing a third
    const { disk, crash } = crashableDisk();
    let dying = false;
    const dies: Disk = {
      ...disk,
      rename: (from, to) => (dying ? new Promise<void>(() => undefined) : disk.rename(from, to)),
    };
    const first = await JournalStore.open({ path, seed: () => smallData(), disk: dies });
    const named = await first.files().put(PDF, 'application/pdf');
    const orphan = await first.files().put(PNG, 'image/png');
    await name(first, declaration('dcl-1', [named.sha256]));
    dying = true;
    const third = new TextEncoder().encode('%PDF-1.4 coupé');
    void first.files().put(third, 'application/pdf');
    while (!(await tree(`${path}.files`)).some((f) => f.endsWith('.tmp'))) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20)); // its fsync done: it waits for the rename that never comes
    await crash();
    assert.equal((await tree(`${path}.files`)).length, 3);
    // When the next process writes its first file
    const next = await JournalStore.open({ path, seed: () => smallData() });
    assert.ok(next.get('declarations', 'dcl-1'));
    const fresh = await next.files().put(new TextEncoder().encode('%PDF-1.5 neuf'), 'application/pdf');
    // Then only the named file and the new one remain
    const left = await tree(`${path}.files`);
    assert.equal(left, [named.sha256, fresh.sha256].map((s) => `${s.slice(0, 2)}/${s}`).sort());
    assert.equal(await next.files().get(named.sha256), PDF);
    assert.is(await next.files().get(orphan.sha256), undefined);
    await next.close();
  });
});

test('Embedded engine: a discard and a put of the same content never interleave (the put after it has its file)', async () => {
  await tempDir(async (dir) => {
    const store = await JournalStore.open({ path: join(dir, 'jalon.json'), seed: () => smallData() });
    const files = store.files();
    const first = await files.put(PDF, 'application/pdf');
    assert.is(first.created, true);
    // the discard of a refused declaration's file and another request's put of the same bytes, at once
    const [, second] = await Promise.all([files.discard(first.sha256), files.put(PDF, 'application/pdf')]);
    assert.is(second.created, true);
    assert.equal(await files.get(second.sha256), PDF);
    await store.close();
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FIELDS = { objective: 'D1-AD-1', achievedOn: '2026-11-02' };

/** An app on an embedded store in `dir` whose journal goes through a faulty disk. */
const declaringApp = async (dir: string) => {
  const path = join(dir, 'jalon.json');
  const { disk, faults } = faultyDisk();
  faults.applies = (p) => p.includes('.journal');
  const store = await JournalStore.open({ path, seed: () => regionalData(windowRecords()), disk });
  const forms = formClient(createApp({ store, clock: fixedClock() }));
  await forms.download(USERS.etab, '/api/me'); // the session's write first
  return { path, store, faults, forms };
};

test('Declaring on the embedded engine: the files are whole on the disk before the declaration is journalled, and so before the answer', async () => {
  await tempDir(async (dir) => {
    const { path, store, faults, forms } = await declaringApp(dir);
    // Given a journal whose fsync waits
    let release!: () => void;
    faults.gate = new Promise<void>((r) => (release = r));
    // When an establishment declares
    let answered = false;
    const pending = forms
      .declare(USERS.etab, 'app-f1', declarationForm(FIELDS, [{ name: 'a.pdf', bytes: pdf('durable') }]))
      .finally(() => (answered = true));
    while (faults.waiting === 0) await sleep(5);
    // Then while the declaration waits for its journal, its file is already at its place, whole
    const s = sha(pdf('durable'));
    assert.equal(new Uint8Array(await readFile(join(`${path}.files`, s.slice(0, 2), s))), pdf('durable'));
    await sleep(20);
    assert.is(answered, false);
    faults.gate = null;
    release();
    const r = await pending;
    assert.is(r.status, 201);
    assert.equal(r.json.evidence[0].sha256, s);
    await store.close();
    // and a new process reads the declaration and its file
    const again = await JournalStore.open({ path, seed: () => regionalData(windowRecords()) });
    assert.ok(again.get('declarations', r.json.id));
    assert.equal(await again.files().get(s), pdf('durable'));
    await again.close();
  });
});

test('Declaring on the embedded engine: a declaration the disk refuses (503) leaves none of the files it brought', async () => {
  await tempDir(async (dir) => {
    const { path, store, faults, forms } = await declaringApp(dir);
    // Given a first declaration whose file stays
    const first = await forms.declare(
      USERS.etab,
      'app-f1',
      declarationForm(FIELDS, [{ name: 'a.pdf', bytes: pdf('kept') }]),
    );
    assert.is(first.status, 201);
    const before = await tree(`${path}.files`);
    // When the journal's disk is full, a declaration bringing a new file and the first one's file
    faults.free = 0;
    const r = await forms.declare(
      USERS.etab,
      'app-f1',
      declarationForm({ ...FIELDS, objective: 'D1-AD-2' }, [
        { name: 'b.png', bytes: pngOf('refused') },
        { name: 'a.pdf', bytes: pdf('kept') },
      ]),
    );
    // Then 503, no declaration, and the folder as it was (the shared file kept: a declaration names it)
    assert.is(r.status, 503);
    assert.is([...store.all('declarations')].length, 1);
    assert.equal(await tree(`${path}.files`), before);
    assert.equal(await store.files().get(sha(pdf('kept'))), pdf('kept'));
    await store.close();
  });
});

test.run();
