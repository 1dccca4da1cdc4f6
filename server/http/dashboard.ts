import { Hono } from 'hono';
import type { GhtBreakdown } from '../contract/plan.js';
import { keptBuckets } from '../domain/buckets.js';
import { dashboard, type DashboardFilter } from '../domain/dashboard.js';
import { dashboardGhts } from '../domain/dashboard-ghts.js';
import { notFound } from '../domain/errors.js';
import { regionalDashboard } from '../domain/regional.js';
import { encodeJson, parseWith, sendEncoded, todayOf, type AppEnv, type Ctx, type EncodedJson } from './context.js';
import { dashboardQuery } from './schemas.js';

/** The request's filters (empty ones ignored); an ARS account's region is its own (another
 *  region: 404). */
const filtersOf = (c: Ctx): DashboardFilter => {
  const q = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const f = parseWith(dashboardQuery, q),
    region = c.get('region');
  if (!region) return f;
  if (f.region && f.region !== region) throw notFound('Région', f.region);
  return { ...f, region };
};

/** The dashboard under the request's filters, from the store's buckets: the page's and the
 *  variance export's. An ARS account's is its region's. */
export const dashboardOf = (c: Ctx) => {
  const plan = c.get('store').plan,
    region = c.get('region');
  const d = dashboard(plan, filtersOf(c), keptBuckets(plan), todayOf(c));
  return region ? regionalDashboard(plan, region, d) : d;
};

/** The breakdown by GHT under the same filters and scope (an ARS account: its region's GHTs). */
export const dashboardGhtsOf = (c: Ctx): GhtBreakdown => {
  const plan = c.get('store').plan;
  return { items: dashboardGhts(plan, filtersOf(c), keptBuckets(plan)) };
};

/** The dashboard is read far more often than the plan changes: its JSON is kept per filter
 *  until the next write (Store.derived). Hits skip validation, computing and encoding. */
const cached = (c: Ctx, name: string, compute: (c: Ctx) => unknown) => {
  const url = c.req.url,
    qi = url.indexOf('?');
  // the series stop at today: a cached answer lasts the day at most
  const key = `${todayOf(c)}|${c.get('region') ?? ''}${qi < 0 ? '' : url.slice(qi)}`;
  const cache = c.get('store').derived<EncodedJson>(name);
  let hit = cache.get(key);
  if (!hit) {
    hit = encodeJson(compute(c));
    if (cache.size < 5000) cache.set(key, hit);
  }
  return sendEncoded(c, hit);
};

export const dashboardRoutes = () =>
  new Hono<AppEnv>()
    .get('/', (c) => cached(c, 'dashboard', dashboardOf))
    // about 300 rows nationally: apart, so that the dashboard's answer stays small
    .get('/ghts', (c) => cached(c, 'dashboard-ghts', dashboardGhtsOf));

export const regionRoutes = () =>
  new Hono<AppEnv>().get('/', (c) =>
    c.json({ items: [...c.get('store').all('regions')].sort((a, b) => a.name.localeCompare(b.name, 'fr')) }),
  );
