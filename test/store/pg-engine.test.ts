// The PostgreSQL engine on its own: a round trip through the tables, the finance views against
// the dashboard to the cent, and a schema of another version refused with nothing touched.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import { StoreError } from '../../server/store/errors.js';
import { MIGRATIONS } from '../../server/store/pg/migrations.js';
import { demoData, fixedClock, DEMO_PASSWORD } from '../helpers/app.js';
import { allocation, F2, NOW, payment } from '../helpers/plan.js';
import { dropSchema, fingerprint, freshSchema, noSeed, openPg, pgTest, sql } from '../helpers/pg.js';
import { smallData, USERS } from '../helpers/small.js';

const it = pgTest('store/pg-engine');

it('Round trip: what one store wrote, a store opened later on the same schema reads back, audit trail included', async () => {
  const schema = freshSchema();
  const a = await openPg({ schema, seed: () => smallData() });
  try {
    // Given a plan seeded in PostgreSQL, when records are created, changed and removed
    await a.transact({ now: NOW, actor: USERS.planner }, (tx) => {
      tx.put('allocations', allocation('al-1', { amounts: { '2024': 123_45, '2025': 1_00 } }));
      tx.put('allocations', allocation('al-2', { finess: F2, amounts: { '2023': 50_00 } }));
    });
    await a.transact({ now: NOW, actor: USERS.reviewer }, (tx) => {
      const al = tx.get('allocations', 'al-1')!;
      tx.put('allocations', { ...al, status: 'approved', approvedAt: NOW });
      tx.put('payments', payment('pay-1', 'al-1', 20_00, '2024-03-01'));
      tx.remove('allocations', 'al-2');
    });
    // Then a second store on the schema holds the same plan, revs and audit chain
    const b = await openPg({ schema, seed: noSeed });
    try {
      assert.equal(b.exportData(), a.exportData());
      assert.equal(b.head(), a.head());
      assert.equal(await b.auditEvents(), await a.auditEvents());
      assert.is((await b.verifyAudit()).problem, null);
      assert.is(b.get('allocations', 'al-1')!.rev, (3).toString(36));
      // and the tables hold keys and cents as columns
      const [row] = await sql<Record<string, string | null>>(
        schema,
        'SELECT status, finess, y2023, y2024, y2025, revision_y2024, approved_at FROM allocations WHERE id = $1',
        ['al-1'],
      );
      assert.equal(
        { ...row, approved_at: row!.approved_at ? new Date(row!.approved_at).toISOString() : null },
        {
          status: 'approved',
          finess: allocation('x').finess,
          y2023: '0',
          y2024: '12345',
          y2025: '100',
          revision_y2024: null,
          approved_at: NOW,
        },
      );
      const pays = await sql(schema, "SELECT amount_cents, to_char(paid_on, 'YYYY-MM-DD') AS paid_on FROM payments");
      assert.equal(pays, [{ amount_cents: '2000', paid_on: '2024-03-01' }]);
      assert.equal(await sql(schema, "SELECT id FROM allocations WHERE id = 'al-2'"), []);
    } finally {
      await b.close();
    }
  } finally {
    await a.close();
    await dropSchema(schema);
  }
});

it('The finance views give the dashboard’s figures to the cent: per envelope, and per establishment and year', async () => {
  const schema = freshSchema();
  const store = await openPg({ schema, seed: demoData, dropSchemaOnClose: true });
  try {
    const app = createApp({ store, clock: fixedClock() });
    const login = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: USERS.planner, password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const dash = (await (await app.request('/api/dashboard', { headers: { cookie } })).json()) as {
      byEnvelope: Array<{
        key: string;
        totalCents: number;
        allocatedCents: number;
        approvedCents: number;
        paidCents: number;
        remainingCents: number;
      }>;
      byYear: Array<{ key: string; allocatedCents: number; approvedCents: number }>;
    };
    const positions = await sql<Record<string, string>>(
      schema,
      'SELECT envelope_id, total_cents, allocated_cents, approved_cents, paid_cents, remaining_cents FROM v_envelope_positions ORDER BY envelope_id',
    );
    assert.ok(dash.byEnvelope.length > 1);
    assert.equal(
      positions.map((p) => [
        p.envelope_id,
        ...['total_cents', 'allocated_cents', 'approved_cents', 'paid_cents', 'remaining_cents'].map((k) =>
          Number(p[k]),
        ),
      ]),
      [...dash.byEnvelope]
        .sort((x, y) => (x.key < y.key ? -1 : 1))
        .map((r) => [r.key, r.totalCents, r.allocatedCents, r.approvedCents, r.paidCents, r.remainingCents]),
    );
    // the dashboard's years count committed envelopes only
    const years = await sql<{ year: number; allocated: string; approved: string }>(
      schema,
      `SELECT year, sum(allocated_cents) AS allocated, sum(approved_cents) AS approved
       FROM v_allocations_by_establishment_year WHERE envelope_status = 'committed' GROUP BY year ORDER BY year`,
    );
    assert.equal(
      years.map((y) => [String(y.year), Number(y.allocated), Number(y.approved)]),
      dash.byYear.map((y) => [y.key, y.allocatedCents, y.approvedCents]),
    );
    assert.ok(dash.byYear.some((y) => y.approvedCents > 0));
  } finally {
    await store.close();
  }
});

/** The code's schema version, and the one after it. */
const CURRENT = MIGRATIONS.at(-1)!.version;
const NEXT = CURRENT + 1;

