import { Hono } from 'hono';
import { z } from 'zod';
import { parseWith, sendJson, type AppEnv, type Ctx } from './context.js';
import type { Kind } from '../store/schema.js';
import { allocationSpec } from './allocations.js';
import { applicationSpec } from './applications.js';
import { completionSpec } from './completions.js';
import { delegationSpec } from './delegations.js';
import { establishmentSpec } from './establishments.js';
import { ghtSpec, pooledSpec } from './ghts.js';
import { paymentSpec } from './payments.js';
import { regionCondition, type ResourceSpec } from './resource.js';

export const auditQuery = z.object({
  entity: z.string().optional(),
  id: z.string().optional(),
  actor: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The resources an ARS account reads by its region (their spec's `regionOf`): its audit trail
 *  shows their events, placed in a region by the same rule as its reads. */
const REGIONAL: ReadonlyArray<Pick<ResourceSpec<Kind, unknown, unknown>, 'kind' | 'regionOf'>> = [
  establishmentSpec,
  pooledSpec,
  ghtSpec,
  delegationSpec,
  allocationSpec,
  paymentSpec,
  completionSpec,
  applicationSpec,
];

/** The records of an ARS account's region, whose events it reads: those of every regional
 *  resource, and the declarations of its applications (the ARS checks them), as they stand: a
 *  record removed since is no longer placed in a region. Null for a national caller. */
const regionRecordIds = (c: Ctx): ReadonlySet<string> | null => {
  const region = c.get('region');
  if (!region) return null;
  const store = c.get('store');
  const cache = store.derived<ReadonlySet<string>>('region-audit-ids');
  const hit = cache.get(region);
  if (hit) return hit;
  const ids = new Set<string>();
  for (const spec of REGIONAL) {
    const where = regionCondition(c, spec);
    if (where) for (const r of store.list(spec.kind, { where: [where], scope: null })) ids.add(r.id);
  }
  for (const ap of store.plan.applications.values())
    if (ids.has(ap.id)) for (const d of store.plan.index.declarationsByApplication(ap.id)) ids.add(d.id);
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
