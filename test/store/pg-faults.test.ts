// Faults of a PostgreSQL deployment, with real server processes: one of two instances killed
// (SIGKILL) during a burst of writes; PostgreSQL stopped and started again under load (a cluster
// of the test's own, scripts/pg-throwaway.sh); a database at a schema version other than the
// code's. What must hold: the other instance serves on and every acknowledged write is there;
// writes meanwhile are refused 503 (problem+json, Retry-After), none half applied; reads go on from
// memory and say so (Jalon-Stale); instances reconnect by themselves; the audit trail verifies;
// a wrong schema stops the server at start with a clear message, the database untouched.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import type { Allocation } from '../../server/contract/plan.js';
import { freePort, spawnServer, startServer, type ServerProcess } from '../../scripts/server-process.js';
import { openStore } from '../../server/store/open.js';
import { MIGRATIONS } from '../../server/store/pg/migrations.js';
import { DEMO_PASSWORD } from '../helpers/app.js';
import {
  client,
  freshDatabase,
  fingerprint,
  login,
  pgTest,
  revNumber,
  seedDatabase,
  sleep,
  sql,
  type Answer,
  type Client,
} from '../helpers/pg-db.js';
import { allocation, envelope, establishment, withKey } from '../helpers/plan.js';
import { smallData, USERS } from '../helpers/small.js';

const test = pgTest('store/pg-faults');
const root = new URL('../..', import.meta.url).pathname;

const FUNDED = Array.from({ length: 10 }, (_, i) => withKey(`7530${String(i).padStart(4, '0')}`));
const IDS = FUNDED.flatMap((_, i) => [`al-${i}-a`, `al-${i}-b`]);
const seed = () =>
  smallData({
    envelopes: [envelope({ totalCents: 1_000_000_000 })],
    establishments: FUNDED.map((f) => establishment(f)),
    allocations: FUNDED.flatMap((f, i) =>
      (['act-ad', 'act-exe'] as const).map((actionId) =>
        allocation(`al-${i}-${actionId === 'act-ad' ? 'a' : 'b'}`, { finess: f, actionId, amounts: { '2024': 100 } }),
      ),
    ),
  });

interface Ack {
  id: string;
  base: string;
  rev: string;
  cents: number;
  via: string;
  at: number;
}

/** Clients writing the allocations through the given instances until `stop()`: each write reads
 *  the version, then sends an amount never sent before with If-Match; 412 is retried, the rest
 *  recorded: acknowledged, refused 503 (with the answer), or no answer (the instance died). */
const burst = (targets: () => Client[], clients = 16) => {
  let running = true,
    next = 1000;
  const acks: Ack[] = [];
  const unavailable: Array<{ id: string; cents: number; via: string; at: number; answer: Answer }> = [];
  const noAnswer: Array<{ id: string; cents: number; via: string }> = [];
  const readStale: Array<{ at: number; stale: string | null; status: number }> = [];
  let stale = 0;
  const worker = async () => {
    while (running) {
      const id = IDS[Math.floor(Math.random() * IDS.length)]!;
      const list = targets();
      const [from, to] = [
        list[Math.floor(Math.random() * list.length)]!,
        list[Math.floor(Math.random() * list.length)]!,
      ];
      const cents = ++next;
      let asked = from;
      try {
        const cur = await from.get(`/api/allocations/${id}`);
        readStale.push({ at: Date.now(), stale: cur.headers.get('jalon-stale'), status: cur.status });
        if (cur.status !== 200) continue;
        asked = to;
        const r = await to.patch(
          `/api/allocations/${id}`,
          { amounts: { '2024': cents } },
          { 'if-match': `"${cur.json.rev}"` },
        );
        if (r.status === 200)
          acks.push({ id, base: cur.json.rev, rev: r.json.rev, cents, via: to.base, at: Date.now() });
        else if (r.status === 503) {
          unavailable.push({ id, cents, via: to.base, at: Date.now(), answer: r });
          await sleep(50);
        } else if (r.status === 412) stale++;
        else throw new Error(`write ${id}: ${r.status} ${JSON.stringify(r.json)}`);
      } catch (e) {
        if (e instanceof TypeError)
          noAnswer.push({ id, cents, via: asked.base }); // fetch failed: no server
        else throw e;
        await sleep(20);
      }
    }
  };
  const done = Promise.all(Array.from({ length: clients }, worker));
  return {
    acks,
    unavailable,
    noAnswer,
    readStale,
    stale: () => stale,
    stop: async () => {
      running = false;
      await done;
    },
  };
};

