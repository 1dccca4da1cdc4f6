// Who is calling (session cookie or Bearer token), and may they call this route?
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import { forbidden, unauthenticated } from '../domain/errors.js';
import { finessScope } from '../domain/plan.js';
import type { AppEnv } from '../http/context.js';
import { requestOrigin, type Exposure } from './forwarded.js';
import { allows, ruleFor, UNTIL_PASSWORD_CHANGED, whoOf } from './policy.js';
import { SESSION_COOKIE, userOfSession } from './sessions.js';
import { userOfToken } from './tokens.js';

export const authenticate = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const store = c.get('store'),
    clock = c.get('clock');
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const cookie = getCookie(c, SESSION_COOKIE);
  const user = bearer
    ? ((await userOfToken(store, bearer, clock.now()))?.user ?? null)
    : cookie
      ? await userOfSession(store, cookie, clock.now())
      : null;
  c.set('user', user ?? undefined);
  c.set('scope', user?.role === 'establishment' ? finessScope(store.plan, user.finess ?? '') : null);
  c.set('region', user && whoOf(user).startsWith('ars-') ? user.region! : null);
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL');
  if (!route) return next(); // unknown route: 404 from notFound
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const rule = ruleFor(method, route.path);
  if (!rule) throw forbidden('Accès refusé', 'Aucune règle d’accès pour cette route.');
  if (rule !== 'public' && !user) throw unauthenticated('Authentification requise', 'Connectez-vous pour continuer.');
  if (!allows(rule, user ? whoOf(user) : undefined))
    throw forbidden('Accès refusé', 'Votre rôle ne permet pas cette opération.');
  if (user?.mustChangePassword && rule !== 'public' && !UNTIL_PASSWORD_CHANGED.has(`${method} ${route.path}`))
    throw forbidden(
      'Mot de passe à changer',
      'Votre administrateur vous a donné un mot de passe provisoire : choisissez votre propre mot de passe avant de continuer.',
    );
  return next();
};

/** Cookie-authenticated writes must come from our own pages (Hono's csrf() only sees form posts):
 *  our own origin is JALON_ORIGIN when set (a forged Host header then changes nothing). */
export const sameOrigin =
  (exposure: Exposure = {}): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    // only a Bearer token replaces the cookie (see authenticate); any other Authorization header does not
    if (
      ['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) ||
      /^Bearer\s+\S+$/i.test(c.req.header('authorization') ?? '')
    )
      return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if (
      (site && site !== 'same-origin' && site !== 'none') ||
      (origin !== undefined && origin !== requestOrigin(c, exposure))
    )
      throw forbidden('Origine refusée', 'Requête d’une autre origine refusée (protection CSRF).');
    return next();
  };
