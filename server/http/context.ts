// What every handler reads from the request: the store, the clock, the user and their scope.
import type { Context } from 'hono';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type { z } from 'zod';
import type { User } from '../contract/auth.js';
import type { WriteContext } from '../domain/context.js';
import { invalid, preconditionRequired, stale, unsupportedMedia } from '../domain/errors.js';
import type { Store, TxMeta } from '../store/interface.js';
import { respond } from './security-headers.js';

export interface Clock {
  now(): Date;
}

export interface AppEnv {
  Variables: {
    store: Store;
    clock: Clock;
    user: User | undefined;
    /** FINESS an establishment account may see; null for everyone else (no restriction). */
    scope: Set<string> | null;
    /** The region (INSEE code) an ARS account may see and act in; null for everyone else
     *  (national staff, administrators, establishments). See http/resource.ts, inScope. */
    region: string | null;
  };
}
export type Ctx = Context<AppEnv>;

export const nowIso = (c: Ctx): string => c.get('clock').now().toISOString();
export const todayOf = (c: Ctx): string => nowIso(c).slice(0, 10);
export const writeCtx = (c: Ctx): WriteContext => ({
  now: nowIso(c),
  actor: c.get('user')?.email,
  role: c.get('user')?.role,
});
export const txMeta = (c: Ctx, action?: string): TxMeta => ({ now: nowIso(c), actor: c.get('user')?.email, action });

export const zodErrors = (error: z.ZodError) =>
  error.issues.map((i) => ({ path: i.path.join('.') || '(corps)', message: i.message }));

/** Field names as a French reader knows them, for the problem's detail (its errors keep the paths). */
const LABELS: Record<string, string> = {
  reason: 'Motif',
  name: 'Nom',
  email: 'E-mail',
  password: 'Mot de passe',
  currentPassword: 'Mot de passe actuel',
  newPassword: 'Nouveau mot de passe',
  role: 'Rôle',
  finess: 'FINESS',
  finessEj: 'FINESS juridique',
  amounts: 'Montants',
  envelopeId: 'Enveloppe',
  actionId: 'Action',
  allocationId: 'Allocation',
  title: 'Intitulé',
  code: 'Code',
  totalCents: 'Montant total',
  yearlyCents: 'Montants par année',
  amountCents: 'Montant',
  paidOn: 'Date de versement',
  ght: 'GHT',
  domain: 'Domaine',
  description: 'Description',
  tranche: 'Tranche',
  filter: 'Filtre',
  completedOn: 'Date de réalisation',
  date: 'Date',
  target: 'Cible',
  expiresInDays: 'Durée',
  axis: 'Axe',
  region: 'Région',
  category: 'Catégorie',
  status: 'Statut',
  source: 'Source',
};
const labelOf = (path: string) => {
  const [head, year] = path.split('.');
  return head === 'amounts' && year ? `Montant ${year}` : (LABELS[head ?? ''] ?? path);
};

export const parseWith = <T>(schema: z.ZodType<T>, value: unknown): T => {
  const r = schema.safeParse(value);
  if (!r.success) {
    const errors = zodErrors(r.error);
    throw invalid(errors.map((e) => `${labelOf(e.path)} : ${e.message}`).join(' ; '), errors);
  }
  return r.data;
};

/** application/json or a +json type (RFC 6839), parameters aside: the rule of Hono's validator. */
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;
export const isJsonType = (contentType: string | undefined): boolean =>
  JSON_MEDIA.test(contentType?.split(';')[0]!.trim() ?? '');

export const readJson = async (c: Ctx): Promise<unknown> => {
  const type = c.req.header('content-type');
  if (!isJsonType(type)) {
    const got = type ? `« ${type.length > 60 ? `${type.slice(0, 60)}…` : type} »` : 'aucun';
    throw unsupportedMedia(
      'Type de contenu non pris en charge',
      `Corps JSON attendu (Content-Type: application/json ou un type +json) ; reçu : ${got}.`,
    );
  }
  try {
    return await c.req.json();
  } catch {
    throw invalid('Corps JSON mal formé.');
  }
};

