import { Hono } from 'hono';
import { z } from 'zod';
import { parseWith, sendJson, type AppEnv, type Ctx } from './context.js';
import { finessInView } from './resource.js';

export const auditQuery = z.object({
  entity: z.string().optional(),
  id: z.string().optional(),
  actor: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The records of an ARS account's region, whose events it reads: its establishments, their
 *  allocations, payments and completions, and its delegations (as they stand: a record removed
 *  since is no longer placed in a region). Null for a national caller. */
const regionRecordIds = (c: Ctx): ReadonlySet<string> | null => {
  const region = c.get('region');
  if (!region) return null;
  const store = c.get('store'),
    plan = store.plan;
  const cache = store.derived<ReadonlySet<string>>('region-audit-ids');
  const hit = cache.get(region);
  if (hit) return hit;
  const ids = new Set<string>();
  for (const f of finessInView(c) ?? []) {
    ids.add(f);
    for (const a of plan.index.allocationsByFiness(f)) {
      ids.add(a.id);
      for (const p of plan.index.paymentsByAllocation(a.id)) ids.add(p.id);
    }
    for (const cp of plan.index.completionsByFiness(f)) ids.add(cp.id);
    // the applications its region's establishments made to funding windows (their region is the applicant's)
    for (const ap of plan.index.applicationsByFiness(f)) if (ap.region === region) ids.add(ap.id);
  }
  for (const d of plan.delegations.values()) if (d.region === region) ids.add(d.id);
  cache.set(region, ids);
  return ids;
};

/** The audit trail, newest first, filtered by entity, id, actor and period (ISO dates); an ARS
 *  account's, its region's records only. */
export const auditRoutes = () =>
  new Hono<AppEnv>().get('/', async (c) => {
    const q = parseWith(auditQuery, c.req.query());
    const to = q.to && q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to;
    const ids = regionRecordIds(c);
    const page = await c
      .get('store')
      .auditPage(
        { entity: q.entity, id: q.id, actor: q.actor, from: q.from, to, ...(ids ? { ids } : {}) },
        q.offset,
        q.limit,
      );
    return sendJson(c, { ...page, limit: q.limit, offset: q.offset });
  });
