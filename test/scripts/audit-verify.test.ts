// npm run audit:verify on a real data file: intact, then edited by hand.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import { Store } from '../../server/store/store.js';
import { fixedClock } from '../helpers/app.js';
import { F1 } from '../helpers/plan.js';
import { smallData, USERS } from '../helpers/small.js';
import { DEMO_PASSWORD } from '../helpers/app.js';

const verify = (path: string) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { encoding: 'utf8', env: { ...process.env, JALON_DATA: path } });

const dataDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-audit-verify-'));
  const path = join(dir, 'jalon.json');
  const store = await Store.open({ path, seed: () => smallData(), compactEvery: 1 });
  const app = createApp({ store, clock: fixedClock() });
  const login = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: USERS.planner, password: DEMO_PASSWORD }) });
  const headers = { 'content-type': 'application/json', cookie: login.headers.get('set-cookie')!.split(';')[0]! };
  const post = (p: string, b: unknown) => app.request(p, { method: 'POST', headers, body: JSON.stringify(b) });
  await post('/api/actions', { code: 'A1', title: 'a', axis: 1 });
  const al = await (await post('/api/allocations', { envelopeId: 'env-a', finess: F1, actionId: 'act-ad', amounts: { '2024': 42_424 } })).json();
  await app.request(`/api/allocations/${al.id}`, { method: 'PATCH', headers: { ...headers, 'if-match': `"${al.rev}"` }, body: JSON.stringify({ amounts: { '2024': 51_515 } }) });
  await post('/api/actions', { code: 'A2', title: 'b', axis: 2 });
  const events = (await store.auditEvents()).length;
  const seqOfCreate = (await store.auditEvents()).find((e) => e.entity === 'allocations' && e.action === 'create')!.seq;
  await store.close();
  // one more write on a fresh open compacts everything so far into the snapshot file
  const again = await Store.open({ path, seed: () => { throw new Error('no reseed'); }, compactEvery: 1 });
  await again.transact({ now: '2026-11-29T11:00:00.000Z', actor: USERS.planner }, (tx) => { tx.put('actions', { ...tx.get('actions', 'act-ad')!, title: 'compacté' }); });
  await again.close();
  return { dir, path, events: events + 1, seqOfCreate };
};

test('An intact data file: "chaîne d\'audit intègre : N événements", exit 0, and the files are not touched', async () => {
  const { dir, path, events } = await dataDir();
  try {
    const before = await Promise.all((await readdir(dir)).sort().map(async (f) => [f, await readFile(join(dir, f), 'utf8')]));
    const r = verify(path);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`chaîne d'audit intègre : ${events} événements`));
    const after = await Promise.all((await readdir(dir)).sort().map(async (f) => [f, await readFile(join(dir, f), 'utf8')]));
    assert.equal(after, before);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('An amount changed by hand in an audit event\'s "after": exit 1, naming that event\'s seq', async () => {
  const { dir, path, seqOfCreate } = await dataDir();
  try {
    // 42424 only survives in the audit trail (the record now holds 51515): the create's after comes first
    assert.not.ok((await readFile(path, 'utf8')).includes('42424'), 'the snapshot holds the current amount only');
    const text = await readFile(`${path}.audit`, 'utf8');
    assert.ok(text.includes('42424'), 'the audit events are in the audit file');
    await writeFile(`${path}.audit`, text.replace('42424', '42425'));
    const r = verify(path);
    assert.is(r.status, 1, r.stdout);
    assert.match(r.stderr, new RegExp(`seq ${seqOfCreate}\\b`));
    assert.match(r.stderr, /rompue/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('A missing data file: exit 1 with a message', async () => {
  const r = verify(join(tmpdir(), 'nope-jalon', 'jalon.json'));
  assert.is(r.status, 1);
  assert.match(r.stderr, /Aucun fichier/);
});

test.run();
