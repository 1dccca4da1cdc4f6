// The problem+json answers an operation documents, derived from what its route is: its access
// rule (auth/policy.ts), its method (writes cross the origin check, the body limit and the
// journal), its inputs (context.ts: readJson, parseWith, assertIfMatch) and what its rules refuse.
import { ROLES } from '../contract/auth.js';
import type { Rule } from '../auth/policy.js';

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 503;

export interface RouteFacts {
  method: string;
  rule: Rule | undefined;
  /** A JSON body read by readJson and checked by a zod schema. */
  jsonBody: boolean;
  /** Other input checked before any rule: a query schema, an uploaded file. */
  checkedInput: boolean;
  /** The path names a record (or a file) that may not exist, or not for this user. */
  pathParams: boolean;
  ifMatch?: 'required' | 'optional';
  /** What the route's rules refuse beyond the above (a duplicate, a broken rule, throttling...). */
  refuses?: readonly ProblemStatus[];
}

const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/** A role list that leaves some role out: someone logged in gets 403. */
const excludesSomeone = (rule: Rule | undefined) => typeof rule !== 'string' && ROLES.some((r) => !rule?.includes(r));

export const problemStatuses = (f: RouteFacts): ProblemStatus[] => {
  const write = isWrite(f.method);
  const s = new Set<ProblemStatus>(f.refuses);
  if (f.jsonBody || f.checkedInput) s.add(400);
  if (f.rule !== 'public') s.add(401);
  // sameOrigin refuses any write a cookie carries from another origin (CSRF)
  if (write || excludesSomeone(f.rule)) s.add(403);
  if (f.pathParams) s.add(404);
  if (f.ifMatch) s.add(412);
  if (f.ifMatch === 'required') s.add(428);
  if (write) s.add(413); // the body limit of app.ts, or the import routes' own
  if (f.jsonBody) s.add(415);
  if (write) s.add(503); // the disk refused the journal's write: nothing was recorded
  return [...s].sort((a, b) => a - b);
};

const retryAfter = {
  'Retry-After': { description: 'Secondes à attendre avant de réessayer', schema: { type: 'integer', minimum: 1 } },
};

const DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'Requête invalide : corps JSON mal formé, champ, paramètre ou fichier refusé (errors nomme chaque champ)',
  401: 'Authentification requise, ou identifiants incorrects',
  403: 'Accès refusé : rôle sans ce droit, séparation des tâches, ou écriture venue d’une autre origine (CSRF)',
  404: 'Introuvable, ou hors du périmètre de l’utilisateur',
  409: 'Doublon : un enregistrement identique existe déjà',
  412: 'Modifié entre-temps : If-Match ne correspond plus à la version enregistrée (ou ETag faible)',
  413: 'Requête trop volumineuse : corps au-delà de la limite, ou fichier au-delà de ce qu’un import accepte',
  415: 'Type de contenu non pris en charge : corps JSON attendu (application/json ou un type +json)',
  422: 'Règle de gestion non respectée : rien n’a été enregistré',
  428: 'En-tête If-Match requis (l’ETag de la version lue)',
  429: 'Trop de tentatives : réessayer après le délai indiqué',
  503: 'Enregistrement impossible : le disque a refusé l’écriture, rien n’a été enregistré',
};

/** components.responses: one shared answer per status, each a Problem. */
export const problemResponses = (statuses: Iterable<ProblemStatus>) =>
  Object.fromEntries(
    [...new Set(statuses)]
      .sort((a, b) => a - b)
      .map((status) => [
        `Problem${status}`,
        {
          description: DESCRIPTIONS[status],
          ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      ]),
  );

export const responseRefs = (statuses: readonly ProblemStatus[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/Problem${s}` }]));

export const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'Erreur au format RFC 9457 (application/problem+json) ; titres et détails en français',
  required: ['status', 'title'],
  properties: {
    type: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    title: { type: 'string' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Un élément par champ refusé (path : chemin du champ, ou « ligne N » pour un import)',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;
