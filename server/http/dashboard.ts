import { Hono } from 'hono';
import { gzipSync } from 'node:zlib';
import type { MilestonePoint } from '../contract/plan.js';
import { dashboard, milestonePoints } from '../domain/dashboard.js';
import { parseWith, todayOf, type AppEnv } from './context.js';
import { dashboardQuery } from './schemas.js';

interface Cached { json: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> }

/** The dashboard is read far more often than the plan changes: its JSON (and its gzip, for the
 *  browsers that accept it) is kept per day and filter until the next write (Store.derived).
 *  Hits skip validation, computing, encoding and compressing. */
export const dashboardRoutes = () =>
  new Hono<AppEnv>().get('/', (c) => {
    const store = c.get('store'), today = todayOf(c);
    const url = c.req.url, qi = url.indexOf('?');
    const key = `${today}${qi < 0 ? '' : url.slice(qi)}`;
    const cache = store.derived<Cached>('dashboard');
    let hit = cache.get(key);
    if (!hit) {
      const q = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
      // milestones do not depend on the filters: computed once per write and day
      const milestones = store.derived<MilestonePoint[]>('milestones');
      if (!milestones.has(today)) milestones.set(today, milestonePoints(store.plan, today));
      const json = Buffer.from(JSON.stringify(dashboard(store.plan, parseWith(dashboardQuery, q), today, store.plan.index.buckets(), milestones.get(today))));
      hit = { json: new Uint8Array(json), gzip: new Uint8Array(gzipSync(json)) };
      if (cache.size < 5000) cache.set(key, hit);
    }
    const gz = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    return c.body(gz ? hit.gzip : hit.json, 200, { 'Content-Type': 'application/json', Vary: 'Accept-Encoding', ...(gz ? { 'Content-Encoding': 'gzip' } : {}) });
  });

export const regionRoutes = () =>
  new Hono<AppEnv>().get('/', (c) => c.json({ items: [...c.get('store').all('regions')].sort((a, b) => a.name.localeCompare(b.name, 'fr')) }));
