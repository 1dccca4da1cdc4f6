// npm run migrate: file → PostgreSQL → file gives back the plan and its audit trail exactly; a
// target that is not empty (a database with tables, a file that exists) is refused and left as
// it was; a source whose trail does not prove its data is refused before anything is written;
// the schema migrations without --from/--to. Needs JALON_TEST_DATABASE_URL (skipped without).
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.js';
import { openStore } from '../../server/store/open.js';
import { MIGRATIONS } from '../../server/store/pg/migrations.js';
import type { DataFile } from '../../server/store/schema.js';
import { copyData, migrateSchema } from '../../scripts/migrate.js';
import { DEMO_PASSWORD, fixedClock } from '../helpers/app.js';
import { pdf, windowRecords } from '../helpers/declarations.js';
import { F1 } from '../helpers/plan.js';
import { smallData, USERS } from '../helpers/small.js';

const admin = process.env.JALON_TEST_DATABASE_URL;
const EVIDENCE = pdf('migrée');
const EVIDENCE_SHA = createHash('sha256').update(EVIDENCE).digest('hex');
const pgTest = admin ? test : (test.skip as unknown as typeof test);
if (!admin)
  console.log('  scripts/migrate: skipped, JALON_TEST_DATABASE_URL unset (scripts/pg-throwaway.sh start prints one)');

const sql = async <R extends object = Record<string, unknown>>(url: string, text: string): Promise<R[]> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text)).rows;
  } finally {
    await c.end();
  }
};

/** A new empty database of this test, dropped by `drop`. */
const freshDatabase = async () => {
  const name = `jalon_migrate_${process.pid}_${randomBytes(4).toString('hex')}`;
  await sql(admin!, `CREATE DATABASE ${name}`);
  const u = new URL(admin!);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => void (await sql(admin!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
};

/** Every table of the public schema, its row count and a digest of its rows. */
const fingerprint = async (url: string): Promise<string> => {
  const tables = await sql<{ t: string }>(
    url,
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  const out: string[] = [];
  for (const { t } of tables) {
    const [r] = await sql<{ n: string; h: string | null }>(
      url,
      `SELECT count(*) AS n, md5(string_agg(r::text, '|' ORDER BY r::text)) AS h FROM ${t} r`,
    );
    out.push(`${t} ${r!.n} ${r!.h ?? '-'}`);
  }
  return out.join('\n');
};

const migrate = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, JALON_STORE: '', JALON_DATABASE_URL: '', ...env },
  });

/** A data file of the small plan with a few writes on top (an action, an allocation, its edit). */
const sourceFile = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-migrate-'));
  const path = join(dir, 'jalon.json');
  const store = await openStore({ path, seed: () => smallData(windowRecords()) });
  const app = createApp({ store, clock: fixedClock() });
  const login = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: USERS.planner, password: DEMO_PASSWORD }),
  });
  const headers = { 'content-type': 'application/json', cookie: login.headers.get('set-cookie')!.split(';')[0]! };
  const post = (p: string, b: unknown) => app.request(p, { method: 'POST', headers, body: JSON.stringify(b) });
  assert.is((await post('/api/actions', { code: 'MIG', title: 'migration', axis: 1 })).status, 201);
  const al = await (
    await post('/api/allocations', { envelopeId: 'env-a', finess: F1, actionId: 'act-ad', amounts: { '2024': 42_424 } })
  ).json();
  const edit = await app.request(`/api/allocations/${al.id}`, {
    method: 'PATCH',
    headers: { ...headers, 'if-match': `"${al.rev}"` },
    body: JSON.stringify({ amounts: { '2024': 51_515, '2025': 7 } }),
  });
  assert.is(edit.status, 200);
  // a declaration with its evidence file (the copy takes the files too)
  const file = await store.files().put(EVIDENCE, 'application/pdf');
  await store.transact({ now: '2026-11-29T10:00:00.000Z', actor: USERS.etab }, (tx) => {
    tx.put('declarations', {
      id: 'dcl-mig',
      rev: '',
      createdAt: '2026-11-29T10:00:00.000Z',
      updatedAt: '2026-11-29T10:00:00.000Z',
      applicationId: 'app-f1',
      objective: 'D1-AD-1',
      achievedOn: '2026-11-02',
      evidence: [{ sha256: file.sha256, name: 'preuve.pdf', type: 'application/pdf', size: EVIDENCE.length }],
    });
  });
  const data = await store.backupData();
  await store.close();
  return { dir, path, data, done: () => rm(dir, { recursive: true, force: true }) };
};

