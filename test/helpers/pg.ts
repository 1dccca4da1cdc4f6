// For the PostgreSQL engine's own tests: they run only with JALON_TEST_DATABASE_URL (an account
// that may create schemas), each store on a fresh schema named like stores.ts's (jalon_t_<pid>_…,
// so that a run that died leaves nothing another run does not sweep).
import { createServer, Socket, type Server } from 'node:net';
import pg from 'pg';
import { test } from 'uvu';
import { PgStore, type PgStoreOptions } from '../../server/store/pg/store.js';

export const PG_URL = process.env.JALON_TEST_DATABASE_URL;

/** uvu's test when a database is given, else a skipped one (the reason printed once per file). */
export const pgTest = (file: string): typeof test => {
  if (PG_URL) return test;
  console.log(`${file}: skipped, JALON_TEST_DATABASE_URL is not set (a postgres:// URL runs them)`);
  return test.skip as unknown as typeof test;
};

let n = 0;
export const freshSchema = () => `jalon_t_${process.pid}_pg${++n}`;

export const openPg = (o: Omit<PgStoreOptions, 'url'> & { url?: string }) =>
  PgStore.open({ url: PG_URL!, poolSize: 2, ...o });

export const noSeed = () => {
  throw new Error('must not seed an existing schema');
};

/** One query on a schema, through a connection of its own. */
export const sql = async <R extends object = Record<string, unknown>>(
  schema: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> => {
  const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end();
  }
};

export const dropSchema = (schema: string) => sql('public', `DROP SCHEMA IF EXISTS ${schema} CASCADE`);

/** Everything in a schema, table by table (row counts and a digest of their rows): what "nothing
 *  touched" compares. */
export const fingerprint = async (schema: string): Promise<Record<string, string>> => {
  const tables = await sql<{ t: string }>(
    schema,
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`,
    [schema],
  );
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [r] = await sql<{ n: string; d: string | null }>(
      schema,
      `SELECT count(*) AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS d FROM ${t} x`,
    );
    out[t] = `${r!.n}:${r!.d ?? ''}`;
  }
  return out;
};

/** A TCP relay to the database that can be cut (every connection dropped, the port closed) and
 *  restored on the same port: the database "gone" without stopping a shared server. */
export const relay = async (): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void> }> => {
  const target = new URL(PG_URL!);
  const sockets = new Set<Socket>();
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer((client) => {
        const upstream = new Socket();
        sockets.add(client).add(upstream);
        const end = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
        upstream.connect(Number(target.port || 5432), target.hostname, () => {
          client.pipe(upstream).pipe(client);
        });
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  let server: Server | null = await listen(0);
  const port = (server.address() as { port: number }).port;
  const url = new URL(PG_URL!);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut: async () => {
      const s = server;
      server = null;
      for (const sock of sockets) sock.destroy();
      sockets.clear();
      await new Promise<void>((r) => (s ? s.close(() => r()) : r()));
    },
    restore: async () => {
      server ??= await listen(port);
    },
  };
};
