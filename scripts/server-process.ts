// A real Jalon server in a child process, for the benchmarks: a free port, the node flags of
// `npm start` (keep the two in step), and a wait until /api/health answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** As in package.json's "start": the heap cap keeps the resident size in check under load. */
export const serverNodeArgs = () => [
  `--max-old-space-size=${process.env.JALON_MAX_HEAP_MB ?? 384}`,
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
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
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
  stop(): Promise<void>;
}

/** Starts the server on `dataPath` (production mode: no demo accounts) and waits until healthy. */
export const startServer = async (dataPath: string, env: Record<string, string> = {}): Promise<ServerProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, serverNodeArgs(), {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      JALON_DATA: dataPath,
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(base, child);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited; // a clean stop compacts the journal into the snapshot
  };
  return { child, base, port, stop };
};
