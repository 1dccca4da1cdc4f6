// npm run migrate: the PostgreSQL schema and copies between engines.
//   npm run migrate                                    applies the pending schema migrations to the
//                                                      database of JALON_STORE / JALON_DATABASE_URL
//   npm run migrate -- --from data/jalon.json --to postgres://user@host/db
//   npm run migrate -- --from postgres://user@host/db --to data/restored.json
// A copy takes the source's consistent copy (backupData: every collection and the whole audit
// trail), refuses to start on a source whose trail does not prove its data, and makes it the seed
// of a new target: an EMPTY PostgreSQL database (no table in its schema) or a file that does not
// exist yet; a target that is not is refused and left untouched. Then it opens the target afresh
// (from what was written, not from memory) and checks records kind by kind, the money totals, the
// audit chain (count, head, verifyAudit), and on PostgreSQL the finance tables' own columns. Any
// mismatch: a French message and exit 1.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { PLAN_YEARS } from '../shared/years.js';
import { readSettings } from '../server/env.js';
import { canonical, formatHead, type ChainHead } from '../server/store/audit-chain.js';
import type { Store } from '../server/store/interface.js';
import { isPostgresUrl, openStore, safeUrl } from '../server/store/open.js';
import { applyMigrations, MIGRATIONS, schemaVersion, type Migration } from '../server/store/pg/migrations.js';
import { namedInData } from '../server/store/files.js';
import { tableOf, yearColumn } from '../server/store/pg/tables.js';
import { KINDS, type DataFile, type Kind } from '../server/store/schema.js';
import { openCopy } from './data-copy.js';

/** A refusal or a mismatch, said to the operator in French. */
export class MigrateError extends Error {}

type Log = (line: string) => void;

const where = (place: string) => (isPostgresUrl(place) ? safeUrl(place) : place);

// ---- schema migrations ------------------------------------------------------------------------

export interface SchemaOutcome {
  /** The schema's version before (0: an empty database, left as it is). */
  from: number;
  applied: number[];
}

/** Applies the migrations the database lacks, all in one transaction; jalon_schema is locked
 *  meanwhile, so two runs (or a starting instance) wait for each other. */
