import { Hono } from 'hono';
import { keptBuckets } from '../domain/buckets.js';
import { dashboard } from '../domain/dashboard.js';
import { notFound } from '../domain/errors.js';
import { regionalDashboard } from '../domain/regional.js';
import { encodeJson, parseWith, sendEncoded, todayOf, type AppEnv, type Ctx, type EncodedJson } from './context.js';
import { dashboardQuery } from './schemas.js';

/** The dashboard under the request's filters (empty ones ignored), from the store's buckets: the
 *  page's and the variance export's. An ARS account's is its region's (another region: 404). */
export const dashboardOf = (c: Ctx) => {
  const q = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const plan = c.get('store').plan,
    region = c.get('region');
  const f = parseWith(dashboardQuery, q);
  if (!region) return dashboard(plan, f, keptBuckets(plan), todayOf(c));
  if (f.region && f.region !== region) throw notFound('Région', f.region);
  return regionalDashboard(plan, region, dashboard(plan, { ...f, region }, keptBuckets(plan), todayOf(c)));
};

/** The dashboard is read far more often than the plan changes: its JSON is kept per filter
 *  until the next write (Store.derived). Hits skip validation, computing and encoding. */
export const dashboardRoutes = () =>
  new Hono<AppEnv>().get('/', (c) => {
    const store = c.get('store');
    const url = c.req.url,
      qi = url.indexOf('?');
    // the series stop at today: a cached answer lasts the day at most
    const key = `${todayOf(c)}|${c.get('region') ?? ''}${qi < 0 ? '' : url.slice(qi)}`;
    const cache = store.derived<EncodedJson>('dashboard');
    let hit = cache.get(key);
    if (!hit) {
      hit = encodeJson(dashboardOf(c));
      if (cache.size < 5000) cache.set(key, hit);
    }
    return sendEncoded(c, hit);
  });

export const regionRoutes = () =>
  new Hono<AppEnv>().get('/', (c) =>
    c.json({ items: [...c.get('store').all('regions')].sort((a, b) => a.name.localeCompare(b.name, 'fr')) }),
  );
