// Imports: the national FINESS extract (streamed) and a spreadsheet of allocations. Both answer a
// dry run first (?dryRun=1); applying is one store transaction, all or nothing.
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { resolve } from '../domain/conditions.js';
import { DomainError, invalid, ruleBroken, tooLarge } from '../domain/errors.js';
import type { PlanState } from '../domain/plan.js';
import {
  buildAllocationImport,
  importCounts,
  matchColumns,
  readAllocationRows,
  usedColumns,
  type ImportRefusal,
  type TableRow,
} from '../domain/import-allocations.js';
import {
  DEFAULT_FINESS_CATEGORIES,
  diffFiness,
  finessWrites,
  readFinessLine,
  type FinessRow,
  type Refusal,
} from '../domain/import-finess.js';
import { importPreview } from '../domain/import-preview.js';
import { pluralize } from '../../shared/plural.js';
import { PLAN_YEARS } from '../../shared/years.js';
import { count, mebibytes, type TableLimits, type ZipLimits } from '../lib/limits.js';
import { decodedLines } from '../lib/lines.js';
import { tableRows } from '../lib/table.js';
import type { AllocationImportReport, FinessReport } from '../contract/imports.js';
import type { PlanYear } from '../contract/plan.js';
import { parseWith, rolledBack, Rollback, txMeta, writeCtx, type AppEnv, type Ctx } from './context.js';
import { importTemplateRoutes } from './import-template.js';
import { problemOf } from './problem.js';
import { newId } from './resource.js';
import { recordStep } from './history.js';
import { importDelegations } from './delegation-sheets.js';

const flag = z.enum(['0', '1', 'true', 'false'], { error: 'dryRun : 1 ou 0.' }).optional();
export const finessImportQuery = z.object({
  dryRun: flag,
  progress: flag,
  categories: z
    .string()
    .regex(
      /^\d{2,4}(,\d{2,4})*$/,
      'categories : codes d’agrégat FINESS (4 chiffres) ou préfixes (2 chiffres) séparés par des virgules.',
    )
    .optional(),
});
const pageNumber = (what: string) =>
  z
    .string()
    .regex(/^\d{1,7}$/, `${what} : un entier positif.`)
    .transform(Number)
    .optional();
export const allocationImportQuery = z.object({
  dryRun: flag,
  // the page of changed rows the report lists (default the first 50, at most 500)
  previewOffset: pageNumber('previewOffset'),
  previewLimit: pageNumber('previewLimit').refine((n) => n === undefined || (n >= 1 && n <= 500), {
    message: 'previewLimit : de 1 à 500.',
  }),
});
const on = (v: string | undefined) => v === '1' || v === 'true';

/** An ARS account imports its region's rows only: another region's beneficiary is refused as an
 *  unknown one (its preview shows nothing of it). */
const inRegion = <T extends { rows: Array<{ line: number; input: { finess: string } }>; refused: ImportRefusal[] }>(
  c: Ctx,
  plan: PlanState,
  parsed: T,
): T => {
  const region = c.get('region');
  if (!region) return parsed;
  const mine = parsed.rows.filter((r) => resolve(plan, r.input, 'establishment.region') === region);
  const kept = new Set(mine);
  const refused = parsed.rows
    .filter((r) => !kept.has(r))
    .map((r) => ({
      line: r.line,
      finess: r.input.finess,
      reason: `Établissement FINESS ${r.input.finess} introuvable.`,
    }));
  return { ...parsed, rows: mine, refused: [...parsed.refused, ...refused] };
};

/** Body limits of the import routes (the rest of the API keeps 1 MB). */
export const IMPORT_LIMITS = { finess: 200 * 1024 * 1024, allocations: 20 * 1024 * 1024 };

const MiB = 1024 * 1024;
/** What an upload may hold once read (README, « Uploads »). A national allocation sheet is
 *  ~36,000 rows of ~10 columns; the national FINESS extract ~100,000 establishments. */
export const UPLOAD_LIMITS = {
  table: { rows: 50_000, columns: 200, fieldChars: 2_000 } satisfies TableLimits,
  xlsx: { uncompressedBytes: 100 * MiB, sharedStringsBytes: 16 * MiB, ratio: 100, entries: 1_000 } satisfies ZipLimits,
  finess: { lines: 2_000_000, lineChars: 10_000, kept: 300_000 },
};
export type UploadLimits = typeof UPLOAD_LIMITS;

