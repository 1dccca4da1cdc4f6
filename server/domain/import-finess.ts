// FINESS extract import: one `structureet` line at a time → a kept establishment, a refusal or
// nothing; then what the import would create, update or leave unchanged in the plan.
// Source format: data.gouv "FINESS Extraction du Fichier des établissements"
// (https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/).
import type { Category, Establishment, Region } from '../contract/plan.js';
import type { WriteContext } from './context.js';
import { createEstablishment, updateEstablishment } from './catalog.js';
import { excerpt } from './excerpt.js';
import { finessProblem } from './finess.js';
import type { PlanState } from './plan.js';
import { REGION_NAMES, regionOf } from './regions.js';
import type { FinessRow } from '../contract/imports.js';
import { fold } from './text.js';

/** Fields after the `structureet` tag, in the published order. */
export const STRUCTUREET_FIELDS = [
  'nofinesset',
  'nofinessej',
  'rs',
  'rslongue',
  'complrs',
  'compldistrib',
  'numvoie',
  'typvoie',
  'voie',
  'compvoie',
  'lieuditbp',
  'commune',
  'departement',
  'libdepartement',
  'ligneacheminement',
  'telephone',
  'telecopie',
  'categetab',
  'libcategetab',
  'categagretab',
  'libcategagretab',
  'siret',
  'codeape',
  'codemft',
  'libmft',
  'codesph',
  'libsph',
  'dateouv',
  'dateautor',
  'datemaj',
  'numuai',
] as const;
const F = Object.fromEntries(STRUCTUREET_FIELDS.map((f, i) => [f, i + 1])) as Record<
  (typeof STRUCTUREET_FIELDS)[number],
  number
>;

/** Aggregated categories kept by default: FINESS agrégats 11xx, "établissements relevant de la loi
 *  hospitalière" (1101 CHR/CHU, 1102 CH, 1104 CHS santé mentale, 1105 CLCC, 1106 hôpitaux locaux,
 *  and the private 11xx MCO / psychiatry / SSR clinics). An entry of 2 digits is a prefix, of 4 a
 *  code: `?categories=11,1205` adds the other hospital-law establishments (HAD, dialysis...). */
export const DEFAULT_FINESS_CATEGORIES: readonly string[] = ['11'];

/** Aggregates that are public establishments by law (CHR/CHU, CH, CHS, hôpitaux locaux) and the
 *  CLCC, private non-profit by law (code de la santé publique, L6162-1). */
const SECTOR_BY_AGGREGATE: Record<string, Category> = {
  '1101': 'public',
  '1102': 'public',
  '1104': 'public',
  '1106': 'public',
  '1105': 'private_nonprofit',
};

/** Sector: by aggregate when the law fixes it, else from the SPH label then the tariff label
 *  ("ESPIC", "non lucratif", "PSPH" / "commercial", "lucratif", "OQN", "privé" / "public"), else from
 *  codesph (1 public; 2-5 participation in the public service, non-profit; 6-7 private). */
export const sectorOf = (
  categagretab: string,
  codesph: string,
  libsph: string,
  libmft: string,
): Category | undefined => {
  const fixed = SECTOR_BY_AGGREGATE[categagretab];
  if (fixed) return fixed;
  for (const label of [libsph, libmft]) {
    const text = fold(label).replace(/non (psph|espic)/g, '');
    if (/non lucratif|interet collectif|espic|psph|participant/.test(text)) return 'private_nonprofit';
    if (/commercial|lucratif|oqn|prive/.test(text)) return 'private_forprofit';
    if (/public/.test(text)) return 'public';
  }
  const code = codesph.trim();
  if (code === '1') return 'public';
  if (['2', '3', '4', '5'].includes(code)) return 'private_nonprofit';
  if (['6', '7'].includes(code)) return 'private_forprofit';
  return undefined;
};

export type { FinessRow };
export interface Refusal {
  line: number;
  finess: string;
  reason: string;
}

export type LineOutcome =
  | { kind: 'row'; row: FinessRow }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'skipped'; why: 'comment' | 'geolocalisation' | 'category' | 'other' | 'empty' };

export const keeps = (categories: readonly string[], code: string): boolean =>
  categories.some((c) => (c.length < 4 ? code.startsWith(c) : code === c));

