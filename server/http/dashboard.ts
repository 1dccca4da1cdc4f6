import { Hono } from 'hono';
import { z } from 'zod';
import { dashboard } from '../domain/dashboard.js';
import { parseWith, todayOf, type AppEnv } from './context.js';

const filters = z.object({
  envelopeId: z.string().optional(),
  region: z.string().optional(),
  axis: z.coerce.number().int().min(1, 'Axe 1 à 4.').max(4, 'Axe 1 à 4.').optional(),
});

export const dashboardRoutes = () =>
  new Hono<AppEnv>().get('/', (c) => {
    const q = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const plan = c.var.store.plan;
    return c.json(dashboard(plan, parseWith(filters, q), todayOf(c), plan.index.buckets()));
  });

export const regionRoutes = () =>
  new Hono<AppEnv>().get('/', (c) => c.json({ items: [...c.var.store.all('regions')].sort((a, b) => a.name.localeCompare(b.name, 'fr')) }));
