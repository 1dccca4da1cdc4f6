import { Hono } from 'hono';
import { assertActionDeletable, restoreAction, retireAction, saveAction, type ActionInput } from '../domain/catalog.js';
import type { Action } from '../contract/plan.js';
import type { WriteContext } from '../domain/context.js';
import { assertIfMatch, etag, sendJson, txMeta, writeCtx, type AppEnv, type Ctx } from './context.js';
import { getScoped, resourceRoutes, type ResourceSpec } from './resource.js';
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

/** Retire or restore: a state change of its own, with the same If-Match as an edit. */
const change = (name: 'retire' | 'restore', apply: (a: Action, ctx: WriteContext) => Action) => async (c: Ctx) => {
  const saved = await c.get('store').transact(txMeta(c, name), (tx) => {
    const cur = getScoped(c, actionSpec, c.req.param('id') ?? '', tx);
    assertIfMatch(c, cur.rev);
    return tx.put('actions', apply(cur, writeCtx(c)));
  });
  return sendJson(c, saved, 200, { etag: etag(saved.rev) });
};

export const actionRoutes = () =>
  new Hono<AppEnv>()
    .post('/:id/retire', change('retire', retireAction))
    .post('/:id/restore', change('restore', restoreAction))
    .route('/', resourceRoutes(actionSpec));
