import { Hono } from 'hono';
import type { Completion } from '../contract/plan.js';
import {
  assertCompletionDeletable,
  createCompletion,
  refuseCompletion,
  updateCompletion,
  validateCompletion,
  type CompletionInput,
} from '../domain/completions.js';
import { assertIfMatch, body, etag, sendJson, txMeta, writeCtx, type AppEnv, type Ctx } from './context.js';
import { ascii, getScoped, resourceRoutes, type ResourceSpec } from './resource.js';
import { completionCreate, completionUpdate, rejectBody } from './schemas.js';

export const completionSpec: ResourceSpec<'completions', CompletionInput, { completedOn?: string }> = {
  kind: 'completions',
  label: 'Réalisation',
  idPrefix: 'cp',
  create: { schema: completionCreate, build: createCompletion },
  update: { schema: completionUpdate, build: updateCompletion },
  assertDeletable: (_plan, cur, ctx) => assertCompletionDeletable(cur, ctx.role),
  filters: {
    finess: 'finess',
    actionId: 'actionId',
    // the planners' queue: status=pending (awaiting a check), validated or refused (comma-separated)
    status: { path: '', op: 'checked' },
    region: 'establishment.region',
    q: { path: 'establishment', op: 'search' },
  },
  finessOf: 'finess',
  regionOf: 'establishment.region',
  sort: (a, b) => ascii(a.completedOn, b.completedOn) || ascii(a.id, b.id),
};

/** A check (validate or refuse) of one declaration, If-Match optional as for approvals. */
const check = async (c: Ctx, action: string, next: (cur: Completion) => Completion) => {
  const saved = await c.get('store').transact(txMeta(c, action), (tx) => {
    const cur = getScoped(c, completionSpec, c.req.param('id')!, tx);
    assertIfMatch(c, cur.rev);
    return tx.put('completions', next(cur));
  });
  return sendJson(c, saved, 200, { etag: etag(saved.rev) });
};

export const completionRoutes = () =>
  new Hono<AppEnv>()
    .post('/:id/validate', (c) => check(c, 'validate', (cur) => validateCompletion(cur, writeCtx(c))))
    .post('/:id/refuse', async (c) => {
      const { reason } = await body(c, rejectBody);
      return check(c, 'refuse', (cur) => refuseCompletion(cur, reason, writeCtx(c)));
    })
    .route('/', resourceRoutes(completionSpec));