/** What a data file holds, through its store. */
const contentsOf = async (path: string): Promise<DataFile> => {
  const store = await openStore({
    path,
    seed: () => {
      throw new Error(`${path} missing`);
    },
  });
  try {
    return await store.backupData();
  } finally {
    await store.close();
  }
};

pgTest(
  'file → PostgreSQL → file: the same collections and audit trail; counts, totals and the chain printed',
  async () => {
    const src = await sourceFile();
    const db = await freshDatabase();
    try {
      const there = migrate(['--from', src.path, '--to', db.url]);
      assert.is(there.status, 0, there.stderr);
      const allocations = Object.keys(src.data.collections.allocations).length;
      // a count per kind, source, target and the finance table's own rows
      assert.match(there.stdout, new RegExp(`allocations\\s+${allocations}\\s+${allocations}\\s+${allocations}\\n`));
      const y2024 = Object.values(src.data.collections.allocations).reduce((s, a) => s + (a.amounts['2024'] ?? 0), 0);
      assert.ok(y2024 >= 51_515);
      assert.match(there.stdout, new RegExp(`allocations 2024\\s+${y2024} c\\s+${y2024} c\\s+${y2024} c\\n`));
      assert.match(there.stdout, /versements nets\s+-?\d+ c/);
      const head = `${src.data.auditHead!.seq}:${src.data.auditHead!.hash}`;
      assert.match(there.stdout, `piste d'audit : ${src.data.audit.length} → ${src.data.audit.length} événements`);
      assert.match(there.stdout, `tête ${head} → ${head} (identique)`);
      assert.match(there.stdout, 'Copie vérifiée');
      assert.match(there.stdout, 'pièces justificatives : 1 copiée(s), 1 relue(s) dans la cible');
      const [file] = await sql<{ n: string }>(
        db.url,
        `SELECT size::text AS n FROM jalon_files WHERE sha256 = '${EVIDENCE_SHA}'`,
      );
      assert.is(Number(file!.n), EVIDENCE.length);
      // the tables a finance team reads hold the amounts as columns
      const [row] = await sql<{ n: string }>(db.url, `SELECT sum(y2024)::text AS n FROM allocations`);
      assert.is(Number(row!.n), y2024);

      const back = join(src.dir, 'back.json');
      const home = migrate(['--from', db.url, '--to', back]);
      assert.is(home.status, 0, home.stderr);
      const returned = await contentsOf(back);
      assert.equal(returned.collections, src.data.collections);
      assert.equal(returned.audit, src.data.audit);
      assert.equal(returned.auditHead, src.data.auditHead);
      assert.is(returned.seq, src.data.seq);
      assert.match(home.stdout, 'pièces justificatives : 1 copiée(s), 1 relue(s) dans la cible');
      const again = await openStore({ path: back, seed: () => smallData() });
      assert.equal(await again.files().get(EVIDENCE_SHA), EVIDENCE);
      await again.close();
    } finally {
      await db.drop();
      await src.done();
    }
  },
);

