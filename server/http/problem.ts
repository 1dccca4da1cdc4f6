// Every error leaves as application/problem+json; no stack traces, no internal paths.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '../contract/plan.js';
import { DomainError, type ErrorKind } from '../domain/errors.js';
import { DiskRefused, StoreUnavailable } from '../store/interface.js';

/** The one place where a kind of refusal becomes an HTTP status. */
export const STATUS_OF = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  stale: 412,
  tooLarge: 413,
  unsupportedMedia: 415,
  ruleBroken: 422,
  preconditionRequired: 428,
  throttled: 429,
} as const satisfies Record<ErrorKind, ContentfulStatusCode>;

const INTERNAL: Problem = {
  status: 500,
  title: 'Erreur interne',
  detail: 'Une erreur inattendue est survenue ; rien n’a été modifié.',
};

/** The problem details of a domain error, or of anything else (a 500 that says nothing of it). */
export const problemOf = (err: unknown): Problem =>
  err instanceof DomainError
    ? { status: STATUS_OF[err.kind], title: err.title, detail: err.detail, errors: err.errors }
    : INTERNAL;

export const problem = (c: Context, p: Problem, headers: Record<string, string> = {}) =>
  c.body(JSON.stringify(p), p.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
    ...headers,
  });

export const onError = (err: Error, c: Context) => {
  if (err instanceof DomainError) {
    const headers: Record<string, string> =
      err.kind === 'throttled' ? { 'Retry-After': String(err.retryAfterSeconds ?? 60) } : {};
    return problem(c, problemOf(err), headers);
  }
  if (err instanceof DiskRefused) {
    // the journal was cut back and memory rolled back: the client may simply try again later
    console.error(`[jalon] write refused by the disk: ${err.code}`);
    const detail = err.full
      ? 'Espace disque insuffisant : rien n’a été enregistré. Réessayez plus tard.'
      : `Le disque a refusé l’écriture (${err.code}) : rien n’a été enregistré. Réessayez plus tard.`;
    return problem(c, { status: 503, title: 'Enregistrement impossible', detail }, { 'Retry-After': '30' });
  }
  if (err instanceof StoreUnavailable) {
    // nothing of the write was kept (a COMMIT whose answer was lost comes back by the catch-up)
    console.error(`[jalon] database unreachable: ${err.message}`);
    return problem(
      c,
      {
        status: 503,
        title: 'Base de données injoignable',
        detail: 'La base de données ne répond pas : rien n’a été enregistré. Réessayez dans quelques secondes.',
      },
      { 'Retry-After': '5' },
    );
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const title = status === 413 ? 'Requête trop volumineuse' : status === 403 ? 'Accès refusé' : 'Requête refusée';
    return problem(c, { status, title, detail: err.message || title });
  }
  console.error('[jalon] unexpected error', err);
  return problem(c, INTERNAL);
};

export const notFoundRoute = (c: Context) =>
  problem(c, {
    status: 404,
    title: 'Introuvable',
    detail: `Aucune route ${c.req.method} ${new URL(c.req.url).pathname}.`,
  });