/** Opens a store on a fresh schema and closes it: a database at the code's version. */
const atCurrentVersion = async () => {
  const schema = freshSchema();
  const s = await openPg({ schema, seed: () => smallData() });
  await s.transact({ now: NOW }, (tx) => {
    tx.put('allocations', allocation('al-1', { amounts: { '2024': 10_00 } }));
  });
  await s.close();
  return schema;
};

it('A database newer than the code is refused at start, with what to do, and nothing touched', async () => {
  const schema = await atCurrentVersion();
  try {
    await sql(schema, 'INSERT INTO jalon_schema (version) VALUES ($1)', [NEXT]);
    const before = await fingerprint(schema);
    const err = await openPg({ schema, seed: noSeed }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.instance(err, StoreError);
    assert.match(
      (err as Error).message,
      new RegExp(
        `version ${NEXT}, plus récent que celui de ce code \\(version ${CURRENT}\\) : mettez Jalon à jour\\. Rien n'a été modifié`,
      ),
    );
    assert.equal(await fingerprint(schema), before);
  } finally {
    await dropSchema(schema);
  }
});

it('A jalon_schema table without a version is refused at start as an unknown schema (not taken for an empty database), nothing touched', async () => {
  const schema = await atCurrentVersion();
  try {
    await sql(schema, 'DELETE FROM jalon_schema');
    const before = await fingerprint(schema);
    const err = await openPg({ schema, seed: noSeed }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.instance(err, StoreError);
    assert.match((err as Error).message, /jalon_schema existe mais ne dit aucune version/);
    assert.equal(await fingerprint(schema), before);
  } finally {
    await dropSchema(schema);
  }
});

it('A database older than the code is refused at start (npm run migrate), its newer migration not applied, nothing touched', async () => {
  const schema = await atCurrentVersion();
  try {
    const before = await fingerprint(schema);
    const newer = [...MIGRATIONS, { version: NEXT, sql: 'CREATE TABLE jalon_v2 (x int)' }];
    const err = await openPg({ schema, seed: noSeed, migrations: newer }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.instance(err, StoreError);
    assert.match(
      (err as Error).message,
      new RegExp(
        `version ${CURRENT}, plus ancien que celui de ce code \\(version ${NEXT}\\) : lancez npm run migrate\\. Rien n'a été modifié`,
      ),
    );
    assert.equal(await fingerprint(schema), before);
    assert.equal(await sql(schema, "SELECT to_regclass('jalon_v2') AS t"), [{ t: null }]);
  } finally {
    await dropSchema(schema);
  }
});

it('A database without the table of a kind the code knows is refused at start (a migration is missing), nothing touched', async () => {
  const schema = await atCurrentVersion();
  try {
    await sql(schema, 'DROP TABLE steps');
    const before = await fingerprint(schema);
    const err = await openPg({ schema, seed: noSeed }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.instance(err, StoreError);
    assert.match((err as Error).message, /table steps absente .*une migration manque.*Rien n'a été modifié/);
    assert.equal(await fingerprint(schema), before);
  } finally {
    await dropSchema(schema);
  }
});

it('A seed that fails leaves an empty schema: the tables and the plan come in one transaction', async () => {
  const schema = freshSchema();
  try {
    const err = await openPg({
      schema,
      seed: () => {
        throw new Error('seed broke');
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.match((err as Error).message, /seed broke/);
    assert.equal(await fingerprint(schema), {});
  } finally {
    await dropSchema(schema);
  }
});

it('A database restored to before this instance’s last write (or failed over to a late replica): the instance reloads from it before writing on, and the chain stays whole', async () => {
  const schema = freshSchema();
  const a = await openPg({ schema, seed: () => smallData() });
  try {
    await a.transact({ now: NOW }, (tx) => {
      tx.put('allocations', allocation('al-1', { amounts: { '2024': 10_00 } }));
    });
    const before = { seq: a.version, head: a.head()!, record: a.get('allocations', 'al-1')! };
    await a.transact({ now: NOW }, (tx) => {
      tx.put('allocations', { ...tx.get('allocations', 'al-1')!, amounts: { '2024': 99_00 } });
    });
    // Given the database loses that last transaction (what a restore or a late replica does)
    await sql(schema, 'DELETE FROM jalon_changes WHERE seq > $1', [before.seq]);
    await sql(schema, 'DELETE FROM jalon_audit WHERE seq > $1', [before.head.seq]);
    await sql(schema, "UPDATE allocations SET rev = $1, y2024 = 1000, record = $2 WHERE id = 'al-1'", [
      before.record.rev,
      JSON.stringify(before.record),
    ]);
    // When the instance writes again
    await a.transact({ now: NOW }, (tx) => {
      tx.put('allocations', allocation('al-2', { finess: F2, amounts: { '2023': 5_00 } }));
    });
    // Then it wrote on the database's history, not on its own lost one
    assert.is(a.get('allocations', 'al-1')!.amounts['2024'], 10_00);
    assert.is(a.version, before.seq + 1);
    const b = await openPg({ schema, seed: noSeed });
    try {
      assert.equal(b.exportData(), a.exportData());
      assert.is((await b.verifyAudit()).problem, null);
      assert.is((await a.verifyAudit()).problem, null);
    } finally {
      await b.close();
    }
  } finally {
    await a.close();
    await dropSchema(schema);
  }
});

test.run();
