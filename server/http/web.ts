// The web app: built assets from dist/web, and index.html for every page route (client routing).
// Any other page a browser opens gets index.html too, with a 404: the app says « Page introuvable ».
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { readFileSync } from 'node:fs';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE, userOfSession } from '../auth/sessions.js';
import type { AppEnv, Ctx } from './context.js';
import { whoOf } from '../auth/policy.js';

export const PAGES = [
  '/',
  '/login',
  '/dashboard',
  '/allocations',
  '/roadmap',
  '/awards',
  '/audit',
  '/users',
  '/import',
  '/account',
  '/envelopes',
  '/delegations',
  '/actions',
  '/establishments',
  '/ghts',
  '/pooled-resources',
  '/payments',
  '/completions',
  '/windows',
  '/applications',
  '/scenarios',
];

const escapeAttr = (v: string) =>
  v.replace(/[&"<>]/g, (ch) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[ch]!);

export const webRoutes = (distDir: string) => {
  let index: string | null = null;
  const page = () => (index ??= readFileSync(`${distDir}/index.html`, 'utf8'));
  // the page's chunks as <link rel="modulepreload"> (scripts/build-web.ts): fetched at once, in parallel
  let preloads: Record<string, string> | null = null;
  const preloadFor = (path: string) => {
    try {
      preloads ??= JSON.parse(readFileSync(`${distDir}/preload.json`, 'utf8')) as Record<string, string>;
    } catch {
      preloads = {};
    }
    return preloads[path] ?? '';
  };
  /** index.html, with the signed-in user's name and role on <app-shell>: the header is drawn whole at
   *  once (menu, name) instead of growing when the session check answers, which shifted every page
   *  down. A hint for the layout only: the app still asks /api/session, which decides. */
  const pageFor = async (c: Ctx) => {
    const secret = getCookie(c, SESSION_COOKIE);
    const user = secret ? await userOfSession(c.get('store'), secret, c.get('clock').now()) : null;
    const path = user ? c.req.path : '/login';
    const html = page().replace('</head>', `${preloadFor(path)}\n</head>`);
    return user
      ? html.replace(
          '<app-shell>',
          `<app-shell data-name="${escapeAttr(user.name)}" data-role="${escapeAttr(user.role)}"${
            whoOf(user).startsWith('ars-') ? ` data-region="${escapeAttr(user.region!)}"` : ''
          }>`,
        )
      : html;
  };
  const app = new Hono<AppEnv>();
  for (const p of PAGES)
    app.get(p, async (c) => c.html(await pageFor(c), 200, { 'Cache-Control': 'no-cache', Vary: 'Cookie' }));
  app.use(
    '/assets/*',
    serveStatic({
      root: distDir,
      precompressed: true,
      onFound: (_p, c) => {
        c.header('Cache-Control', 'no-cache');
      },
    }),
  );
  app.get('/favicon.svg', serveStatic({ root: distDir }));
  // A middleware, not a GET '*' route: a route would match every /api path, which the auth
  // middleware would then refuse for want of a rule. /api and asset paths keep problem+json.
  app.use('*', async (c, next) => {
    const { method, path } = c.req;
    if (
      (method !== 'GET' && method !== 'HEAD') ||
      path.startsWith('/api/') ||
      path === '/api' ||
      path.startsWith('/assets/') ||
      !c.req.header('accept')?.includes('text/html')
    )
      return next();
    return c.html(page(), 404, { 'Cache-Control': 'no-cache' });
  });
  return app;
};
