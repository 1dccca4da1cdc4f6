// /api/ghts: the groupements hospitaliers de territoire (domain/ghts.ts); /api/pooled-resources:
// the pooled regional resources (domain/pooled.ts). National planners write them, staff read them.
import { Hono } from 'hono';
import { assertGhtDeletable, createGht, updateGht, type GhtInput, type GhtPatch } from '../domain/ghts.js';
import {
  assertPooledDeletable,
  createPooled,
  updatePooled,
  type PooledInput,
  type PooledPatch,
} from '../domain/pooled.js';
import type { AppEnv } from './context.js';
import { resourceRoutes, type ResourceSpec } from './resource.js';
import { ghtCreate, ghtUpdate, pooledCreate, pooledUpdate } from './schemas.js';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr');

export const ghtSpec: ResourceSpec<'ghts', GhtInput, GhtPatch> = {
  kind: 'ghts',
  label: 'GHT',
  idPrefix: 'ght',
  create: { schema: ghtCreate, build: createGht },
  update: { schema: ghtUpdate, build: updateGht },
  assertDeletable: assertGhtDeletable,
  filters: { region: 'region', supportFiness: 'supportFiness', code: 'code' },
  // an ARS account reads its region's
  regionOf: 'region',
  sort: byName,
};

export const pooledSpec: ResourceSpec<'pooled', PooledInput, PooledPatch> = {
  kind: 'pooled',
  label: 'Ressource mutualisée',
  idPrefix: 'pool',
  create: { schema: pooledCreate, build: (plan, _id, input, ctx) => createPooled(plan, input, ctx) },
  update: { schema: pooledUpdate, build: updatePooled },
  assertDeletable: assertPooledDeletable,
  filters: { region: 'region', q: { path: '', op: 'search' } },
  regionOf: 'region',
  sort: byName,
};

export const ghtRoutes = () => new Hono<AppEnv>().route('/', resourceRoutes(ghtSpec));
export const pooledRoutes = () => new Hono<AppEnv>().route('/', resourceRoutes(pooledSpec));
