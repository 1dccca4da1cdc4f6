import { Hono } from 'hono';
import { z } from 'zod';
import { parseWith, sendJson, type AppEnv } from './context.js';

export const auditQuery = z.object({
  entity: z.string().optional(),
  id: z.string().optional(),
  actor: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The audit trail, newest first, filtered by entity, id, actor and period (ISO dates). */
export const auditRoutes = () =>
  new Hono<AppEnv>().get('/', async (c) => {
    const q = parseWith(auditQuery, c.req.query());
    const to = q.to && q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to;
    const page = await c
      .get('store')
      .auditPage({ entity: q.entity, id: q.id, actor: q.actor, from: q.from, to }, q.offset, q.limit);
    return sendJson(c, { ...page, limit: q.limit, offset: q.offset });
  });