pgTest(
  'A target that is not empty is refused, nothing touched: a Jalon database, a foreign table, a file',
  async () => {
    const src = await sourceFile();
    const db = await freshDatabase();
    const foreign = await freshDatabase();
    try {
      await copyData(src.path, db.url);
      const before = await fingerprint(db.url);
      const again = migrate(['--from', src.path, '--to', db.url]);
      assert.is(again.status, 1);
      assert.match(again.stderr, /non vide \(schéma public : .*allocations.*\).*Rien n'a été modifié/);
      assert.is(await fingerprint(db.url), before);

      await sql(foreign.url, 'CREATE TABLE ledger (id int)');
      const other = migrate(['--from', src.path, '--to', foreign.url]);
      assert.is(other.status, 1);
      assert.match(other.stderr, /non vide \(schéma public : ledger\)/);
      assert.is(await fingerprint(foreign.url), 'ledger 0 -');

      const file = join(src.dir, 'taken.json');
      await writeFile(file, 'not mine');
      const onFile = migrate(['--from', db.url, '--to', file]);
      assert.is(onFile.status, 1);
      assert.match(onFile.stderr, /Cible .*taken\.json déjà présente .*Rien n'a été modifié/);
      assert.is(await readFile(file, 'utf8'), 'not mine');
      // nor an audit file or journal left beside a name
      const orphan = join(src.dir, 'orphan.json');
      await writeFile(`${orphan}.audit`, '');
      const r = migrate(['--from', db.url, '--to', orphan]);
      assert.is(r.status, 1);
      assert.match(r.stderr, /orphan\.json\.audit/);
    } finally {
      await db.drop();
      await foreign.drop();
      await src.done();
    }
  },
);

pgTest('A source whose trail does not prove its data is refused before anything is written', async () => {
  const src = await sourceFile();
  const db = await freshDatabase();
  try {
    // an amount changed in the snapshot behind the trail's back
    const text = await readFile(src.path, 'utf8');
    assert.match(text, '"2024":51515');
    await writeFile(src.path, text.replace('"2024":51515', '"2024":51516'));
    const r = migrate(['--from', src.path, '--to', db.url]);
    assert.is(r.status, 1);
    assert.match(r.stderr, /la piste d'audit ne prouve pas les données.*Rien n'a été copié/);
    assert.is(await fingerprint(db.url), '');
  } finally {
    await db.drop();
    await src.done();
  }
});

pgTest('npm run migrate without --from/--to: an older schema is brought to the code, a newer one refused', async () => {
  const db = await freshDatabase();
  try {
    // an empty database is left for Jalon to create at its first start
    const empty = migrate([], { JALON_DATABASE_URL: db.url });
    assert.is(empty.status, 0, empty.stderr);
    assert.match(empty.stdout, /vide : aucun schéma Jalon/);
    assert.is(await fingerprint(db.url), '');

    const store = await openStore({ url: db.url, seed: () => smallData() });
    await store.close();
    const upToDate = migrate([], { JALON_STORE: db.url });
    assert.is(upToDate.status, 0, upToDate.stderr);
    const current = MIGRATIONS.at(-1)!.version;
    const nextVersion = current + 1;
    assert.match(upToDate.stdout, new RegExp(`schéma à jour \\(version ${current}\\)`));

    // a code one migration ahead: it refuses the database until npm run migrate
    const next = [
      ...MIGRATIONS,
      { version: nextVersion, sql: 'CREATE VIEW v_migrate_test AS SELECT count(*) AS n FROM allocations' },
    ];
    const refused = await openStore({ url: db.url, seed: () => smallData(), migrations: next }).then(
      () => null,
      (e: Error) => e.message,
    );
    assert.match(refused ?? '', /plus ancien.*lancez npm run migrate/);
    const out = await migrateSchema(db.url, next);
    assert.equal(out, { from: current, applied: [nextVersion] });
    assert.equal(await migrateSchema(db.url, next), { from: nextVersion, applied: [] });
    const reopened = await openStore({ url: db.url, seed: () => smallData(), migrations: next });
    await reopened.close();
    const [view] = await sql<{ n: string }>(db.url, 'SELECT n::text FROM v_migrate_test');
    assert.is(Number(view!.n), Object.keys((await smallData()).collections.allocations).length);
    // and this code, now behind the database, refuses it with nothing touched
    const before = await fingerprint(db.url);
    const behind = migrate([], { JALON_DATABASE_URL: db.url });
    assert.is(behind.status, 1);
    assert.match(
      behind.stderr,
      new RegExp(
        `version ${nextVersion}, plus récent que celui de ce code \\(version ${current}\\).*Rien n'a été modifié`,
      ),
    );
    assert.is(await fingerprint(db.url), before);
  } finally {
    await db.drop();
  }
});

test.run();
