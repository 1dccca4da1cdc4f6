import { Hono } from 'hono';
import { dashboard } from '../domain/dashboard.js';
import { encodeJson, parseWith, sendEncoded, type AppEnv, type EncodedJson } from './context.js';
import { dashboardQuery } from './schemas.js';

/** The dashboard is read far more often than the plan changes: its JSON is kept per filter
 *  until the next write (Store.derived). Hits skip validation, computing and encoding. */
export const dashboardRoutes = () =>
  new Hono<AppEnv>().get('/', (c) => {
    const store = c.get('store');
    const url = c.req.url, qi = url.indexOf('?');
    const key = qi < 0 ? '' : url.slice(qi);
    const cache = store.derived<EncodedJson>('dashboard');
    let hit = cache.get(key);
    if (!hit) {
      const q = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
      hit = encodeJson(dashboard(store.plan, parseWith(dashboardQuery, q), store.plan.index.buckets()));
      if (cache.size < 5000) cache.set(key, hit);
    }
    return sendEncoded(c, hit);
  });

export const regionRoutes = () =>
  new Hono<AppEnv>().get('/', (c) => c.json({ items: [...c.get('store').all('regions')].sort((a, b) => a.name.localeCompare(b.name, 'fr')) }));
