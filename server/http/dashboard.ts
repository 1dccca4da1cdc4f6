import { Hono } from 'hono';
import { gzipSync } from 'node:zlib';
import type { MilestonePoint } from '../contract/plan.js';
import { dashboard, milestonePoints } from '../domain/dashboard.js';
import { parseWith, todayOf, type AppEnv } from './context.js';
import { dashboardQuery } from './schemas.js';

interface Cached { json: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> }

/** The dashboard is read far more often than the plan changes: its JSON (and its gzip, for the
 *  browsers that accept it) is kept per filter until the next write, or the next day for
 *  milestone statuses. Hits skip validation, computing, encoding and compressing. */
export const dashboardRoutes = () => {
  let cache = new Map<string, Cached>(), cacheKey = '';
  let milestones: MilestonePoint[] | null = null; // the same for every filter
  return new Hono<AppEnv>().get('/', (c) => {
    const store = c.get('store'), today = todayOf(c);
    if (cacheKey !== `${store.version}|${today}`) { cache = new Map(); cacheKey = `${store.version}|${today}`; milestones = null; }
    const url = c.req.url, qi = url.indexOf('?');
    const raw = qi < 0 ? '' : url.slice(qi);
    let hit = cache.get(raw);
    if (!hit) {
      const q = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
      milestones ??= milestonePoints(store.plan, today);
      const json = Buffer.from(JSON.stringify(dashboard(store.plan, parseWith(dashboardQuery, q), today, store.plan.index.buckets(), milestones)));
      hit = { json: new Uint8Array(json), gzip: new Uint8Array(gzipSync(json)) };
      if (cache.size < 5000) cache.set(raw, hit);
    }
    const gz = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    return c.body(gz ? hit.gzip : hit.json, 200, { 'Content-Type': 'application/json', Vary: 'Accept-Encoding', ...(gz ? { 'Content-Encoding': 'gzip' } : {}) });
  });
};

export const regionRoutes = () =>
  new Hono<AppEnv>().get('/', (c) => c.json({ items: [...c.get('store').all('regions')].sort((a, b) => a.name.localeCompare(b.name, 'fr')) }));
