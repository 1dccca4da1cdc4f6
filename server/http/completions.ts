import { createCompletion, type CompletionInput } from '../domain/catalog.js';
import { Hono } from 'hono';
import { etag, nowIso, sendJson, txMeta, type AppEnv } from './context.js';
import { ascii, getScoped, resourceRoutes, type ResourceSpec } from './resource.js';
import { completionCreate, completionUpdate } from './schemas.js';
import { ruleBroken } from '../domain/errors.js';

export const completionSpec: ResourceSpec<'completions', CompletionInput, { completedOn?: string }> = {
  kind: 'completions', label: 'Réalisation', idPrefix: 'cp',
  create: { schema: completionCreate, build: createCompletion },
  update: {
    schema: completionUpdate,
    build: (_plan, cur, patch, ctx) => {
      if (patch.completedOn && patch.completedOn > ctx.now.slice(0, 10)) throw ruleBroken('Une réalisation ne peut pas être déclarée à une date future.', [{ path: 'completedOn', message: 'Date future.' }]);
      return { ...cur, ...patch, updatedAt: ctx.now };
    },
  },
  filters: { finess: (r, v) => r.finess === v, actionId: (r, v) => r.actionId === v },
  finessOf: (r) => r.finess,
  sort: (a, b) => ascii(a.completedOn, b.completedOn) || ascii(a.id, b.id),
};

export const completionRoutes = () =>
  new Hono<AppEnv>()
    .post('/:id/validate', async (c) => {
      const saved = await c.get('store').transact(txMeta(c, 'validate'), (tx) => {
        const cur = getScoped(c, completionSpec, c.req.param('id'));
        if (cur.validatedAt) throw ruleBroken('Réalisation déjà validée.');
        return tx.put('completions', { ...cur, validatedAt: nowIso(c), validatedBy: c.get('user')?.email });
      });
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    })
    .route('/', resourceRoutes(completionSpec));