/** Reads one decoded line (without its end of line). `line` is 1-based, for the refusal list. */
export const readFinessLine = (
  text: string,
  line: number,
  categories: readonly string[] = DEFAULT_FINESS_CATEGORIES,
): LineOutcome => {
  if (!text.trim()) return { kind: 'skipped', why: 'empty' };
  const f = text.split(';');
  const tag = f[0]!.trim().toLowerCase();
  if (tag === 'finess' && line === 1) return { kind: 'skipped', why: 'comment' };
  if (tag === 'geolocalisation') return { kind: 'skipped', why: 'geolocalisation' };
  if (tag !== 'structureet') return { kind: 'skipped', why: 'other' };
  const finess = (f[F.nofinesset] ?? '').trim().toUpperCase();
  // a refusal quotes at most the start of a field: a line may hold anything, megabytes included
  const refuse = (reason: string): LineOutcome => ({
    kind: 'refused',
    refusal: { line, finess: excerpt(finess, 20), reason },
  });
  if (f.length - 1 !== STRUCTUREET_FIELDS.length)
    return refuse(
      `Ligne structureet de ${f.length - 1} champs (${STRUCTUREET_FIELDS.length} attendus) : « ; » en trop ou manquant.`,
    );
  const get = (k: keyof typeof F) => (f[F[k]] ?? '').trim();
  if (!keeps(categories, get('categagretab'))) return { kind: 'skipped', why: 'category' };
  const bad = finessProblem(finess);
  if (bad) return refuse(bad);
  const ej = get('nofinessej').toUpperCase();
  const badEj = ej ? finessProblem(ej) : null;
  if (badEj) return refuse(`FINESS juridique ${excerpt(ej, 20)} : ${badEj}`);
  const region = regionOf(get('departement'), finess);
  if (!region) return refuse(`Département « ${excerpt(get('departement'))} » sans ARS connue (régions INSEE 2016).`);
  const category = sectorOf(get('categagretab'), get('codesph'), get('libsph'), get('libmft'));
  if (!category)
    return refuse(
      'Secteur (public, privé non lucratif, privé lucratif) indéterminable : codesph, libsph et libmft vides.',
    );
  const name = (get('rslongue') || get('rs')).replace(/\s+/g, ' ').slice(0, 200);
  if (!name) return refuse('Raison sociale vide.');
  // A copy: V8 substrings point into the decoded chunk they came from, and a kept row must not
  // keep the whole chunk alive (that would hold the file in memory, one chunk per kept row).
  const row: FinessRow = JSON.parse(
    JSON.stringify({ finess, ...(ej ? { finessEj: ej } : {}), name, region, category }),
  );
  return { kind: 'row', row };
};

export interface FinessDiff {
  create: FinessRow[];
  update: Array<{ row: FinessRow; fields: string[] }>;
  unchanged: number;
  /** Regions the plan lacks and that the import adds (a Jalon started empty). */
  regions: string[];
}

const FIELDS = ['name', 'region', 'category', 'finessEj'] as const;

/** Compares kept rows with the plan. Establishments absent from the file are left as they are;
 *  priority and GHT are Jalon's own fields and never overwritten. */
export const diffFiness = (plan: PlanState, rows: Iterable<FinessRow>): FinessDiff => {
  const diff: FinessDiff = { create: [], update: [], unchanged: 0, regions: [] };
  const regions = new Set<string>();
  for (const row of rows) {
    if (!plan.regions.has(row.region)) regions.add(row.region);
    const cur = plan.establishments.get(row.finess);
    if (!cur) {
      diff.create.push(row);
      continue;
    }
    const fields = FIELDS.filter((k) => (cur[k] ?? undefined) !== (row[k] ?? undefined));
    if (fields.length) diff.update.push({ row, fields });
    else diff.unchanged++;
  }
  diff.regions = [...regions].sort();
  return diff;
};

/** Records the import writes, through the same rules as the API (Luhn, region...). */
export function* finessWrites(
  plan: PlanState,
  diff: FinessDiff,
  ctx: WriteContext,
): Generator<
  | ['regions', Region & { id: string; rev: string; createdAt: string; updatedAt: string }]
  | ['establishments', Establishment]
> {
  for (const code of diff.regions)
    yield [
      'regions',
      { id: code, rev: '', createdAt: ctx.now, updatedAt: ctx.now, code, name: REGION_NAMES[code] ?? code },
    ];
  // fields named one by one: a row may carry bookkeeping of the reader (its line) that is not stored
  for (const { finess, finessEj, name, region, category } of diff.create)
    yield [
      'establishments',
      createEstablishment(
        plan,
        { finess, ...(finessEj ? { finessEj } : {}), name, region, category, priority: false },
        ctx,
      ),
    ];
  for (const { row } of diff.update) {
    const cur = plan.establishments.get(row.finess)!;
    const next = updateEstablishment(
      plan,
      cur,
      { name: row.name, region: row.region, category: row.category, finessEj: row.finessEj },
      ctx,
    );
    if (row.finessEj === undefined) delete next.finessEj;
    yield ['establishments', next];
  }
}
