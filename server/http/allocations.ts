import { Hono } from 'hono';
import { approveAllocation, assertDeletable, assertNoTwin, createAllocation, rejectAllocation, updateAllocation, type AllocationInput } from '../domain/allocations.js';
import { assertIfMatch, body, etag, rolledBack, Rollback, sendJson, txMeta, writeCtx, type AppEnv } from './context.js';
import { ascii, getScoped, resourceRoutes, type ResourceSpec } from './resource.js';
import { allocationBulk, allocationCreate, allocationUpdate, rejectBody } from './schemas.js';
import { buildBulk, bulkTargets } from '../domain/bulk.js';
import { matchesSearch } from '../domain/text.js';
import { newId } from './resource.js';


export const allocationSpec: ResourceSpec<'allocations', AllocationInput, Partial<AllocationInput>> = {
  kind: 'allocations', label: 'Allocation', idPrefix: 'al',
  create: { schema: allocationCreate, build: (plan, id, input, ctx) => { const a = createAllocation(plan, id, input, ctx); assertNoTwin(plan, a); return a; } },
  update: { schema: allocationUpdate, build: (plan, cur, patch, ctx) => { const a = updateAllocation(plan, cur, patch, ctx); assertNoTwin(plan, a); return a; } },
  assertDeletable,
  filters: {
    envelopeId: (a, v) => a.envelopeId === v,
    finess: (a, v) => a.finess === v,
    actionId: (a, v) => a.actionId === v,
    status: (a, v) => a.status === v || (v === 'revision' && !!a.revision),
    region: (a, v, plan) => plan.establishments.get(a.finess)?.region === v,
    category: (a, v, plan) => plan.establishments.get(a.finess)?.category === v,
    priority: (a, v, plan) => String(plan.establishments.get(a.finess)?.priority) === v,
    axis: (a, v, plan) => String(plan.actions.get(a.actionId)?.axis) === v,
    q: (a, v, plan) => matchesSearch(plan.establishments.get(a.finess), v),
    // several at once, comma-separated: the audit trail names a page of payments' allocations in one request
    ids: (a, v) => `,${v},`.includes(`,${a.id},`),
  },
  finessOf: (a) => a.finess,
  sort: (a, b) => ascii(a.finess, b.finess) || ascii(a.actionId, b.actionId) || ascii(a.id, b.id),
};

export const allocationRoutes = () =>
  new Hono<AppEnv>()
    .post('/bulk', async (c) => {
      const input = await body(c, allocationBulk);
      if (input.dryRun) {
        const p = bulkTargets(c.get('store').plan, input);
        // the very checks of applying (envelope limits, earmarks...), then undone: a batch that
        // would be refused is refused here too, with the same answer
        if (p.targets.length) await c.get('store').transact(txMeta(c, 'bulk-create'), (tx) => {
          buildBulk(tx.plan, input, () => newId('al'), writeCtx(c), (a) => void tx.put('allocations', a));
          throw new Rollback(null);
        }).catch(rolledBack);
        return c.json({ count: p.targets.length, totalCents: p.totalCents, skipped: p.skipped.length, finess: p.targets.map((e) => e.finess) });
      }
      const count = await c.get('store').transact(txMeta(c, 'bulk-create'), (tx) =>
        buildBulk(tx.plan, input, () => newId('al'), writeCtx(c), (a) => void tx.put('allocations', a)));
      return c.json({ count, totalCents: count * Object.values(input.amounts).reduce((s, v) => s + (v ?? 0), 0) }, 201);
    })
    .post('/:id/approve', async (c) => {
      const saved = await c.get('store').transact(txMeta(c, 'approve'), (tx) => {
        const cur = getScoped(c, allocationSpec, c.req.param('id'));
        if (c.req.header('if-match')) assertIfMatch(c, cur.rev);
        return tx.put('allocations', approveAllocation(tx.plan, cur, writeCtx(c)));
      });
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    })
    .post('/:id/reject', async (c) => {
      const { reason } = await body(c, rejectBody);
      const saved = await c.get('store').transact(txMeta(c, 'reject'), (tx) => {
        const cur = getScoped(c, allocationSpec, c.req.param('id'));
        if (c.req.header('if-match')) assertIfMatch(c, cur.rev);
        return tx.put('allocations', rejectAllocation(tx.plan, cur, reason, writeCtx(c)));
      });
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    })
    .route('/', resourceRoutes(allocationSpec));
