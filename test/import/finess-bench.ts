// Bench (not a suite): node --import tsx test/import/finess-bench.ts [rows] [--dry-run] [--file-store]
// Serves the app on 127.0.0.1 (a random port), uploads a generated FINESS file over HTTP streamed
// from disk, and prints structureet rows/s and the peak RSS and heap seen while it ran.
import { serve } from '@hono/node-server';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { emptyData } from '../../server/store/schema.js';
import { JournalStore } from '../../server/store/store.js';
import { demoData, fixedClock } from '../helpers/app.js';
import { generateFiness } from './generate.js';
import { cookieFor } from './raw.js';

export const runBench = async (rows: number, opts: { dryRun?: boolean; fileStore?: boolean } = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-finess-'));
  try {
    const path = join(dir, 'finess.csv');
    const { kept } = generateFiness(path, rows);
    const bytes = statSync(path).size;
    const users = (await demoData()).collections.users;
    const store = await JournalStore.open({
      path: opts.fileStore ? join(dir, 'jalon.json') : undefined,
      seed: () => ({ ...emptyData(), collections: { ...emptyData().collections, users } }),
    });
    const app = createApp({ store, clock: fixedClock() });
    const cookie = await cookieFor(app, 'planif@jalon.test');
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    globalThis.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss,
      peakHeap = base.heapUsed;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 10);
    const t0 = performance.now();
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/import/finess${opts.dryRun ? '?dryRun=1' : ''}`,
          headers: { cookie, 'content-type': 'text/csv', 'content-length': bytes },
        },
        (res) => {
          let s = '';
          res
            .setEncoding('utf8')
            .on('data', (d) => (s += d))
            .on('end', () => resolve(s));
        },
      );
      req.on('error', reject);
      createReadStream(path).pipe(req);
    });
    const ms = performance.now() - t0;
    clearInterval(timer);
    server.close();
    await store.close();
    const result = JSON.parse(text);
    return {
      result,
      rows,
      bytes,
      kept,
      ms,
      rowsPerSec: Math.round(rows / (ms / 1000)),
      baseRss: base.rss,
      peakRss,
      baseHeap: base.heapUsed,
      peakHeap,
      stored: store.count('establishments'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 100_000);
  const r = await runBench(rows, {
    dryRun: process.argv.includes('--dry-run'),
    fileStore: process.argv.includes('--file-store'),
  });
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `${r.rows} structureet rows (+ as many geolocalisation), file ${mb(r.bytes)}, kept ${r.kept}, created ${r.result.created}, stored ${r.stored}`,
  );
  console.log(`${r.ms.toFixed(0)} ms, ${r.rowsPerSec} structureet rows/s`);
  console.log(
    `RSS ${mb(r.baseRss)} → peak ${mb(r.peakRss)} (+${mb(r.peakRss - r.baseRss)}); heap ${mb(r.baseHeap)} → peak ${mb(r.peakHeap)} (+${mb(r.peakHeap - r.baseHeap)})`,
  );
}
