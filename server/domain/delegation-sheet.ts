// The delegations table of an envelope, in the shape of a delegation circular's annex (« Circulaire
// DGOS/FIP1/2025/131 … première délégation des crédits du FMIS »: one row per region, one column
// per year, in euros): built for export, and read back for import. An import is one round of
// delegations (a reference and its notification date): each region's row creates or updates that
// region's delegation of this reference, through the API's own rules (domain/delegations.ts).
import { sameAmounts, sumAmounts } from '../../shared/amounts.js';
import { PLAN_YEARS } from '../../shared/years.js';
import type { DelegationImportReport, DelegationRefusal } from '../contract/delegation-sheet.js';
import type { Delegation, Envelope, PlanYear, YearAmounts } from '../contract/plan.js';
import { yearBudget } from './budget.js';
import type { WriteContext } from './context.js';
import { createDelegation, regionName, updateDelegation } from './delegations.js';
import { DomainError } from './errors.js';
import { excerpt } from './excerpt.js';
import { centsOfCell, type CellValue, type TableRow } from './import-allocations.js';
import { amountOf } from './money.js';
import type { PlanState } from './plan.js';
import { isArsRegion, REGION_NAMES } from './regions.js';
import { fold } from './text.js';

export const SHEET_LABELS = {
  region: 'Région',
  code: 'Code INSEE',
  total: 'Total (€)',
  notifiedOn: 'Notifiée le',
  delegated: 'Total délégué',
  reserve: 'Réserve nationale',
  envelope: 'Enveloppe',
} as const;
export const DELEGATION_COLUMNS: readonly string[] = [
  SHEET_LABELS.region,
  SHEET_LABELS.code,
  ...PLAN_YEARS.map((y) => `${y} (€)`),
  SHEET_LABELS.total,
  SHEET_LABELS.notifiedOn,
];

