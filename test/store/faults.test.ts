// Faults on the way to the disk, through a disk that fills up or fails (test/helpers/faulty-disk.ts):
// a refused write is answered 503 and changes nothing, in memory or on disk; the server goes on
// serving reads and takes writes again once space returns; a compaction that fails keeps every
// file and every audit event; files of the wrong shape stop the store with a French message.
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import { JournalStore, StoreError } from '../../server/store/store.js';
import { DEMO_PASSWORD, fixedClock } from '../helpers/app.js';
import { crashableDisk } from '../helpers/crash.js';
import { faultyDisk } from '../helpers/faulty-disk.js';
import { action, allocation } from '../helpers/plan.js';
import { smallData, USERS } from '../helpers/small.js';

const NOW = '2026-11-29T10:00:00.000Z';
const noSeed = () => {
  throw new Error('must not seed an existing file');
};
const seed = () => smallData({ allocations: [allocation('al-1', { amounts: { '2024': 10_000 } })] });

/** Stores left open by a test (killed, as after a SIGKILL): their files are closed when it ends. */
const killed: Array<() => Promise<void>> = [];
const withDir = (fn: (path: string, dir: string) => Promise<void>) => async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-faults-'));
  try {
    await fn(join(dir, 'jalon.json'), dir);
  } finally {
    for (const crash of killed.splice(0)) await crash();
    await rm(dir, { recursive: true, force: true });
  }
};
/** Each file's name with its size and SHA-256 (a short diff when a test fails). */
const files = async (dir: string) =>
  Object.fromEntries(
    await Promise.all(
      (await readdir(dir)).sort().map(async (f) => {
        const bytes = await readFile(join(dir, f));
        return [f, `${bytes.length} ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`] as const;
      }),
    ),
  );

/** A store on `path` through a faulty disk, an app on it and a planner's client. */
const open = async (path: string, opts: { compactEvery?: number } = {}) => {
  const { disk: faulty, faults } = faultyDisk();
  const { disk, crash } = crashableDisk(faulty);
  killed.push(crash);
  const store = await JournalStore.open({ path, seed, disk, compactRetryMs: 0, ...opts });
  const clock = fixedClock();
  const app = createApp({ store, clock });
  const res = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: USERS.planner, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await app.request(p, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, headers: r.headers, json: (await r.json()) as any };
  };
  const amount = async () => (await call('GET', '/api/allocations/al-1')).json.amounts['2024'] as number;
  const patch = async (cents: number) => {
    const { json } = await call('GET', '/api/allocations/al-1');
    return call('PATCH', '/api/allocations/al-1', { amounts: { '2024': cents } }, { 'if-match': `"${json.rev}"` });
  };
  return { store, faults, clock, call, amount, patch };
};

const assertRefused = (r: { status: number; headers: Headers; json: any }, detail: RegExp) => {
  assert.is(r.status, 503);
  assert.is(r.headers.get('content-type'), 'application/problem+json');
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  assert.match(r.json.detail, detail);
};

test(
  'Full disk mid-append: 503 « rien n’a été enregistré », the journal byte for byte as it was, memory unchanged, reads go on; writes resume once space returns, and survive a crash',
  withDir(async (path, dir) => {
    const a = await open(path);
    assert.is((await a.patch(20_000)).status, 200);
    const before = await files(dir);
    a.faults.free = 40; // the next entry is cut short after 40 bytes, then ENOSPC
    assertRefused(await a.patch(30_000), /Espace disque insuffisant : rien n’a été enregistré/);
    assert.equal(await files(dir), before, 'the short write was cut off');
    assert.is(await a.amount(), 20_000);
    assert.is((await a.call('GET', '/api/dashboard')).status, 200);
    assertRefused(await a.patch(31_000), /rien n’a été enregistré/); // still full: still refused, still clean
    assert.equal(await files(dir), before);
    a.faults.free = Infinity;
    assert.is((await a.patch(40_000)).status, 200);
    for (const cents of [41_000, 42_000, 43_000]) assert.is((await a.patch(cents)).status, 200);
    // no close(): as after a SIGKILL
    const b = await JournalStore.open({ path, seed: noSeed });
    assert.is(b.get('allocations', 'al-1')!.amounts['2024'], 43_000);
    assert.is((await b.verifyAudit()).problem, null);
    await b.close();
  }),
);

