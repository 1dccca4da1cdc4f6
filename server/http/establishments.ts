import { Hono } from 'hono';
import type { Awards } from '../contract/plan.js';
import { awardsOf } from '../domain/awards.js';
import {
  assertEstablishmentDeletable,
  createEstablishment,
  updateEstablishment,
  type EstablishmentInput,
  type EstablishmentPatch,
} from '../domain/catalog.js';
import { notFound } from '../domain/errors.js';
import { finessScope } from '../domain/plan.js';
import { sendJson, todayOf, type AppEnv, type Ctx } from './context.js';
import { finessInView, resourceRoutes, type ResourceSpec } from './resource.js';
import { establishmentCreate, establishmentUpdate } from './schemas.js';

export const establishmentSpec: ResourceSpec<'establishments', EstablishmentInput, EstablishmentPatch> = {
  kind: 'establishments',
  label: 'Établissement',
  idPrefix: 'et',
  create: { schema: establishmentCreate, build: (plan, _id, input, ctx) => createEstablishment(plan, input, ctx) },
  update: { schema: establishmentUpdate, build: updateEstablishment },
  assertDeletable: assertEstablishmentDeletable,
  filters: {
    region: 'region',
    category: 'category',
    priority: 'priority',
    ght: 'ght',
    finessEj: 'finessEj',
    q: { path: '', op: 'search' },
  },
  finessOf: 'finess',
  regionOf: 'region',
  sort: (a, b) => a.name.localeCompare(b.name, 'fr'),
};

/** The awards of a site, of a legal entity through its sites, of a GHT's members through its
 *  support establishment, or of a pooled regional resource. An establishment account reads
 *  only within its scope (anything else is 404, as if unknown) and sees approved allocations only. */
export const awardsFor = (c: Ctx, finess: string): Awards => {
  const plan = c.get('store').plan,
    scope = c.get('scope'),
    seen = finessInView(c);
  // a pooled regional resource's SIRET: in no establishment's scope
  const asked = plan.pooled.has(finess) ? new Set([finess]) : finessScope(plan, finess);
  if (!asked.size || (seen && ![...asked].every((f) => seen.has(f)))) throw notFound('Établissement', finess);
  return awardsOf(plan, finess, todayOf(c), scope ? 'establishment' : 'staff');
};

export const establishmentRoutes = () =>
  new Hono<AppEnv>()
    .get('/:id/awards', (c) => sendJson(c, awardsFor(c, c.req.param('id').toUpperCase())))
    .route('/', resourceRoutes(establishmentSpec));
