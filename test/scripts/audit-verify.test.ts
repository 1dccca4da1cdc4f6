// npm run audit:verify on a real data file: intact, then edited by hand.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import type { AuditEvent } from '../../server/contract/audit.js';
import { seal } from '../../server/store/audit-chain.js';
import { JournalStore } from '../../server/store/store.js';
import { fixedClock } from '../helpers/app.js';
import { F1 } from '../helpers/plan.js';
import { smallData, USERS } from '../helpers/small.js';
import { DEMO_PASSWORD } from '../helpers/app.js';

const verify = (path: string, args: string[] = []) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, JALON_DATA: path },
  });

const dataDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-audit-verify-'));
  const path = join(dir, 'jalon.json');
  const store = await JournalStore.open({ path, seed: () => smallData(), compactEvery: 1 });
  const app = createApp({ store, clock: fixedClock() });
  const login = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: USERS.planner, password: DEMO_PASSWORD }),
  });
  const headers = { 'content-type': 'application/json', cookie: login.headers.get('set-cookie')!.split(';')[0]! };
  const post = (p: string, b: unknown) => app.request(p, { method: 'POST', headers, body: JSON.stringify(b) });
  await post('/api/actions', { code: 'A1', title: 'a', axis: 1 });
  const al = await (
    await post('/api/allocations', { envelopeId: 'env-a', finess: F1, actionId: 'act-ad', amounts: { '2024': 42_424 } })
  ).json();
  await app.request(`/api/allocations/${al.id}`, {
    method: 'PATCH',
    headers: { ...headers, 'if-match': `"${al.rev}"` },
    body: JSON.stringify({ amounts: { '2024': 51_515 } }),
  });
  await post('/api/actions', { code: 'A2', title: 'b', axis: 2 });
  const events = (await store.auditEvents()).length;
  const seqOfCreate = (await store.auditEvents()).find((e) => e.entity === 'allocations' && e.action === 'create')!.seq;
  await store.close();
  // one more write on a fresh open compacts everything so far into the snapshot file
  const again = await JournalStore.open({
    path,
    seed: () => {
      throw new Error('no reseed');
    },
    compactEvery: 1,
  });
  await again.transact({ now: '2026-11-29T11:00:00.000Z', actor: USERS.planner }, (tx) => {
    tx.put('actions', { ...tx.get('actions', 'act-ad')!, title: 'compacté' });
  });
  await again.close();
  return { dir, path, events: events + 1, seqOfCreate };
};

