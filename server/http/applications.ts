// /api/applications: applications to funding windows, scoped as everything else (an establishment
// its own and, as a GHT's support, its members'; an ARS account its region's; national staff all).
// Created under their window (POST /api/windows/:id/applications); a draft is edited by its
// applicant, submitted, withdrawn; the ARS of its region (or a national planner) grants or refuses.
import { Hono } from 'hono';
import {
  createApplication,
  grantApplication,
  refuseApplication,
  submitApplication,
  updateApplication,
  withdrawApplication,
  type ApplicationInput,
  type ApplicationPatch,
} from '../domain/applications.js';
import type { Application } from '../contract/windows.js';
import type { WriteContext } from '../domain/context.js';
import type { PlanState } from '../domain/plan.js';
import { assertIfMatch, body, etag, sendJson, txMeta, writeCtx, type AppEnv, type Ctx } from './context.js';
import { ascii, getScoped, listOf, newId, present, type ResourceSpec } from './resource.js';
import { rejectBody, text } from './schemas.js';
import { applicationCreate, applicationUpdate, grantBody } from './window-schemas.js';

export const applicationSpec: ResourceSpec<'applications', ApplicationInput, ApplicationPatch> = {
  kind: 'applications',
  label: 'Candidature',
  idPrefix: 'app',
  // what the domain takes: POST /api/windows/:id/applications reads applicationCreate, its window from the path
  create: { schema: applicationCreate.extend({ windowId: text(60) }), build: createApplication },
  update: { schema: applicationUpdate, build: updateApplication },
  filters: { windowId: 'windowId', state: 'state', region: 'region', finess: 'finess', ghtCode: 'ghtCode' },
  finessOf: 'finess',
  regionOf: 'region',
  // an establishment does not read the staff's e-mail addresses (who granted or refused)
  scoped: { where: [], view: (a) => withoutStaff(a) },
  sort: (a, b) => ascii(a.windowId, b.windowId) || ascii(a.createdAt, b.createdAt) || ascii(a.id, b.id),
};

const withoutStaff = (a: Application): Omit<Application, 'grantedBy' | 'refusedBy' | 'updatedBy'> => {
  const { grantedBy: _g, refusedBy: _r, updatedBy: _u, ...rest } = a;
  return rest;
};

/** A state change of one application, in one transaction (If-Match when given, or required). */
const transition =
  (
    action: string,
    decide: (plan: PlanState, cur: Application, ctx: WriteContext, c: Ctx) => Application,
    ifMatch: 'required' | 'optional' = 'optional',
  ) =>
  async (c: Ctx) => {
    const saved = await c.get('store').transact(txMeta(c, action), (tx) => {
      const cur = getScoped(c, applicationSpec, c.req.param('id')!, tx);
      if (ifMatch === 'required' || c.req.header('if-match')) assertIfMatch(c, cur.rev);
      return tx.put('applications', decide(tx.plan, cur, writeCtx(c), c));
    });
    return sendJson(c, present(c, applicationSpec, saved), 200, { etag: etag(saved.rev) });
  };

export const applicationRoutes = () =>
  new Hono<AppEnv>()
    .get('/', (c) => {
      const page = listOf(c, applicationSpec);
      return sendJson(c, { ...page, items: page.items.map((a) => present(c, applicationSpec, a)) });
    })
    .get('/:id', (c) => {
      const a = getScoped(c, applicationSpec, c.req.param('id'));
      return sendJson(c, present(c, applicationSpec, a), 200, { etag: etag(a.rev) });
    })
    .patch('/:id', async (c) => {
      const patch = await body(c, applicationUpdate);
      return transition('update', (plan, cur, ctx) => updateApplication(plan, cur, patch, ctx), 'required')(c);
    })
    .post('/:id/submit', transition('submit', submitApplication))
    .post('/:id/withdraw', transition('withdraw', withdrawApplication))
    .post('/:id/refuse', async (c) => {
      const { reason } = await body(c, rejectBody);
      return transition('refuse', (plan, cur, ctx) => refuseApplication(plan, cur, reason, ctx))(c);
    })
    // the approved allocation is created in the same transaction: both or neither
    .post('/:id/grant', async (c) => {
      const { amountCents } = await body(c, grantBody);
      const saved = await c.get('store').transact(txMeta(c, 'grant'), (tx) => {
        const cur = getScoped(c, applicationSpec, c.req.param('id'), tx);
        assertIfMatch(c, cur.rev);
        const { application, allocation } = grantApplication(tx.plan, cur, amountCents, newId('al'), writeCtx(c));
        tx.put('allocations', allocation);
        return tx.put('applications', application);
      });
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    });
