// Declarations of objectives with their evidence files, and the ARS and ANS checks. An
// establishment declares and reads its own applications' (finessScope), an ARS account its
// region's, national staff every one. The files are stored (durably) before the declaration's
// transaction; if that transaction is refused, the files it created go again.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Application, Declaration, ObjectiveState } from '../contract/windows.js';
import {
  assertDeclarable,
  checkDeclaration,
  createDeclaration,
  EVIDENCE_LIMITS,
  evidenceName,
  evidenceTypes,
  type Upload,
} from '../domain/declarations.js';
import { DomainError, invalid, notFound, throttled, unsupportedMedia } from '../domain/errors.js';
import { declarationState } from '../domain/objectives.js';
import type { PlanState } from '../domain/plan.js';
import type { FileStore } from '../store/interface.js';
import { assertIfMatch, body, etag, parseWith, sendJson, txMeta, writeCtx, type AppEnv, type Ctx } from './context.js';
import { ascii, newId, type Reader } from './resource.js';
import { freeText, isoDate, listQuery } from './schemas.js';
import { respond } from './security-headers.js';

export const declarationForm = z.strictObject({
  objective: z.string().trim().min(1, 'Champ obligatoire.').max(60, '60 caractères au plus.'),
  achievedOn: isoDate,
  comment: freeText(2000, { multiline: true }).optional(),
});

export const checkBody = z.strictObject({
  level: z.enum(['ars', 'ans'], { error: 'Niveau : ars ou ans.' }),
  verdict: z.enum(['conforme', 'non_conforme'], { error: 'Avis : conforme ou non_conforme.' }),
  reason: freeText(1000, { multiline: true }).optional(),
});

const STATES: readonly ObjectiveState[] = ['pending_ars', 'refused_ars', 'pending_ans', 'refused_ans', 'achieved'];
export const declarationQuery = listQuery.extend({
  applicationId: z.string().optional(),
  windowId: z.string().optional(),
  region: z.string().optional(),
  state: z
    .string()
    .refine(
      (s) => s.split(',').every((x) => (STATES as string[]).includes(x)),
      `État : ${STATES.join(', ')} (séparés par des virgules).`,
    )
    .optional(),
});

/** A declaration as the API shows it: with its state and its application's window, applicant and region. */
export type DeclarationView = Declaration & { state: ObjectiveState; windowId: string; finess: string; region: string };
const view = (d: Declaration, app: Application): DeclarationView => ({
  ...d,
  state: declarationState(d),
  windowId: app.windowId,
  finess: app.finess,
  region: app.region,
});

/** The caller sees the application: an establishment its own (its scope, or its own number for a
 *  legal entity applying), an ARS account its region's, national staff every one. */
const sees = (c: Ctx, app: Application): boolean => {
  const region = c.get('region');
  if (region && app.region !== region) return false;
  const scope = c.get('scope');
  return !scope || scope.has(app.finess) || c.get('user')?.finess === app.finess;
};

const applicationOf = (c: Ctx, id: string, from: Reader): Application => {
  const app = from.get('applications', id);
  if (!app || !sees(c, app)) throw notFound('Candidature', id);
  return app;
};

const declarationOf = (c: Ctx, id: string, from: Reader): { d: Declaration; app: Application } => {
  const d = from.get('declarations', id);
  const app = d && from.get('applications', d.applicationId);
  if (!d || !app || !sees(c, app)) throw notFound('Déclaration', id);
  return { d, app };
};

const byCreation = (a: Declaration, b: Declaration) => ascii(a.createdAt, b.createdAt) || ascii(a.id, b.id);

/** The declarations a list selects, before paging. */
const selected = (c: Ctx, plan: PlanState, q: z.infer<typeof declarationQuery>): DeclarationView[] => {
  const apps = q.applicationId
    ? [plan.applications.get(q.applicationId)].filter((a) => !!a)
    : q.windowId
      ? [...plan.index.applicationsByWindow(q.windowId)]
      : [...plan.applications.values()];
  const states = q.state ? new Set(q.state.split(',')) : null;
  const out: DeclarationView[] = [];
  for (const app of apps) {
    if (!sees(c, app) || (q.windowId && app.windowId !== q.windowId) || (q.region && app.region !== q.region)) continue;
    for (const d of plan.index.declarationsByApplication(app.id)) {
      const v = view(d, app);
      if (!states || states.has(v.state)) out.push(v);
    }
  }
  return out.sort(byCreation);
};

