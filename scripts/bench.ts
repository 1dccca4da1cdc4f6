// npm run bench [-- --quick] [--beneficiaries 3000,30000] [--store embedded]: national scale,
// measured. Generates the plan at each size in a temp folder, starts each engine on it (see
// bench-engine.ts) and prints what it measured; the last line is one JSON object (see README,
// "Performance"). At every size: load time, RSS, durable writes, dashboard, awards and the
// planner's scenarios (bench-scenarios.ts: the plan and three scenarios compared, against its
// target); at the first size also the plain-lowdb baseline, the throughput against bare Hono and
// the concurrent edits. An engine of several instances (postgres: two on one database) is driven
// through the first, its concurrent editors spread over all, and a write on the first is timed
// until the second shows it. With several engines, their figures side by side; with several sizes,
// how each figure grew from the first to the last. --quick shortens the load and concurrency phases.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { freePort, waitHealthy } from './server-process.js';
import { ENGINES, peakRssMB, rssEachMB, rssMB, type BenchEngine, type BenchPlan } from './bench-engine.js';
import { scenarioBench } from './bench-scenarios.js';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
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
    beneficiaries: { type: 'string' },
    establishments: { type: 'string' }, // the former name of --beneficiaries, one size
    store: { type: 'string', default: 'embedded' },
    'heap-mb': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const fail = (msg: string): never => {
  console.error(`bench: ${msg}`);
  process.exit(2);
};
const SIZES = (opts.beneficiaries ?? opts.establishments ?? '3000').split(',').map(Number);
if (SIZES.some((n) => !Number.isSafeInteger(n) || n < 1) || SIZES.some((n, i) => i && n <= SIZES[i - 1]!))
  fail('--beneficiaries takes whole numbers in increasing order, e.g. 3000,30000');
const engines: BenchEngine[] = opts.store
  .split(',')
  .map((name) => ENGINES[name] ?? fail(`unknown --store ${name} (known: ${Object.keys(ENGINES).join(', ')})`));
// `npm start` caps the heap at 384 MB for the national plan; a plan n times larger gets n times the
// cap, the same policy (a 30,000 plan does not load under 384 MB). --heap-mb sets it for every size.
const heapMBFor = (n: number) =>
  opts['heap-mb']
    ? Number(opts['heap-mb'])
    : Math.round(Number(process.env.JALON_MAX_HEAP_MB ?? 384) * Math.max(1, n / 3000));

