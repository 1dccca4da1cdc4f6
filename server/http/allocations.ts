import { Hono } from 'hono';
import {
  approveAllocation,
  assertDeletable,
  assertNoTwin,
  createAllocation,
  rejectAllocation,
  unapproveAllocation,
  updateAllocation,
  type AllocationInput,
} from '../domain/allocations.js';
import { assertIfMatch, body, etag, rolledBack, Rollback, sendJson, txMeta, writeCtx, type AppEnv } from './context.js';
import { ascii, getScoped, resourceRoutes, type ResourceSpec } from './resource.js';
import { allocationBulk, allocationCreate, allocationUpdate, approveBatchBody, rejectBody } from './schemas.js';
import { approveBatch } from '../domain/approvals.js';
import { notFound } from '../domain/errors.js';
import { establishmentView } from '../domain/awards.js';
import { buildBulk, bulkTargets, type BulkPlan } from '../domain/bulk.js';
import { bulkPreview } from '../domain/bulk-preview.js';
import { newId } from './resource.js';
import { proposedAt, shownAmounts, sumAmounts } from '../../shared/amounts.js';
import { recordStep } from './history.js';
import { paidCentsOf } from '../domain/plan.js';
import { trancheStatuses } from '../domain/tranches.js';

/** A name as it sorts: « Hôpital » with « Hopital », case and accents aside (compared as ASCII,
 *  ten times cheaper than a collator on a national list). */
const sortKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export const allocationSpec: ResourceSpec<'allocations', AllocationInput, Partial<AllocationInput>> = {
  kind: 'allocations',
  label: 'Allocation',
  idPrefix: 'al',
  create: {
    schema: allocationCreate,
    build: (plan, id, input, ctx) => {
      const a = createAllocation(plan, id, input, ctx);
      assertNoTwin(plan, a);
      return a;
    },
  },
  update: {
    schema: allocationUpdate,
    build: (plan, cur, patch, ctx) => {
      const a = updateAllocation(plan, cur, patch, ctx);
      assertNoTwin(plan, a);
      return a;
    },
  },
  assertDeletable,
  filters: {
    envelopeId: 'envelopeId',
    finess: 'finess',
    actionId: 'actionId',
    status: { path: '', op: 'status' },
    region: 'establishment.region',
    category: 'establishment.category',
    priority: 'establishment.priority',
    axis: 'action.axis',
    q: { path: 'establishment', op: 'search' },
    // several at once, comma-separated: the audit trail names a page of payments' allocations in one request
    ids: { path: 'id', op: 'in' },
  },
  finessOf: 'finess',
  regionOf: 'establishment.region',
  // staff read each row with what was paid on it (net of cancellations): the floor of an avenant
  view: (c, a) => ({ ...a, paidCents: paidCentsOf(c.get('store').plan, a.id) }),
  // proposals stay internal: an establishment sees approved allocations, with the amounts in force,
  // and its status filter reads the status it sees (no « revision » nor « pending » to select on)
  scoped: {
    where: [{ path: 'status', op: 'eq', value: 'approved' }],
    view: establishmentView,
    filters: { status: 'status' },
  },
  sort: (a, b) => ascii(a.finess, b.finess) || ascii(a.actionId, b.actionId) || ascii(a.id, b.id),
  // the review list's orders: establishment name, amount (an avenant's new one), when proposed or approved
  sorts: {
    establishment: (plan) => {
      const keys = new Map<string, string>();
      const key = (f: string) => keys.get(f) ?? keys.set(f, sortKey(plan.establishments.get(f)?.name ?? f)).get(f)!;
      return (a, b) => ascii(key(a.finess), key(b.finess)) || ascii(a.finess, b.finess);
    },
    amount: () => (a, b) => sumAmounts(shownAmounts(a)) - sumAmounts(shownAmounts(b)),
    proposed: () => (a, b) => ascii(proposedAt(a), proposedAt(b)),
    approved: () => (a, b) => ascii(a.approvedAt ?? '', b.approvedAt ?? ''),
  },
  // each write is one step of the planner's undo history
  afterWrite: recordStep,
};