const page = (c: Ctx, q: z.infer<typeof declarationQuery>) => {
  const items = selected(c, c.get('store').plan, q);
  return { items: items.slice(q.offset, q.offset + q.limit), total: items.length, limit: q.limit, offset: q.offset };
};

const queryOf = (c: Ctx) => parseWith(declarationQuery, c.req.query());

/** The multipart form of a declaration: its fields, and its files in the order sent. */
const readForm = async (c: Ctx): Promise<{ fields: Record<string, unknown>; uploads: Upload[] }> => {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type))
    throw unsupportedMedia(
      'Type de contenu non pris en charge',
      'Déclaration attendue en multipart/form-data (champs objective, achievedOn, comment, et les fichiers sous files).',
    );
  let form: Record<string, string | File | Array<string | File>>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch (e) {
    // the body limit (server/app.ts) ends a body too large as it streams: its refusal stands
    const cause = e instanceof DomainError ? e : (e as { cause?: unknown }).cause;
    if (cause instanceof DomainError) throw cause;
    throw invalid('Formulaire multipart mal formé.');
  }
  const fields: Record<string, unknown> = {};
  const uploads: Upload[] = [];
  for (const [name, value] of Object.entries(form)) {
    const values = Array.isArray(value) ? value : [value];
    if (name === 'files') {
      for (const f of values) {
        if (typeof f === 'string')
          throw invalid('Le champ files porte des fichiers, pas du texte.', [
            { path: 'files', message: 'Fichier attendu.' },
          ]);
        uploads.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
      }
      continue;
    }
    if (values.length !== 1 || typeof values[0] !== 'string')
      throw invalid(`Le champ ${name} attend une seule valeur texte.`, [
        { path: name, message: 'Une seule valeur texte.' },
      ]);
    // an empty optional field is one left out
    if (values[0] !== '' || name !== 'comment') fields[name] = values[0];
  }
  return { fields, uploads };
};

