// Allocation import from a spreadsheet (CSV or XLSX already read into rows of cells): headers
// matched flexibly, euros turned into cents by string arithmetic, then every row through the
// API's own rules, each seeing the ones before it (so over-allocation is caught across rows):
// a new (establishment, envelope, action) is created; an existing one is updated as a PATCH would
// (an avenant when it is approved); one whose amounts are those of the sheet is left as it is.
import { sameAmounts, shownAmounts, sumAmounts } from '../../shared/amounts.js';
import { readEuros, type EurosProblem } from '../../shared/money.js';
import { PLAN_YEARS } from '../../shared/years.js';
import type { Allocation, PlanYear, YearAmounts } from '../contract/plan.js';
import { createAllocation, fundingOf, updateAllocation, type AllocationInput } from './allocations.js';
import type { WriteContext } from './context.js';
import { DomainError } from './errors.js';
import { excerpt } from './excerpt.js';
import { finessProblem } from './finess.js';
import { siretProblem } from './siret.js';
import type { PlanState } from './plan.js';
import type { AllocationImportReport, ImportRefusal } from '../contract/imports.js';
import { fold } from './text.js';

export type { ImportRefusal };
export type CellValue = string | number | null;
export interface TableRow {
  line: number;
  cells: CellValue[];
}

/** Why a sheet's amount is refused, quoting at most an excerpt of it. */
const sheetError = (p: EurosProblem, shown: string): string => {
  switch (p.problem) {
    case 'negative':
      return `Montant négatif refusé (« ${shown} »).`;
    case 'unreadable':
      return `Montant illisible : « ${shown} » (euros attendus, ex. 1 234,56).`;
    case 'mixed':
      return `Montant illisible : « ${shown} ».`;
    case 'separators':
      return `Montant illisible : « ${shown} » (séparateurs de milliers incohérents).`;
    case 'decimals':
      return `Montant « ${shown} » : 2 décimales au plus (un point de milliers ? écrivez ${excerpt(p.digits)}).`;
    case 'tooBig':
      return `Montant trop grand : « ${shown} ».`;
  }
};

/** "1 234,56 €", "1234.56", "1.234,56", "12" → cents; an error message otherwise; null when empty. */
export const parseEuros = (raw: string): { cents: number } | { error: string } | null => {
  const r = readEuros(raw, 'sheet');
  return r === null || 'cents' in r ? r : { error: sheetError(r, excerpt(raw)) };
};

/** A spreadsheet number cell (a double) read back as the decimal the user typed, then as above. */
export const centsOfCell = (v: CellValue) =>
  v === null
    ? null
    : typeof v === 'number'
      ? Number.isFinite(v) && !/e/i.test(String(v))
        ? parseEuros(String(v))
        : { error: `Montant illisible : ${v}.` }
      : parseEuros(v);

const norm = (s: string) => fold(s).replace(/[^a-z0-9]/g, '');

export interface Columns {
  finess: number;
  action: number;
  envelope: number;
  years: Partial<Record<PlanYear, number>>;
}

/** The header of the downloadable template: the names matchColumns reads (the establishment's
 *  name is for the reader, not read), one column per plan year. */
export const TEMPLATE_COLUMNS: readonly string[] = [
  'FINESS',
  'Établissement',
  'Code action',
  'Code enveloppe',
  ...PLAN_YEARS.map((y) => `${y} (€)`),
];

/** Finds the columns in a header row: "FINESS" / "N° FINESS ET" (or "SIRET", "Bénéficiaire"), "Code action" / "Action",
 *  "Code enveloppe" / "Enveloppe", and one column per year ("2024", "Montant 2024 (€)"). */
