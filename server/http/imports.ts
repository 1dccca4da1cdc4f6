// Imports: the national FINESS extract (streamed) and a spreadsheet of allocations. Both answer a
// dry run first (?dryRun=1); applying is one store transaction, all or nothing.
import { Hono } from 'hono';
import { z } from 'zod';
import { DomainError, invalid, ruleBroken } from '../domain/errors.js';
import { buildAllocationImport, importCounts, matchColumns, readAllocationRows, type ImportRefusal, type TableRow } from '../domain/import-allocations.js';
import { DEFAULT_FINESS_CATEGORIES, diffFiness, finessWrites, readFinessLine, type FinessRow, type Refusal } from '../domain/import-finess.js';
import { parseCsv } from '../lib/csv.js';
import { decodedLines } from '../lib/lines.js';
import { readXlsx, XLSX_TYPE } from '../lib/xlsx.js';
import type { AllocationImportReport, FinessReport } from '../contract/imports.js';
import type { PlanYear } from '../contract/plan.js';
import { parseWith, rolledBack, Rollback, txMeta, writeCtx, type AppEnv, type Ctx } from './context.js';
import { newId } from './resource.js';

const flag = z.enum(['0', '1', 'true', 'false'], { error: 'dryRun : 1 ou 0.' }).optional();
export const finessImportQuery = z.object({
  dryRun: flag,
  progress: flag,
  categories: z.string().regex(/^\d{2,4}(,\d{2,4})*$/, 'categories : codes d’agrégat FINESS (4 chiffres) ou préfixes (2 chiffres) séparés par des virgules.').optional(),
});
export const allocationImportQuery = z.object({ dryRun: flag });
const on = (v: string | undefined) => v === '1' || v === 'true';

/** Body limits of the import routes (the rest of the API keeps 1 MB). */
export const IMPORT_LIMITS = { finess: 200 * 1024 * 1024, allocations: 20 * 1024 * 1024 };

const REFUSED_LIST_MAX = 1000;

interface FinessProgress { lines: number; bytes: number; totalBytes: number | null }

const importFiness = async (c: Ctx, body: ReadableStream<Uint8Array>, q: z.infer<typeof finessImportQuery>, progress?: (p: FinessProgress) => void) => {
  const categories = q.categories ? q.categories.split(',') : DEFAULT_FINESS_CATEGORIES;
  const totalBytes = Number(c.req.header('content-length')) || null;
  const rows = new Map<string, FinessRow & { line: number }>();
  const refused: Refusal[] = [];
  const skipped = { geolocalisation: 0, category: 0, other: 0 };
  let line = 0, bytes = 0, reported = 0;
  for await (const batch of decodedLines(body, 'latin1', (n) => (bytes += n))) {
    for (const text of batch) {
      const o = readFinessLine(text, ++line, categories);
      if (o.kind === 'refused') refused.push(o.refusal);
      else if (o.kind === 'skipped') { if (o.why in skipped) skipped[o.why as keyof typeof skipped]++; }
      else if (rows.has(o.row.finess)) refused.push({ line, finess: o.row.finess, reason: `FINESS en double dans le fichier (déjà ligne ${rows.get(o.row.finess)!.line}).` });
      else rows.set(o.row.finess, { ...o.row, line });
    }
    if (progress && line - reported >= 5000) { reported = line; progress({ lines: line, bytes, totalBytes }); }
  }
  if (line === 0) throw invalid('Fichier FINESS vide.');
  const kept = [...rows.values()].map(({ line: _, ...r }) => r);
  const dryRun = on(q.dryRun);
  const ctx = writeCtx(c);
  const diff = await c.get('store').transact(txMeta(c, 'import-finess'), (tx) => {
    const d = diffFiness(tx.plan, kept);
    if (!dryRun) for (const [kind, r] of finessWrites(tx.plan, d, ctx)) tx.put(kind, r);
    return d;
  });
  progress?.({ lines: line, bytes, totalBytes });
  return {
    dryRun, lines: line, kept: kept.length, skipped,
    created: diff.create.length, updated: diff.update.length, unchanged: diff.unchanged, regionsCreated: diff.regions,
    refusedCount: refused.length, refused: refused.slice(0, REFUSED_LIST_MAX),
    changes: {
      created: diff.create.slice(0, REFUSED_LIST_MAX),
      updated: diff.update.slice(0, REFUSED_LIST_MAX).map(({ row, fields }) => ({ finess: row.finess, name: row.name, fields })),
    },
  } satisfies FinessReport;
};

