import { Hono } from 'hono';
import { awardsOf } from '../domain/awards.js';
import {
  assertEstablishmentDeletable,
  createEstablishment,
  updateEstablishment,
  type EstablishmentInput,
  type EstablishmentPatch,
} from '../domain/catalog.js';
import { sendJson, todayOf, type AppEnv } from './context.js';
import { getScoped, resourceRoutes, type ResourceSpec } from './resource.js';
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
  sort: (a, b) => a.name.localeCompare(b.name, 'fr'),
};

export const establishmentRoutes = () =>
  new Hono<AppEnv>()
    .get('/:id/awards', (c) => {
      const e = getScoped(c, establishmentSpec, c.req.param('id').toUpperCase());
      return sendJson(c, awardsOf(c.get('store').plan, e.finess, todayOf(c)));
    })
    .route('/', resourceRoutes(establishmentSpec));
