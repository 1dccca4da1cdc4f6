// npm run bench [-- --quick]: national scale, measured. Generates the national plan in a temp
// folder, starts a real Jalon server on it and prints what it measured; the last line is one JSON
// object (see README, "Performance"). --quick shortens the load and concurrency phases.
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort, startServer, waitHealthy } from './server-process.js';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { JSONFile } from 'lowdb/node';
import { Low } from 'lowdb';
import type { Allocation, Page } from '../server/contract/plan.js';
import type { DataFile } from '../server/store/schema.js';
import { AuditFile } from '../server/store/audit-file.js';
import { SnapshotFile } from '../server/store/snapshot-file.js';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    establishments: { type: 'string', default: '3000' },
    keep: { type: 'boolean', default: false },
  },
});
const QUICK = opts.quick;
const root = new URL('..', import.meta.url).pathname;
const log = (...xs: unknown[]) => console.log('[bench]', ...xs);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const r1 = (n: number) => Math.round(n * 10) / 10;
let rng = 12345;
const rand = () => (rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const memMB = async (pid: number, field: 'VmHWM' | 'VmRSS') =>
  Number((await readFile(`/proc/${pid}/status`, 'utf8')).match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0) / 1024;
const peakRssMB = (pid: number) => memMB(pid, 'VmHWM');
/** CPU time (user + system) a process has used so far, in µs (Linux clock ticks of 10 ms). */
const cpuUs = async (pid: number) => {
  const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10_000;
};

const dir = await mkdtemp(join(tmpdir(), 'jalon-bench-'));
const dataPath = join(dir, 'jalon.json');
const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
try {
  log(`generating ${opts.establishments} establishments in ${dir}`);
  const gen = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts/gen.ts'), '--establishments', opts.establishments, '--out', dir],
    { encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error(gen.stderr);
  const genInfo = JSON.parse(gen.stdout.trim().split('\n').at(-1)!) as { allocations: number; establishments: number };
  const fileMB = ((await stat(dataPath)).size + (await stat(`${dataPath}.audit`)).size) / 1048576;
  await copyFile(dataPath, join(dir, 'baseline.json'));

  // --- cold start to healthy
  const t0 = performance.now();
  const running = await startServer(dataPath);
  const loadMs = performance.now() - t0;
  const { child: server, base } = running;
  children.push(server);
  log(`loaded ${r1(fileMB)} MB in ${Math.round(loadMs)} ms, rss ${Math.round(await memMB(server.pid!, 'VmRSS'))} MB`);

  const login = async (email: string) => {
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'CaRE-cyber-2027' }),
    });
    if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const planner = await login('planner1@jalon.test');
  const reviewer = await login('reviewer1@jalon.test');
  const get = async <T>(path: string, cookie = reviewer) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return { json: (await res.json()) as T, etag: res.headers.get('etag') ?? '' };
  };
  const patch = (id: string, rev: string, amounts: Allocation['amounts']) =>
    fetch(`${base}/api/allocations/${id}`, {
      method: 'PATCH',
      headers: { cookie: planner, 'content-type': 'application/json', 'if-match': `"${rev}"` },
      body: JSON.stringify({ amounts }),
    });

  const envelopes = (await get<Page<{ id: string }>>('/api/envelopes')).json.items.map((e) => e.id);
  const regions = (await get<{ items: Array<{ code: string }> }>('/api/regions')).json.items.map((r) => r.code);
  const proposed = (await get<Page<Allocation>>('/api/allocations?status=proposed&limit=1000')).json.items;

  // --- 1,000 durable allocation edits, one after the other
  const writeMs: number[] = [];
  const revs = new Map(proposed.map((a) => [a.id, a]));
  for (let i = 0; i < 1000; i++) {
    const a = revs.get(proposed[i % proposed.length]!.id)!;
    const amounts = { ...a.amounts, '2025': (a.amounts['2025'] ?? 0) + (i % 2 ? -100 : 100) };
    const t = performance.now();
    const res = await patch(a.id, a.rev, amounts);
    writeMs.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`write ${i}: ${res.status} ${await res.text()}`);
    revs.set(a.id, (await res.json()) as Allocation);
  }
  log(
    `writes p50 ${r1(pct(writeMs, 50))} ms, p99 ${r1(pct(writeMs, 99))} ms, peak rss ${Math.round(await peakRssMB(server.pid!))} MB`,
  );

  // --- the same write with plain lowdb rewriting the whole file (measured in this run)
  const baselinePath = join(dir, 'baseline-lowdb.json');
  // plain lowdb keeps everything, audit trail included, in one JSON file
  const copy = await new SnapshotFile(join(dir, 'baseline.json')).read();
  await new AuditFile(`${dataPath}.audit`).each((e) => copy!.audit.push(e));
  const db = new Low<DataFile>(new JSONFile<DataFile>(baselinePath), copy!);
  await db.write();
  const baselineMs: number[] = [];
  const ids = Object.keys(db.data.collections.allocations);
  for (let i = 0; i < (QUICK ? 5 : 15); i++) {
    const a = db.data.collections.allocations[pick(ids)]!;
    const t = performance.now();
    db.data.collections.allocations[a.id] = { ...a, amounts: { ...a.amounts, '2025': (a.amounts['2025'] ?? 0) + 100 } };
    await db.write();
    baselineMs.push(performance.now() - t);
  }
  log(`plain lowdb write p50 ${r1(pct(baselineMs, 50))} ms`);

  // --- dashboard and awards, one request at a time, random filters
  const filterPath = () => {
    const q = new URLSearchParams();
    if (rand() < 0.4) q.set('envelopeId', pick(envelopes));
    if (rand() < 0.4) q.set('region', pick(regions));
    if (rand() < 0.3) q.set('axis', String(1 + Math.floor(rand() * 4)));
    return `/api/dashboard?${q}`;
  };
  const timed = async (paths: () => string, n: number, cookie = reviewer) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await get(paths(), cookie);
      ms.push(performance.now() - t);
    }
    return ms;
  };
  const dashMs = await timed(filterPath, 300);
  log(`dashboard p50 ${r1(pct(dashMs, 50))} ms, p99 ${r1(pct(dashMs, 99))} ms`);
  const finess = (await get<Page<{ finess: string }>>('/api/establishments?limit=1000')).json.items.map(
    (e) => e.finess,
  );
  const awardsMs = await timed(() => `/api/establishments/${pick(finess)}/awards`, 300);
  log(`awards p50 ${r1(pct(awardsMs, 50))} ms`);

  // --- throughput: 50 connections on the dashboard, then on a bare Hono route
  const duration = QUICK ? 4 : 10;
  const cannon = (url: string, headers: Record<string, string>, path: () => string) =>
    autocannon({
      url,
      connections: 50,
      duration,
      headers,
      requests: [{ method: 'GET', setupRequest: (req: { path: string }) => ({ ...req, path: path() }) }],
    } as autocannon.Options);
  // as a browser asks: gzip accepted
  // the server's own CPU per answer, besides the rate: the load generator shares the 2 cores
  const cpuPerAnswer = async (pid: number, run: () => Promise<autocannon.Result>) => {
    const before = await cpuUs(pid),
      result = await run();
    return { result, us: ((await cpuUs(pid)) - before) / result.requests.total };
  };
  const { result: dash, us: dashUs } = await cpuPerAnswer(server.pid!, () =>
    cannon(base, { cookie: reviewer, 'accept-encoding': 'gzip, deflate, br' }, filterPath),
  );
  if (dash.non2xx) throw new Error(`dashboard load: ${dash.non2xx} non-2xx`);
  const barePort = await freePort();
  const bare = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench-bare.ts')], {
    env: { ...process.env, PORT: String(barePort) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(bare);
  await waitHealthy(`http://127.0.0.1:${barePort}`, bare);
  const { result: bareRes, us: bareUs } = await cpuPerAnswer(bare.pid!, () =>
    cannon(`http://127.0.0.1:${barePort}`, { 'accept-encoding': 'gzip, deflate, br' }, () => '/api/health'),
  );
  bare.kill();
  log(
    `dashboard ${Math.round(dash.requests.average)} req/s vs bare Hono ${Math.round(bareRes.requests.average)} req/s; server CPU per answer ${Math.round(dashUs)} µs vs ${Math.round(bareUs)} µs; peak rss ${Math.round(await peakRssMB(server.pid!))} MB`,
  );

  // --- 50 clients editing 20 shared allocations with If-Match and retries
  const shared = proposed.slice(0, 20).map((a) => a.id);
  const acks: Array<{ id: string; value: number; rev: number }> = [];
  let conflicts = 0,
    counter = 0;
  const until = performance.now() + (QUICK ? 5 : 30) * 1000;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (performance.now() < until) {
        const id = pick(shared);
        const { json: a } = await get<Allocation>(`/api/allocations/${id}`, planner);
        const value = 1_000_000 + ++counter; // unique, so every acknowledged write can be found again
        const res = await patch(id, a.rev, { ...a.amounts, '2027': value });
        if (res.status === 412) {
          conflicts++;
          await res.arrayBuffer();
          continue;
        }
        if (res.status !== 200) throw new Error(`concurrent write: ${res.status} ${await res.text()}`);
        const saved = (await res.json()) as Allocation;
        acks.push({ id, value, rev: parseInt(saved.rev, 36) });
      }
    }),
  );
  let lostUpdates = 0;
  for (const id of shared) {
    const mine = acks.filter((a) => a.id === id).sort((a, b) => a.rev - b.rev);
    const { json: final } = await get<Allocation>(`/api/allocations/${id}`);
    if (mine.length && final.amounts['2027'] !== mine.at(-1)!.value) lostUpdates++;
    const trail = (await get<Page<{ after: Allocation | null }>>(`/api/audit?entity=allocations&id=${id}&limit=1000`))
      .json.items;
    const seen = new Set(trail.map((e) => e.after?.amounts['2027']));
    lostUpdates += mine.filter((a) => !seen.has(a.value)).length;
  }
  let ruleViolations = 0;
  for (const id of envelopes) {
    const { json: b } = await get<{ remainingCents: number; years: Record<string, { remainingCents: number | null }> }>(
      `/api/envelopes/${id}/budget`,
    );
    if (b.remainingCents < 0 || Object.values(b.years).some((y) => (y.remainingCents ?? 0) < 0)) ruleViolations++;
  }
  log(
    `concurrent edits: ${acks.length} acknowledged, ${conflicts} refused with 412 and retried, ${lostUpdates} lost, ${ruleViolations} rule violations`,
  );

  const rssMB = await peakRssMB(server.pid!);
  const baselineWriteP50Ms = pct(baselineMs, 50),
    writeP50Ms = pct(writeMs, 50);
  console.log(
    JSON.stringify({
      establishments: genInfo.establishments,
      allocations: genInfo.allocations,
      fileMB: r1(fileMB),
      loadMs: Math.round(loadMs),
      rssMB: Math.round(rssMB),
      writeP50Ms: r1(writeP50Ms),
      writeP99Ms: r1(pct(writeMs, 99)),
      baselineWriteP50Ms: r1(baselineWriteP50Ms),
      writeSpeedup: r1(baselineWriteP50Ms / writeP50Ms),
      dashboardP50Ms: r1(pct(dashMs, 50)),
      dashboardP99Ms: r1(pct(dashMs, 99)),
      awardsP50Ms: r1(pct(awardsMs, 50)),
      dashboardRps: Math.round(dash.requests.average),
      bareHonoRps: Math.round(bareRes.requests.average),
      rpsRatio: Math.round((dash.requests.average / bareRes.requests.average) * 100) / 100,
      lostUpdates: lostUpdates + ruleViolations,
    }),
  );
  await running.stop();
} finally {
  if (!opts.keep) await rm(dir, { recursive: true, force: true });
}
