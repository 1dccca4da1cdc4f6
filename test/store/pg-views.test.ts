// The finance views against the dashboard, to the cent: the demo plan in PostgreSQL, moved by the
// API (a proposal, an avenant that raises one year and lowers another, a rejection, a payment and
// its cancellation), then each figure of GET /api/dashboard on two instances compared with
// v_envelope_positions and v_allocations_by_establishment_year read as the read-only role
// jalon_reader, which cannot read the secrets.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as assert from 'uvu/assert';
import type { Allocation, Dashboard, Payment } from '../../server/contract/plan.js';
import { startServer, type ServerProcess } from '../../scripts/server-process.js';
import { DEMO_PASSWORD, demoData } from '../helpers/app.js';
import { client, freshDatabase, login, pgTest, seedDatabase, sleep } from '../helpers/pg-db.js';

const test = pgTest('store/pg-views');
const ifMatch = (rev: string) => ({ 'if-match': `"${rev}"` });

/** Queries as jalon_reader (a BI tool's account) on a connection of its own. */
const asReader = async <T>(url: string, work: (q: (text: string) => Promise<any[]>) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SET ROLE jalon_reader');
    return await work(async (text) => (await c.query(text)).rows);
  } finally {
    await c.end();
  }
};

/** 'read' when a query was answered; its SQLSTATE when refused. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'read',
    (e: { code?: string }) => e.code,
  );

test('v_envelope_positions and v_allocations_by_establishment_year, read as jalon_reader, give the dashboard of both instances to the cent', async () => {
  const db = await freshDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'pgfaults-views-'));
  const servers: ServerProcess[] = [];
  try {
    await seedDatabase(db.url, demoData);
    const env = { JALON_DATABASE_URL: db.url, JALON_DEMO: '0', NODE_ENV: 'test', JALON_WEB_DIR: dir };
    servers.push(...(await Promise.all([0, 1].map(() => startServer(join(dir, 'unused.json'), env)))));
    const [A, B] = servers.map((s) => s.base) as [string, string];
    const cookie = await login(A, 'planif@jalon.test', DEMO_PASSWORD);
    const planner = client(A, cookie);
    const reviewer = client(B, await login(B, 'finances@jalon.test', DEMO_PASSWORD));
    await sleep(700);

    // Given the demo plan moved by the API on both instances
    const all = (await planner.get('/api/allocations?limit=1000')).json.items as Array<
      Allocation & { paidCents: number }
    >;
    const approved = all.find((a) => a.status === 'approved' && Object.keys(a.amounts).length >= 2 && !a.paidCents)!;
    const [up, down] = Object.keys(approved.amounts) as [keyof Allocation['amounts'], keyof Allocation['amounts']];
    // an avenant: one year up, another down (held: the larger of both per year until decided)
    const avenant = await planner.patch(
      `/api/allocations/${approved.id}`,
      { amounts: { ...approved.amounts, [up]: approved.amounts[up]! + 1_23, [down]: approved.amounts[down]! - 45 } },
      ifMatch(approved.rev),
    );
    assert.is(avenant.status, 200, JSON.stringify(avenant.json));
    const proposed = all.find((a) => a.status === 'proposed')!;
    const rejected = await reviewer.post(
      `/api/allocations/${proposed.id}/reject`,
      { reason: 'Hors périmètre' },
      ifMatch(proposed.rev),
    );
    assert.is(rejected.status, 200, JSON.stringify(rejected.json));
    const payments = (await planner.get('/api/payments?limit=1000')).json.items as Payment[];
    const paid = payments.find((p) => !p.cancelsId && !p.cancelledBy)!;
    const cancelled = await reviewer.post(
      `/api/payments/${paid.id}/cancel`,
      { reason: 'Saisie en double' },
      ifMatch(paid.rev),
    );
    assert.is(cancelled.status, 201, JSON.stringify(cancelled.json));
    await sleep(700); // each instance has the other's writes

    const dashboards = await Promise.all(
      [A, B].map(async (base) => (await client(base, cookie).get('/api/dashboard')).json as Dashboard),
    );
    assert.equal(dashboards[0], dashboards[1], 'both instances show one dashboard');
    const d = dashboards[0]!;

    // Then the views, as a BI tool reads them, give its figures to the cent
    const n = (rows: any[]): any[] =>
      rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, /_cents$/.test(k) ? Number(v) : v])));
    const { positions, years, regions, secrets } = await asReader(db.url, async (q) => ({
      positions: n(
        await q(`SELECT envelope_id, status, total_cents, allocated_cents, approved_cents, paid_cents, remaining_cents
                 FROM v_envelope_positions ORDER BY envelope_id`),
      ),
      years: n(
        await q(`SELECT year::text AS year, sum(allocated_cents) AS allocated_cents, sum(approved_cents) AS approved_cents
                 FROM v_allocations_by_establishment_year WHERE envelope_status = 'committed' GROUP BY year ORDER BY year`),
      ),
      regions: n(
        await q(`SELECT region, sum(allocated_cents) AS allocated_cents, sum(approved_cents) AS approved_cents
                 FROM v_allocations_by_establishment_year WHERE envelope_status = 'committed' GROUP BY region ORDER BY region`),
      ),
      // never the secrets: password hashes (in users.record), sessions, tokens
      secrets: [
        await outcome(q('SELECT record FROM users')),
        await outcome(q('SELECT * FROM sessions')),
        await outcome(q('SELECT * FROM tokens')),
      ],
    }));
    assert.equal(secrets, ['42501', '42501', '42501'], 'jalon_reader is refused the secrets');
    assert.equal(
      positions,
      d.byEnvelope
        .map((e) => ({
          envelope_id: e.key,
          status: e.status,
          total_cents: e.totalCents,
          allocated_cents: e.allocatedCents,
          approved_cents: e.approvedCents,
          paid_cents: e.paidCents,
          remaining_cents: e.remainingCents,
        }))
        .sort((a, b) => (a.envelope_id < b.envelope_id ? -1 : 1)),
      'v_envelope_positions = byEnvelope',
    );
    const committed = positions.filter((p) => p.status === 'committed');
    const total = (k: string) => committed.reduce((s, p) => s + p[k], 0);
    assert.equal(
      {
        allocated: total('allocated_cents'),
        approved: total('approved_cents'),
        paid: total('paid_cents'),
        remaining: total('remaining_cents'),
      },
      {
        allocated: d.totals.allocatedCents,
        approved: d.totals.approvedCents,
        paid: d.totals.paidCents,
        remaining: d.totals.byStatus.committed.remainingCents,
      },
      'totals of the committed envelopes',
    );
    const byKey = (rows: any[], key: string) => new Map(rows.map((r) => [String(r[key]), r]));
    const ys = byKey(years, 'year'),
      rs = byKey(regions, 'region');
    for (const y of d.byYear)
      assert.equal(
        [ys.get(y.key)?.allocated_cents ?? 0, ys.get(y.key)?.approved_cents ?? 0],
        [y.allocatedCents, y.approvedCents],
        `year ${y.key}`,
      );
    for (const r of d.byRegion)
      assert.equal(
        [rs.get(r.key)?.allocated_cents ?? 0, rs.get(r.key)?.approved_cents ?? 0],
        [r.allocatedCents, r.approvedCents],
        `region ${r.key}`,
      );
    assert.is(
      regions.reduce((s, r) => s + r.allocated_cents, 0),
      d.totals.allocatedCents,
      'every allocated cent has a region',
    );
    console.log(
      `  ${positions.length} envelopes, ${years.length} years, ${regions.length} regions: ` +
        `${d.totals.allocatedCents} cents allocated, ${d.totals.approvedCents} approved, ${d.totals.paidCents} paid, as in SQL`,
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