export const matchColumns = (header: CellValue[]): Columns | { error: string } => {
  const names = header.map((h) => norm(String(h ?? '')));
  const pick = (test: (n: string) => boolean) => {
    const hits = names.map((n, i) => [n, i] as const).filter(([n]) => test(n));
    return (hits.find(([n]) => n.includes('code') || n.startsWith('no') || n.startsWith('num')) ?? hits[0])?.[1] ?? -1;
  };
  // the beneficiary: a FINESS column (which may hold SIRETs too), else a SIRET or « Bénéficiaire » one
  const finessCol = pick((n) => n.includes('finess') && !n.includes('juridique') && !n.endsWith('ej'));
  const finess = finessCol >= 0 ? finessCol : pick((n) => n.includes('siret') || n.includes('beneficiaire'));
  const action = pick((n) => n.includes('action') && !/intitule|libelle|titre/.test(n));
  const envelope = pick((n) => (n.includes('enveloppe') || n.includes('envelope')) && !/intitule|libelle|nom/.test(n));
  const years: Columns['years'] = {};
  names.forEach((n, i) => {
    const found = n.match(/20\d\d/g) ?? [];
    const y = found[0] as PlanYear;
    if (found.length === 1 && PLAN_YEARS.includes(y) && !n.includes('total') && years[y] === undefined) years[y] = i;
  });
  const missing = [
    finess < 0 && 'FINESS',
    action < 0 && 'Code action',
    envelope < 0 && 'Code enveloppe',
    !Object.keys(years).length && 'une colonne par année (2023 à 2027)',
  ].filter(Boolean);
  if (missing.length) return { error: `Colonnes introuvables dans l'en-tête : ${missing.join(', ')}.` };
  return { finess, action, envelope, years };
};

/** The columns an import reads, and a row cut down to them, so that a sheet's other columns
 *  (names, comments) are not held while the rest of the file is read. Kept text is copied: V8
 *  substrings point into the piece of the file they were cut from, which they would keep alive. */
export const usedColumns = (cols: Columns): { cols: Columns; pick: (cells: readonly CellValue[]) => CellValue[] } => {
  const from = [cols.finess, cols.action, cols.envelope, ...Object.values(cols.years)];
  const years = Object.fromEntries(Object.keys(cols.years).map((y, i) => [y, 3 + i])) as Columns['years'];
  const own = (v: CellValue | undefined): CellValue => (typeof v === 'string' ? ` ${v}`.slice(1) : (v ?? null));
  return { cols: { finess: 0, action: 1, envelope: 2, years }, pick: (cells) => from.map((i) => own(cells[i])) };
};

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

/** A sheet's beneficiary cell: a FINESS (9 characters) or a pooled resource's SIRET (14 digits,
 *  spaces allowed as people write it: « 732 829 320 00074 »), its key checked; the refusal names
 *  which of the two it read. */
export const beneficiaryKey = (raw: CellValue): { key: string; problem: string | null } => {
  let key = text(raw).toUpperCase();
  if (typeof raw === 'number' && key.length === 8) key = `0${key}`; // a spreadsheet dropped the leading zero
  if (!key) return { key, problem: 'FINESS ou SIRET manquant.' };
  const compact = key.replace(/[\s\u00a0\u202f.]/g, '');
  if (/^\d{14}$/.test(compact)) {
    const p = siretProblem(compact);
    return { key: compact, problem: p && `SIRET ${compact} : ${p}` };
  }
  if (key.length === 9) {
    const p = finessProblem(key);
    return { key, problem: p && `FINESS ${excerpt(key, 20)} : ${p}` };
  }
  return {
    key,
    problem: `FINESS ou SIRET « ${excerpt(key, 20)} » : un FINESS compte 9 caractères, un SIRET 14 chiffres.`,
  };
};

export interface ParsedRow {
  line: number;
  input: AllocationInput;
}

/** Rows → allocation inputs (codes resolved to ids), or a refusal per line. Empty rows are skipped. */
export const readAllocationRows = (
  plan: PlanState,
  cols: Columns,
  rows: readonly TableRow[],
): { rows: ParsedRow[]; refused: ImportRefusal[] } => {
  const envelopes = new Map(
    [...plan.envelopes.values()].flatMap((e) => [
      [e.code.toUpperCase(), e.id],
      [e.id.toUpperCase(), e.id],
    ]),
  );
  const actions = new Map(
    [...plan.actions.values()].flatMap((a) => [
      [a.code.toUpperCase(), a.id],
      [a.id.toUpperCase(), a.id],
    ]),
  );
  const out: ParsedRow[] = [],
    refused: ImportRefusal[] = [];
  for (const { line, cells } of rows) {
    if (cells.every((v) => text(v) === '')) continue;
    const { key: finess, problem } = beneficiaryKey(cells[cols.finess] ?? null);
    const reasons: string[] = [];
    if (problem) reasons.push(problem);
    const envelopeId = envelopes.get(text(cells[cols.envelope]).toUpperCase());
    if (!envelopeId)
      reasons.push(`Enveloppe « ${excerpt(text(cells[cols.envelope]))} » inconnue (code attendu, ex. CARE-D1).`);
    const actionId = actions.get(text(cells[cols.action]).toUpperCase());
    if (!actionId) reasons.push(`Action « ${excerpt(text(cells[cols.action]))} » inconnue (code attendu, ex. D1-AD).`);
    const amounts: YearAmounts = {};
    for (const [y, i] of Object.entries(cols.years) as Array<[PlanYear, number]>) {
      const r = centsOfCell(cells[i] ?? null);
      if (r && 'error' in r) reasons.push(`${y} : ${r.error}`);
      else if (r && r.cents > 0) amounts[y] = r.cents;
    }
    if (!reasons.length && !Object.keys(amounts).length) reasons.push('Aucun montant sur 2023-2027.');
    if (reasons.length) refused.push({ line, finess: excerpt(finess, 20), reason: reasons.join(' ') });
    else out.push({ line, input: { finess, envelopeId: envelopeId!, actionId: actionId!, amounts } });
  }
  return { rows: out, refused };
};