/** Refusals listed in a report (all are counted). */
const REFUSED_LIST_MAX = 1000;

/** The body limit of a route taking files (imports, declarations), counted as the body streams
 *  through: hono's bodyLimit holds a body sent without Content-Length in memory (up to the limit)
 *  before any check, ahead of the route's own. `label`: the limit as the refusal says it. */
export const streamedBodyLimit =
  (maxBytes: number, label = mebibytes(maxBytes).replace('Mio', 'Mo')): MiddlewareHandler =>
  async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const tooBig = () => tooLarge('Requête trop volumineuse', `Le corps de la requête dépasse ${label}.`);
    if (Number(c.req.header('content-length')) > maxBytes) throw tooBig();
    let seen = 0;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, ctl) {
          seen += chunk.byteLength;
          if (seen > maxBytes) ctl.error(tooBig());
          else ctl.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    return next();
  };

interface FinessProgress {
  lines: number;
  bytes: number;
  totalBytes: number | null;
}

const importFiness = async (
  c: Ctx,
  body: ReadableStream<Uint8Array>,
  q: z.infer<typeof finessImportQuery>,
  limits: UploadLimits['finess'],
  progress?: (p: FinessProgress) => void,
) => {
  const categories = q.categories ? q.categories.split(',') : DEFAULT_FINESS_CATEGORIES;
  const totalBytes = Number(c.req.header('content-length')) || null;
  // one small record per kept establishment, and nothing else of the file
  const rows = new Map<string, FinessRow & { line: number }>();
  const refused: Refusal[] = [];
  let refusedCount = 0;
  const refuse = (r: Refusal) => {
    if (refusedCount++ < REFUSED_LIST_MAX) refused.push(r);
  };
  const skipped = { geolocalisation: 0, category: 0, other: 0 };
  let line = 0,
    bytes = 0,
    reported = 0;
  for await (const batch of decodedLines(
    body as unknown as AsyncIterable<Uint8Array>,
    'auto', // the extract is published in Latin-1 (Windows-1252); a copy re-saved in UTF-8 reads too
    (n) => (bytes += n),
    limits,
  )) {
    for (const text of batch) {
      const o = readFinessLine(text, ++line, categories);
      if (o.kind === 'refused') refuse(o.refusal);
      else if (o.kind === 'skipped') {
        if (o.why in skipped) skipped[o.why as keyof typeof skipped]++;
      } else if (rows.has(o.row.finess))
        refuse({
          line,
          finess: o.row.finess,
          reason: `FINESS en double dans le fichier (déjà ligne ${rows.get(o.row.finess)!.line}).`,
        });
      else if (rows.size >= limits.kept)
        throw tooLarge(
          'Trop d’établissements retenus',
          `Le fichier retient plus de ${count(limits.kept)} établissements : restreignez les catégories (?categories=).`,
        );
      else rows.set(o.row.finess, Object.assign(o.row, { line }));
    }
    if (progress && line - reported >= 5000) {
      reported = line;
      progress({ lines: line, bytes, totalBytes });
    }
  }
  if (line === 0) throw invalid('Fichier FINESS vide.');
  const dryRun = on(q.dryRun);
  const ctx = writeCtx(c);
  const diff = await c.get('store').transact(txMeta(c, 'import-finess'), (tx) => {
    const d = diffFiness(tx.plan, rows.values());
    if (!dryRun) for (const [kind, r] of finessWrites(tx.plan, d, ctx)) tx.put(kind, r);
    return d;
  });
  progress?.({ lines: line, bytes, totalBytes });
  const shown = (r: FinessRow): FinessRow => ({
    finess: r.finess,
    ...(r.finessEj ? { finessEj: r.finessEj } : {}),
    name: r.name,
    region: r.region,
    category: r.category,
  });
  return {
    dryRun,
    lines: line,
    kept: rows.size,
    skipped,
    created: diff.create.length,
    updated: diff.update.length,
    unchanged: diff.unchanged,
    regionsCreated: diff.regions,
    refusedCount,
    refused,
    changes: {
      created: diff.create.slice(0, REFUSED_LIST_MAX).map(shown),
      updated: diff.update
        .slice(0, REFUSED_LIST_MAX)
        .map(({ row, fields }) => ({ finess: row.finess, name: row.name, fields })),
    },
  } satisfies FinessReport;
};