export const migrateSchema = async (
  url: string,
  migrations: readonly Migration[] = MIGRATIONS,
  log: Log = () => undefined,
): Promise<SchemaOutcome> => {
  const code = migrations.at(-1)!.version;
  const client = new pg.Client({
    connectionString: url,
    application_name: 'jalon-migrate',
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (e) {
    throw new MigrateError(`Base ${safeUrl(url)} injoignable : ${(e as Error).message}`);
  }
  try {
    await client.query('BEGIN');
    if ((await schemaVersion(client)) === 0) {
      await client.query('ROLLBACK');
      log(
        `Base ${safeUrl(url)} vide : aucun schéma Jalon à mettre à jour. Jalon le crée (version ${code}) et y met le plan à son premier démarrage ; npm run migrate -- --from … --to … y copie un plan existant.`,
      );
      return { from: 0, applied: [] };
    }
    await client.query('LOCK TABLE jalon_schema IN ACCESS EXCLUSIVE MODE');
    const from = await schemaVersion(client);
    if (from > code)
      throw new MigrateError(
        `Base ${safeUrl(url)} au schéma version ${from}, plus récent que celui de ce code (version ${code}) : mettez Jalon à jour. Rien n'a été modifié.`,
      );
    const applied = await applyMigrations(client, from, migrations);
    await client.query('COMMIT');
    log(
      applied.length
        ? `Base ${safeUrl(url)} : schéma passé de la version ${from} à la version ${code} (migrations ${applied.join(', ')}).`
        : `Base ${safeUrl(url)} : schéma à jour (version ${code}), rien à faire.`,
    );
    return { from, applied };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (e instanceof MigrateError) throw e;
    throw new MigrateError(`Migration du schéma impossible : ${(e as Error).message}. Rien n'a été modifié.`);
  } finally {
    await client.end().catch(() => undefined);
  }
};

// ---- copies -----------------------------------------------------------------------------------

/** What the checks compare, on each side. */
export interface Figures {
  counts: Record<Kind, number>;
  /** Sum of the allocations' amounts per plan year, in cents. */
  allocatedCents: Record<string, number>;
  /** Sum of every payment's amount (counter-entries negative): what was paid, net. */
  paidCents: number;
  envelopesCents: number;
  auditCount: number;
  head: ChainHead | null;
}

export interface CopyReport {
  source: Figures;
  target: Figures;
  ms: number;
}

const figuresOf = (s: Store, auditCount: number, head: ChainHead | null): Figures => {
  const allocatedCents: Record<string, number> = Object.fromEntries(PLAN_YEARS.map((y) => [y, 0]));
  for (const a of s.all('allocations'))
    for (const [y, c] of Object.entries(a.amounts)) allocatedCents[y] = (allocatedCents[y] ?? 0) + (c ?? 0);
  let paidCents = 0;
  for (const p of s.all('payments')) paidCents += p.amountCents;
  let envelopesCents = 0;
  for (const e of s.all('envelopes')) envelopesCents += e.totalCents;
  const counts = Object.fromEntries(KINDS.map((k) => [k, s.count(k)])) as Record<Kind, number>;
  return { counts, allocatedCents, paidCents, envelopesCents, auditCount, head };
};

/** Opens the source as the operators' scripts do (scripts/data-copy.ts): a file store on a copy
 *  of its files, so the original is never written; a database as it is (opening writes nothing). */
const openSource = async (from: string) => {
  if (!isPostgresUrl(from) && !existsSync(from)) throw new MigrateError(`Source introuvable : ${from}.`);
  const saved = { JALON_STORE: process.env.JALON_STORE, JALON_DATA: process.env.JALON_DATA };
  process.env.JALON_STORE = isPostgresUrl(from) ? from : 'journal';
  if (!isPostgresUrl(from)) process.env.JALON_DATA = resolve(from);
  try {
    return await openCopy();
  } catch (e) {
    throw new MigrateError(`Source ${where(from)} illisible : ${(e as Error).message}`);
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
};

/** Refuses a target that holds anything: a database whose schema has a table, view or sequence;
 *  a file (or its journal, audit file...) that exists. */
const checkTargetEmpty = async (to: string): Promise<void> => {
  if (!isPostgresUrl(to)) {
    const dir = dirname(resolve(to));
    const name = basename(to);
    const found = existsSync(dir) ? (await readdir(dir)).filter((f) => f === name || f.startsWith(`${name}.`)) : [];
    if (found.length)
      throw new MigrateError(
        `Cible ${to} déjà présente (${found.join(', ')}) : la copie ne remplace jamais un fichier. Rien n'a été modifié ; choisissez un autre fichier ou déplacez celui-ci.`,
      );
    if (!existsSync(dir)) throw new MigrateError(`Dossier ${dir} introuvable : créez-le d'abord.`);
    return;
  }
  const client = new pg.Client({
    connectionString: to,
    application_name: 'jalon-migrate',
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (e) {
    throw new MigrateError(`Base ${safeUrl(to)} injoignable : ${(e as Error).message}`);
  }
  try {
    const { rows } = await client.query<{ schema: string | null; names: string[] }>(
      `SELECT current_schema() AS schema, array(
         SELECT relname::text FROM pg_class
         WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
           AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f') ORDER BY relname LIMIT 6) AS names`,
    );
    const { schema, names } = rows[0]!;
    if (!schema) throw new MigrateError(`Base ${safeUrl(to)} : aucun schéma courant (search_path) où écrire.`);
    if (names.length)
      throw new MigrateError(
        `Base ${safeUrl(to)} non vide (schéma ${schema} : ${names.slice(0, 5).join(', ')}${names.length > 5 ? '…' : ''}) : la copie ne se fait que dans une base vide. Rien n'a été modifié.`,
      );
  } finally {
    await client.end().catch(() => undefined);
  }
};

const noSeed = () => {
  throw new MigrateError('la cible a disparu pendant la copie');
};

/** Opens the target on the source's data; refuses if it was not empty after all (filled by
 *  someone else between the check and the copy: its seed is then never asked for). */
const writeTarget = async (to: string, data: DataFile, source: Store): Promise<number> => {
  let seeded = false;
  const seed = () => {
    seeded = true;
    return data;
  };
  const store = isPostgresUrl(to) ? await openStore({ url: to, seed }) : await openStore({ path: to, seed });
  let files = 0;
  try {
    // the evidence files the declarations name, one by one (a folder beside a file, a table in a database)
    if (seeded)
      for (const sha of namedInData(data)) {
        const bytes = await source.files().get(sha);
        if (!bytes)
          throw new MigrateError(
            `Pièce justificative ${sha} nommée par une déclaration mais absente de la source : la cible ${where(to)} est incomplète, ne l'utilisez pas.`,
          );
        const type = Object.values(data.collections.declarations)
          .flatMap((d) => d.evidence)
          .find((e) => e.sha256 === sha)!.type;
        await store.files().put(bytes, type);
        files++;
      }
  } finally {
    await store.close();
  }
  if (!seeded)
    throw new MigrateError(`Cible ${where(to)} remplie par ailleurs pendant la copie : elle n'a pas été modifiée.`);
  return files;
};

/** On PostgreSQL, the finance tables' own columns (what a BI tool reads), not only `record`. */
const tableFigures = async (url: string): Promise<Pick<Figures, 'counts' | 'allocatedCents' | 'paidCents'>> => {
  const client = new pg.Client({ connectionString: url, application_name: 'jalon-migrate' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const counts = {} as Record<Kind, number>;
    for (const k of KINDS) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${tableOf(k)}`);
      counts[k] = Number(rows[0]!.n);
    }
    const sums = PLAN_YEARS.map((y) => `coalesce(sum(${yearColumn(y)}), 0)::text AS "${y}"`).join(', ');
    const alloc = (await client.query<Record<string, string>>(`SELECT ${sums} FROM allocations`)).rows[0]!;
    const paid = (await client.query<{ n: string }>('SELECT coalesce(sum(amount_cents), 0)::text AS n FROM payments'))
      .rows[0]!;
    await client.query('COMMIT');
    return {
      counts,
      allocatedCents: Object.fromEntries(PLAN_YEARS.map((y) => [y, Number(alloc[y])])),
      paidCents: Number(paid.n),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
};

const cents = (n: number) => `${n} c`;

/** Copies `from` into `to` and checks the copy; throws MigrateError on a refusal or a mismatch. */
export const copyData = async (from: string, to: string, log: Log = () => undefined): Promise<CopyReport> => {
  const t0 = performance.now();
  if (resolve(from) === resolve(to) || from === to) throw new MigrateError('Source et cible identiques.');
  await checkTargetEmpty(to);

  // the source: one consistent copy, its trail checked against its data before anything is written
  const source = await openSource(from);
  let data: DataFile, src: Figures, files: number;
  try {
    const check = await source.store.verifyAudit();
    if (check.problem)
      throw new MigrateError(
        `Source ${where(from)} : la piste d'audit ne prouve pas les données (${JSON.stringify(check.problem)}). Rien n'a été copié ; npm run audit:verify en dit plus.`,
      );
    data = await source.store.backupData();
    src = figuresOf(source.store, data.audit.length, source.store.head());
  } catch (e) {
    await source.done();
    throw e;
  }
  const tRead = performance.now();
  log(
    `Copie de ${where(from)} vers ${where(to)} : ${data.audit.length} événements d'audit, tête ${formatHead(src.head)}`,
  );

  try {
    files = await writeTarget(to, data, source.store);
  } finally {
    await source.done();
  }
  const tWritten = performance.now();

  // the target as written, opened afresh
  const target = await openStore(isPostgresUrl(to) ? { url: to, seed: noSeed } : { path: to, seed: noSeed });
  const problems: string[] = [];
  let tgt: Figures;
  try {
    const check = await target.verifyAudit();
    tgt = figuresOf(target, check.count, check.head);
    if (check.problem) problems.push(`piste d'audit de la cible : ${JSON.stringify(check.problem)}`);
    if (formatHead(target.head()) !== formatHead(check.head))
      problems.push(`tête de la cible ${formatHead(target.head())} ≠ fin de sa piste ${formatHead(check.head)}`);
    // record by record, in canonical JSON (PostgreSQL's jsonb does not keep the keys' order)
    for (const k of KINDS) {
      let differing = 0,
        first = '';
      const theirs = data.collections[k];
      for (const r of target.all(k))
        if (!(r.id in theirs) || canonical(theirs[r.id]) !== canonical(r)) {
          differing++;
          first ||= r.id;
        }
      if (differing) problems.push(`${k} : ${differing} enregistrement(s) différent(s) ou en trop (dont ${first})`);
    }
    // every evidence file a declaration names, read back (its SHA-256 checked)
    let found = 0;
    for (const sha of namedInData(data)) if (await target.files().get(sha)) found++;
    log(`pièces justificatives : ${files} copiée(s), ${found} relue(s) dans la cible`);
    if (found !== namedInData(data).length)
      problems.push(`pièces justificatives : ${namedInData(data).length} nommées, ${found} dans la cible`);
  } finally {
    await target.close();
  }
  const tables = isPostgresUrl(to) ? await tableFigures(to) : null;
  const ms = performance.now() - t0;

  // what both sides hold, side by side
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  log(`${'enregistrements'.padEnd(16)}${pad('source', 10)}${pad('cible', 10)}${tables ? pad('tables', 10) : ''}`);
  for (const k of KINDS) {
    const ok = src.counts[k] === tgt.counts[k] && (!tables || tables.counts[k] === src.counts[k]);
    log(
      `  ${k.padEnd(14)}${pad(src.counts[k], 10)}${pad(tgt.counts[k], 10)}${tables ? pad(tables.counts[k], 10) : ''}${ok ? '' : '  ← différent'}`,
    );
    if (!ok) problems.push(`nombre de ${k} : ${src.counts[k]} dans la source, ${tgt.counts[k]} dans la cible`);
  }
  log(`${'montants'.padEnd(24)}${pad('source', 18)}${pad('cible', 18)}${tables ? pad('tables', 18) : ''}`);
  const money = (label: string, a: number, b: number, c?: number) => {
    const ok = a === b && (c === undefined || c === a);
    log(
      `  ${label.padEnd(22)}${pad(cents(a), 18)}${pad(cents(b), 18)}${c === undefined ? '' : pad(cents(c), 18)}${ok ? '' : '  ← différent'}`,
    );
    if (!ok)
      problems.push(
        `${label} : ${a} c dans la source, ${b} c dans la cible${c === undefined ? '' : `, ${c} c dans les tables`}`,
      );
  };
  for (const y of PLAN_YEARS)
    money(`allocations ${y}`, src.allocatedCents[y]!, tgt.allocatedCents[y]!, tables?.allocatedCents[y]);
  money('versements nets', src.paidCents, tgt.paidCents, tables?.paidCents);
  money('enveloppes', src.envelopesCents, tgt.envelopesCents);
  const sameChain = src.auditCount === tgt.auditCount && formatHead(src.head) === formatHead(tgt.head);
  log(
    `piste d'audit : ${src.auditCount} → ${tgt.auditCount} événements ; tête ${formatHead(src.head)} → ${formatHead(tgt.head)}${sameChain ? ' (identique)' : '  ← différente'}`,
  );
  if (!sameChain)
    problems.push(
      `piste d'audit : ${src.auditCount} événements jusqu'à ${formatHead(src.head)} dans la source, ${tgt.auditCount} jusqu'à ${formatHead(tgt.head)} dans la cible`,
    );
  if (problems.length)
    throw new MigrateError(
      `Copie vers ${where(to)} NON conforme :\n  - ${problems.join('\n  - ')}\nNe l'utilisez pas ; la source n'a pas été modifiée.`,
    );
  const sec = (a: number, b: number) => `${((b - a) / 1000).toFixed(1).replace('.', ',')} s`;
  log(
    `Copie vérifiée : données, montants et piste d'audit identiques (vérification de la cible : intègre). ` +
      `${sec(0, ms)} : source lue et vérifiée ${sec(t0, tRead)}, cible écrite ${sec(tRead, tWritten)}, relue et vérifiée ${sec(tWritten, t0 + ms)}.`,
  );
  return { source: src, target: tgt, ms };
};

// ---- command line -----------------------------------------------------------------------------

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' } },
    allowPositionals: true,
  });
  const log = (l: string) => console.log(l);
  if (positionals.length || (values.from === undefined) !== (values.to === undefined)) {
    console.error(
      'Usage : npm run migrate (schéma de JALON_STORE / JALON_DATABASE_URL), ou npm run migrate -- --from <fichier | postgres://…> --to <postgres://… | fichier>',
    );
    return 2;
  }
  try {
    if (values.from !== undefined && values.to !== undefined) await copyData(values.from, values.to, log);
    else {
      const { databaseUrl } = readSettings();
      if (!databaseUrl) {
        log(
          'Moteur intégré (ni JALON_STORE ni JALON_DATABASE_URL ne désignent une base PostgreSQL) : aucun schéma à migrer.',
        );
        return 0;
      }
      await migrateSchema(databaseUrl, MIGRATIONS, log);
    }
    return 0;
  } catch (e) {
    console.error(e instanceof MigrateError ? e.message : `Échec : ${(e as Error).message}`);
    return 1;
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exit(await main());
