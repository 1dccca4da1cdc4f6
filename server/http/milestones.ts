import type { Milestone } from '../contract/plan.js';
import { checkMilestone, type MilestoneInput } from '../domain/catalog.js';
import { milestoneProgress } from '../domain/milestones.js';
import { assertMilestoneKept } from '../domain/tranches.js';
import { todayOf } from './context.js';
import { finessInView, resourceRoutes, type ResourceSpec } from './resource.js';
import { milestoneCreate, milestoneUpdate } from './schemas.js';

type MilestonePatch = Partial<Omit<MilestoneInput, 'target'>> & { target?: MilestoneInput['target'] | null };

export const milestoneSpec: ResourceSpec<'milestones', MilestoneInput, MilestonePatch> = {
  kind: 'milestones',
  label: 'Jalon',
  idPrefix: 'ms',
  create: {
    schema: milestoneCreate,
    build: (plan, id, input, ctx) =>
      checkMilestone(plan, { id, rev: '', createdAt: ctx.now, updatedAt: ctx.now, ...input }),
  },
  update: {
    schema: milestoneUpdate as never,
    build: (plan, cur, patch, ctx) => {
      const next = { ...cur, ...patch, updatedAt: ctx.now } as Milestone;
      if (patch.target === null) delete next.target;
      assertMilestoneKept(plan, cur, next);
      return checkMilestone(plan, next);
    },
  },
  // a milestone gating a tranche goes only once no tranche names it
  assertDeletable: (plan, cur) => assertMilestoneKept(plan, cur),
  filters: { actionId: 'target.actionId', from: { path: 'date', op: 'gte' }, to: { path: 'date', op: 'lte' } },
  sort: (a, b) => a.date.localeCompare(b.date),
  // read with their measured progress (an establishment's, on its own sites; an ARS account's, on its region's)
  view: (c, m) => milestoneProgress(c.get('store').plan, m, todayOf(c), finessInView(c)),
};

export const milestoneRoutes = () => resourceRoutes(milestoneSpec);
