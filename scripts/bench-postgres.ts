// The PostgreSQL engine of `npm run bench -- --store postgres`: two Jalon instances on one
// database, as behind a reverse proxy. The database is JALON_BENCH_DATABASE_URL's server (a new
// database per plan, created and dropped by the bench: the account needs CREATEDB) or, unset, a
// throwaway cluster of scripts/pg-throwaway.sh started on first use with fsync on
// (JALON_PG_DURABLE=1: a durable write is measured durable) and stopped by close(). Filling the
// database is preparation, untimed: `npm run migrate -- --from <plan> --to <db>` (the copy and
// its checks) in a child process of its own, then VACUUM ANALYZE and CHECKPOINT, so that the
// measures do not meet the copy's autovacuum or its dirty pages. Load is the instances' start.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startServer, type ServerProcess } from './server-process.js';
import type { BenchEngine } from './bench-engine.js';

const root = new URL('..', import.meta.url).pathname;
const throwaway = join(root, 'scripts/pg-throwaway.sh');
const log = (...xs: unknown[]) => console.log('[bench]', ...xs);

const sql = async <R extends object>(url: string, text: string): Promise<R[]> => {
  const c = new pg.Client({ connectionString: url, application_name: 'jalon-bench' });
  await c.connect();
  try {
    return (await c.query<R>(text)).rows;
  } finally {
    await c.end();
  }
};

const withDatabase = (server: string, name: string) => {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
};

/** The migrate script in a child process (its own heap: the copy holds the plan twice). */
const copyPlan = (from: string, to: string, heapMB: number) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${heapMB}`,
        '--import',
        'tsx',
        join(root, 'scripts/migrate.ts'),
        '--from',
        from,
        '--to',
        to,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run migrate exited ${code}:\n${out.slice(-3000)}`)),
    );
  });

export const postgresEngine = (): BenchEngine => {
  let server: Promise<string> | undefined;
  let ownCluster: { port: string } | undefined;
  const serverUrl = () =>
    (server ??= (async () => {
      const given = process.env.JALON_BENCH_DATABASE_URL;
      if (given) return given;
      const port = process.env.JALON_PG_PORT ?? '54329';
      const env = { ...process.env, JALON_PG_PORT: port, JALON_PG_DURABLE: '1' };
      const out = spawnSync('bash', [throwaway, 'start'], { env, encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`pg-throwaway.sh start: ${out.stderr}`);
      ownCluster = { port };
      log(`throwaway PostgreSQL cluster on port ${port}, fsync on`);
      return out.stdout.trim();
    })());

  return {
    name: 'postgres',
    async start(plan) {
      const admin = await serverUrl();
      const [settings] = await sql<{ fsync: string; sc: string; version: string }>(
        admin,
        "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc, current_setting('server_version') AS version",
      );
      if (settings!.fsync !== 'on' || settings!.sc === 'off')
        log(
          `WARNING: PostgreSQL runs with fsync=${settings!.fsync}, synchronous_commit=${settings!.sc}: its writes are not durable, the write figures do not measure durable writes`,
        );
      const name = `pgbench_${plan.establishments}_${process.pid}`;
      await sql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await sql(admin, `CREATE DATABASE ${name}`);
      const url = withDatabase(admin, name);
      const servers: ServerProcess[] = [];
      const stop = async () => {
        await Promise.all(servers.map((s) => s.stop()));
        await sql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      };
      try {
        const t = performance.now();
        await copyPlan(plan.dataPath, url, Math.max(2048, plan.heapMB * 2));
        await sql(url, 'VACUUM ANALYZE');
        await sql(url, 'CHECKPOINT').catch((e: Error) => log(`CHECKPOINT refused (${e.message}), measuring without`));
        const [size] = await sql<{ mb: string }>(url, 'SELECT pg_database_size(current_database()) / 1048576 AS mb');
        log(
          `postgres ${settings!.version}: plan copied by npm run migrate (checks included) in ${Math.round(performance.now() - t)} ms, database ${size!.mb} MB`,
        );
        // each instance's cold start alone, one after the other, as the embedded one is measured
        const env = { JALON_STORE: url, JALON_DEMO: '0', JALON_MAX_HEAP_MB: String(plan.heapMB) };
        const loads: number[] = [];
        for (const i of [0, 1]) {
          const t0 = performance.now();
          servers.push(await startServer(join(plan.dir, `unused-${i}.json`), env));
          loads.push(performance.now() - t0);
        }
        log(`instances loaded in ${loads.map(Math.round).join(' ms and ')} ms`);
        return {
          base: servers[0]!.base,
          bases: servers.map((s) => s.base),
          pids: servers.map((s) => s.child.pid!),
          loadMs: Math.max(...loads),
          stop,
        };
      } catch (e) {
        await stop().catch(() => undefined);
        throw e;
      }
    },
    async close() {
      if (!ownCluster) return;
      const out = spawnSync('bash', [throwaway, 'stop'], {
        env: { ...process.env, JALON_PG_PORT: ownCluster.port },
        encoding: 'utf8',
      });
      if (out.status !== 0) log(`pg-throwaway.sh stop: ${out.stderr}`);
      ownCluster = undefined;
    },
  };
};
