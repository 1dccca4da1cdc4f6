// GET /api/windows/:id/funnel: a window's funnel (domain/funnel.ts), for staff; an ARS account's
// is its region's. Kept per window and region until the next write (Store.derived): it reads
// every application of the window and the declarations of the granted ones.
import { Hono } from 'hono';
import { notFound } from '../domain/errors.js';
import { windowFunnel } from '../domain/funnel.js';
import { encodeJson, sendEncoded, type AppEnv, type EncodedJson } from './context.js';

export const funnelRoutes = () =>
  new Hono<AppEnv>().get('/:id/funnel', (c) => {
    const store = c.get('store'),
      id = c.req.param('id'),
      region = c.get('region');
    const w = store.get('windows', id);
    if (!w) throw notFound('Guichet', id);
    const cache = store.derived<EncodedJson>('funnel');
    const key = `${id}|${region ?? ''}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = encodeJson(windowFunnel(store.plan, w, region));
      if (cache.size < 1000) cache.set(key, hit);
    }
    return sendEncoded(c, hit);
  });
