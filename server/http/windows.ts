// /api/windows: funding windows (national planners write them, everyone logged in reads them),
// a phase's extension, an applicant's eligibility and cap, and a window's applications.
import { Hono } from 'hono';
import type { ApplicantEligibility } from '../contract/windows.js';
import { applicantOf, eligibilityOf } from '../domain/caps.js';
import { notFound, ruleBroken } from '../domain/errors.js';
import {
  createWindow,
  extendWindow,
  hasApplications,
  updateWindow,
  type WindowInput,
  type WindowPatch,
} from '../domain/windows.js';
import { applicationSpec } from './applications.js';
import { assertIfMatch, body, etag, parseWith, sendJson, txMeta, writeCtx, type AppEnv } from './context.js';
import { ascii, getScoped, inScope, matching, newId, present, resourceRoutes, type ResourceSpec } from './resource.js';
import { listQuery } from './schemas.js';
import { applicationCreate, eligibilityQuery, windowCreate, windowExtend, windowUpdate } from './window-schemas.js';

export const windowSpec: ResourceSpec<'windows', WindowInput, WindowPatch> = {
  kind: 'windows',
  label: 'Guichet',
  idPrefix: 'win',
  create: { schema: windowCreate, build: createWindow },
  update: { schema: windowUpdate, build: updateWindow },
  // a window created by mistake goes while nobody has applied to it
  assertDeletable: (plan, cur) => {
    if (hasApplications(plan, cur.id))
      throw ruleBroken(`Des candidatures ont été déposées sur le guichet ${cur.code} : il ne peut pas être supprimé.`);
  },
  filters: { code: 'code', envelopeId: 'envelopeId', actionId: 'actionId', year: 'year' },
  // the latest opened first, as a calendar of calls for applications reads
  sort: (a, b) =>
    ascii(b.phases.applicationsOpen, a.phases.applicationsOpen) || ascii(a.code, b.code) || ascii(a.id, b.id),
};

export const windowRoutes = () =>
  new Hono<AppEnv>()
    .post('/:id/extend', async (c) => {
      const input = await body(c, windowExtend);
      const saved = await c.get('store').transact(txMeta(c, 'extend'), (tx) => {
        const cur = getScoped(c, windowSpec, c.req.param('id'), tx);
        if (c.req.header('if-match')) assertIfMatch(c, cur.rev);
        return tx.put('windows', extendWindow(tx.plan, cur, input, writeCtx(c)));
      });
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    })
    // whether an establishment (its own account: itself by default) may apply, and its cap
    .get('/:id/eligibility', (c) => {
      const w = getScoped(c, windowSpec, c.req.param('id'));
      const q = parseWith(eligibilityQuery, { finess: c.req.query('finess'), ghtCode: c.req.query('ghtCode') });
      const finess = q.finess || c.get('user')?.finess;
      if (!finess)
        throw ruleBroken('FINESS du candidat attendu (paramètre finess).', [
          { path: 'finess', message: 'FINESS obligatoire.' },
        ]);
      const plan = c.get('store').plan;
      const scope = c.get('scope');
      // outside its own scope, an establishment learns nothing, not even whether the FINESS exists
      if (scope && !scope.has(finess)) throw notFound('Établissement', finess);
      const a = applicantOf(plan, finess, q.ghtCode || undefined);
      // an ARS account looks at its region's applicants only
      const region = c.get('region');
      if (region && a.region !== region) throw notFound('Établissement', finess);
      const e = eligibilityOf(plan, w, a);
      const last = [...plan.index.applicationsByFiness(finess)]
        .filter((x) => x.windowId === w.id && (x.ghtCode ?? '') === (a.ghtCode ?? ''))
        .sort((x, y) => ascii(x.createdAt, y.createdAt))
        .at(-1);
      return sendJson(c, {
        windowId: w.id,
        applicant: a,
        eligible: e.eligible,
        reasons: e.reasons,
        cap: e.cap,
        capCents: e.cap?.capCents ?? null,
        application: last ? { id: last.id, state: last.state } : null,
      } satisfies ApplicantEligibility);
    })
    .get('/:id/applications', (c) => {
      const w = getScoped(c, windowSpec, c.req.param('id'));
      // the list of /api/applications (its filters, scope and paging), on this window
      const { limit, offset } = parseWith(listQuery, { limit: c.req.query('limit'), offset: c.req.query('offset') });
      const items = matching(c, applicationSpec).filter((a) => a.windowId === w.id);
      const page = items.slice(offset, offset + limit).map((a) => present(c, applicationSpec, a));
      return sendJson(c, { items: page, total: items.length, limit, offset });
    })
    .post('/:id/applications', async (c) => {
      const input = await body(c, applicationCreate);
      const saved = await c.get('store').transact(txMeta(c, 'create'), (tx) => {
        const w = getScoped(c, windowSpec, c.req.param('id'), tx);
        // scope first: a rule's refusal must not describe another establishment
        const scope = c.get('scope');
        if (scope && !scope.has(input.finess)) throw notFound('Établissement', input.finess);
        const a = applicationSpec.create.build(
          tx.plan,
          newId(applicationSpec.idPrefix),
          { ...input, windowId: w.id },
          writeCtx(c),
        );
        if (!inScope(c, applicationSpec, a, tx)) throw notFound('Établissement', a.finess);
        return tx.put('applications', a);
      });
      return sendJson(c, present(c, applicationSpec, saved), 201, {
        etag: etag(saved.rev),
        location: `/api/applications/${saved.id}`,
      });
    })
    .route('/', resourceRoutes(windowSpec));
