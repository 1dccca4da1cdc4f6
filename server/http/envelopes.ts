import { Hono } from 'hono';
import { delegatedBudget } from '../domain/region-budget.js';
import { regionalBudget } from '../domain/regional.js';
import { createEnvelope, updateEnvelope, assertEnvelopeDeletable, type EnvelopeInput } from '../domain/envelopes.js';
import type { AppEnv } from './context.js';
import { getScoped, resourceRoutes, type ResourceSpec } from './resource.js';
import { envelopeCreate, envelopeUpdate } from './schemas.js';

export const envelopeSpec: ResourceSpec<'envelopes', EnvelopeInput, Parameters<typeof updateEnvelope>[2]> = {
  kind: 'envelopes',
  label: 'Enveloppe',
  idPrefix: 'env',
  create: { schema: envelopeCreate, build: createEnvelope },
  update: { schema: envelopeUpdate as never, build: updateEnvelope },
  assertDeletable: assertEnvelopeDeletable,
  filters: { status: 'status', code: 'code' },
  sort: (a, b) => a.code.localeCompare(b.code),
};

export const envelopeRoutes = () =>
  new Hono<AppEnv>()
    .get('/:id/budget', (c) => {
      const b = delegatedBudget(c.get('store').plan, getScoped(c, envelopeSpec, c.req.param('id')));
      const region = c.get('region'); // an ARS account: its region's position
      return c.json(region ? regionalBudget(region, b) : b);
    })
    .route('/', resourceRoutes(envelopeSpec));