/** Every allocation as an instance holds it. */
const allocations = async (c: Client): Promise<Map<string, Allocation>> => {
  const r = await c.get('/api/allocations?limit=1000');
  assert.is(r.status, 200);
  return new Map((r.json.items as Allocation[]).map((a) => [a.id, a]));
};

/** What the database holds: each allocation's record, and every version the audit trail recorded. */
const inDatabase = async (url: string) => {
  const rows = await sql<{ id: string; record: Allocation }>(url, 'SELECT id, record FROM allocations');
  const audited = await sql<{ id: string; rev: string; cents: string }>(
    url,
    `SELECT id, after->>'rev' AS rev, after->'amounts'->>'2024' AS cents FROM jalon_audit WHERE entity = 'allocations'`,
  );
  return {
    records: new Map(rows.map((r) => [r.id, r.record])),
    versions: new Map(audited.map((a) => [`${a.id}@${a.rev}`, Number(a.cents)])),
    centsWritten: new Set(audited.map((a) => Number(a.cents))),
  };
};

/** Each acknowledged write is in the audit trail as acknowledged, no two of them on one version
 *  (If-Match held), and the instance holds each allocation at its last acknowledged version or a
 *  later one, as the database does. */
const assertAcknowledgedKept = async (url: string, acks: readonly Ack[], holder: Client) => {
  const db = await inDatabase(url);
  const held = await allocations(holder);
  const bases = new Set<string>();
  for (const k of acks) {
    assert.is(db.versions.get(`${k.id}@${k.rev}`), k.cents, `acknowledged ${k.id}@${k.rev} (${k.cents}) in the trail`);
    assert.not.ok(bases.has(`${k.id}@${k.base}`), `two writes acknowledged on ${k.id}@${k.base}`);
    bases.add(`${k.id}@${k.base}`);
  }
  for (const id of IDS) {
    const last = acks.filter((k) => k.id === id).sort((x, y) => revNumber(y.rev) - revNumber(x.rev))[0];
    const mine = held.get(id)!;
    if (last) assert.ok(revNumber(mine.rev) >= revNumber(last.rev), `${id} at ${mine.rev}, acknowledged ${last.rev}`);
    if (last && mine.rev === last.rev) assert.is(mine.amounts['2024'], last.cents, `${id}@${mine.rev}`);
    // memory holds what was committed, nothing else
    assert.equal(mine, { ...db.records.get(id)!, paidCents: 0 }, `${id}: instance and table`);
  }
  return db;
};

/** npm run audit:verify on the database: its output and exit code. */
const auditVerify = (url: string) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, JALON_DATABASE_URL: url, JALON_STORE: '' },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

const serverEnv = (url: string, dir: string) => ({
  JALON_DATABASE_URL: url,
  JALON_DEMO: '0',
  NODE_ENV: 'test',
  JALON_WEB_DIR: dir,
});