test('An intact data file: "chaîne d\'audit intègre : N événements", exit 0, and the files are not touched', async () => {
  const { dir, path, events } = await dataDir();
  try {
    const before = await Promise.all(
      (await readdir(dir)).sort().map(async (f) => [f, await readFile(join(dir, f), 'utf8')]),
    );
    const r = verify(path);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`chaîne d'audit intègre : ${events} événements`));
    const after = await Promise.all(
      (await readdir(dir)).sort().map(async (f) => [f, await readFile(join(dir, f), 'utf8')]),
    );
    assert.equal(after, before);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('An amount changed by hand in an audit event\'s "after": exit 1, naming that event\'s seq', async () => {
  const { dir, path, seqOfCreate } = await dataDir();
  try {
    // the create's event, and only it, is altered in the audit file (the planner's undo history in the
    // snapshot holds 42424 too, but the chain is the audit file's)
    const lines = (await readFile(`${path}.audit`, 'utf8')).split('\n');
    const at = lines.findIndex((l) => l.includes(`"seq":${seqOfCreate},`) && l.includes('42424'));
    assert.ok(at >= 0, 'the create and its amount are in the audit file');
    lines[at] = lines[at]!.replace('42424', '42425');
    await writeFile(`${path}.audit`, lines.join('\n'));
    const r = verify(path);
    assert.is(r.status, 1, r.stdout);
    assert.match(r.stderr, new RegExp(`seq ${seqOfCreate}\\b`));
    assert.match(r.stderr, /rompue/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const lines = async (path: string) => (await readFile(`${path}.audit`, 'utf8')).trimEnd().split('\n');
const writeLines = (path: string, ls: string[]) => writeFile(`${path}.audit`, ls.join('\n') + '\n');
const inDir = (fn: (d: Awaited<ReturnType<typeof dataDir>>) => Promise<void>) => async () => {
  const d = await dataDir();
  try {
    await fn(d);
  } finally {
    await rm(d.dir, { recursive: true, force: true });
  }
};

test(
  'The head is printed and checked against --expect-head',
  inDir(async ({ path, events }) => {
    const r = verify(path);
    const head = /tête de chaîne : (\d+:[0-9a-f]{64})/.exec(r.stdout)?.[1];
    assert.ok(head, r.stdout);
    assert.is(head!.split(':')[0], String(events));
    assert.match(r.stdout, /rejouer redonne exactement les données/);
    assert.is(verify(path, ['--expect-head', head!]).status, 0);
    const other = `${events}:${'0'.repeat(64)}`;
    const wrong = verify(path, ['--expect-head', other]);
    assert.is(wrong.status, 1);
    assert.match(wrong.stderr, /tête de chaîne différente/);
  }),
);

test(
  'The last lines of the audit file removed: refused, the snapshot recorded a later head',
  inDir(async ({ path }) => {
    await writeLines(path, (await lines(path)).slice(0, -3));
    const r = verify(path);
    assert.is(r.status, 1);
    assert.match(r.stderr, /tronquée/);
  }),
);

test(
  'An event altered and every later hash recomputed: the replay no longer yields the plan',
  inDir(async ({ path, seqOfCreate }) => {
    const ls = await lines(path);
    const events = ls.map((l) => JSON.parse(l) as AuditEvent);
    const i = events.findIndex((e) => e.seq === seqOfCreate);
    (events[i]!.after as { amounts: Record<string, number> }).amounts['2024'] = 99_999;
    for (let k = i; k < events.length; k++) events[k] = seal(events[k]!, events[k - 1]!.hash);
    await writeLines(
      path,
      events.map((e) => JSON.stringify(e)),
    );
    // the snapshot's recorded head no longer matches: refused at once
    const r = verify(path);
    assert.is(r.status, 1);
    assert.match(r.stderr, /empreinte que l’instantané a enregistrée/);
    // and with the snapshot's head forged too, the replay still finds the edit
    const snap = await readFile(path, 'utf8');
    await writeFile(
      path,
      snap.replace(
        /"auditHead":\{[^}]*\}/,
        `"auditHead":${JSON.stringify({ seq: events.at(-1)!.seq, hash: events.at(-1)!.hash })}`,
      ),
    );
    const r2 = verify(path);
    assert.is(r2.status, 1);
    assert.match(r2.stderr, new RegExp(`seq ${seqOfCreate + 1}\\b|état « avant »`));
  }),
);

test(
  'A field the hash does not cover, added to an event: the content check fails',
  inDir(async ({ path }) => {
    const ls = await lines(path);
    const e = JSON.parse(ls[3]!) as AuditEvent & { note?: string };
    e.note = 'ajouté';
    ls[3] = JSON.stringify(e);
    await writeLines(path, ls);
    const r = verify(path);
    assert.is(r.status, 1);
    assert.match(r.stderr, /seq 4\b.*contenu modifié/);
  }),
);

test(
  'An amount changed in the snapshot, then in the journal: the data and the trail disagree',
  inDir(async ({ path }) => {
    const snap = await readFile(path, 'utf8');
    assert.ok(snap.includes('51515'));
    await writeFile(path, snap.replace('51515', '61515'));
    const r = verify(path);
    assert.is(r.status, 1);
    assert.match(r.stderr, /désaccord \(allocations /);
    await writeFile(path, snap);
    // a write that stays in the journal, its amount then changed by hand in the journal
    const store = await JournalStore.open({
      path,
      seed: () => {
        throw new Error('no reseed');
      },
    });
    const al = [...store.all('allocations')].find((a) => a.amounts['2024'] === 51_515)!;
    await store.transact({ now: '2026-11-29T12:00:00.000Z', actor: USERS.planner }, (tx) => {
      tx.put('allocations', { ...al, amounts: { '2024': 71_717 } });
    });
    const journal = await readFile(`${path}.journal`, 'utf8');
    await writeFile(
      `${path}.journal`,
      journal.replace('"changes":[["allocations"', '"changes":[["allocations"').replace(/71717/, '81717'),
    );
    const r2 = verify(path);
    assert.is(r2.status, 1);
    assert.match(r2.stderr, /désaccord \(allocations /);
  }),
);

test('A missing data file: exit 1 with a message', async () => {
  const r = verify(join(tmpdir(), 'nope-jalon', 'jalon.json'));
  assert.is(r.status, 1);
  assert.match(r.stderr, /Aucun fichier/);
});

test.run();