/** attachment; an ASCII name for old clients and the real one (RFC 6266, RFC 8187). */
const disposition = (name: string) =>
  `attachment; filename="${name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(
      /[^\w.-]/g,
      '-',
    )}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;

/** Stores the files one by one; if one is refused, those created before it go again. */
const storeAll = async (files: FileStore, uploads: readonly Upload[], types: readonly string[]) => {
  const stored: Array<{ sha256: string; created: boolean }> = [];
  try {
    for (const [i, u] of uploads.entries()) stored.push(await files.put(u.bytes, types[i]!));
  } catch (e) {
    await discardCreated(files, stored);
    throw e;
  }
  return stored;
};
const discardCreated = async (files: FileStore, stored: ReadonlyArray<{ sha256: string; created: boolean }>) => {
  for (const s of stored) if (s.created) await files.discard(s.sha256).catch(() => undefined);
};

/** A declaration holds its files in memory (up to 51 MB) until they are stored: at most this many
 *  are read at once, the others told to come back in a few seconds (429, Retry-After), so that a
 *  burst of uploads cannot exhaust the server's memory. */
export const DECLARING_AT_ONCE = 2;

export const declarationRoutes = () => {
  let declaring = 0;
  return new Hono<AppEnv>()
    .get('/applications/:id/declarations', (c) => {
      const app = applicationOf(c, c.req.param('id'), c.get('store'));
      return sendJson(c, page(c, { ...queryOf(c), applicationId: app.id }));
    })
    .post(
      '/applications/:id/declarations',
      async (_c, next) => {
        if (declaring >= DECLARING_AT_ONCE)
          throw throttled(
            'Trop de dépôts de pièces justificatives en cours : réessayez dans quelques secondes (rien n’a été enregistré).',
            5,
          );
        declaring++;
        try {
          await next();
        } finally {
          declaring--;
        }
      },
      async (c) => {
        const store = c.get('store');
        const id = c.req.param('id');
        const ctx = writeCtx(c);
        // who, what and when first: a refusal writes no file
        const app = applicationOf(c, id, store);
        const { fields, uploads } = await readForm(c);
        const input = parseWith(declarationForm, fields);
        assertDeclarable(store.plan, app, input, ctx);
        const types = evidenceTypes(uploads);
        const files = store.files();
        const stored = await storeAll(files, uploads, types);
        const evidence = uploads.map((u, i) => ({
          sha256: stored[i]!.sha256,
          name: evidenceName(u.name),
          type: types[i]!,
          size: u.bytes.byteLength,
        }));
        let saved: Declaration;
        try {
          saved = await store.transact(txMeta(c, 'declare'), (tx) =>
            tx.put(
              'declarations',
              createDeclaration(tx.plan, newId('dcl'), applicationOf(c, id, tx), { ...input, evidence }, ctx),
            ),
          );
        } catch (e) {
          await discardCreated(files, stored);
          throw e;
        }
        // a file found already there may have been discarded meanwhile by a refused declaration of
        // the same content (which checked before this one was committed): it is put back before the answer
        for (const [i, s] of stored.entries()) if (!s.created) await files.put(uploads[i]!.bytes, types[i]!);
        return sendJson(c, view(saved, app), 201, { etag: etag(saved.rev), location: `/api/declarations/${saved.id}` });
      },
    )
    .get('/declarations', (c) => sendJson(c, page(c, queryOf(c))))
    .get('/declarations/:id', (c) => {
      const { d, app } = declarationOf(c, c.req.param('id'), c.get('store'));
      return sendJson(c, view(d, app), 200, { etag: etag(d.rev) });
    })
    .post('/declarations/:id/check', async (c) => {
      const input = await body(c, checkBody);
      const user = c.get('user');
      const saved = await c.get('store').transact(txMeta(c, `check-${input.level}`), (tx) => {
        const { d, app } = declarationOf(c, c.req.param('id'), tx);
        // If-Match optional: a verdict is given once, a second one is refused whatever its version
        if (c.req.header('if-match') !== undefined) assertIfMatch(c, d.rev);
        const next = checkDeclaration(tx.plan, d, input, writeCtx(c), { role: user?.role, region: c.get('region') });
        return view(tx.put('declarations', next), app);
      });
      return sendJson(c, saved, 200, { etag: etag(saved.rev) });
    })
    .get('/declarations/:id/files/:sha256', async (c) => {
      const store = c.get('store');
      const { d } = declarationOf(c, c.req.param('id'), store);
      const sha256 = c.req.param('sha256');
      const file = d.evidence.find((e) => e.sha256 === sha256);
      if (!file) throw notFound('Pièce justificative', sha256.slice(0, 64));
      const bytes = await store.files().get(sha256);
      if (!bytes) throw notFound('Contenu de la pièce justificative', file.name);
      return respond(new Uint8Array(bytes), 200, {
        'content-type': file.type,
        'content-disposition': disposition(file.name),
        'content-length': String(bytes.byteLength),
        'x-content-type-options': 'nosniff',
        // never run nor shown in the app's origin: a PDF opened from here gets a sandbox
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      });
    });
};

/** The body limit of POST /api/applications/:id/declarations (server/app.ts): 5 files of 10 MB
 *  and the form around them. */
export const DECLARATION_BODY_LIMIT = EVIDENCE_LIMITS.maxFiles * EVIDENCE_LIMITS.maxBytes + 1024 * 1024;

/** The multipart body of a declaration, for the OpenAPI document. */
export const EVIDENCE_FORM = {
  type: 'object',
  required: ['objective', 'achievedOn', 'files'],
  properties: {
    objective: { type: 'string', description: 'Code de l’objectif (« D1-AD-2 »)' },
    achievedOn: { type: 'string', format: 'date', description: 'Date d’atteinte (AAAA-MM-JJ), pas future' },
    comment: { type: 'string', maxLength: 2000 },
    files: {
      type: 'array',
      minItems: EVIDENCE_LIMITS.minFiles,
      maxItems: EVIDENCE_LIMITS.maxFiles,
      items: { type: 'string', format: 'binary' },
      description: 'PDF, PNG ou JPEG, 10 Mo au plus chacun',
    },
  },
} as const;
