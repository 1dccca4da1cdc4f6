// Every error leaves as application/problem+json; no stack traces, no internal paths.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '../contract/plan.js';
import { DomainError } from '../domain/errors.js';
import { DiskRefused } from '../store/interface.js';

export const problem = (c: Context, p: Problem, headers: Record<string, string> = {}) =>
  c.body(JSON.stringify(p), p.status as ContentfulStatusCode, { 'Content-Type': 'application/problem+json', ...headers });

export const onError = (err: Error, c: Context) => {
  if (err instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (err.status === 429) headers['Retry-After'] = String((err as DomainError & { retryAfter?: number }).retryAfter ?? 60);
    return problem(c, { status: err.status, title: err.title, detail: err.detail, errors: err.errors }, headers);
  }
  if (err instanceof DiskRefused) {
    // the journal was cut back and memory rolled back: the client may simply try again later
    console.error(`[jalon] write refused by the disk: ${err.code}`);
    const detail = err.full ? 'Espace disque insuffisant : rien n’a été enregistré. Réessayez plus tard.' : `Le disque a refusé l’écriture (${err.code}) : rien n’a été enregistré. Réessayez plus tard.`;
    return problem(c, { status: 503, title: 'Enregistrement impossible', detail }, { 'Retry-After': '30' });
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const title = status === 413 ? 'Requête trop volumineuse' : status === 403 ? 'Accès refusé' : 'Requête refusée';
    return problem(c, { status, title, detail: err.message || title });
  }
  console.error('[jalon] unexpected error', err);
  return problem(c, { status: 500, title: 'Erreur interne', detail: 'Une erreur inattendue est survenue ; rien n’a été modifié.' });
};

export const notFoundRoute = (c: Context) =>
  problem(c, { status: 404, title: 'Introuvable', detail: `Aucune route ${c.req.method} ${new URL(c.req.url).pathname}.` });