export const body = async <T>(c: Ctx, schema: z.ZodType<T>): Promise<T> => parseWith(schema, await readJson(c));

/** If-Match by strong comparison (RFC 9110 §13.1.1): `*`, or one of the listed entity-tags is
 *  exactly `"rev"`; a weak tag (W/"…") never matches, nor does an unquoted one. */
export const ifMatches = (header: string, rev: string): boolean =>
  header.trim() === '*' || header.split(',').some((t) => t.trim() === etag(rev));

/** If-Match is required on PATCH and DELETE; a stale one gets 412 and nothing is written. */
export const assertIfMatch = (c: Ctx, rev: string): void => {
  const h = c.req.header('if-match');
  if (!h)
    throw preconditionRequired(
      'En-tête If-Match requis',
      'Renvoyez la version lue (ETag) dans If-Match pour éviter d’écraser une modification.',
    );
  if (ifMatches(h, rev)) return;
  if (h.split(',').some((t) => t.trim() === `W/${etag(rev)}`))
    throw stale(
      'ETag faible refusé',
      'If-Match compare les versions exactement (RFC 9110) : renvoyez l’ETag tel que reçu, sans « W/ ».',
    );
  throw stale(
    'Modifié entre-temps',
    'Cet enregistrement a été modifié par quelqu’un d’autre depuis votre lecture : rechargez-le avant de réessayer.',
  );
};

export const etag = (rev: string) => `"${rev}"`;

/** A dry run goes through the same transaction as the real write, rules and all, then undoes it:
 *  throw a Rollback with what to answer, and catch it with rolledBack. */
export class Rollback<T> extends Error {
  constructor(readonly report: T) {
    super('dry run');
  }
}
export const rolledBack = <T>(e: unknown): T => {
  if (e instanceof Rollback) return e.report as T;
  throw e;
};

const gzip = promisify(gzipCb);
/** Below this, compressing costs more than it saves: one rule for every JSON answer (the national
 *  dashboard, ~6.5 KB, goes as it is; a national list page, ~400 KB, gzipped to who accepts it). */
export const GZIP_FROM = 16 * 1024;
const JSON_TYPE = { 'content-type': 'application/json' };
const NEGOTIATED = { ...JSON_TYPE, vary: 'Accept-Encoding' };
const GZIPPED = { ...NEGOTIATED, 'content-encoding': 'gzip' };

/** A JSON answer encoded (UTF-8) once, and gzipped once a client has asked for it: an answer
 *  cached across requests costs neither again. (Node would encode a string body on every write:
 *  for the dashboard, half the cost of an answer.) */
export interface EncodedJson {
  bytes: Uint8Array<ArrayBuffer>;
  gzip?: Promise<Uint8Array<ArrayBuffer>>;
}

const utf8 = new TextEncoder();
export const encodeJson = (value: unknown): EncodedJson => ({ bytes: utf8.encode(JSON.stringify(value)) });

const sendGzip = async (body: EncodedJson, status: 200 | 201, headers: Record<string, string>) => {
  body.gzip ??= gzip(body.bytes).then((b) => new Uint8Array(b)); // off the event loop
  return respond(await body.gzip, status, Object.assign({}, headers, GZIPPED));
};

/** Sends encoded JSON; small answers keep node's fast path (no stream, no transform). */
export const sendEncoded = (
  c: Ctx,
  body: EncodedJson,
  status: 200 | 201 = 200,
  headers: Record<string, string> = {},
): Response | Promise<Response> => {
  if (body.bytes.byteLength < GZIP_FROM) return respond(body.bytes, status, Object.assign({}, headers, JSON_TYPE));
  if (!/\bgzip\b/.test(c.req.header('accept-encoding') ?? ''))
    return respond(body.bytes, status, Object.assign({}, headers, NEGOTIATED));
  return sendGzip(body, status, headers);
};

export const sendJson = (c: Ctx, value: unknown, status: 200 | 201 = 200, headers: Record<string, string> = {}) =>
  sendEncoded(c, encodeJson(value), status, headers);
