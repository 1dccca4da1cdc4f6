import { assertActionDeletable, saveAction, type ActionInput } from '../domain/catalog.js';
import { resourceRoutes, type ResourceSpec } from './resource.js';
import { actionCreate, actionUpdate } from './schemas.js';

export const actionSpec: ResourceSpec<'actions', ActionInput, Partial<ActionInput>> = {
  kind: 'actions',
  label: 'Action',
  idPrefix: 'act',
  create: {
    schema: actionCreate,
    build: (plan, id, input, ctx) =>
      saveAction(plan, { id, rev: '', createdAt: ctx.now, updatedAt: ctx.now, ...input }),
  },
  update: {
    schema: actionUpdate,
    build: (plan, cur, patch, ctx) => saveAction(plan, { ...cur, ...patch, updatedAt: ctx.now }),
  },
  assertDeletable: assertActionDeletable,
  filters: { axis: 'axis', domain: 'domain' },
  sort: (a, b) => a.axis - b.axis || a.code.localeCompare(b.code),
};

export const actionRoutes = () => resourceRoutes(actionSpec);
