import { Hono } from 'hono';
import {
  assertDelegationDeletable,
  createDelegation,
  updateDelegation,
  type DelegationInput,
  type DelegationPatch,
} from '../domain/delegations.js';
import type { AppEnv } from './context.js';
import { ascii, resourceRoutes, type ResourceSpec } from './resource.js';
import { delegationCreate, delegationUpdate } from './schemas.js';

export const delegationSpec: ResourceSpec<'delegations', DelegationInput, DelegationPatch> = {
  kind: 'delegations',
  label: 'Délégation',
  idPrefix: 'del',
  create: { schema: delegationCreate, build: createDelegation },
  update: { schema: delegationUpdate, build: updateDelegation },
  assertDeletable: assertDelegationDeletable,
  filters: { envelopeId: 'envelopeId', region: 'region' },
  // an ARS account reads its region's delegations (national planners write them: auth/policy.ts)
  regionOf: 'region',
  // as a circular lists them: by envelope and region, first delegation first
  sort: (a, b) =>
    ascii(a.envelopeId, b.envelopeId) ||
    ascii(a.region, b.region) ||
    ascii(a.notifiedOn, b.notifiedOn) ||
    ascii(a.id, b.id),
};

export const delegationRoutes = () => new Hono<AppEnv>().route('/', resourceRoutes(delegationSpec));
