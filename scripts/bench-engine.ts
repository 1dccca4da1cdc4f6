// What `npm run bench` measures against: a storage engine started on a generated plan. The bench
// generates each size once, then hands the plan to every engine asked for (`--store`); an engine
// prepares what it needs (untimed), starts one or more Jalon instances and says how long the cold
// start took. `embedded` is here; `postgres` (two instances on one database) in bench-postgres.ts.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { postgresEngine } from './bench-postgres.js';
import { startServer } from './server-process.js';

/** A plan as `npm run gen` wrote it. */
export interface BenchPlan {
  /** The Jalon data file (its audit trail beside it, `<dataPath>.audit`). */
  dataPath: string;
  /** A folder of the bench's own, removed at the end, for whatever the engine needs. */
  dir: string;
  establishments: number;
  /** V8's old-space cap for each instance, in MB (`JALON_MAX_HEAP_MB`). */
  heapMB: number;
}

export interface BenchInstance {
  /** Where the bench sends its requests (the first instance when there are several). */
  base: string;
  /** Every instance's address, `base` first, when there are several on one store: the bench then
   *  measures how long a write on the first takes to show on the second. */
  bases?: string[];
  /** Every server process, for their resident size. */
  pids: number[];
  /** Cold start to healthy, preparation (copies, migrations) excluded. */
  loadMs: number;
  stop(): Promise<void>;
}

export interface BenchEngine {
  name: string;
  start(plan: BenchPlan): Promise<BenchInstance>;
  /** Releases what the engine kept between plans (a database server it started), at the end. */
  close?(): Promise<void>;
}

/** One `npm start` server over the data file: what Jalon runs by default. */
const embedded: BenchEngine = {
  name: 'embedded',
  async start(plan) {
    const t0 = performance.now();
    const s = await startServer(plan.dataPath, { JALON_MAX_HEAP_MB: String(plan.heapMB) });
    const loadMs = performance.now() - t0;
    return { base: s.base, pids: [s.child.pid!], loadMs, stop: s.stop };
  },
};

export const ENGINES: Record<string, BenchEngine> = { embedded, postgres: postgresEngine() };

const memMB = async (pid: number, field: 'VmHWM' | 'VmRSS') =>
  Number((await readFile(`/proc/${pid}/status`, 'utf8')).match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0) / 1024;
/** Each process's resident size, now. */
export const rssEachMB = (pids: number[]) => Promise.all(pids.map((p) => memMB(p, 'VmRSS')));
/** The largest resident size among an instance's processes, now. */
export const rssMB = async (pids: number[]) => Math.max(...(await Promise.all(pids.map((p) => memMB(p, 'VmRSS')))));
/** The largest peak resident size among an instance's processes, since each started. */
export const peakRssMB = async (pids: number[]) => Math.max(...(await Promise.all(pids.map((p) => memMB(p, 'VmHWM')))));
