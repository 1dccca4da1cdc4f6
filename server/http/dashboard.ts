import { Hono } from 'hono';
import { dashboard } from '../domain/dashboard.js';
import { parseWith, todayOf, type AppEnv } from './context.js';
import { dashboardQuery } from './schemas.js';


/** The dashboard is read far more often than the plan changes: its JSON is kept per filter
 *  until the next write (or the next day, for milestone statuses). */
export const dashboardRoutes = () => {
  let cache = new Map<string, Uint8Array<ArrayBuffer>>(), cacheKey = '';
  return new Hono<AppEnv>().get('/', (c) => {
    const { store } = c.var, today = todayOf(c);
    if (cacheKey !== `${store.version}|${today}`) { cache = new Map(); cacheKey = `${store.version}|${today}`; }
    const raw = new URL(c.req.url).search; // hits skip parsing and encoding; misses are validated
    let body = cache.get(raw);
    if (!body) {
      const q = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
      body = new TextEncoder().encode(JSON.stringify(dashboard(store.plan, parseWith(dashboardQuery, q), today, store.plan.index.buckets()))) as Uint8Array<ArrayBuffer>;
      if (cache.size < 5000) cache.set(raw, body);
    }
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });
};

export const regionRoutes = () =>
  new Hono<AppEnv>().get('/', (c) => c.json({ items: [...c.var.store.all('regions')].sort((a, b) => a.name.localeCompare(b.name, 'fr')) }));
