// createApp({ store, clock }) → the Hono app: security headers, auth, routes, errors.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { securityHeaders } from './http/security-headers.js';
import { authenticate, sameOrigin } from './auth/middleware.js';
import type { Exposure } from './auth/forwarded.js';
import { createThrottle, type Throttle } from './auth/throttle.js';
import { accountRoutes } from './http/accounts.js';
import { actionRoutes } from './http/actions.js';
import { allocationRoutes } from './http/allocations.js';
import { applicationRoutes } from './http/applications.js';
import { auditRoutes } from './http/audit.js';
import { completionRoutes } from './http/completions.js';
import type { AppEnv, Clock } from './http/context.js';
import { dashboardRoutes, regionRoutes } from './http/dashboard.js';
import { declarationRoutes, DECLARATION_BODY_LIMIT } from './http/declarations.js';
import { delegationRoutes } from './http/delegations.js';
import { envelopeRoutes } from './http/envelopes.js';
import { establishmentRoutes } from './http/establishments.js';
import { ghtRoutes, pooledRoutes } from './http/ghts.js';
import { historyRoutes } from './http/history.js';
import { exportRoutes } from './http/exports.js';
import { funnelRoutes } from './http/funnel.js';
import { IMPORT_LIMITS, importRoutes, streamedBodyLimit } from './http/imports.js';
import { milestoneRoutes } from './http/milestones.js';
import { paymentRoutes } from './http/payments.js';
import { windowRoutes } from './http/windows.js';
import { scenarioRoutes } from './http/scenarios.js';
import { freeUnmetRoutes } from './http/free-unmet.js';
import { openApiRoutes } from './http/openapi.js';
import { notFoundRoute, onError, problem } from './http/problem.js';
import type { Store } from './store/interface.js';

export interface AppDeps {
  store: Store;
  clock?: Clock;
  /** Login throttling; by default over the store's state (shared by the instances on one database). */
  throttle?: Throttle;
  /** JALON_ORIGIN and JALON_TRUST_PROXY (see auth/forwarded.ts). */
  exposure?: Exposure;
  /** Serves the web app (static files and page routes) after the API. */
  web?: Hono<AppEnv>;
}

export const systemClock: Clock = { now: () => new Date() };

/** The one route that takes evidence files: POST /api/applications/:id/declarations. */
const DECLARING = /^\/api\/applications\/[^/]+\/declarations$/;

export const createApp = ({
  store,
  clock = systemClock,
  throttle = createThrottle(store.throttleState()),
  exposure = {},
  web,
}: AppDeps) => {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(notFoundRoute);
  app.use('*', securityHeaders({ hsts: exposure.origin?.startsWith('https:') ?? false }));
  app.use('*', async (c, next) => {
    c.set('store', store);
    c.set('clock', clock);
    await next();
    // the database is out of reach: the answer comes from this instance's memory, as of then
    const stale = store.staleSince();
    if (stale) c.res.headers.set('Jalon-Stale', stale);
  });
  // 1 MB for the API; the import routes take whole files (the national FINESS extract is ~100 MB).
  const limit = (maxSize: number, label: string) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        problem(c, {
          status: 413,
          title: 'Requête trop volumineuse',
          detail: `Le corps de la requête dépasse ${label}.`,
        }),
    });
  const apiLimit = limit(1024 * 1024, '1 Mo');
  // the import routes count their body as it streams (bodyLimit holds a chunked body whole)
  const finessLimit = streamedBodyLimit(IMPORT_LIMITS.finess);
  const allocationsLimit = streamedBodyLimit(IMPORT_LIMITS.allocations);
  // a declaration carries up to 5 evidence files of 10 MB each (http/declarations.ts), counted as
  // it streams so that a slow upload reaches the route's bound on declarations read at once
  const declarationLimit = streamedBodyLimit(DECLARATION_BODY_LIMIT, '51 Mo (5 fichiers de 10 Mo)');
  // Reads carry no body, and looking for one costs node's fast path (the full Request is built).
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : (c.req.path === '/api/import/finess'
          ? finessLimit
          : c.req.path === '/api/import/allocations'
            ? allocationsLimit
            : DECLARING.test(c.req.path)
              ? declarationLimit
              : apiLimit)(c, next),
  );
  app.use('/api/*', sameOrigin(exposure));
  app.use('/api/*', authenticate());

  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  app.route('/api', accountRoutes({ throttle, exposure }));
  app.route('/api/envelopes', envelopeRoutes());
  app.route('/api/delegations', delegationRoutes());
  app.route('/api', declarationRoutes());
  app.route('/api/establishments', establishmentRoutes());
  app.route('/api/ghts', ghtRoutes());
  app.route('/api/pooled-resources', pooledRoutes());
  app.route('/api/actions', actionRoutes());
  app.route('/api/allocations', allocationRoutes());
  app.route('/api/history', historyRoutes());
  app.route('/api/payments', paymentRoutes());
  app.route('/api/milestones', milestoneRoutes());
  app.route('/api/completions', completionRoutes());
  app.route('/api/windows', windowRoutes());
  app.route('/api/applications', applicationRoutes());
  // a window's unmet tranches back to its envelope (http/free-unmet.ts), beside the window routes
  app.route('/api/windows', freeUnmetRoutes());
  app.route('/api/windows', funnelRoutes());
  app.route('/api/scenarios', scenarioRoutes());
  app.route('/api/dashboard', dashboardRoutes());
  app.route('/api/regions', regionRoutes());
  app.route('/api/audit', auditRoutes());
  app.route('/api/import', importRoutes());
  app.route('/api/export', exportRoutes());
  app.route(
    '/api',
    openApiRoutes(() => app.routes),
  );
  if (web) app.route('/', web);
  return app;
};

export type App = ReturnType<typeof createApp>;