export const allocationRoutes = () =>
  new Hono<AppEnv>()
    .post('/bulk', async (c) => {
      const asked = await body(c, allocationBulk);
      // an ARS account's batch is its region's: another region is as unknown to it as its records
      const region = c.get('region');
      if (region && asked.filter.region && asked.filter.region !== region)
        throw notFound('Région', asked.filter.region);
      const input = region ? { ...asked, filter: { ...asked.filter, region } } : asked;
      // targets are found in the transaction, on the plan the batch is checked against; a dry run
      // goes through the very same checks (envelope limits, earmarks...), then is undone
      const p = await c
        .get('store')
        .transact(txMeta(c, 'bulk-create'), (tx) => {
          const plan = bulkTargets(tx.plan, input);
          if (plan.targets.length || !input.dryRun)
            buildBulk(
              tx.plan,
              input,
              plan,
              () => newId('al'),
              writeCtx(c),
              (a) => void tx.put('allocations', a),
            );
          if (input.dryRun) throw new Rollback(plan);
          recordStep(c, tx, 'bulk');
          return plan;
        })
        .catch(rolledBack<BulkPlan>);
      return input.dryRun
        ? c.json(bulkPreview(c.get('store').plan, input, p, input.preview))
        : c.json({ count: p.targets.length, totalCents: p.totalCents }, 201);
    })
    .post('/:id/approve', async (c) => {
      const saved = await c.get('store').transact(txMeta(c, 'approve'), (tx) => {
        const cur = getScoped(c, allocationSpec, c.req.param('id'), tx);
        if (c.req.header('if-match')) assertIfMatch(c, cur.rev);
        return tx.put('allocations', approveAllocation(tx.plan, cur, writeCtx(c)));
      });
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    })
    // several at once, all or nothing: one transaction, each approval checked as if alone
    .post('/approve', async (c) => {
      const { items, expectedTotalCents } = await body(c, approveBatchBody);
      const revs = new Map(items.map((i) => [i.id, i.rev]));
      const done = await c.get('store').transact(txMeta(c, 'approve'), (tx) =>
        approveBatch(
          tx.plan,
          items.map((i) => i.id),
          writeCtx(c),
          { find: (id) => getScoped(c, allocationSpec, id, tx), put: (a) => tx.put('allocations', a) },
          expectedTotalCents,
          revs, // each row as confirmed: one changed since refuses the batch (412, named)
        ),
      );
      return sendJson(c, done);
    })
    // what each tranche waits for and what it pays (« que dois-je livrer, et quand »), as its reader sees the allocation
    .get('/:id/tranches', (c) => {
      const a = getScoped(c, allocationSpec, c.req.param('id'));
      return sendJson(c, trancheStatuses(c.get('store').plan, a));
    })
    .post('/:id/unapprove', async (c) => {
      const { reason } = await body(c, rejectBody);
      const saved = await c.get('store').transact(txMeta(c, 'unapprove'), (tx) => {
        const cur = getScoped(c, allocationSpec, c.req.param('id'), tx);
        assertIfMatch(c, cur.rev);
        return tx.put('allocations', unapproveAllocation(tx.plan, cur, reason, writeCtx(c)));
      });
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    })
    .post('/:id/reject', async (c) => {
      const { reason } = await body(c, rejectBody);
      const saved = await c.get('store').transact(txMeta(c, 'reject'), (tx) => {
        const cur = getScoped(c, allocationSpec, c.req.param('id'), tx);
        if (c.req.header('if-match')) assertIfMatch(c, cur.rev);
        return tx.put('allocations', rejectAllocation(tx.plan, cur, reason, writeCtx(c)));
      });
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    })
    .route('/', resourceRoutes(allocationSpec));