test(
  'A full disk does not turn reads into refusals: a session due for its bookkeeping write still reads',
  withDir(async (path) => {
    const a = await open(path);
    a.faults.free = 0;
    a.clock.advance(6 * 60_000); // past the session's touch interval: a read would write lastSeenAt
    assert.is((await a.call('GET', '/api/allocations/al-1')).status, 200);
    assert.is((await a.call('GET', '/api/dashboard')).status, 200);
    a.faults.free = Infinity;
    await a.store.close();
  }),
);

test(
  'A new plan on a full disk: the store refuses to open with a French message (StoreError), not a stack trace',
  withDir(async (path) => {
    const { disk, faults } = faultyDisk();
    faults.free = 0;
    try {
      await JournalStore.open({ path, seed, disk });
      assert.unreachable('should refuse');
    } catch (e) {
      assert.instance(e, StoreError);
      assert.match((e as Error).message, /Impossible d'écrire le plan .* espace disque insuffisant/);
    }
  }),
);

test(
  'fsync answering EIO: 503 naming the error, nothing kept; a truncate that fails too is mended before the next write',
  withDir(async (path, dir) => {
    const a = await open(path);
    const before = await files(dir);
    a.faults.syncError = 'EIO';
    assertRefused(await a.patch(11_000), /refusé l’écriture \(EIO\) : rien n’a été enregistré/);
    assert.equal(await files(dir), before);
    assert.is(await a.amount(), 10_000);
    // the disk then refuses the cut-back as well: the torn entry stays until the next write mends it
    a.faults.syncError = null;
    a.faults.free = 30;
    a.faults.truncateError = 'EIO';
    assertRefused(await a.patch(12_000), /rien n’a été enregistré/);
    a.faults.truncateError = null;
    a.faults.free = Infinity;
    assert.is((await a.patch(13_000)).status, 200);
    const b = await JournalStore.open({ path, seed: noSeed });
    assert.is(b.get('allocations', 'al-1')!.amounts['2024'], 13_000);
    await b.close();
  }),
);

test(
  'Full disk during compaction: the audit append is cut back, no journal is dropped, GET /api/audit keeps every event; the retry completes and the trail replays to the plan',
  withDir(async (path, dir) => {
    const a = await open(path, { compactEvery: 3 });
    const audited = async () => (await a.call('GET', '/api/audit?limit=1')).json.total as number;
    const start = await audited();
    a.faults.applies = (p) => p.endsWith('.audit');
    a.faults.free = 100; // the audit file takes 100 bytes of the events, then the disk is full
    for (const cents of [11_000, 12_000, 13_000]) assert.is((await a.patch(cents)).status, 200);
    await (a.store as unknown as { compaction: Promise<void> }).compaction;
    assert.is(await audited(), start + 3, 'every event still served');
    assert.ok(
      (await readdir(dir)).some((f) => /\.journal\.\d+$/.test(f)),
      'the set-aside journal is kept',
    );
    const restart = await JournalStore.open({ path, seed: noSeed });
    assert.is((await restart.auditEvents()).length, start + 3);
    assert.is((await restart.verifyAudit()).problem, null);
    // the snapshot fails too (the temp file is removed), then space returns
    a.faults.applies = (p) => p.includes('.tmp') || p.endsWith('.audit');
    a.faults.free = 0;
    for (const cents of [14_000, 15_000, 16_000]) assert.is((await a.patch(cents)).status, 200);
    await (a.store as unknown as { compaction: Promise<void> }).compaction;
    assert.not.ok((await readdir(dir)).some((f) => f.endsWith('.tmp')));
    a.faults.free = Infinity;
    for (const cents of [17_000, 18_000, 19_000]) assert.is((await a.patch(cents)).status, 200);
    await (a.store as unknown as { compaction: Promise<void> }).compaction;
    assert.equal(
      (await readdir(dir)).filter((f) => /\.journal\.\d+$/.test(f)),
      [],
      'dropped once the snapshot holds them',
    );
    assert.is(await audited(), start + 9);
    await a.store.close();
    const b = await JournalStore.open({ path, seed: noSeed });
    const events = await b.auditEvents();
    assert.is(events.length, start + 9);
    assert.equal(
      events.map((e) => e.seq),
      events.map((_, i) => i + 1),
    );
    assert.is((await b.verifyAudit()).problem, null);
    assert.is(b.get('allocations', 'al-1')!.amounts['2024'], 19_000);
    await b.close();
    await restart.close();
  }),
);

test(
  'A large transaction is journaled as part lines; a crash before its last line leaves none of it',
  withDir(async (path) => {
    const a = await JournalStore.open({ path, seed });
    const big = 'x'.repeat(1 << 20);
    await a.transact({ now: NOW, actor: USERS.planner }, (tx) => {
      for (let i = 0; i < 10; i++) tx.put('actions', action(`big-${i}`, { title: big }));
    });
    const journal = await readFile(`${path}.journal`, 'utf8');
    const lines = journal.trimEnd().split('\n');
    assert.ok(lines.length > 2 && lines.every((l) => l.length < 6 << 20), `${lines.length} lines`);
    assert.ok(lines.slice(0, -1).every((l) => l.includes('"part":true')));
    // cut after the part lines: the transaction never happened
    await writeFile(`${path}.journal`, lines.slice(0, -1).join('\n') + '\n');
    const c = await JournalStore.open({ path, seed: noSeed });
    assert.is(c.get('actions', 'big-0'), undefined);
    await c.transact({ now: NOW }, (tx) => {
      tx.put('actions', action('after'));
    });
    const d = await JournalStore.open({ path, seed: noSeed });
    assert.ok(d.get('actions', 'after'));
    assert.is(d.get('actions', 'big-0'), undefined);
    for (const s of [a, c, d]) await s.close();
  }),
);

test(
  'A reader never sees a write that is not durable: during the fsync the old state, after a refusal still the old one',
  withDir(async (path) => {
    const { disk, faults } = faultyDisk();
    const store = await JournalStore.open({ path, seed, disk });
    let release = () => {};
    faults.gate = new Promise((r) => {
      release = r;
    });
    const write = store.transact({ now: NOW, actor: USERS.planner }, (tx) => {
      tx.put('actions', action('slow'));
    });
    while (!faults.waiting) await new Promise((r) => setImmediate(r));
    assert.is(store.get('actions', 'slow'), undefined, 'not visible while its entry is being fsynced');
    assert.not.ok([...store.plan.actions.keys()].includes('slow'));
    release();
    await write;
    assert.ok(store.get('actions', 'slow'), 'visible once durable');
    // the same with a disk that refuses at the end
    faults.gate = new Promise((r) => {
      release = r;
    });
    faults.syncError = 'EIO';
    const refused = store.transact({ now: NOW, actor: USERS.planner }, (tx) => {
      tx.put('actions', action('lost'));
    });
    while (!faults.waiting) await new Promise((r) => setImmediate(r));
    assert.is(store.get('actions', 'lost'), undefined);
    release();
    await refused.then(
      () => assert.unreachable('refused'),
      (e: Error) => assert.match(e.message, /EIO/),
    );
    assert.is(store.get('actions', 'lost'), undefined);
    faults.gate = null;
    faults.syncError = null;
    await store.close();
  }),
);

test('transact refuses an async function at run time, and a write through its tx after it returned', async () => {
  const store = await JournalStore.open({ seed });
  let leaked: { put: (k: 'actions', r: ReturnType<typeof action>) => unknown } | null = null;
  // @ts-expect-error an async function is refused by the type too
  const r = store.transact({ now: NOW }, async (tx) => {
    leaked = tx;
    tx.put('actions', action('early'));
  });
  await r.then(
    () => assert.unreachable('refused'),
    (e: Error) => assert.match(e.message, /fonction synchrone/),
  );
  assert.is(store.get('actions', 'early'), undefined, 'what it wrote before its first await is undone');
  assert.throws(() => leaked!.put('actions', action('late')), /transaction terminée/);
  assert.is(store.get('actions', 'late'), undefined);
  await store.close();
});

const refusedAtStart = async (path: string, dir: string, message: RegExp) => {
  const before = await files(dir);
  try {
    await JournalStore.open({ path, seed: noSeed });
    assert.unreachable('the store should refuse to open');
  } catch (e) {
    assert.instance(e, StoreError);
    assert.match((e as Error).message, message);
  }
  assert.equal(await files(dir), before, 'no file touched');
};

/** A data folder with a compacted trail and a journal of one write, as after a crash (the
 *  store is left open, never closed: a clean stop would compact). */
const dataWithJournal = async (path: string) => {
  const a = await JournalStore.open({ path, seed, compactEvery: 2 });
  for (let i = 0; i < 4; i++) {
    await a.transact({ now: NOW, actor: USERS.planner }, (tx) => {
      tx.put('actions', action(`a-${i}`));
    });
    await (a as unknown as { compaction: Promise<void> }).compaction;
  }
  await a.transact({ now: NOW, actor: USERS.planner }, (tx) => {
    tx.put('actions', action('a-4'));
  });
};

test(
  'A journal line of the wrong shape, or of an unknown kind, stops the store naming the file and line',
  withDir(async (path, dir) => {
    await dataWithJournal(path);
    const journal = await readFile(`${path}.journal`, 'utf8');
    for (const [bad, why] of [
      ['{"seq":99,"changes":{"not":"a list"},"events":[]}', /ligne 1 : changements ou événements absents/],
      [
        '{"seq":99,"changes":[["wizards","w1",{"id":"w1"}]],"events":[]}',
        /ligne 1 : type d’enregistrement inconnu « wizards »/,
      ],
      ['[1,2,3]', /ligne 1 : ce n’est pas une transaction/],
    ] as const) {
      await writeFile(`${path}.journal`, `${bad}\n${journal}`);
      await refusedAtStart(path, dir, new RegExp(`journal .*jalon\\.json\\.journal : ${why.source}`));
    }
  }),
);

test(
  'The audit file: a bad middle line, a corrupt last line, a missing event, each stop the store naming the line; a torn last line is not an event',
  withDir(async (path, dir) => {
    await dataWithJournal(path);
    const text = await readFile(`${path}.audit`, 'utf8');
    const lines = text.trimEnd().split('\n');
    const variants: Array<[string, RegExp]> = [
      [
        [...lines.slice(0, 2), '{"seq": oops', ...lines.slice(2)].join('\n') + '\n',
        /piste d’audit .* : ligne 3 illisible/,
      ],
      [
        [...lines.slice(0, -1), lines.at(-1)!.slice(0, 30) + '}'].join('\n') + '\n',
        new RegExp(`ligne ${lines.length} illisible`),
      ],
      [[...lines.slice(0, 3), ...lines.slice(4)].join('\n') + '\n', /ligne 4 : numéro 5 au lieu de 4/],
    ];
    for (const [variant, why] of variants) {
      await writeFile(`${path}.audit`, variant);
      await refusedAtStart(path, dir, why);
    }
    await writeFile(`${path}.audit`, text);
    await appendFile(`${path}.audit`, '{"seq":9999,"at":"2026');
    const b = await JournalStore.open({ path, seed: noSeed });
    assert.is((await b.auditEvents()).length, lines.length + 1);
    assert.is((await b.verifyAudit()).problem, null);
    await b.close();
  }),
);

test.run();
