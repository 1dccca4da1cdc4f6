// « À verser »: the tranches payable now, scoped like payments, and recording several at once
// (one transaction: all or nothing, the refusal naming the line).
import { Hono } from 'hono';
import { z } from 'zod';
import { payableTranches, payBatch } from '../domain/payable.js';
import { allocationSpec } from './allocations.js';
import { body, parseWith, sendJson, txMeta, writeCtx, type AppEnv } from './context.js';
import { getScoped, inScope, newId } from './resource.js';
import { paymentBatch } from './schemas.js';

export const payableQuery = z.object({
  windowId: z.string().optional(),
  region: z.string().optional(),
  envelopeId: z.string().optional(),
});

export const payableRoutes = () =>
  new Hono<AppEnv>()
    .get('/payable', (c) => {
      const f = parseWith(payableQuery, {
        windowId: c.req.query('windowId') || undefined,
        region: c.req.query('region') || undefined,
        envelopeId: c.req.query('envelopeId') || undefined,
      });
      const store = c.get('store');
      // an establishment, its own allocations; an ARS account, its region's (a region= for another selects nothing)
      return sendJson(
        c,
        payableTranches(store.plan, f, (a) => inScope(c, allocationSpec, a)),
      );
    })
    .post('/batch', async (c) => {
      const { paidOn, items } = await body(c, paymentBatch);
      const done = await c.get('store').transact(txMeta(c, 'create'), (tx) =>
        payBatch(() => tx.plan, paidOn, items, writeCtx(c), {
          find: (id) => getScoped(c, allocationSpec, id, tx),
          newId: () => newId('pay'),
          put: (p) => tx.put('payments', p),
        }),
      );
      return sendJson(c, done, 201);
    });