test('SIGKILL one of two instances during a burst of writes: the other serves on, every acknowledged write is there, the trail verifies', async () => {
  const db = await freshDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'pgfaults-kill-'));
  const servers: ServerProcess[] = [];
  try {
    await seedDatabase(db.url, seed);
    const [a, b] = await Promise.all([0, 1].map(() => startServer(join(dir, 'unused.json'), serverEnv(db.url, dir))));
    servers.push(a!, b!);
    const cookie = await login(a!.base, USERS.planner, DEMO_PASSWORD);
    await sleep(700); // b hears of the session
    const [A, B] = [client(a!.base, cookie), client(b!.base, cookie)];
    let alive = [A, B];
    const load = burst(() => alive);
    await sleep(1500);
    // Given writes going through both instances, when one is killed mid-burst
    const before = load.acks.length;
    a!.child.kill('SIGKILL');
    await new Promise((r) => a!.child.once('exit', r));
    await sleep(300); // the clients find out (no answer), then a proxy routes them away
    alive = [B];
    await sleep(1500);
    await load.stop();
    await sleep(600); // b has caught up with everything a committed
    const onB = load.acks.filter((k) => k.via === B.base).length;
    const afterKill = load.acks.length - before;
    console.log(
      `  ${load.acks.length} writes acknowledged (${onB} by B, ${afterKill} after the kill), ` +
        `${load.noAnswer.length} without an answer from the killed instance, ${load.stale()} retried on 412`,
    );
    // Then the other instance went on serving reads and writes
    assert.ok(afterKill > 20, `${afterKill} writes acknowledged after the kill`);
    assert.is(load.noAnswer.filter((n) => n.via === B.base).length, 0, 'B answered every request');
    assert.is((await fetch(`${B.base}/api/health`)).status, 200);
    assert.ok(
      load.acks.some((k) => k.via === A.base),
      'the killed instance had acknowledged writes',
    );
    // every acknowledged write, from either instance, is in the database and on B
    await assertAcknowledgedKept(db.url, load.acks, B);
    // an instance started again on the database holds what B holds
    const a2 = await startServer(join(dir, 'unused.json'), serverEnv(db.url, dir));
    servers.push(a2);
    assert.equal(await allocations(client(a2.base, cookie)), await allocations(B));
    // and the audit trail verifies: chain intact, replaying it gives exactly the records
    const v = auditVerify(db.url);
    assert.is(v.status, 0, v.out);
    assert.match(v.out, /chaîne d'audit intègre/);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('PostgreSQL stopped then started under load: 503 with Retry-After and nothing half applied, stale reads said so, writes again by themselves', async () => {
  if (!pgBins()) {
    console.log('  restart under load: skipped, no PostgreSQL binaries here to run a cluster of its own');
    return;
  }
  const port = Number(process.env.JALON_TEST_PG_RESTART_PORT ?? 0) || (await freePort());
  const throwaway = (cmd: string) =>
    execFileSync('bash', [join(root, 'scripts/pg-throwaway.sh'), cmd], {
      encoding: 'utf8',
      env: { ...process.env, JALON_PG_PORT: String(port) },
    }).trim();
  const cluster = throwaway('start');
  const dir = await mkdtemp(join(tmpdir(), 'pgfaults-restart-'));
  const servers: ServerProcess[] = [];
  try {
    const data = join(readFileSync(join(tmpdir(), `jalon-pg-${port}.dir`), 'utf8').trim(), 'data');
    const db = await freshDatabase(cluster);
    await seedDatabase(db.url, seed);
    servers.push(
      ...(await Promise.all(
        [0, 1].map(() => startServer(join(dir, 'unused.json'), serverEnv(db.url, dir), { stderr: 'keep' })),
      )),
    );
    const cookie = await login(servers[0]!.base, USERS.planner, DEMO_PASSWORD);
    await sleep(700);
    const [A, B] = servers.map((s) => client(s.base, cookie)) as [Client, Client];
    const load = burst(() => [A, B]);
    await sleep(1500);

    // Given writes on both instances, when PostgreSQL stops (fast: sessions cut), stays down 2 s, starts again
    const args = postmasterArgs(data);
    const stopAt = Date.now();
    pgCtl(data, ['-m', 'fast', '-w', 'stop']);
    const downAt = Date.now();
    await sleep(2000);
    const outage503 = load.unavailable.length;
    const readsDown = load.readStale.filter((r) => r.at > downAt + 1000);
    const startAt = Date.now();
    pgCtl(data, ['-l', join(data, '..', 'log'), '-w', '-t', '30', '-o', args, 'start']);
    const upAt = Date.now();
    // Then each instance takes writes again by itself
    const recovered: Record<string, number> = {};
    while (Object.keys(recovered).length < 2 && Date.now() - upAt < 15_000) {
      for (const k of load.acks) if (k.at > startAt) recovered[k.via] ??= k.at;
      await sleep(20);
    }
    await sleep(1000);
    await load.stop();
    await sleep(600);

    const during = load.unavailable.filter((u) => u.at >= stopAt);
    const gaps = [A, B].map((c) => {
      const mine = load.acks.filter((k) => k.via === c.base);
      const last = Math.max(...mine.filter((k) => k.at < stopAt).map((k) => k.at));
      return { last, first: recovered[c.base]! };
    });
    console.log(
      `  PostgreSQL down ${startAt - stopAt} ms (fast stop ${downAt - stopAt} ms, start ${upAt - startAt} ms); ` +
        `writes refused per instance ${gaps.map((g) => `${g.first - g.last} ms`).join(' and ')} ` +
        `(back ${gaps.map((g) => `${g.first - startAt} ms`).join(' and ')} after the start began); ` +
        `${load.acks.length} acknowledged, ${load.unavailable.length} refused 503 (${outage503} while down), ` +
        `${load.stale()} retried on 412`,
    );
    // no write is acknowledged while the database is down
    assert.equal(
      load.acks.filter((k) => k.at > downAt + 100 && k.at < startAt),
      [],
      'acknowledged while the database was down',
    );
    assert.is(Object.keys(recovered).length, 2, 'both instances write again');
    assert.ok(during.length > 0, 'writes were refused while the database was down');
    for (const u of during) {
      assert.is(u.answer.headers.get('content-type'), 'application/problem+json');
      assert.ok(Number(u.answer.headers.get('retry-after')) > 0, 'Retry-After');
      assert.is(u.answer.json.status, 503);
      assert.is(u.answer.json.title, 'Base de données injoignable');
    }
    // reads went on from memory while the database was down, saying since when it is stale
    assert.ok(readsDown.length > 10, `${readsDown.length} reads while down`);
    for (const r of readsDown) {
      if (r.at > upAt) continue;
      assert.is(r.status, 200, 'a read while the database is down');
      assert.ok(r.stale && !Number.isNaN(Date.parse(r.stale)), `Jalon-Stale on a read while down: ${r.stale}`);
      assert.ok(Date.parse(r.stale!) <= downAt, 'stale since before the stop');
    }
    const fresh = await A.get('/api/allocations/al-0-a');
    assert.is(fresh.headers.get('jalon-stale'), null, 'no Jalon-Stale once the database answers');

    // nothing half applied: each refused write is either wholly absent or wholly committed (its
    // answer lost with the connection), memory equal to the tables, the trail verifies
    const dbState = await assertAcknowledgedKept(db.url, load.acks, A);
    await assertAcknowledgedKept(db.url, load.acks, B);
    const committed503 = load.unavailable.filter((u) => dbState.centsWritten.has(u.cents));
    const [onA, onB] = [await allocations(A), await allocations(B)];
    for (const u of load.unavailable)
      if (!dbState.centsWritten.has(u.cents))
        for (const held of [onA, onB])
          assert.is.not(held.get(u.id)!.amounts['2024'], u.cents, `refused ${u.cents} kept`);
    assert.equal(onA, onB, 'both instances hold the same plan');
    console.log(`  ${committed503.length} of the 503 writes had committed (answer lost with the connection)`);
    const v = auditVerify(db.url);
    assert.is(v.status, 0, v.out);
    // the outage was logged, once per refusal, and no server died
    for (const s of servers) assert.is(s.child.exitCode, null);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    throwaway('stop');
    await rm(dir, { recursive: true, force: true });
  }
});

