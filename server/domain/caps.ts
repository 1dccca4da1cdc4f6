// Who applies to a window, whether it may, and its cap: a site, a legal entity (its sites
// together) or a GHT through its support establishment (« un dossier par GHT », its members
// together). Size goes by staff (ETP, from the SAE), summed over what the applicant counts
// (arrêté du 27 janvier 2026: for a legal entity, the sum over its sites).
import { CATEGORY_LABELS } from '../../shared/labels.js';
import type { Establishment } from '../contract/plan.js';
import type { Applicant, FundingWindow, WindowCap } from '../contract/windows.js';
import { regionName } from './delegations.js';
import { ruleBroken } from './errors.js';
import { formatEuros } from './money.js';
import type { PlanState } from './plan.js';

export type { Applicant };

const summed = (list: readonly Establishment[]) =>
  // ETP carry decimals: summed to the hundredth so that 0.1 + 0.2 reads 0.3
  Math.round(list.reduce((s, e) => s + (e.staff ?? 0), 0) * 100) / 100;

const ghtApplicant = (plan: PlanState, finess: string, ghtCode: string): Applicant => {
  const ght = [...plan.index.ghtsSupportedBy(finess)].find((g) => g.code === ghtCode);
  if (!ght) {
    const known = [...plan.ghts.values()].some((g) => g.code === ghtCode);
    throw ruleBroken(
      known
        ? `L'établissement FINESS ${finess} n'est pas le support du GHT « ${ghtCode} » : seul son établissement support dépose le dossier du GHT.`
        : `GHT « ${ghtCode} » introuvable.`,
      [{ path: 'ghtCode', message: known ? 'Pas l’établissement support de ce GHT.' : 'GHT introuvable.' }],
    );
  }
  const support = plan.establishments.get(ght.supportFiness);
  if (!support)
    throw ruleBroken(`Établissement support FINESS ${ght.supportFiness} introuvable.`, [
      { path: 'finess', message: 'Établissement introuvable.' },
    ]);
  // the support establishment is of its GHT even where its own `ght` field is not filled in
  const members = [...plan.index.membersOf(ght.code)];
  if (!members.some((e) => e.finess === support.finess)) members.push(support);
  return {
    kind: 'ght',
    finess,
    ghtCode,
    name: ght.name,
    region: ght.region,
    category: support.category,
    priority: members.some((e) => e.priority),
    staff: summed(members),
    counted: members.map((e) => e.finess),
  };
};

/** The applicant an application names (its FINESS, and `ghtCode` for a GHT's), or a 422 saying
 *  why there is none. */
export const applicantOf = (plan: PlanState, finess: string, ghtCode?: string): Applicant => {
  if (ghtCode) return ghtApplicant(plan, finess, ghtCode);
  const own = plan.establishments.get(finess);
  const sites = [...plan.index.sitesOf(finess)].filter((e) => e.finess !== finess);
  const counted = own ? [own, ...sites] : sites;
  const first = counted[0];
  if (!first)
    throw ruleBroken(`Établissement FINESS ${finess} introuvable.`, [
      { path: 'finess', message: 'Établissement introuvable.' },
    ]);
  return {
    kind: 'establishment',
    finess,
    name: first.name,
    region: first.region,
    category: first.category,
    priority: own ? own.priority : sites.some((e) => e.priority),
    staff: summed(counted),
    counted: counted.map((e) => e.finess),
  };
};

/** The applicant's cap: the first row of its kind and category (or any category) whose band
 *  holds its staff (minStaff included, maxStaff excluded); null: none, it cannot apply. */
export const capOf = (
  w: Pick<FundingWindow, 'caps'>,
  a: Pick<Applicant, 'kind' | 'category' | 'staff'>,
): WindowCap | null =>
  w.caps.find(
    (c) =>
      c.applicant === a.kind &&
      (c.category === undefined || c.category === a.category) &&
      c.minStaff <= a.staff &&
      (c.maxStaff === undefined || a.staff < c.maxStaff),
  ) ?? null;

export interface Eligibility {
  eligible: boolean;
  /** Why not, in French (empty when eligible). */
  reasons: string[];
  cap: WindowCap | null;
}

const applicantWords = (a: Applicant) =>
  `${a.kind === 'ght' ? 'GHT' : 'établissement'} ${CATEGORY_LABELS[a.category].toLowerCase()}, ${a.staff.toLocaleString('fr-FR')} ETP`;

/** Whether the applicant meets the window's eligibility (category, priority, region), is one a
 *  grant can fund (a recorded establishment, or a GHT's support) and has a cap row; every reason
 *  it does not at once. */
export const eligibilityOf = (plan: PlanState, w: FundingWindow, a: Applicant): Eligibility => {
  const reasons: string[] = [];
  const e = w.eligibility;
  if (e.categories?.length && !e.categories.includes(a.category))
    reasons.push(
      `Le guichet ${w.code} est réservé aux catégories ${e.categories.map((c) => CATEGORY_LABELS[c].toLowerCase()).join(', ')} (${a.kind === 'ght' ? 'l’établissement support du GHT' : 'cet établissement'} : ${CATEGORY_LABELS[a.category].toLowerCase()}).`,
    );
  if (e.priorityOnly && !a.priority)
    reasons.push(
      a.kind === 'ght'
        ? `Le guichet ${w.code} est réservé aux établissements prioritaires : aucun membre du GHT ne l'est.`
        : `Le guichet ${w.code} est réservé aux établissements prioritaires.`,
    );
  if (e.regions?.length && !e.regions.includes(a.region))
    reasons.push(
      `Le guichet ${w.code} est réservé aux régions ${e.regions.map((r) => regionName(plan, r)).join(', ')}.`,
    );
  // a grant is an allocation, and an allocation funds a recorded establishment (beneficiary.ts):
  // a legal entity known only through its sites' finessEj has none to fund
  if (a.kind === 'establishment' && !plan.establishments.has(a.finess))
    reasons.push(
      `L'entité juridique FINESS ${a.finess} n'a pas de fiche d'établissement dans le plan : une subvention ne finance qu'un établissement enregistré. Créez sa fiche, ou faites candidater l'un de ses sites (${a.counted.join(', ')}).`,
    );
  const cap = capOf(w, a);
  if (!cap)
    reasons.push(
      `Aucun plafond du guichet ${w.code} ne correspond à ce candidat (${applicantWords(a)}) : il n'est pas éligible.`,
    );
  return { eligible: reasons.length === 0, reasons, cap };
};

/** The applicant's cap, or a 422 with every reason it is not eligible. */
export const assertEligible = (plan: PlanState, w: FundingWindow, a: Applicant): WindowCap => {
  const { reasons, cap } = eligibilityOf(plan, w, a);
  const path = a.kind === 'ght' ? 'ghtCode' : 'finess';
  if (reasons.length || !cap)
    throw ruleBroken(
      reasons.join(' '),
      reasons.map((message) => ({ path, message })),
    );
  return cap;
};

/** A requested or granted amount: positive, and never above the cap (« plafond : 120 000,00 € »). */
export const assertWithinCap = (cents: number, cap: WindowCap, path: string, what: string): void => {
  if (cents <= 0)
    throw ruleBroken(`${what} : un montant positif est attendu.`, [{ path, message: 'Montant positif attendu.' }]);
  if (cents > cap.capCents)
    throw ruleBroken(
      `${what} (${formatEuros(cents)}) au-delà du plafond de ce candidat : ${formatEuros(cap.capCents)}.`,
      [{ path, message: `Plafond : ${formatEuros(cap.capCents)}.` }],
    );
};
