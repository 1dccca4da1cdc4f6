// createApp({ store, clock }) → the Hono app: security headers, auth, routes, errors.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate, sameOrigin } from './auth/middleware.js';
import { createThrottle, type Throttle } from './auth/throttle.js';
import { accountRoutes } from './http/accounts.js';
import { actionRoutes } from './http/actions.js';
import { allocationRoutes } from './http/allocations.js';
import { auditRoutes } from './http/audit.js';
import { completionRoutes } from './http/completions.js';
import type { AppEnv, Clock } from './http/context.js';
import { dashboardRoutes, regionRoutes } from './http/dashboard.js';
import { envelopeRoutes } from './http/envelopes.js';
import { establishmentRoutes } from './http/establishments.js';
import { milestoneRoutes } from './http/milestones.js';
import { paymentRoutes } from './http/payments.js';
import { notFoundRoute, onError, problem } from './http/problem.js';
import type { Store } from './store/store.js';

export interface AppDeps {
  store: Store;
  clock?: Clock;
  throttle?: Throttle;
  /** Serves the web app (static files and page routes) after the API. */
  web?: Hono<AppEnv>;
}

export const systemClock: Clock = { now: () => new Date() };

export const createApp = ({ store, clock = systemClock, throttle = createThrottle(), web }: AppDeps) => {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(notFoundRoute);
  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"], fontSrc: ["'self'"], objectSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"],
    },
  }));
  app.use('*', async (c, next) => {
    c.set('store', store);
    c.set('clock', clock);
    await next();
  });
  app.use('/api/*', bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => problem(c, { status: 413, title: 'Requête trop volumineuse', detail: 'Le corps de la requête dépasse 1 Mo.' }),
  }));
  app.use('/api/*', sameOrigin());
  app.use('/api/*', authenticate());

  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  app.route('/api', accountRoutes(throttle));
  app.route('/api/envelopes', envelopeRoutes());
  app.route('/api/establishments', establishmentRoutes());
  app.route('/api/actions', actionRoutes());
  app.route('/api/allocations', allocationRoutes());
  app.route('/api/payments', paymentRoutes());
  app.route('/api/milestones', milestoneRoutes());
  app.route('/api/completions', completionRoutes());
  app.route('/api/dashboard', dashboardRoutes());
  app.route('/api/regions', regionRoutes());
  app.route('/api/audit', auditRoutes());
  if (web) app.route('/', web);
  return app;
};

export type App = ReturnType<typeof createApp>;