const QUICK = opts.quick;
const root = new URL('..', import.meta.url).pathname;
const log = (...xs: unknown[]) => console.log('[bench]', ...xs);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;
let rng = 12345;
const rand = () => (rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** CPU time (user + system) a process has used so far, in µs (Linux clock ticks of 10 ms). */
const cpuUs = async (pid: number) => {
  const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10_000;
};

type Figures = Record<string, number | string>;

/** Load, memory, writes one after the other, dashboard and awards: what every size measures. */
const core = async (base: string, pids: number[]) => {
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
  const get = async <T>(path: string, cookie = reviewer, at = base) => {
    const res = await fetch(`${at}${path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return { json: (await res.json()) as T, etag: res.headers.get('etag') ?? '' };
  };
  const patch = (id: string, rev: string, amounts: Allocation['amounts'], at = base) =>
    fetch(`${at}/api/allocations/${id}`, {
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
    `writes p50 ${r1(pct(writeMs, 50))} ms, p99 ${r1(pct(writeMs, 99))} ms, peak rss ${Math.round(await peakRssMB(pids))} MB`,
  );

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
  const windowFigures = await windowReads(timed, get, patch, proposed);
  const figures: Figures = {
    ...windowFigures,
    rssCoreMB: Math.round(await peakRssMB(pids)),
    writeP50Ms: r1(pct(writeMs, 50)),
    writeP99Ms: r1(pct(writeMs, 99)),
    dashboardP50Ms: r1(pct(dashMs, 50)),
    dashboardP99Ms: r1(pct(dashMs, 99)),
    awardsP50Ms: r1(pct(awardsMs, 50)),
  };
  return { figures, get, patch, planner, reviewer, envelopes, proposed, filterPath };
};

/** The generated funding window (gen-window.ts, ~1,200 applications per 3,000 establishments):
 *  a page of its applications (100, as the list reads them) and all of them (1,000 at most),
 *  its funnel, and the « À verser » list of its payable tranches, each read right after a write
 *  (nothing kept from an earlier answer: what a first reader pays) and then again (what the
 *  others pay until the next write); medians of 50 each. */
const windowReads = async (
  timed: (paths: () => string, n: number) => Promise<number[]>,
  get: <T>(path: string) => Promise<{ json: T }>,
  patch: (id: string, rev: string, amounts: Allocation['amounts']) => Promise<Response>,
  proposed: Allocation[],
): Promise<Figures> => {
  const W = 'win-gen-d2';
  const reads = {
    applicationsPage: `/api/applications?windowId=${W}&limit=100`,
    applicationsAll: `/api/applications?windowId=${W}&limit=1000`,
    funnel: `/api/windows/${W}/funnel`,
    payable: `/api/payments/payable?windowId=${W}`,
  };
  const out: Figures = {
    windowApplications: (await get<Page<unknown>>(reads.applicationsAll)).json.total,
    windowPayable: (await get<{ items: unknown[] }>(reads.payable)).json.items.length,
  };
  // the last proposal, as it stands after the writes above
  let a = (await get<Allocation>(`/api/allocations/${proposed[proposed.length - 1]!.id}`)).json;
  for (const [name, path] of Object.entries(reads)) {
    const afterWrite: number[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await patch(a.id, a.rev, { ...a.amounts, '2026': (a.amounts['2026'] ?? 0) + (i % 2 ? -100 : 100) });
      if (res.status !== 200) throw new Error(`window bench write: ${res.status} ${await res.text()}`);
      a = (await res.json()) as Allocation;
      afterWrite.push(...(await timed(() => path, 1)));
    }
    const again = await timed(() => path, 50);
    out[`${name}AfterWriteP50Ms`] = r1(pct(afterWrite, 50));
    out[`${name}P50Ms`] = r1(pct(again, 50));
    log(`${name} (${path}) p50 ${r1(pct(afterWrite, 50))} ms after a write, ${r1(pct(again, 50))} ms again`);
  }
  return out;
};

/** A write acknowledged by the first instance, then the second asked (every millisecond or so)
 *  until it shows the new version: how long another instance serves the old one. */
const visibility = async ([a, b]: string[], c: Awaited<ReturnType<typeof core>>) => {
  const ids = c.proposed.slice(0, 100).map((p) => p.id);
  await c.get(`/api/allocations/${ids[0]}`, c.planner, b); // the session known there first
  const ms: number[] = [];
  for (let i = 0; i < (QUICK ? 100 : 300); i++) {
    const id = ids[i % ids.length]!;
    const { json: now } = await c.get<Allocation>(`/api/allocations/${id}`, c.planner, a);
    const amounts = { ...now.amounts, '2026': (now.amounts['2026'] ?? 0) + (i % 2 ? -100 : 100) };
    const res = await c.patch(id, now.rev, amounts, a);
    const acked = performance.now();
    if (res.status !== 200) throw new Error(`visibility write ${i}: ${res.status} ${await res.text()}`);
    const rev = parseInt(((await res.json()) as Allocation).rev, 36);
    for (;;) {
      const { json: there } = await c.get<Allocation>(`/api/allocations/${id}`, c.planner, b);
      if (parseInt(there.rev, 36) >= rev) break;
      await new Promise((r) => setTimeout(r, 1));
    }
    ms.push(performance.now() - acked);
  }
  log(
    `visibility on the second instance p50 ${r1(pct(ms, 50))} ms, p99 ${r1(pct(ms, 99))} ms, max ${r1(Math.max(...ms))} ms (${ms.length} writes)`,
  );
  return { visibilityP50Ms: r1(pct(ms, 50)), visibilityP99Ms: r1(pct(ms, 99)) };
};

/** Throughput against bare Hono, then 50 clients editing 20 shared allocations with If-Match,
 *  spread over every instance. */
const extras = async (bases: string[], pids: number[], c: Awaited<ReturnType<typeof core>>) => {
  const base = bases[0]!;
  const { get, patch, planner, reviewer, envelopes, proposed, filterPath } = c;
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
  const { result: dash, us: dashUs } = await cpuPerAnswer(pids[0]!, () =>
    cannon(base, { cookie: reviewer, 'accept-encoding': 'gzip, deflate, br' }, filterPath),
  );
  if (dash.non2xx) throw new Error(`dashboard load: ${dash.non2xx} non-2xx`);
  const barePort = await freePort();
  const bare = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench-bare.ts')], {
    env: { ...process.env, PORT: String(barePort) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  started.add(bare.pid!);
  await waitHealthy(`http://127.0.0.1:${barePort}`, bare);
  const { result: bareRes, us: bareUs } = await cpuPerAnswer(bare.pid!, () =>
    cannon(`http://127.0.0.1:${barePort}`, { 'accept-encoding': 'gzip, deflate, br' }, () => '/api/health'),
  );
  bare.kill();
  started.delete(bare.pid!);
  log(
    `dashboard ${Math.round(dash.requests.average)} req/s vs bare Hono ${Math.round(bareRes.requests.average)} req/s; server CPU per answer ${Math.round(dashUs)} µs vs ${Math.round(bareUs)} µs; peak rss ${Math.round(await peakRssMB(pids))} MB`,
  );

  // --- 50 clients editing 20 shared allocations with If-Match and retries
  const shared = proposed.slice(0, 20).map((a) => a.id);
  const acks: Array<{ id: string; value: number; rev: number }> = [];
  let conflicts = 0,
    counter = 0;
  const until = performance.now() + (QUICK ? 5 : 30) * 1000;
  await Promise.all(
    Array.from({ length: 50 }, async (_, k) => {
      const at = bases[k % bases.length];
      while (performance.now() < until) {
        const id = pick(shared);
        const { json: a } = await get<Allocation>(`/api/allocations/${id}`, planner, at);
        const value = 1_000_000 + ++counter; // unique, so every acknowledged write can be found again
        const res = await patch(id, a.rev, { ...a.amounts, '2027': value }, at);
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
  // the first instance is read below: the others' last writes reach it within the visibility delay
  if (bases.length > 1) await new Promise((r) => setTimeout(r, 1000));
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
  return {
    dashboardRps: Math.round(dash.requests.average),
    bareHonoRps: Math.round(bareRes.requests.average),
    rpsRatio: r2(dash.requests.average / bareRes.requests.average),
    lostUpdates: lostUpdates + ruleViolations,
  };
};

/** The same write with plain lowdb rewriting the whole file, audit trail included (in this run). */
const plainLowdb = async (snapshotPath: string, auditPath: string, dir: string) => {
  const copy = await new SnapshotFile(snapshotPath).read();
  await new AuditFile(auditPath).each((e) => copy!.audit.push(e));
  const db = new Low<DataFile>(new JSONFile<DataFile>(join(dir, 'baseline-lowdb.json')), copy!);
  await db.write();
  const ms: number[] = [];
  const ids = Object.keys(db.data.collections.allocations);
  for (let i = 0; i < (QUICK ? 5 : 15); i++) {
    const a = db.data.collections.allocations[pick(ids)]!;
    const t = performance.now();
    db.data.collections.allocations[a.id] = { ...a, amounts: { ...a.amounts, '2025': (a.amounts['2025'] ?? 0) + 100 } };
    await db.write();
    ms.push(performance.now() - t);
  }
  log(`plain lowdb write p50 ${r1(pct(ms, 50))} ms`);
  return pct(ms, 50);
};

/** Generates the plan of one size; returns what gen said and where it is. */
const generate = async (dir: string, n: number) => {
  await mkdir(dir, { recursive: true });
  log(`generating ${n} establishments in ${dir}`);
  const gen = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts/gen.ts'), '--establishments', String(n), '--out', dir],
    { encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error(gen.stderr);
  const info = JSON.parse(gen.stdout.trim().split('\n').at(-1)!) as { allocations: number; establishments: number };
  const dataPath = join(dir, 'jalon.json');
  const fileMB = ((await stat(dataPath)).size + (await stat(`${dataPath}.audit`)).size) / 1048576;
  return { info, dataPath, fileMB };
};

// Growth from the first size to the last, against the target: n times the data, at most n times
// the load time and resident size, at most twice the latencies.
const GROWS_WITH_DATA = ['loadMs', 'rssCoreMB'];
const LATENCIES = [
  'writeP50Ms',
  'writeP99Ms',
  'dashboardP50Ms',
  'dashboardP99Ms',
  'awardsP50Ms',
  'visibilityP50Ms',
  'visibilityP99Ms',
];
const growth = (a: Figures, b: Figures) => {
  const dataX = Number(b.allocations) / Number(a.allocations);
  const out: Figures = { engine: a.engine!, from: a.establishments!, to: b.establishments!, dataX: r2(dataX) };
  const over: string[] = [];
  for (const k of [...GROWS_WITH_DATA, ...LATENCIES].filter((k) => k in a && k in b)) {
    const x = Number(b[k]) / Number(a[k]);
    out[k.replace(/(Ms|MB)$/, '') + 'X'] = r2(x);
    if (x > (GROWS_WITH_DATA.includes(k) ? dataX : 2)) over.push(k);
  }
  out.over = over.join(',');
  return out;
};

/** Each size's figures, one line per figure, one column per engine. */
const sideBySide = (all: Figures[]) => {
  for (const n of new Set(all.map((r) => r.establishments))) {
    const rs = all.filter((r) => r.establishments === n);
    const keys = [...new Set(rs.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'engine');
    log(`${n} establishments`.padEnd(24) + rs.map((r) => String(r.engine).padStart(12)).join(''));
    for (const k of keys) log(`  ${k}`.padEnd(24) + rs.map((r) => String(r[k] ?? '-').padStart(12)).join(''));
  }
};

const dir = await mkdtemp(join(tmpdir(), 'jalon-bench-'));
// every server process of this run, killed if the bench stops half way
const started = new Set<number>();
process.on('exit', () => {
  for (const pid of started)
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
});
const runs: Figures[] = [];
try {
  for (const n of SIZES) {
    const first = n === SIZES[0];
    const { info, dataPath, fileMB } = await generate(join(dir, String(n)), n);
    const pristine = join(dir, String(n), 'pristine.json');
    if (first) await copyFile(dataPath, pristine);
    const plan: BenchPlan = { dataPath, dir: join(dir, String(n)), establishments: n, heapMB: heapMBFor(n) };
    for (const engine of engines) {
      const inst = await engine.start(plan);
      for (const pid of inst.pids) started.add(pid);
      const rssLoadMB = await rssMB(inst.pids);
      const bases = inst.bases ?? [inst.base];
      log(
        `${engine.name}, ${n} establishments: loaded ${r1(fileMB)} MB in ${Math.round(inst.loadMs)} ms, rss ${(await rssEachMB(inst.pids)).map(Math.round).join(' / ')} MB (heap cap ${plan.heapMB} MB${bases.length > 1 ? `, ${bases.length} instances` : ''})`,
      );
      const c = await core(inst.base, inst.pids);
      // before the visibility and concurrent writes, which would leave the scenarios stale
      const scenarios = await scenarioBench(
        { base: inst.base, planner: c.planner, proposed: c.proposed, establishments: n, quick: QUICK },
        log,
      );
      const seen = bases.length > 1 ? await visibility(bases, c) : {};
      const more = first ? await extras(bases, inst.pids, c) : {};
      const peaks = await Promise.all(inst.pids.map((p) => peakRssMB([p])));
      if (bases.length > 1) log(`peak rss per instance ${peaks.map(Math.round).join(' / ')} MB`);
      runs.push({
        engine: engine.name,
        instances: bases.length,
        // the machine's 1-minute load average at the end of this engine's run: others share it
        loadAvg: r1(loadavg()[0]!),
        establishments: info.establishments,
        allocations: info.allocations,
        fileMB: r1(fileMB),
        heapCapMB: plan.heapMB,
        loadMs: Math.round(inst.loadMs),
        rssLoadMB: Math.round(rssLoadMB),
        rssMB: Math.round(await peakRssMB(inst.pids)),
        ...c.figures,
        ...scenarios,
        ...seen,
        ...more,
      });
      await inst.stop();
      for (const pid of inst.pids) started.delete(pid);
    }
    if (first) {
      const baselineWriteP50Ms = await plainLowdb(pristine, `${dataPath}.audit`, plan.dir);
      for (const r of runs.filter((r) => r.establishments === n))
        Object.assign(r, {
          baselineWriteP50Ms: r1(baselineWriteP50Ms),
          writeSpeedup: r1(baselineWriteP50Ms / Number(r.writeP50Ms)),
        });
    }
    if (!opts.keep) await rm(join(dir, String(n)), { recursive: true, force: true });
  }
  const grown = engines
    .map((e) => runs.filter((r) => r.engine === e.name))
    .filter((rs) => rs.length > 1)
    .map((rs) => growth(rs[0]!, rs.at(-1)!));
  for (const g of grown) {
    const xs = Object.entries(g)
      .filter(([k]) => k.endsWith('X') && k !== 'dataX')
      .map(([k, v]) => `${k} ${v}`);
    log(
      `growth ${g.engine} ${g.from} → ${g.to} (data ×${g.dataX}; target ≤ ×${g.dataX} load and rss, ≤ ×2 latencies): ${xs.join(', ')}; ${g.over ? `over the target: ${g.over}` : 'within the target'}`,
    );
  }
  if (engines.length > 1) sideBySide(runs);
  console.log(JSON.stringify(runs.length === 1 ? runs[0] : { runs, growth: grown }));
} finally {
  for (const e of engines) await e.close?.();
  if (!opts.keep) await rm(dir, { recursive: true, force: true });
}