export interface AllocationImportResult {
  created: Allocation[];
  /** Existing allocations whose amounts the sheet changes, with what they held before. */
  updated: Array<{ before: Allocation; after: Allocation }>;
  unchanged: number;
  refused: ImportRefusal[];
  /** Every row that creates or changes an allocation, in the sheet's order. */
  changes: Array<{ line: number; before?: Allocation; after: Allocation }>;
}

/** Applies each row in turn through the API's rules; `put` stores it in the plan so that the next
 *  row sees it. Rows name an allocation by (establishment, envelope, action): a new one is created,
 *  an existing one gets the sheet's amounts for the years the sheet has a column for (the other
 *  years keep theirs), and importing the same sheet twice changes nothing the second time. Where
 *  an annual action has one allocation a year, the row is refused: edit those in the grid. */
export const buildAllocationImport = (
  plan: PlanState,
  rows: readonly ParsedRow[],
  years: readonly PlanYear[],
  ids: () => string,
  ctx: WriteContext,
  put: (a: Allocation) => void,
): AllocationImportResult => {
  const result: AllocationImportResult = { created: [], updated: [], unchanged: 0, refused: [], changes: [] };
  const lineOf = new Map<string, number>(); // one row per allocation: a second would silently win
  for (const { line, input } of rows) {
    const key = `${input.finess}|${input.envelopeId}|${input.actionId}`;
    const first = lineOf.get(key);
    if (first !== undefined) {
      result.refused.push({
        line,
        finess: input.finess,
        reason: `Même établissement, enveloppe et action que la ligne ${first} : une seule ligne par allocation.`,
      });
      continue;
    }
    lineOf.set(key, line);
    const twins = fundingOf(plan, input);
    if (twins.length > 1) {
      // an annual action funded by one allocation a year: which one a row means is not for us to guess
      result.refused.push({
        line,
        finess: input.finess,
        reason: `Plusieurs allocations pour cet établissement, cette action et cette enveloppe (${twins.map((a) => a.id).join(', ')}) : modifiez-les dans l’espace de répartition.`,
      });
      continue;
    }
    const existing = twins[0];
    try {
      if (!existing) {
        const a = createAllocation(plan, ids(), input, ctx);
        put(a);
        result.created.push(a);
        result.changes.push({ line, after: a });
        continue;
      }
      const amounts: YearAmounts = { ...shownAmounts(existing) };
      for (const y of years) delete amounts[y];
      Object.assign(amounts, input.amounts);
      if (sameAmounts(amounts, shownAmounts(existing))) {
        result.unchanged++;
        continue;
      }
      const a = updateAllocation(plan, existing, { amounts }, ctx);
      put(a);
      result.updated.push({ before: existing, after: a });
      result.changes.push({ line, before: existing, after: a });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      result.refused.push({ line, finess: input.finess, reason: e.detail ?? e.title });
    }
  }
  return result;
};

/** What an import does, counted for its report. */
export const importCounts = (
  r: AllocationImportResult,
): Omit<AllocationImportReport, 'dryRun' | 'refused' | 'refusedCount' | 'years' | 'changes' | 'envelopes'> => {
  const shown = (a: Allocation) => sumAmounts(shownAmounts(a));
  return {
    created: r.created.length,
    updated: r.updated.filter((u) => !u.after.revision).length,
    revised: r.updated.filter((u) => u.after.revision).length,
    unchanged: r.unchanged,
    createdCents: r.created.reduce((s, a) => s + sumAmounts(a.amounts), 0),
    changeCents: r.updated.reduce((s, u) => s + shown(u.after) - shown(u.before), 0),
  };
};
