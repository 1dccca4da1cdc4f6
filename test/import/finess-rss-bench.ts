// Bench (not a suite): node --import tsx test/import/finess-rss-bench.ts [rows] [--keep-every N] [--geo] [--dry-run]
// Applies a generated FINESS extract to a real server process started as `npm start` starts it
// (heap capped at JALON_MAX_HEAP_MB, 384 MB by default), streamed from disk, and prints the
// server's peak resident size (VmHWM), the time and the answer. Default: 250,000 structureet
// lines, every one a hospital kept (the worst case for the apply), no geolocalisation lines.
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/server-process.js';
import { generateFiness } from './generate.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rows = Number(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 250_000);
const keepEvery = arg('--keep-every', 1),
  geo = process.argv.includes('--geo'),
  dryRun = process.argv.includes('--dry-run');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const statusKb = (pid: number, field: string) =>
  Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))![1]) * 1024;

const dir = mkdtempSync(join(tmpdir(), 'jalon-finess-rss-'));
const server = await startServer(join(dir, 'jalon.json'), { JALON_DEMO: '1', NODE_ENV: 'test' });
try {
  const path = join(dir, 'finess.csv');
  const { kept, bytes } = generateFiness(path, rows, keepEvery, geo);
  const login = await fetch(`${server.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'planif@jalon.test', password: 'CaRE-cyber-2027' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const pid = server.child.pid!;
  const baseRss = statusKb(pid, 'VmRSS');
  const t0 = performance.now();
  const answer = await new Promise<{ status: number; text: string }>((resolve) => {
    const req = request(
      `${server.base}/api/import/finess${dryRun ? '?dryRun=1' : ''}`,
      { method: 'POST', headers: { cookie, 'content-type': 'text/csv', 'content-length': statSync(path).size } },
      (res) => {
        let s = '';
        res
          .setEncoding('utf8')
          .on('data', (d) => (s += d))
          .on('end', () => resolve({ status: res.statusCode!, text: s }));
      },
    );
    req.on('error', (e) => resolve({ status: 0, text: `connection lost (${e.message})` }));
    createReadStream(path).pipe(req);
  });
  await new Promise((r) => setTimeout(r, 500)); // a dying server's exit to be seen
  const ms = performance.now() - t0;
  const alive = server.child.exitCode === null;
  const peak = alive ? statusKb(pid, 'VmHWM') : NaN;
  const r = answer.status === 200 ? JSON.parse(answer.text) : null;
  console.log(
    `${rows} structureet lines${geo ? ' (+ as many geolocalisation)' : ''}, ${mb(bytes)}, ${kept} kept; ${dryRun ? 'dry run' : 'applied'}`,
  );
  console.log(
    `answer ${answer.status} in ${(ms / 1000).toFixed(1)} s: ${r ? `created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}` : answer.text.slice(0, 200)}`,
  );
  console.log(`server ${alive ? 'alive' : 'dead'}; RSS before ${mb(baseRss)}, peak ${mb(peak)}`);
  console.log(
    JSON.stringify({
      rows,
      bytes,
      kept,
      status: answer.status,
      ms: Math.round(ms),
      baseRssMB: Math.round(baseRss / 1048576),
      peakRssMB: Math.round(peak / 1048576),
      alive,
    }),
  );
} finally {
  await server.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