/** The 18 ARS regions, in the order of their names (as an annex lists them). */
export const arsRegions = (plan: PlanState): Array<{ code: string; name: string }> =>
  Object.keys(REGION_NAMES)
    .map((code) => ({ code, name: regionName(plan, code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));

export interface TableLine {
  label: string;
  code: string;
  /** Cents per plan year; null: no amount there (a reserve without a yearly split). */
  years: Array<number | null>;
  totalCents: number;
  notifiedOn: string;
}

/** The delegations of `env` (of one reference, when given) per region and year, then the total
 *  delegated, the national reserve (the envelope less everything delegated, every reference
 *  counted) and the envelope itself. */
export const delegationTable = (plan: PlanState, env: Envelope, reference?: string): TableLine[] => {
  const all = [...plan.index.delegationsByEnvelope(env.id)];
  const shown = reference === undefined ? all : all.filter((d) => d.reference === reference);
  const sum = (ds: Delegation[], y: PlanYear) => ds.reduce((s, d) => s + amountOf(d.amounts, y), 0);
  const regions = arsRegions(plan).map(({ code, name }): TableLine => {
    const mine = shown.filter((d) => d.region === code);
    const years = PLAN_YEARS.map((y) => sum(mine, y));
    return {
      label: name,
      code,
      years,
      totalCents: years.reduce((s, v) => s + v, 0),
      notifiedOn: mine.reduce((last, d) => (d.notifiedOn > last ? d.notifiedOn : last), ''),
    };
  });
  const delegated = PLAN_YEARS.map((y) => sum(shown, y));
  const delegatedAll = PLAN_YEARS.map((y) => sum(all, y));
  const totalAll = delegatedAll.reduce((s, v) => s + v, 0);
  const budgets = PLAN_YEARS.map((y) => yearBudget(env, y));
  const line = (label: string, years: Array<number | null>, totalCents: number): TableLine => ({
    label,
    code: '',
    years,
    totalCents,
    notifiedOn: '',
  });
  return [
    ...regions,
    line(
      SHEET_LABELS.delegated,
      delegated,
      delegated.reduce((s, v) => s + v, 0),
    ),
    line(
      SHEET_LABELS.reserve,
      budgets.map((b, i) => (b === null ? null : b - delegatedAll[i]!)),
      env.totalCents - totalAll,
    ),
    line(SHEET_LABELS.envelope, budgets, env.totalCents),
  ];
};

const norm = (s: string) => fold(s).replace(/[^a-z0-9]/g, '');

export interface SheetColumns {
  code: number;
  name: number;
  years: Partial<Record<PlanYear, number>>;
}

/** « Code INSEE » (or « Code région », « Code »), « Région », one column per year (« 2025 (€) »). */
export const matchDelegationColumns = (header: readonly CellValue[]): SheetColumns | { error: string } => {
  const names = header.map((h) => norm(String(h ?? '')));
  const code = names.findIndex((n) => n.includes('insee') || n === 'code' || n === 'coderegion');
  const name = names.findIndex((n, i) => i !== code && (n.startsWith('region') || n === 'ars' || n.startsWith('ars')));
  const years: SheetColumns['years'] = {};
  names.forEach((n, i) => {
    const found = n.match(/20\d\d/g) ?? [];
    const y = found[0] as PlanYear;
    if (found.length === 1 && PLAN_YEARS.includes(y) && !n.includes('total') && years[y] === undefined) years[y] = i;
  });
  const missing = [
    code < 0 && name < 0 && 'Code INSEE ou Région',
    !Object.keys(years).length && 'une colonne par année (2023 à 2027)',
  ].filter(Boolean);
  if (missing.length) return { error: `Colonnes introuvables dans l'en-tête : ${missing.join(', ')}.` };
  return { code, name, years };
};

export interface SheetRow {
  line: number;
  region: string;
  amounts: YearAmounts;
}

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
const FOOTERS = [SHEET_LABELS.delegated, SHEET_LABELS.reserve, SHEET_LABELS.envelope, 'Total'].map(norm);
const BY_NAME = new Map(Object.entries(REGION_NAMES).map(([code, name]) => [norm(name), code]));

/** Rows → a region and its amounts, or refusals (per cell where a year is at fault). Empty rows
 *  and the table's own footer (total, reserve, envelope) are skipped. */
export const readDelegationRows = (
  cols: SheetColumns,
  rows: readonly TableRow[],
): { rows: SheetRow[]; refused: DelegationRefusal[] } => {
  const out: SheetRow[] = [],
    refused: DelegationRefusal[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    if (cells.every((v) => text(v) === '')) continue;
    const rawCode = cols.code < 0 ? null : (cells[cols.code] ?? null);
    // a spreadsheet may turn « 01 » (Guadeloupe) into the number 1
    const code = typeof rawCode === 'number' ? String(rawCode).padStart(2, '0') : text(rawCode);
    const name = cols.name < 0 ? '' : text(cells[cols.name]);
    if (!code && FOOTERS.some((f) => norm(name).startsWith(f))) continue;
    const region = code || BY_NAME.get(norm(name)) || '';
    if (!isArsRegion(region)) {
      refused.push({
        line,
        region: excerpt(code || name, 40),
        reason: `Région « ${excerpt(code || name)} » inconnue (code INSEE de la région de l'ARS, ex. 11 pour l'Île-de-France).`,
      });
      continue;
    }
    const first = seen.get(region);
    if (first !== undefined) {
      refused.push({ line, region, reason: `Région déjà donnée ligne ${first} : une ligne par région.` });
      continue;
    }
    seen.set(region, line);
    const amounts: YearAmounts = {};
    let bad = false;
    for (const [y, i] of Object.entries(cols.years) as Array<[PlanYear, number]>) {
      const r = centsOfCell(cells[i] ?? null);
      if (r && 'error' in r) {
        bad = true;
        refused.push({ line, region, year: y, reason: r.error });
      } else amounts[y] = r?.cents ?? 0;
    }
    if (!bad) out.push({ line, region, amounts });
  }
  return { rows: out, refused };
};

export interface SheetRound {
  envelope: Envelope;
  reference: string;
  notifiedOn: string;
  /** The years the sheet has a column for: the others keep what the delegation holds. */
  years: readonly PlanYear[];
}

type Result = Omit<DelegationImportReport, 'dryRun' | 'refusedCount'>;

const refusalsOf = (row: SheetRow, e: DomainError): DelegationRefusal[] => {
  const cells = e.errors.map((f) => {
    const y = f.path.match(/^amounts\.(\d{4})$/)?.[1] as PlanYear | undefined;
    return { line: row.line, region: row.region, ...(y ? { year: y } : {}), reason: f.message };
  });
  return cells.length ? cells : [{ line: row.line, region: row.region, reason: e.detail ?? e.title }];
};

/** Each region's delegation of this round takes the sheet's amounts: created where the region has
 *  none of this reference, updated where the amounts differ. A row refused because of the order
 *  (raising a region before the sheet lowers another) is tried again once the others are in, so
 *  that the sheet is judged as a whole; what is still refused then is refused by the rules. */
export const applyDelegationSheet = (
  plan: PlanState,
  round: SheetRound,
  rows: readonly SheetRow[],
  ids: () => string,
  ctx: WriteContext,
  put: (d: Delegation) => void,
): Result => {
  const env = round.envelope;
  const ofRound = (region: string) =>
    [...plan.index.delegationsByEnvelope(env.id)].filter((d) => d.region === region && d.reference === round.reference);
  const roundCents = () =>
    [...plan.index.delegationsByEnvelope(env.id)]
      .filter((d) => d.reference === round.reference)
      .reduce((s, d) => s + sumAmounts(d.amounts), 0);
  const r: Result = {
    envelopeId: env.id,
    reference: round.reference,
    notifiedOn: round.notifiedOn,
    created: 0,
    updated: 0,
    unchanged: 0,
    beforeCents: roundCents(),
    afterCents: 0,
    refused: [],
    years: PLAN_YEARS.filter((y) => round.years.includes(y)),
    changes: [],
  };
  let pending: Array<{ row: SheetRow; cur?: Delegation; amounts: YearAmounts }> = [];
  for (const row of rows) {
    const mine = ofRound(row.region);
    if (mine.length > 1) {
      r.refused.push({
        line: row.line,
        region: row.region,
        reason: `Plusieurs délégations « ${excerpt(round.reference)} » pour ${regionName(plan, row.region)} (${mine.map((d) => d.id).join(', ')}) : modifiez-les une à une.`,
      });
      continue;
    }
    const cur = mine[0];
    const amounts: YearAmounts = {};
    for (const y of PLAN_YEARS) {
      const v = round.years.includes(y) ? amountOf(row.amounts, y) : amountOf(cur?.amounts, y);
      if (v > 0) amounts[y] = v;
    }
    if (cur ? sameAmounts(amounts, cur.amounts) && cur.notifiedOn === round.notifiedOn : !sumAmounts(amounts)) {
      if (cur) r.unchanged++;
      continue;
    }
    pending.push({ row, cur, amounts });
  }
  let errors = new Map<SheetRow, DelegationRefusal[]>();
  for (let progress = true; pending.length && progress;) {
    progress = false;
    errors = new Map();
    const still: typeof pending = [];
    for (const p of pending) {
      try {
        const d = p.cur
          ? updateDelegation(plan, p.cur, { amounts: p.amounts, notifiedOn: round.notifiedOn }, ctx)
          : createDelegation(
              plan,
              ids(),
              {
                envelopeId: env.id,
                region: p.row.region,
                amounts: p.amounts,
                reference: round.reference,
                notifiedOn: round.notifiedOn,
              },
              ctx,
            );
        put(d);
        progress = true;
        if (p.cur) r.updated++;
        else r.created++;
        r.changes.push({
          region: p.row.region,
          name: regionName(plan, p.row.region),
          before: { ...(p.cur?.amounts ?? {}) },
          after: { ...d.amounts },
        });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        errors.set(p.row, refusalsOf(p.row, e));
        still.push(p);
      }
    }
    pending = still;
  }
  for (const p of pending) r.refused.push(...(errors.get(p.row) ?? []));
  r.refused.sort((a, b) => a.line - b.line || (a.year ?? '').localeCompare(b.year ?? ''));
  r.changes.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  r.afterCents = roundCents();
  return r;
};
