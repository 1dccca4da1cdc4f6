// POST /api/windows/:id/free-unmet: the window's unmet tranches back to its envelope (domain/free-unmet.ts),
// in one transaction; mounted beside the window routes (server/app.ts).
import { Hono } from 'hono';
import type { FreedTranches } from '../contract/windows.js';
import { notFound } from '../domain/errors.js';
import { freeUnmet } from '../domain/free-unmet.js';
import { sendJson, txMeta, writeCtx, type AppEnv } from './context.js';

export const freeUnmetRoutes = () =>
  new Hono<AppEnv>().post('/:id/free-unmet', async (c) => {
    const id = c.req.param('id');
    const freed = await c.get('store').transact(txMeta(c, 'free-unmet'), (tx): FreedTranches => {
      const w = tx.get('windows', id);
      if (!w) throw notFound('Guichet', id);
      const { allocations, window, ...answer } = freeUnmet(tx.plan, w, writeCtx(c));
      for (const a of allocations) tx.put('allocations', a);
      if (window) tx.put('windows', window);
      return answer;
    });
    return sendJson(c, freed);
  });