/** The header's columns and every data row cut down to them (see usedColumns). */
const readSheet = async (body: ReadableStream<Uint8Array> | null, type: string, limits: UploadLimits) => {
  let used: ReturnType<typeof usedColumns> | null = null;
  const rows: TableRow[] = [];
  if (body)
    for await (const batch of tableRows(
      body as unknown as AsyncIterable<Uint8Array>,
      type,
      limits.table,
      limits.xlsx,
    )) {
      for (const r of batch) {
        if (used) {
          rows.push({ line: r.line, cells: used.pick(r.cells) });
          continue;
        }
        const cols = matchColumns(r.cells);
        if ('error' in cols) throw invalid(cols.error);
        used = usedColumns(cols);
      }
    }
  if (!used) throw invalid('Fichier vide : une ligne d’en-tête puis une ligne par allocation.');
  return { cols: used.cols, rows };
};

const ACCEPTED = /^(text\/(csv|plain)|application\/(octet-stream|csv|vnd\.ms-excel))\b/;

export const importRoutes = (limits: UploadLimits = UPLOAD_LIMITS) =>
  new Hono<AppEnv>()
    .post('/finess', async (c) => {
      const q = parseWith(finessImportQuery, c.req.query());
      const type = c.req.header('content-type') ?? 'application/octet-stream';
      if (!ACCEPTED.test(type))
        throw invalid('Envoyez le fichier FINESS brut (Content-Type: text/csv ou application/octet-stream).');
      const body = c.req.raw.body;
      if (!body) throw invalid('Fichier FINESS attendu dans le corps de la requête.');
      const ndjson = on(q.progress) || (c.req.header('accept') ?? '').includes('application/x-ndjson');
      if (!ndjson) return c.json(await importFiness(c, body, q, limits.finess));
      // Progress for the page: one JSON object per line, {type:"progress"} then {type:"result"}
      // or {type:"error"} (the status is already 200 once streaming has started).
      const enc = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        async start(ctl) {
          const send = (o: object) => ctl.enqueue(enc.encode(`${JSON.stringify(o)}\n`));
          try {
            send({
              type: 'result',
              ...(await importFiness(c, body, q, limits.finess, (p) => send({ type: 'progress', ...p }))),
            });
          } catch (e) {
            if (!(e instanceof DomainError)) console.error('[jalon] FINESS import failed', e);
            send({ type: 'error', ...problemOf(e) });
          }
          ctl.close();
        },
      });
      return c.body(stream, 200, {
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Cache-Control': 'no-store',
      });
    })
    .post('/allocations', async (c) => {
      const q = parseWith(allocationImportQuery, c.req.query());
      const dryRun = on(q.dryRun);
      const { cols, rows } = await readSheet(c.req.raw.body, c.req.header('content-type') ?? '', limits);
      const ctx = writeCtx(c);
      const report = await c
        .get('store')
        .transact(txMeta(c, 'import-allocations'), (tx) => {
          const parsed = inRegion(c, tx.plan, readAllocationRows(tx.plan, cols, rows));
          const built = buildAllocationImport(
            tx.plan,
            parsed.rows,
            Object.keys(cols.years) as PlanYear[],
            () => newId('al'),
            ctx,
            (a) => void tx.put('allocations', a),
          );
          const refused: ImportRefusal[] = [...parsed.refused, ...built.refused].sort((a, b) => a.line - b.line);
          const years = Object.keys(cols.years) as PlanYear[];
          const r: AllocationImportReport = {
            dryRun,
            ...importCounts(built),
            refusedCount: refused.length,
            refused: refused.slice(0, REFUSED_LIST_MAX),
            years: PLAN_YEARS.filter((y) => years.includes(y)),
            ...importPreview(tx.plan, built, { offset: q.previewOffset, limit: q.previewLimit }),
          };
          if (dryRun || refused.length) throw new Rollback(r);
          recordStep(c, tx, 'import');
          return r;
        })
        .catch(rolledBack<AllocationImportReport>);
      if (!dryRun && report.refusedCount)
        throw ruleBroken(
          `Import refusé : ${pluralize(report.refusedCount, { one: '{n} ligne en erreur', other: '{n} lignes en erreur' })}, rien n’a été enregistré.`,
          report.refused.map((r) => ({
            path: `ligne ${r.line}`,
            message: `${r.finess ? `${r.finess} : ` : ''}${r.reason}`,
          })),
        );
      return c.json(report, dryRun || !report.created ? 200 : 201);
    })
    .post('/delegations', (c) => importDelegations(c, limits))
    .route('/', importTemplateRoutes());
