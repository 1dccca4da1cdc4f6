// npm run backup on both engines: one file with the plan and its whole audit trail, which
// restores it (JALON_DATA pointed at it). The PostgreSQL half needs JALON_TEST_DATABASE_URL.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openStore } from '../../server/store/open.js';
import type { DataFile } from '../../server/store/schema.js';
import { jpeg, pdf, windowRecords } from '../helpers/declarations.js';
import { F1 } from '../helpers/plan.js';
import { smallData } from '../helpers/small.js';

const admin = process.env.JALON_TEST_DATABASE_URL;
const pgTest = admin ? test : (test.skip as unknown as typeof test);
if (!admin) console.log('  scripts/backup: PostgreSQL half skipped, JALON_TEST_DATABASE_URL unset');

const backup = (env: Record<string, string>, args: string[] = []) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, JALON_STORE: '', JALON_DATABASE_URL: '', ...env },
  });

const noSeed = () => {
  throw new Error('no reseed');
};

const EVIDENCE = [pdf('sauvegardée'), jpeg('sauvegardée')];

/** A few audited writes on top of the small plan (with a window), one a declaration with its two files. */
const writeSome = async (store: Awaited<ReturnType<typeof openStore>>) => {
  const meta = { now: '2026-11-30T09:00:00.000Z', actor: 'planif@jalon.test' };
  const stored: Array<{ sha256: string }> = [];
  for (const b of EVIDENCE) stored.push(await store.files().put(b, 'application/pdf'));
  // a file no declaration names is not backed up
  await store.files().put(pdf('orpheline'), 'application/pdf');
  await store.transact(meta, (tx) => {
    tx.put('declarations', {
      id: 'dcl-1',
      rev: '',
      createdAt: meta.now,
      updatedAt: meta.now,
      applicationId: 'app-f1',
      objective: 'D1-AD-1',
      achievedOn: '2026-11-02',
      evidence: stored.map((s, i) => ({
        sha256: s.sha256,
        name: `${i}.pdf`,
        type: 'application/pdf' as const,
        size: 1,
      })),
    });
  });
  await store.transact(meta, (tx) => {
    tx.put('actions', { ...tx.get('actions', 'act-ad')!, title: 'sauvegardée' });
  });
  await store.transact(meta, (tx) => {
    const e = tx.get('establishments', F1)!;
    tx.put('establishments', { ...e, name: `${e.name} (bis)` });
  });
};

/** What a backup file restores to: a store opened on a copy of it (and of its files' folder) as
 *  its data file; with the evidence files it then holds. */
const restored = async (file: string): Promise<DataFile & { evidence: Array<Uint8Array | undefined> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-restore-'));
  try {
    await copyFile(file, join(dir, 'jalon.json'));
    if (existsSync(`${file}.files`)) await cp(`${file}.files`, join(dir, 'jalon.json.files'), { recursive: true });
    const store = await openStore({ path: join(dir, 'jalon.json'), seed: noSeed });
    const v = await store.verifyAudit();
    assert.is(v.problem, null);
    const data = await store.backupData();
    const evidence = await Promise.all(
      [...EVIDENCE, pdf('orpheline')].map((b) => store.files().get(createHash('sha256').update(b).digest('hex'))),
    );
    await store.close();
    return { ...data, evidence };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

test('Embedded engine: the backup restores the plan and its whole audit trail', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jalon-backup-'));
  try {
    const path = join(dir, 'jalon.json');
    const store = await openStore({ path, seed: () => smallData(windowRecords()) });
    await writeSome(store);
    const original = await store.backupData();
    await store.close();
    const r = backup({ JALON_DATA: path });
    assert.is(r.status, 0, r.stderr);
    const [name, files] = await readdir(join(dir, 'backups'));
    assert.is(files, `${name}.files`);
    assert.match(r.stdout, `Sauvegarde écrite : ${join(dir, 'backups', name!)} (${original.audit.length} événements`);
    assert.match(r.stdout, `, 2 pièces justificatives (${EVIDENCE[0]!.length + EVIDENCE[1]!.length} octets) dans `);
    const back = await restored(join(dir, 'backups', name!));
    assert.equal(back.evidence, [...EVIDENCE, undefined]);
    // the original's files were read in place: its folder is as it was, the orphan included
    assert.is((await readdir(join(dir, 'jalon.json.files'))).length, 3);
    assert.equal(back.collections, original.collections);
    assert.equal(back.audit, original.audit);
    assert.equal(back.auditHead, original.auditHead);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

pgTest(
  'PostgreSQL: the same backup file, from the database, nothing written there; it restores as a data file',
  async () => {
    const name = `jalon_backup_${process.pid}_${randomBytes(4).toString('hex')}`;
    const sql = async (url: string, text: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query<{ n: string }>(text)).rows;
      } finally {
        await c.end();
      }
    };
    await sql(admin!, `CREATE DATABASE ${name}`);
    const u = new URL(admin!);
    u.pathname = `/${name}`;
    const url = u.toString();
    const dir = await mkdtemp(join(tmpdir(), 'jalon-backup-'));
    try {
      const store = await openStore({ url, seed: () => smallData(windowRecords()) });
      await writeSome(store);
      const original = await store.backupData();
      await store.close();
      const changes = await sql(url, 'SELECT count(*)::text AS n FROM jalon_changes');
      // the default folder: backups beside JALON_DATA, even though the data is in the database
      await mkdir(join(dir, 'data'));
      const r = backup({ JALON_DATABASE_URL: url, JALON_DATA: join(dir, 'data', 'jalon.json') });
      assert.is(r.status, 0, r.stderr);
      const [file] = await readdir(join(dir, 'data', 'backups'));
      assert.match(r.stdout, `(${original.audit.length} événements d'audit, tête ${original.auditHead!.seq}:`);
      assert.match(r.stdout, ', 2 pièces justificatives');
      assert.equal(await sql(url, 'SELECT count(*)::text AS n FROM jalon_changes'), changes);
      const back = await restored(join(dir, 'data', 'backups', file!));
      assert.equal(back.evidence, [...EVIDENCE, undefined]);
      assert.equal(back.collections, original.collections);
      assert.equal(back.audit, original.audit);
      assert.equal(back.auditHead, original.auditHead);
      // an empty database has nothing to back up, and is left empty
      const emptyName = `${name}_e`;
      await sql(admin!, `CREATE DATABASE ${emptyName}`);
      u.pathname = `/${emptyName}`;
      try {
        const e = backup({ JALON_DATABASE_URL: u.toString() }, [join(dir, 'none.json')]);
        assert.is(e.status, 1);
        assert.match(e.stderr, /Sauvegarde impossible/);
        assert.equal(await sql(u.toString(), `SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = 'public'`), [
          { n: '0' },
        ]);
      } finally {
        await sql(admin!, `DROP DATABASE IF EXISTS ${emptyName} WITH (FORCE)`);
      }
    } finally {
      await sql(admin!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await rm(dir, { recursive: true, force: true });
    }
  },
);

test.run();
