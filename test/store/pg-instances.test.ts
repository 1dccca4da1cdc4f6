// Two real server processes (npm start's node flags) on one PostgreSQL database, 50 clients spread
// over both for 20 s, near one envelope's limits: proposals, avenants, approvals and withdrawals,
// each with If-Match read on one instance and sent to either, retried on 412/503. Afterwards: no
// envelope over-allocated in any year nor in total (from both instances and from SQL, to the
// cent), no twin, no lost update (each allocation's acknowledged writes form one chain of
// versions, each based on the one before, and the last is what both instances and the table
// hold), and a write on one instance seen on the other within a bounded delay (p50/p99 printed).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { heldAmounts } from '../../shared/amounts.js';
import { PLAN_YEARS } from '../../shared/years.js';
import type { Allocation, YearAmounts } from '../../server/contract/plan.js';
import { startServer, type ServerProcess } from '../../scripts/server-process.js';
import { DEMO_PASSWORD } from '../helpers/app.js';
import {
  client,
  freshDatabase,
  login,
  percentile,
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

const test = pgTest('store/pg-instances');
const LOAD_MS = Number(process.env.JALON_TEST_LOAD_MS ?? 20_000);
const CLIENTS = 50;
const YEARS = ['2024', '2025', '2026'] as const;
/** env-a: three years of 8,000.00 € each, 20,000.00 € in all (so the total binds as well). */
const LIMITS = { years: { '2024': 800_000, '2025': 800_000, '2026': 800_000 }, totalCents: 2_000_000 };

const FUNDED = Array.from({ length: 20 }, (_, i) => withKey(`7510${String(i).padStart(4, '0')}`));
/** Establishments with nothing yet: clients propose new allocations for them (twins refused). */
const FREE = Array.from({ length: 10 }, (_, i) => withKey(`7520${String(i).padStart(4, '0')}`));
const ACTIONS = ['act-ad', 'act-exe'];
/** Records of another envelope, each written by one probe alone: how long until the other instance shows it. */
const PROBES = ['al-probe-1', 'al-probe-2', 'al-probe-3', 'al-probe-4'];

const seed = () =>
  smallData({
    envelopes: [
      envelope({ id: 'env-a', code: 'ENV-A', totalCents: LIMITS.totalCents, yearlyCents: LIMITS.years }),
      envelope({ id: 'env-b', code: 'ENV-B', totalCents: 100_000_000 }),
    ],
    establishments: [...FUNDED, ...FREE].map((f) => establishment(f)),
    // 40 allocations holding 18,800.00 € of the 20,000.00 € (7,600 + 7,600 + 3,600 a year); half approved
    allocations: [
      ...FUNDED.flatMap((f, i) =>
        ACTIONS.map((actionId, j) =>
          allocation(`al-${i}-${j}`, {
            finess: f,
            actionId,
            amounts: { '2024': 19_000, '2025': 19_000, '2026': 9_000 },
            ...(j === 0
              ? { status: 'approved', approvedBy: USERS.reviewer, approvedAt: '2024-01-01T00:00:00.000Z' }
              : {}),
          }),
        ),
      ),
      ...PROBES.map((id, i) => allocation(id, { envelopeId: 'env-b', finess: FREE[i]!, amounts: { '2024': 100 } })),
    ],
  });

interface Ack {
  id: string;
  /** The version the write was based on (If-Match), null for a creation. */
  base: string | null;
  rev: string;
  record: Allocation;
  via: number;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const rnd = (n: number) => Math.floor(Math.random() * n);
const ifMatch = (rev: string) => ({ 'if-match': `"${rev}"` });

/** Held per year and in total by the allocations of one envelope, the rules' own way. */
const heldBy = (allocations: readonly Allocation[], envelopeId: string) => {
  const out = { '2024': 0, '2025': 0, '2026': 0, '2027': 0, '2023': 0, total: 0 } as Record<string, number>;
  for (const a of allocations) {
    if (a.envelopeId !== envelopeId) continue;
    for (const [y, c] of Object.entries(heldAmounts(a) as YearAmounts)) {
      out[y]! += c ?? 0;
      out.total! += c ?? 0;
    }
  }
  return out;
};

const allOf = async (c: Client): Promise<Allocation[]> => {
  const items: Allocation[] = [];
  for (let offset = 0; ; offset += 1000) {
    const r = await c.get(`/api/allocations?limit=1000&offset=${offset}`);
    assert.is(r.status, 200);
    items.push(...(r.json.items as Allocation[]));
    if (items.length >= r.json.total) return items;
  }
};

test('two instances, 50 clients near an envelope limit for 20 s: no over-allocation, no lost update, bounded visibility', async () => {
  const db = await freshDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'pgfaults-instances-'));
  const servers: ServerProcess[] = [];
  const t0 = Date.now();
  const phase = (what: string) => console.log(`  ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  try {
    await seedDatabase(db.url, seed);
    const env = { JALON_DATABASE_URL: db.url, JALON_DEMO: '0', NODE_ENV: 'test', JALON_WEB_DIR: dir };
    servers.push(...(await Promise.all([0, 1].map((i) => startServer(join(dir, `unused-${i}.json`), env)))));
    const [A, B] = servers.map((s) => s.base) as [string, string];
    phase('database seeded, two servers up');

    // sessions are shared: each account signs in on one instance and is used on both
    const cookies = {
      planner: await login(A, USERS.planner, DEMO_PASSWORD),
      planner2: await login(B, USERS.planner2, DEMO_PASSWORD),
      reviewer: await login(A, USERS.reviewer, DEMO_PASSWORD),
      reviewer2: await login(B, USERS.reviewer2, DEMO_PASSWORD),
    };
    // the other instance hears of the sessions
    for (const [who, cookie] of Object.entries(cookies))
      for (const base of [A, B])
        for (let t = Date.now(); (await client(base, cookie).get('/api/session')).status !== 200; await sleep(5))
          assert.ok(Date.now() - t < 5000, `${who}'s session on ${base}`);
    const as = (who: keyof typeof cookies) => [client(A, cookies[who]), client(B, cookies[who])];
    const planners = [...as('planner'), ...as('planner2')];
    const reviewers = [...as('reviewer'), ...as('reviewer2')];
    const readers = as('planner');

    const acks: Ack[] = [];
    const count: Record<string, number> = {};
    const tally = (what: string) => (count[what] = (count[what] ?? 0) + 1);
    const seen = (r: Answer, via: Client, base: string | null, what: string) => {
      tally(`${what} ${r.status}`);
      if (r.status === 200 || r.status === 201) {
        const record = r.json as Allocation;
        assert.is(r.headers.get('etag'), `"${record.rev}"`, `${what}: ETag of the answer`);
        acks.push({ id: record.id, base, rev: record.rev, record, via: via.base === A ? 0 : 1 });
        return true;
      }
      // over the envelope (422), a twin (409), own work (403), someone else's version (412),
      // the rules of the state it found (422): refused, nothing written; anything else is a failure
      if (![409, 412, 422, 403, 503].includes(r.status))
        throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
      return false;
    };

    const ids = FUNDED.flatMap((_, i) => ACTIONS.map((__, j) => `al-${i}-${j}`));
    const change = (amounts: YearAmounts): YearAmounts => {
      const next = { ...amounts };
      const y = pick(YEARS);
      // mostly up, so the envelope stays at its limits; a decrease makes room for others
      const delta = Math.random() < 0.7 ? 1 + rnd(4000) : -(1 + rnd(6000));
      next[y] = Math.max(0, (next[y] ?? 0) + delta);
      return Object.values(next).some((c) => (c ?? 0) > 0) ? next : { [y]: 1 };
    };

    const end = Date.now() + LOAD_MS;
    const worker = async () => {
      while (Date.now() < end) {
        if (Math.random() < 0.05) {
          // a new proposal on an establishment with nothing yet: two at once on a pair, one wins
          const w = pick(planners);
          const body = {
            envelopeId: 'env-a',
            finess: pick(FREE.slice(1)),
            actionId: pick(ACTIONS),
            amounts: { '2024': 1 + rnd(3000) },
          };
          seen(await w.post('/api/allocations', body), w, null, 'create');
          continue;
        }
        const id = Math.random() < 0.3 && acks.length ? pick(acks).id : pick(ids);
        let retries = 0;
        for (;;) {
          const cur = await pick(readers).get(`/api/allocations/${id}`);
          assert.is(cur.status, 200, `read ${id}`);
          const a = cur.json as Allocation;
          const roll = Math.random();
          let r: Answer, w: Client, what: string;
          if (a.status !== 'approved' || !a.revision) {
            if (a.status === 'approved' && roll < 0.15) {
              w = pick(reviewers);
              what = 'unapprove';
              r = await w.post(`/api/allocations/${id}/unapprove`, { reason: 'Revue de charge' }, ifMatch(a.rev));
            } else if (a.status === 'proposed' && roll < 0.3) {
              w = pick(reviewers);
              what = 'approve';
              r = await w.post(`/api/allocations/${id}/approve`, {}, ifMatch(a.rev));
            } else {
              w = pick(planners);
              what = a.status === 'approved' ? 'avenant' : 'edit';
              const shown = a.revision?.amounts ?? a.amounts;
              r = await w.patch(`/api/allocations/${id}`, { amounts: change(shown) }, ifMatch(a.rev));
            }
          } else {
            w = pick(reviewers);
            what = 'approve-avenant';
            r = await w.post(`/api/allocations/${id}/approve`, {}, ifMatch(a.rev));
          }
          if (seen(r, w, a.rev, what)) {
            // an instance reads its own writes at once
            const back = await w.get(`/api/allocations/${id}`);
            assert.ok(revNumber(back.json.rev) >= revNumber(r.json.rev), `${what} ${id}: read back on its instance`);
            break;
          }
          if ((r.status !== 412 && r.status !== 503) || ++retries > 20) break;
          tally('retry');
          if (r.status === 503) await sleep(Number(r.headers.get('retry-after') ?? 1) * 1000);
        }
      }
    };

    // one writer alone on a record of another envelope, alternately on each instance: how long
    // until the other instance shows its write
    const delays: number[] = [];
    const probe = async (id: string) => {
      let amount = 100;
      for (let i = 0; Date.now() < end; i++) {
        const [src, dst] = i % 2 ? [planners[1]!, planners[0]!] : [planners[0]!, planners[1]!];
        const cur = await src.get(`/api/allocations/${id}`);
        const r = await src.patch(`/api/allocations/${id}`, { amounts: { '2024': ++amount } }, ifMatch(cur.json.rev));
        assert.is(r.status, 200, `probe write: ${JSON.stringify(r.json)}`);
        const acked = Date.now(),
          rev = revNumber(r.json.rev);
        for (;;) {
          const s = await dst.get(`/api/allocations/${id}`);
          if (revNumber(s.json.rev) >= rev) break;
          assert.ok(Date.now() - acked < 5000, 'the other instance shows the write within 5 s');
          await sleep(2);
        }
        delays.push(Date.now() - acked);
      }
    };

    const started = Date.now();
    await Promise.all([...Array.from({ length: CLIENTS }, worker), ...PROBES.map(probe)]);
    const seconds = (Date.now() - started) / 1000;
    phase('load done');
    await sleep(600); // both instances have caught up (the poll runs every 500 ms)

    // ---- no lost update: per allocation, one chain of versions, each write based on the last ----
    const byId = new Map<string, Ack[]>();
    for (const k of acks) byId.set(k.id, [...(byId.get(k.id) ?? []), k]);
    const [onA, onB] = await Promise.all([allOf(readers[0]!), allOf(readers[1]!)]);
    const table = await sql<{ id: string; rev: string }>(db.url, 'SELECT id, rev FROM allocations');
    const rows = new Map(table.map((r) => [r.id, r.rev]));
    const mapA = new Map(onA.map((a) => [a.id, a])),
      mapB = new Map(onB.map((a) => [a.id, a]));
    const seeded = new Set(ids);
    for (const [id, list] of byId) {
      list.sort((x, y) => revNumber(x.rev) - revNumber(y.rev));
      list.forEach((k, i) => {
        if (i > 0)
          assert.ok(revNumber(k.rev) > revNumber(list[i - 1]!.rev), `${id}: two writes acknowledged at rev ${k.rev}`);
        // a write based on anything but the version before it overwrote one it never saw
        const expected = i > 0 ? list[i - 1]!.rev : seeded.has(id) ? '1' : null;
        assert.is(k.base, expected, `${id}: write at ${k.rev} based on ${k.base}`);
      });
      const last = list.at(-1)!;
      for (const [name, held] of [
        ['instance A', mapA.get(id)],
        ['instance B', mapB.get(id)],
      ] as const) {
        assert.ok(held, `${id} on ${name}`);
        assert.is(held!.rev, last.rev, `${id}: rev on ${name}`);
        assert.equal(
          { status: held!.status, amounts: held!.amounts, revision: held!.revision?.amounts },
          { status: last.record.status, amounts: last.record.amounts, revision: last.record.revision?.amounts },
          `${id} on ${name}`,
        );
      }
      assert.is(rows.get(id), last.rev, `${id}: rev in the allocations table`);
    }
    assert.equal(onA, onB, 'both instances hold the same allocations');

    // ---- no twin: two live allocations of one establishment, action and envelope never fund one year ----
    const held = (y: number) =>
      `(${y}, CASE a.status WHEN 'approved' THEN greatest(a.y${y}, coalesce(a.revision_y${y}, a.y${y})) ELSE a.y${y} END)`;
    const twins = await sql(
      db.url,
      `SELECT a.envelope_id, a.finess, a.action_id, h.year, array_agg(a.id) AS ids
       FROM allocations a CROSS JOIN LATERAL (VALUES ${PLAN_YEARS.map(Number).map(held).join(', ')}) AS h(year, cents)
       WHERE a.status <> 'rejected' AND h.cents > 0
       GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`,
    );
    assert.equal(twins, [], 'twins');

    // ---- no over-allocation, per envelope and year, to the cent ----
    const heldSql = await sql<Record<string, string>>(
      db.url,
      `SELECT ${YEARS.map((y) => `sum(CASE status WHEN 'rejected' THEN 0 WHEN 'approved' THEN greatest(y${y}, coalesce(revision_y${y}, y${y})) ELSE y${y} END) AS "${y}"`).join(', ')}
       FROM allocations WHERE envelope_id = 'env-a'`,
    );
    const fromSql = Object.fromEntries(YEARS.map((y) => [y, Number(heldSql[0]![y])]));
    const [budgetA, budgetB] = await Promise.all(readers.map((r) => r.get('/api/envelopes/env-a/budget')));
    const [position] = await sql<{ allocated_cents: string }>(
      db.url,
      `SELECT allocated_cents FROM v_envelope_positions WHERE envelope_id = 'env-a'`,
    );
    const mine = heldBy(onA, 'env-a');
    for (const y of YEARS) {
      assert.ok(mine[y]! <= LIMITS.years[y], `${y}: ${mine[y]} held of ${LIMITS.years[y]}`);
      assert.is(fromSql[y], mine[y], `${y} in SQL`);
      assert.is(budgetA!.json.years[y].allocatedCents, mine[y], `${y} on instance A`);
      assert.is(budgetB!.json.years[y].allocatedCents, mine[y], `${y} on instance B`);
    }
    assert.ok(mine.total! <= LIMITS.totalCents, `total: ${mine.total} held of ${LIMITS.totalCents}`);
    assert.is(Number(position!.allocated_cents), mine.total, 'v_envelope_positions');
    assert.is(budgetA!.json.allocatedCents, mine.total);
    assert.is(budgetB!.json.allocatedCents, mine.total);

    const over = (count['edit 422'] ?? 0) + (count['avenant 422'] ?? 0) + (count['approve-avenant 422'] ?? 0);
    const written = acks.length;
    console.log(
      `  ${written} writes acknowledged in ${seconds.toFixed(1)} s (${(written / seconds).toFixed(0)}/s; ` +
        `${acks.filter((k) => k.via === 0).length} on A, ${acks.filter((k) => k.via === 1).length} on B), ` +
        `${count.retry ?? 0} retries (412/503), ${over} refused over the envelope; ` +
        `held ${YEARS.map((y) => `${y} ${mine[y]}/${LIMITS.years[y]}`).join(', ')}, total ${mine.total}/${LIMITS.totalCents}`,
    );
    console.log(`  answers: ${JSON.stringify(count)}`);
    console.log(
      `  visibility on the other instance: p50 ${percentile(delays, 50)} ms, p99 ${percentile(delays, 99)} ms, ` +
        `max ${Math.max(...delays)} ms (${delays.length} probes)`,
    );
    assert.ok(written > 200, `${written} writes acknowledged`);
    assert.ok(over > 0, 'the load reached the envelope limits');
    assert.ok((count.retry ?? 0) > 0, 'clients met each other (If-Match refused a stale version)');
    assert.ok(delays.length >= 20, `${delays.length} probes`);
    assert.ok(percentile(delays, 99) <= 1000, `visibility p99 ${percentile(delays, 99)} ms`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
