// A real Jalon server in a child process, for the benchmarks: a free port, the node flags of
// `npm start` (keep the two in step), and a wait until /api/health answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** As in package.json's "start": the heap cap keeps the resident size in check under load. */
export const serverNodeArgs = (heapMB = process.env.JALON_MAX_HEAP_MB) => [
  `--max-old-space-size=${heapMB ?? 384}`,
  '--import',
  'tsx',
  join(root, 'server/main.ts'),
];

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

export const waitHealthy = async (base: string, child: ChildProcess): Promise<void> => {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited (${child.exitCode ?? child.signalCode})`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
};

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  port: number;
  /** What the server wrote on stderr (its last 256 kB), when started with `stderr: 'keep'`. */
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** `inherit` (the default) passes the server's stderr on; `keep` keeps it for output() (a test
   *  that expects errors, or a message at exit). */
  stderr?: 'inherit' | 'keep';
}

/** Spawns the server on `dataPath` (production mode: no demo accounts) without waiting for it. */
export const spawnServer = async (
  dataPath: string,
  env: Record<string, string> = {},
  { stderr = 'inherit' }: ServerOptions = {},
): Promise<ServerProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, serverNodeArgs(env.JALON_MAX_HEAP_MB), {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      JALON_DATA: dataPath,
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'ignore', stderr === 'keep' ? 'pipe' : 'inherit'],
  });
  let kept = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    kept = (kept + d).slice(-256 * 1024);
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited; // a clean stop compacts the journal into the snapshot
  };
  return { child, base, port, output: () => kept, stop };
};

/** Starts the server on `dataPath` (production mode: no demo accounts) and waits until healthy. */
export const startServer = async (
  dataPath: string,
  env: Record<string, string> = {},
  options: ServerOptions = {},
): Promise<ServerProcess> => {
  const server = await spawnServer(dataPath, env, options);
  try {
    await waitHealthy(server.base, server.child);
  } catch (e) {
    throw new Error(`${(e as Error).message}${server.output() ? `: ${server.output().slice(-2000)}` : ''}`, {
      cause: e,
    });
  }
  return server;
};