const problemOf = (e: unknown) =>
  e instanceof DomainError ? { status: e.status, title: e.title, detail: e.detail, errors: e.errors }
    : { status: 500, title: 'Erreur interne', detail: 'Une erreur inattendue est survenue ; rien n’a été modifié.' };

const ACCEPTED = /^(text\/(csv|plain)|application\/(octet-stream|csv|vnd\.ms-excel))\b/;

/** The rows of an uploaded sheet: XLSX (by type or by its zip signature) or CSV in UTF-8. */
const readTable = async (bytes: Uint8Array, type: string): Promise<TableRow[]> => {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (type.startsWith(XLSX_TYPE) || zip) {
    try { return await readXlsx(bytes); } catch { throw invalid('Classeur XLSX illisible.'); }
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) throw invalid('Fichier CSV attendu en UTF-8 (enregistrez-le en « CSV UTF-8 »).');
  return parseCsv(text).records;
};

export const importRoutes = () =>
  new Hono<AppEnv>()
    .post('/finess', async (c) => {
      const q = parseWith(finessImportQuery, c.req.query());
      const type = c.req.header('content-type') ?? 'application/octet-stream';
      if (!ACCEPTED.test(type)) throw invalid('Envoyez le fichier FINESS brut (Content-Type: text/csv ou application/octet-stream).');
      const body = c.req.raw.body;
      if (!body) throw invalid('Fichier FINESS attendu dans le corps de la requête.');
      const ndjson = on(q.progress) || (c.req.header('accept') ?? '').includes('application/x-ndjson');
      if (!ndjson) return c.json(await importFiness(c, body, q));
      // Progress for the page: one JSON object per line, {type:"progress"} then {type:"result"}
      // or {type:"error"} (the status is already 200 once streaming has started).
      const enc = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        async start(ctl) {
          const send = (o: object) => ctl.enqueue(enc.encode(`${JSON.stringify(o)}\n`));
          try {
            send({ type: 'result', ...(await importFiness(c, body, q, (p) => send({ type: 'progress', ...p }))) });
          } catch (e) {
            if (!(e instanceof DomainError)) console.error('[jalon] FINESS import failed', e);
            send({ type: 'error', ...problemOf(e) });
          }
          ctl.close();
        },
      });
      return c.body(stream, 200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
    })
    .post('/allocations', async (c) => {
      const dryRun = on(parseWith(allocationImportQuery, c.req.query()).dryRun);
      const table = await readTable(new Uint8Array(await c.req.arrayBuffer()), c.req.header('content-type') ?? '');
      const [header, ...rows] = table;
      if (!header) throw invalid('Fichier vide : une ligne d’en-tête puis une ligne par allocation.');
      const cols = matchColumns(header.cells);
      if ('error' in cols) throw invalid(cols.error);
      const ctx = writeCtx(c);
      const report = await c.get('store').transact(txMeta(c, 'import-allocations'), (tx) => {
        const parsed = readAllocationRows(tx.plan, cols, rows);
        const built = buildAllocationImport(tx.plan, parsed.rows, Object.keys(cols.years) as PlanYear[], () => newId('al'), ctx, (a) => void tx.put('allocations', a));
        const refused: ImportRefusal[] = [...parsed.refused, ...built.refused].sort((a, b) => a.line - b.line);
        const r: AllocationImportReport = { dryRun, ...importCounts(built), refused };
        if (dryRun || refused.length) throw new Rollback(r);
        return r;
      }).catch(rolledBack<AllocationImportReport>);
      if (!dryRun && report.refused.length)
        throw ruleBroken(`Import refusé : ${report.refused.length} ligne(s) en erreur, rien n’a été enregistré.`,
          report.refused.map((r) => ({ path: `ligne ${r.line}`, message: `${r.finess ? `${r.finess} : ` : ''}${r.reason}` })));
      return c.json(report, dryRun || !report.created ? 200 : 201);
    });
