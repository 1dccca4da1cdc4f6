// Real PostgreSQL databases for the process-level tests of the PostgreSQL engine (several
// instances, faults, the views): each test creates a database of its own through the admin URL
// (JALON_TEST_DATABASE_URL) and drops it at the end; those of a run that died are dropped by the
// next one (the name carries the process id). Without the URL the tests are skipped, saying why.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { test } from 'uvu';
import { openStore } from '../../server/store/open.js';
import type { Seed } from './stores.js';

export const adminUrl = process.env.JALON_TEST_DATABASE_URL;

/** The suite's test function, or uvu's skip (with the reason printed once) without a database. */
export const pgTest = (file: string): typeof test => {
  if (adminUrl) return test;
  console.log(`  ${file}: skipped, JALON_TEST_DATABASE_URL unset (scripts/pg-throwaway.sh start prints one)`);
  return Object.assign((name: string) => test.skip(name), test, { only: test.skip }) as unknown as typeof test;
};

/** The same server and account, another database. */
export const databaseUrl = (server: string, name: string): string => {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
};

/** One statement on a connection of its own. */
export const sql = async <R extends object = Record<string, unknown>>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end();
  }
};

const PREFIX = 'jalon_pgfaults_';
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Drops the test databases of processes that are gone. */
const sweep = async (server: string) => {
  const rows = await sql<{ name: string }>(
    server,
    'SELECT datname AS name FROM pg_database WHERE starts_with(datname, $1)',
    [PREFIX],
  );
  for (const { name } of rows)
    if (!alive(Number(name.slice(PREFIX.length).split('_')[0])))
      await sql(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
};
const swept = new Map<string, Promise<void>>();

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops it, connections and all. */
  drop(): Promise<void>;
}

/** A new empty database on `server` (an admin URL), jalon_pgfaults_<pid>_<random>. */
export const freshDatabase = async (server = adminUrl!): Promise<TestDatabase> => {
  if (!swept.has(server)) swept.set(server, sweep(server));
  await swept.get(server);
  const name = `${PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  await sql(server, `CREATE DATABASE ${name}`);
  return {
    name,
    url: databaseUrl(server, name),
    drop: async () => void (await sql(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
};

/** Creates Jalon's schema in the database and writes the plan, as a first start would. */
export const seedDatabase = async (url: string, seed: Seed): Promise<void> => {
  const store = await openStore({ url, seed });
  await store.close();
};

/** Tables, columns, views and every row of the database's public schema, as one comparable text:
 *  what "nothing touched" is checked against. */
export const fingerprint = async (url: string): Promise<string> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const columns = await c.query<{ t: string; cols: string }>(
      `SELECT table_name AS t, string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) AS cols
       FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name`,
    );
    const views = await c.query<{ v: string; def: string }>(
      `SELECT viewname AS v, definition AS def FROM pg_views WHERE schemaname = 'public' ORDER BY viewname`,
    );
    const tables = await c.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const lines = [...columns.rows.map((r) => `${r.t}(${r.cols})`), ...views.rows.map((r) => `view ${r.v}: ${r.def}`)];
    for (const { t } of tables.rows) {
      const { rows } = await c.query<{ n: string; h: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(r::text, '|' ORDER BY r::text)) AS h FROM ${t} r`,
      );
      lines.push(`${t}: ${rows[0]!.n} rows ${rows[0]!.h ?? '-'}`);
    }
    return lines.join('\n');
  } finally {
    await c.end();
  }
};

export interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

/** A JSON client of a running server, as a signed-in account (cookie) or anonymous. */
export const client = (base: string, cookie?: string) => {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    const parse = () => {
      try {
        return text ? (JSON.parse(text) as unknown) : null;
      } catch {
        return text;
      }
    };
    return { status: r.status, headers: r.headers, json: parse() } as Answer;
  };
  return {
    base,
    get: (p: string, h?: Record<string, string>) => call('GET', p, undefined, h),
    post: (p: string, b: unknown = {}, h?: Record<string, string>) => call('POST', p, b, h),
    patch: (p: string, b: unknown, h?: Record<string, string>) => call('PATCH', p, b, h),
  };
};
export type Client = ReturnType<typeof client>;

/** Signs in on a server: the session cookie. */
export const login = async (base: string, email: string, password: string): Promise<string> => {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`login ${email} on ${base}: ${r.status} ${await r.text()}`);
  return r.headers.get('set-cookie')!.split(';')[0]!;
};

/** A rev (base 36 of the transaction's number) as a number, to order versions. */
export const revNumber = (rev: string): number => parseInt(rev, 36);

/** The p-th percentile (0-100) of some numbers, nearest rank. */
export const percentile = (values: readonly number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
