// An envelope's delegations table as a spreadsheet (the annex of a delegation circular): the sheet
// that GET /api/export/delegations.csv|xlsx sends, and POST /api/import/delegations, which reads
// the same table back as one round of delegations (reference, notifiedOn), all or nothing.
import { z } from 'zod';
import { PLAN_YEARS } from '../../shared/years.js';
import type { DelegationImportReport, DelegationRefusal } from '../contract/delegation-sheet.js';
import type { PlanYear } from '../contract/plan.js';
import {
  applyDelegationSheet,
  DELEGATION_COLUMNS,
  delegationTable,
  matchDelegationColumns,
  readDelegationRows,
  type SheetColumns,
} from '../domain/delegation-sheet.js';
import { invalid, notFound, ruleBroken } from '../domain/errors.js';
import type { TableRow } from '../domain/import-allocations.js';
import type { PlanState } from '../domain/plan.js';
import { pluralize } from '../../shared/plural.js';
import type { Cell } from '../lib/csv.js';
import type { TableLimits, ZipLimits } from '../lib/limits.js';
import { tableRows } from '../lib/table.js';
import type { Sheet } from '../lib/xlsx.js';
import { parseWith, rolledBack, Rollback, txMeta, writeCtx, type Ctx } from './context.js';
import { newId } from './resource.js';
import { isoDate, text } from './schemas.js';

const envelopeOf = (plan: PlanState, idOrCode: string) => {
  const env =
    plan.envelopes.get(idOrCode) ??
    [...plan.envelopes.values()].find((e) => e.code.toUpperCase() === idOrCode.toUpperCase());
  if (!env) throw notFound('Enveloppe', idOrCode.slice(0, 60));
  return env;
};

export const delegationExportQuery = z.object({
  envelopeId: text(60, 'envelopeId : l’enveloppe dont exporter les délégations.'),
  // one round only (« 1re délégation … »); without it, every delegation of the envelope
  reference: text(300).optional(),
});

/** One row per region, one column per year in euros, the total and the last notification date;
 *  then the total delegated, the national reserve and the envelope. */
export const delegationsSheet = (c: Ctx): { base: string; sheet: Sheet } => {
  const q = parseWith(delegationExportQuery, c.req.query());
  const plan = c.get('store').plan;
  const env = envelopeOf(plan, q.envelopeId);
  const money = (v: number | null): Cell => (v === null ? { text: '' } : { cents: v });
  const rows = delegationTable(plan, env, q.reference).map((l): Cell[] => [
    { text: l.label },
    { text: l.code },
    ...l.years.map(money),
    { cents: l.totalCents },
    { date: l.notifiedOn },
  ]);
  return { base: `délégations-${env.code}`, sheet: { name: 'Délégations', header: DELEGATION_COLUMNS, rows } };
};

const flag = z.enum(['0', '1', 'true', 'false'], { error: 'dryRun : 1 ou 0.' }).optional();
export const delegationImportQuery = z.object({
  envelopeId: text(60, 'envelopeId : l’enveloppe délégué.'),
  reference: text(
    300,
    'reference : l’acte qui notifie ces délégations (ex. « 1re délégation, circulaire du 8 sept. 2025 »).',
  ),
  notifiedOn: isoDate,
  dryRun: flag,
});

/** What an uploaded sheet may hold (imports.ts UPLOAD_LIMITS). */
type UploadLimits = { table: TableLimits; xlsx: ZipLimits };

const readSheet = async (c: Ctx, limits: UploadLimits): Promise<{ cols: SheetColumns; rows: TableRow[] }> => {
  const body = c.req.raw.body;
  let cols: SheetColumns | null = null;
  const rows: TableRow[] = [];
  if (body)
    for await (const batch of tableRows(
      body as unknown as AsyncIterable<Uint8Array>,
      c.req.header('content-type') ?? '',
      limits.table,
      limits.xlsx,
    ))
      for (const r of batch) {
        if (cols) rows.push(r);
        else {
          const m = matchDelegationColumns(r.cells);
          if ('error' in m) throw invalid(m.error);
          cols = m;
        }
      }
  if (!cols) throw invalid('Fichier vide : une ligne d’en-tête puis une ligne par région.');
  return { cols, rows };
};

const cellName = (r: DelegationRefusal) => `ligne ${r.line}${r.year ? `, ${r.year}` : ''}`;

export const importDelegations = async (c: Ctx, limits: UploadLimits) => {
  const q = parseWith(delegationImportQuery, c.req.query());
  const dryRun = q.dryRun === '1' || q.dryRun === 'true';
  const { cols, rows } = await readSheet(c, limits);
  const ctx = writeCtx(c);
  const report = await c
    .get('store')
    .transact(txMeta(c, 'import-delegations'), (tx) => {
      const envelope = envelopeOf(tx.plan, q.envelopeId);
      const parsed = readDelegationRows(cols, rows);
      const years = Object.keys(cols.years) as PlanYear[];
      const built = applyDelegationSheet(
        tx.plan,
        {
          envelope,
          reference: q.reference,
          notifiedOn: q.notifiedOn,
          years: PLAN_YEARS.filter((y) => years.includes(y)),
        },
        parsed.rows,
        () => newId('del'),
        ctx,
        (d) => void tx.put('delegations', d),
      );
      const refused = [...parsed.refused, ...built.refused].sort(
        (a, b) => a.line - b.line || (a.year ?? '').localeCompare(b.year ?? ''),
      );
      const r: DelegationImportReport = { dryRun, ...built, refusedCount: refused.length, refused };
      if (dryRun || refused.length) throw new Rollback(r);
      return r;
    })
    .catch(rolledBack<DelegationImportReport>);
  if (!dryRun && report.refusedCount)
    throw ruleBroken(
      `Import refusé : ${pluralize(report.refusedCount, { one: '{n} cellule en erreur', other: '{n} cellules en erreur' })}, rien n’a été enregistré.`,
      report.refused.map((r) => ({ path: cellName(r), message: `${r.region} : ${r.reason}` })),
    );
  return c.json(report, dryRun || !report.created ? 200 : 201);
};