test('A database at a schema version newer or older than the code: the server stops at start, says why, touches nothing', async () => {
  const db = await freshDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'pgfaults-version-'));
  try {
    await seedDatabase(db.url, seed);
    const code = MIGRATIONS.at(-1)!.version;
    const startsAndExits = async () => {
      const s = await spawnServer(join(dir, 'unused.json'), serverEnv(db.url, dir), { stderr: 'keep' });
      const code = await new Promise<number | null>((r) => s.child.once('exit', r));
      return { code, output: s.output() };
    };
    // Given a database a newer Jalon migrated (one more version recorded)
    await sql(db.url, 'INSERT INTO jalon_schema (version) VALUES ($1)', [code + 1]);
    let before = await fingerprint(db.url);
    const r = await startsAndExits();
    assert.is(r.code, 1, r.output);
    assert.match(r.output, `schéma version ${code + 1}, plus récent que celui de ce code (version ${code})`);
    assert.match(r.output, 'Rien n');
    assert.not.match(r.output, /\n\s+at /, 'a message, not a stack trace');
    assert.is(await fingerprint(db.url), before, 'database untouched');

    // Given a database of an older Jalon: seen by a code one migration ahead
    await sql(db.url, 'DELETE FROM jalon_schema WHERE version > $1', [code]);
    before = await fingerprint(db.url);
    const ahead = [...MIGRATIONS, { version: code + 1, sql: 'CREATE TABLE jalon_next (id int)' }];
    const err = await openStore({ url: db.url, seed, migrations: ahead }).then(
      (s) => s.close().then(() => null),
      (e: Error) => e,
    );
    assert.ok(err, 'refused');
    assert.match(err!.message, `schéma version ${code}, plus ancien que celui de ce code (version ${code + 1})`);
    assert.match(err!.message, 'npm run migrate');
    assert.is(await fingerprint(db.url), before, 'database untouched');
  } finally {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  }
});

/** The folder of PostgreSQL's binaries, as pg-throwaway.sh finds it ("" when none). */
function pgBins(): string {
  const r = spawnSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -1'], {
    encoding: 'utf8',
  });
  return r.stdout.trim();
}

/** pg_ctl on the test's cluster, as its owner. */
function pgCtl(data: string, args: string[]): void {
  const bin = join(pgBins(), 'pg_ctl');
  const cmd = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', bin] : [bin];
  execFileSync(cmd[0]!, [...cmd.slice(1), '-D', data, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The options the cluster was started with (postmaster.opts), for pg_ctl start -o. */
function postmasterArgs(data: string): string {
  const opts = readFileSync(join(data, 'postmaster.opts'), 'utf8').trim();
  const args = [...opts.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  const i = args.indexOf('-D');
  if (i >= 0) args.splice(i, 2);
  return args.map((a) => (/^[\w=./:-]+$/.test(a) ? a : `'${a}'`)).join(' ');
}

test.run();
