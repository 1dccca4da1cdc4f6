import { Hono } from 'hono';
import { createCompletion, updateCompletion, validateCompletion, type CompletionInput } from '../domain/completions.js';
import { etag, sendJson, txMeta, writeCtx, type AppEnv } from './context.js';
import { ascii, getScoped, resourceRoutes, type ResourceSpec } from './resource.js';
import { completionCreate, completionUpdate } from './schemas.js';

export const completionSpec: ResourceSpec<'completions', CompletionInput, { completedOn?: string }> = {
  kind: 'completions',
  label: 'Réalisation',
  idPrefix: 'cp',
  create: { schema: completionCreate, build: createCompletion },
  update: { schema: completionUpdate, build: updateCompletion },
  filters: { finess: 'finess', actionId: 'actionId' },
  finessOf: 'finess',
  sort: (a, b) => ascii(a.completedOn, b.completedOn) || ascii(a.id, b.id),
};

export const completionRoutes = () =>
  new Hono<AppEnv>()
    .post('/:id/validate', async (c) => {
      const saved = await c
        .get('store')
        .transact(txMeta(c, 'validate'), (tx) =>
          tx.put('completions', validateCompletion(getScoped(c, completionSpec, c.req.param('id'), tx), writeCtx(c))),
        );
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    })
    .route('/', resourceRoutes(completionSpec));
