// Payments are append-only: listed, read, recorded and cancelled by a counter-entry; a PATCH or a
// DELETE is refused (422) with the way to correct one.
import { Hono } from 'hono';
import type { Payment } from '../contract/plan.js';
import { z } from 'zod';
import {
  appendOnly,
  cancelPayment,
  checkPayment,
  paymentOrder,
  paymentTotals,
  type PaymentInput,
} from '../domain/payments.js';
import { assertIfMatch, body, etag, parseWith, sendJson, txMeta, writeCtx, type AppEnv } from './context.js';
import { getScoped, listOf, matching, newId, present, resourceRoutes, type ResourceSpec } from './resource.js';
import { listQuery, paymentCreate, rejectBody } from './schemas.js';
import { payableRoutes } from './payable.js';

/** A payment without the staff's names: what an establishment reads of it. */
export const withoutStaff = (p: Payment): Omit<Payment, 'createdBy' | 'updatedBy'> => {
  const { createdBy: _c, updatedBy: _u, ...rest } = p;
  return rest;
};

export const paymentSpec: ResourceSpec<'payments', PaymentInput, Record<string, never>> = {
  kind: 'payments',
  label: 'Versement',
  idPrefix: 'pay',
  create: {
    schema: paymentCreate,
    build: (plan, id, input, ctx) =>
      checkPayment(plan, { id, rev: '', createdAt: ctx.now, updatedAt: ctx.now, ...input }, ctx),
  },
  // never reached (the routes below answer first): a recorded payment is not edited
  update: {
    schema: z.strictObject({}),
    build: (_plan, cur) => {
      throw appendOnly(cur, 'update');
    },
  },
  assertDeletable: (_plan, cur) => {
    throw appendOnly(cur, 'delete');
  },
  filters: {
    allocationId: 'allocationId',
    finess: 'allocation.finess',
    envelopeId: 'allocation.envelopeId',
    actionId: 'allocation.actionId',
    region: 'allocation.establishment.region',
    category: 'allocation.establishment.category',
    axis: 'allocation.action.axis',
    // an establishment by name or FINESS, accents aside
    q: { path: 'allocation.establishment', op: 'search' },
    from: { path: 'paidOn', op: 'gte' },
    to: { path: 'paidOn', op: 'lte' },
  },
  finessOf: 'allocation.finess',
  regionOf: 'allocation.establishment.region',
  // an establishment sees the payments of the allocations it sees (approved ones), and not who
  // among the staff entered them (their e-mail addresses)
  scoped: {
    where: [{ path: 'allocation.status', op: 'eq', value: 'approved' }],
    view: withoutStaff,
  },
  sort: paymentOrder,
};

/** `order=desc`: the most recent first (the page's view); the ledger order otherwise. */
export const paymentListQuery = z.object({
  order: z.enum(['asc', 'desc'], { error: 'Ordre : asc ou desc.' }).optional(),
});

export const paymentRoutes = () =>
  new Hono<AppEnv>()
    .get('/', (c) => {
      const { order } = parseWith(paymentListQuery, { order: c.req.query('order') });
      if (order !== 'desc') {
        const page = listOf(c, paymentSpec);
        return sendJson(c, { ...page, items: page.items.map((p) => present(c, paymentSpec, p)) });
      }
      const { limit, offset } = parseWith(listQuery, { limit: c.req.query('limit'), offset: c.req.query('offset') });
      const all = matching(c, paymentSpec);
      const end = Math.max(0, all.length - offset);
      const items = all.slice(Math.max(0, end - limit), end).reverse();
      return sendJson(c, { items: items.map((p) => present(c, paymentSpec, p)), total: all.length, limit, offset });
    })
    // the list's filters and scope; computed on the server so that a page shows the whole list's sums
    .get('/totals', (c) => sendJson(c, paymentTotals(matching(c, paymentSpec))))
    // « À verser » (GET /payable) and several tranche payments at once (POST /batch), before /:id
    .route('/', payableRoutes())
    .post('/:id/cancel', async (c) => {
      const { reason } = await body(c, rejectBody);
      const saved = await c.get('store').transact(txMeta(c, 'cancel'), (tx) => {
        const cur = getScoped(c, paymentSpec, c.req.param('id'), tx);
        assertIfMatch(c, cur.rev);
        const { counter, original } = cancelPayment(cur, newId('pay'), reason, writeCtx(c));
        tx.put('payments', original);
        return tx.put('payments', counter);
      });
      return sendJson(c, saved, 201, { etag: etag(saved.rev), location: `/api/payments/${saved.id}` });
    })
    .patch('/:id', (c) => {
      throw appendOnly(getScoped(c, paymentSpec, c.req.param('id')), 'update');
    })
    .delete('/:id', (c) => {
      throw appendOnly(getScoped(c, paymentSpec, c.req.param('id')), 'delete');
    })
    .route('/', resourceRoutes(paymentSpec));

/** The list's filters, for the totals' documentation (each a query parameter, as text). */
export const paymentFilterQuery = z.object(
  Object.fromEntries(Object.keys(paymentSpec.filters!).map((k) => [k, z.string().optional()])),
);
