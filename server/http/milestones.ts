import type { Milestone } from '../contract/plan.js';
import { checkMilestone, type MilestoneInput } from '../domain/catalog.js';
import { milestoneProgress } from '../domain/milestones.js';
import { Hono } from 'hono';
import { todayOf, type AppEnv } from './context.js';
import { getScoped, listOf, resourceRoutes, type ResourceSpec } from './resource.js';
import { milestoneCreate, milestoneUpdate } from './schemas.js';

type MilestonePatch = Partial<Omit<MilestoneInput, 'target'>> & { target?: MilestoneInput['target'] | null };

export const milestoneSpec: ResourceSpec<'milestones', MilestoneInput, MilestonePatch> = {
  kind: 'milestones', label: 'Jalon', idPrefix: 'ms',
  create: { schema: milestoneCreate, build: (plan, id, input, ctx) => checkMilestone(plan, { id, rev: '', createdAt: ctx.now, updatedAt: ctx.now, ...input }) },
  update: {
    schema: milestoneUpdate as never,
    build: (plan, cur, patch, ctx) => {
      const next = { ...cur, ...patch, updatedAt: ctx.now } as Milestone;
      if (patch.target === null) delete next.target;
      return checkMilestone(plan, next);
    },
  },
  filters: { actionId: (m, v) => m.target?.actionId === v, from: (m, v) => m.date >= v, to: (m, v) => m.date <= v },
  sort: (a, b) => a.date.localeCompare(b.date),
};

/** Milestones are read with their measured progress (scoped to an establishment's own sites). */
export const milestoneRoutes = () =>
  new Hono<AppEnv>()
    .get('/', (c) => {
      const page = listOf(c, milestoneSpec);
      const scope = c.get('scope') ?? undefined;
      return c.json({ ...page, items: page.items.map((m) => milestoneProgress(c.get('store').plan, m, todayOf(c), scope)) });
    })
    .get('/:id', (c) => {
      const m = getScoped(c, milestoneSpec, c.req.param('id'));
      return c.json(milestoneProgress(c.get('store').plan, m, todayOf(c), c.get('scope') ?? undefined), 200, { ETag: `"${m.rev}"` });
    })
    .route('/', resourceRoutes(milestoneSpec));
