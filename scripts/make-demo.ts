// Generates the demo plan, data/demo/plan.json: synthetic establishments (valid but made-up
// FINESS numbers) and a believable 2023-2026 story on the real envelopes of the health cyber plan.
// Deterministic: a fixed-seed generator, no clock. Run: node --import tsx scripts/make-demo.ts
// then check it: node --import tsx scripts/check-demo.ts
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Role } from '../server/contract/auth.js';
import { luhnKey } from '../server/domain/finess.js';
import { REGION_NAMES, REGION_OF_DEPARTEMENT } from '../server/domain/regions.js';
import type {
  Action,
  Allocation,
  AllocationStatus,
  Category,
  Completion,
  Delegation,
  Envelope,
  Establishment,
  Ght,
  Milestone,
  Payment,
  PlanYear,
  PooledResource,
  Region,
  YearAmounts,
} from '../server/contract/plan.js';
import { buildWindows, type DemoApplication, type DemoDeclaration, type DemoWindow } from './demo-windows.js';
import { addDays, drawsFrom } from './draws.js';

// ---------------------------------------------------------------- file shape (records without store metadata)

type Meta = 'rev' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy';
type DemoAllocation = Omit<Allocation, Exclude<Meta, 'createdBy' | 'createdAt'>>;
interface DemoUser {
  email: string;
  name: string;
  role: Role;
  finess?: string;
  /** An ARS planner's or reviewer's region (INSEE code). */
  region?: string;
}
export interface DemoPlan {
  regions: Region[];
  envelopes: Omit<Envelope, Meta>[];
  actions: Omit<Action, Meta>[];
  establishments: Omit<Establishment, Meta | 'id'>[];
  allocations: DemoAllocation[];
  payments: Omit<Payment, Meta>[];
  milestones: Omit<Milestone, Meta>[];
  completions: Array<Omit<Completion, Meta> & { createdAt?: string }>;
  delegations: Array<Omit<Delegation, Exclude<Meta, 'createdBy' | 'createdAt'>>>;
  ghts: Omit<Ght, Meta>[];
  pooled: Omit<PooledResource, Meta>[];
  windows: DemoWindow[];
  applications: DemoApplication[];
  declarations: DemoDeclaration[];
  users: DemoUser[];
}

/** "Today" for the demo story: nothing is paid or completed after it. */
const TODAY = '2026-11-29';

// ---------------------------------------------------------------- deterministic helpers

const { rng, skip: skipDraws, chance, pick, shuffled, between, workday, at } = drawsFrom(20231218); // CaRE launch day
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

const eur = (n: number) => n * 100;

// ---------------------------------------------------------------- FINESS

const etCounters = new Map<string, number>();
const ejCounters = new Map<string, number>();
/** Site (ET): département + zeros + sequence + key, e.g. 910000016. */
const nextEt = (dept: string) => {
  const counter = dept.replace(/^2[AB]$/, '20'); // one sequence for Corsica: 2A and 2B never share digits
  const n = (etCounters.get(counter) ?? 0) + 1;
  etCounters.set(counter, n);
  const body = dept + String(n).padStart(8 - dept.length, '0');
  return body + luhnKey(body);
};
/** Legal entity (EJ): département + "1" + zeros + sequence + key, e.g. 691000013. */
const nextEj = (dept: string) => {
  const counter = dept.replace(/^2[AB]$/, '20');
  const n = (ejCounters.get(counter) ?? 0) + 1;
  ejCounters.set(counter, n);
  const body = dept + '1' + String(n).padStart(7 - dept.length, '0');
  return body + luhnKey(body);
};

// ---------------------------------------------------------------- reference data

const REGIONS: Region[] = Object.entries(REGION_NAMES).map(([code, name]) => ({ code, name }));

const ACTIONS = {
  exe: { id: 'act-exe-crise', code: 'EXE-CRISE', title: 'Exercice de crise cyber annuel', axis: 1 },
  pbn: { id: 'act-pbn', code: 'PBN', title: 'Plan blanc numérique rédigé et validé', axis: 1 },
  gouv: {
    id: 'act-gouv-rssi',
    code: 'GOUV-RSSI',
    title: 'Gouvernance SSI : RSSI désigné et feuille de route cyber',
    axis: 1,
  },
  mutu: { id: 'act-mutu-rssi', code: 'MUTU-RSSI', title: 'Mutualisation régionale : RSSI partagé (GHT, ARS)', axis: 2 },
  sensib: {
    id: 'act-sensib',
    code: 'SENSIB',
    title: 'Sensibilisation des professionnels (hameçonnage, hygiène numérique)',
    axis: 3,
  },
  d1ad: {
    id: 'act-d1-ad',
    code: 'D1-AD',
    title: "Durcissement de l'annuaire technique (Active Directory)",
    axis: 4,
    domain: 'D1',
  },
  d1expo: {
    id: 'act-d1-expo',
    code: 'D1-EXPO',
    title: "Réduction de l'exposition sur internet",
    axis: 4,
    domain: 'D1',
  },
  d2: {
    id: 'act-d2-sauv',
    code: 'D2-SAUV',
    title: 'Sauvegardes déconnectées et plan de reprise (PCRA)',
    axis: 4,
    domain: 'D2',
  },
  edr: {
    id: 'act-edr',
    code: 'EDR',
    title: 'Détection et réponse sur les postes et serveurs (EDR)',
    axis: 4,
    domain: 'Postes et détection',
  },
  hc: {
    id: 'act-hospiconnect',
    code: 'HOSPICONNECT',
    title: 'Authentification forte des professionnels (HospiConnect)',
    axis: 4,
    domain: 'HospiConnect',
  },
  acces: {
    id: 'act-acces-dist',
    code: 'ACCES-DIST',
    title: 'Sécurisation des accès distants (VPN, MFA, bastion)',
    axis: 4,
    domain: 'Accès distants',
  },
} as const satisfies Record<string, Omit<Action, Meta>>;
type ActionKey = keyof typeof ACTIONS;

const ENVELOPES = {
  supp: {
    id: 'env-supp-2023',
    code: 'SUPP-2023',
    name: 'Enveloppe supplémentaire 2023 — renforcement post-Corbeil',
    source: 'Annonce des ministres de l’Intérieur, de la Santé et du Numérique, 21/12/2022',
    status: 'committed',
    totalCents: eur(20_000_000),
    yearlyCents: { '2023': eur(20_000_000) },
    earmark: { priorityOnly: true },
  },
  socle: {
    id: 'env-care-socle',
    code: 'CARE-SOCLE',
    name: 'CaRE — crédits engagés 2024-2025 (hors fenêtre D1)',
    source:
      'Programme CaRE (DNS/ANS), 18/12/2023 : 250 M€ engagés d’ici 2025, dont 65 M€ pour la fenêtre D1 (enveloppe CARE-D1)',
    status: 'committed',
    totalCents: eur(185_000_000),
    yearlyCents: { '2024': eur(80_000_000), '2025': eur(105_000_000) },
  },
  d1: {
    id: 'env-care-d1',
    code: 'CARE-D1',
    name: 'CaRE — fenêtre D1 : annuaires techniques et exposition internet',
    source: 'Arrêté du 18/03/2024 ; candidatures du 18/03 au 19/04/2024 (guichet D1)',
    status: 'committed',
    totalCents: eur(65_000_000),
    // the window charges its grants to 2024, the arrêté's year (split illustrative)
    yearlyCents: { '2024': eur(64_600_000), '2025': eur(400_000) },
    earmark: { actionIds: [ACTIONS.d1ad.id, ACTIONS.d1expo.id] },
  },
  annonce: {
    id: 'env-care-annonce',
    code: 'CARE-ANNONCE',
    name: 'CaRE — tranche annoncée 2026-2027',
    source: 'Programme CaRE : 750 M€ annoncés d’ici 2027, dont 250 M€ engagés d’ici 2025 (reste 500 M€, non engagés)',
    status: 'announced',
    totalCents: eur(500_000_000),
    yearlyCents: { '2026': eur(250_000_000), '2027': eur(250_000_000) },
  },
  fir: {
    id: 'env-fir-exe-idf',
    code: 'FIR-EXE-IDF',
    name: 'Forfaits exercices de crise — FIR ARS Île-de-France',
    source: 'Instruction SHFDS/FSSI/2023/15 du 30/01/2023 ; fonds d’intervention régional (montant illustratif)',
    status: 'committed',
    totalCents: eur(1_500_000),
    yearlyCents: {
      '2023': eur(300_000),
      '2024': eur(300_000),
      '2025': eur(300_000),
      '2026': eur(300_000),
      '2027': eur(300_000),
    },
    earmark: { regions: ['11'], actionIds: [ACTIONS.exe.id] },
  },
} satisfies Record<string, Omit<Envelope, Meta>>;
type EnvKey = keyof typeof ENVELOPES;

// ---------------------------------------------------------------- establishments

/** Size class, for caps: L = CHU/CHR and the largest, M = CH, CLCC, ESPIC, large private, S = clinics. */
type Tier = 'L' | 'M' | 'S';
interface EtabDef {
  dept: string;
  name: string;
  cat: Category;
  tier: Tier;
  prio?: true;
  ght?: string;
  ej?: string;
}
const pub = 'public',
  np = 'private_nonprofit',
  fp = 'private_forprofit';

// prettier-ignore
const ETABS: EtabDef[] = [
  // Île-de-France (11)
  { dept: '91', name: 'Centre hospitalier Sud Francilien (Corbeil-Essonnes)', cat: pub, tier: 'L', prio: true, ght: 'GHT Île-de-France Sud', ej: 'chsf' },
  { dept: '91', name: 'Centre hospitalier Sud Essonne (Étampes)', cat: pub, tier: 'M', ght: 'GHT Île-de-France Sud' },
  { dept: '78', name: 'Centre hospitalier de Versailles — Hôpital André-Mignot', cat: pub, tier: 'L', prio: true, ght: 'GHT Yvelines Sud', ej: 'chv' },
  { dept: '78', name: 'Centre hospitalier de Rambouillet', cat: pub, tier: 'M', ght: 'GHT Yvelines Sud' },
  { dept: '94', name: 'Centre hospitalier intercommunal de Créteil', cat: pub, tier: 'L', ght: 'GHT Est Val-de-Marne' },
  { dept: '77', name: "Grand hôpital de l'Est francilien (Meaux)", cat: pub, tier: 'L', ght: 'GHT Est francilien' },
  { dept: '92', name: 'Hôpital Foch (Suresnes)', cat: np, tier: 'L', ej: 'foch' },
  { dept: '75', name: 'Institut Curie — Centre de lutte contre le cancer (Paris)', cat: np, tier: 'M' },
  { dept: '93', name: 'Hôpital privé de la Seine-Saint-Denis (Le Blanc-Mesnil)', cat: fp, tier: 'M' },
  { dept: '75', name: 'Clinique du Parc Monceau (Paris)', cat: fp, tier: 'S', ej: 'monceau' },
  { dept: '92', name: "Hôpital privé d'Antony", cat: fp, tier: 'M' },
  // Auvergne-Rhône-Alpes (84)
  { dept: '69', name: 'Hospices civils de Lyon — Hôpital Édouard-Herriot', cat: pub, tier: 'L', prio: true, ght: 'GHT Rhône Centre', ej: 'hcl' },
  { dept: '69', name: 'Hospices civils de Lyon — Hôpital de la Croix-Rousse', cat: pub, tier: 'L', prio: true, ght: 'GHT Rhône Centre', ej: 'hcl' },
  { dept: '38', name: 'CHU Grenoble Alpes', cat: pub, tier: 'L', prio: true, ght: 'GHT Alpes Dauphiné' },
  { dept: '69', name: 'Centre Léon-Bérard — Centre de lutte contre le cancer (Lyon)', cat: np, tier: 'M', prio: true },
  { dept: '42', name: 'Hôpital privé de la Loire (Saint-Étienne)', cat: fp, tier: 'M', ej: 'hploire' },
  { dept: '01', name: 'Clinique du Revermont (Bourg-en-Bresse)', cat: fp, tier: 'S' },
  // Bourgogne-Franche-Comté (27)
  { dept: '21', name: 'CHU Dijon Bourgogne', cat: pub, tier: 'L', prio: true, ght: 'GHT Côte-d’Or Haute-Marne' },
  { dept: '21', name: 'Centre Georges-François-Leclerc — Centre de lutte contre le cancer (Dijon)', cat: np, tier: 'M' },
  { dept: '21', name: 'Clinique de Fontaine (Fontaine-lès-Dijon)', cat: fp, tier: 'S' },
  // Bretagne (53)
  { dept: '35', name: 'CHU de Rennes', cat: pub, tier: 'L', prio: true, ght: 'GHT Haute-Bretagne' },
  { dept: '29', name: 'CHU de Brest', cat: pub, tier: 'L', ght: 'GHT Brest-Carhaix-Morlaix' },
  { dept: '35', name: 'Centre Eugène-Marquis — Centre de lutte contre le cancer (Rennes)', cat: np, tier: 'M' },
  { dept: '22', name: "Hôpital privé des Côtes-d'Armor (Plérin)", cat: fp, tier: 'M' },
  // Centre-Val de Loire (24)
  { dept: '37', name: 'CHRU de Tours', cat: pub, tier: 'L', prio: true, ght: 'GHT Touraine-Val de Loire' },
  { dept: '45', name: "Établissement de santé mutualiste de l'Orléanais (Orléans)", cat: np, tier: 'S' },
  { dept: '37', name: 'Clinique des Bords de Loire (Tours)', cat: fp, tier: 'S' },
  // Corse (94)
  { dept: '2A', name: "Centre hospitalier d'Ajaccio", cat: pub, tier: 'M', prio: true, ght: 'GHT de Corse-du-Sud' },
  { dept: '2B', name: 'Centre hospitalier de Bastia', cat: pub, tier: 'M', ght: 'GHT de Haute-Corse' },
  { dept: '2A', name: 'Clinique du Golfe (Ajaccio)', cat: fp, tier: 'S' },
  // Grand Est (44)
  { dept: '67', name: 'Hôpitaux universitaires de Strasbourg', cat: pub, tier: 'L', prio: true, ght: 'GHT Basse-Alsace Sud Moselle' },
  { dept: '54', name: 'CHRU de Nancy', cat: pub, tier: 'L', prio: true, ght: 'GHT Sud Lorraine' },
  { dept: '67', name: 'Groupe hospitalier Saint-Vincent (Strasbourg)', cat: np, tier: 'M' },
  { dept: '54', name: 'Institut de cancérologie de Lorraine (Vandœuvre-lès-Nancy)', cat: np, tier: 'M' },
  { dept: '57', name: 'Clinique de la Moselle (Metz)', cat: fp, tier: 'S' },
  // Hauts-de-France (32)
  { dept: '59', name: 'CHU de Lille', cat: pub, tier: 'L', prio: true, ght: 'GHT Lille Métropole Flandre intérieure' },
  { dept: '80', name: 'CHU Amiens-Picardie', cat: pub, tier: 'L', ght: 'GHT Somme Littoral Sud' },
  { dept: '59', name: 'Centre Oscar-Lambret — Centre de lutte contre le cancer (Lille)', cat: np, tier: 'M', prio: true },
  { dept: '59', name: "Hôpital privé de Villeneuve-d'Ascq", cat: fp, tier: 'M' },
  { dept: '60', name: "Clinique de l'Oise (Compiègne)", cat: fp, tier: 'S' },
  // Normandie (28)
  { dept: '76', name: 'CHU de Rouen', cat: pub, tier: 'L', prio: true, ght: 'GHT Rouen Cœur de Seine' },
  { dept: '14', name: 'Centre François-Baclesse — Centre de lutte contre le cancer (Caen)', cat: np, tier: 'M' },
  { dept: '50', name: 'Polyclinique de la Manche (Saint-Lô)', cat: fp, tier: 'S' },
  // Nouvelle-Aquitaine (75)
  { dept: '33', name: 'CHU de Bordeaux — Groupe hospitalier Pellegrin', cat: pub, tier: 'L', prio: true, ght: 'GHT Alliance de la Gironde', ej: 'chub' },
  { dept: '33', name: 'CHU de Bordeaux — Groupe hospitalier Sud (Pessac)', cat: pub, tier: 'L', prio: true, ght: 'GHT Alliance de la Gironde', ej: 'chub' },
  { dept: '86', name: 'CHU de Poitiers', cat: pub, tier: 'L', ght: 'GHT de la Vienne' },
  { dept: '33', name: 'Institut Bergonié — Centre de lutte contre le cancer (Bordeaux)', cat: np, tier: 'M' },
  { dept: '33', name: 'Clinique des Chartrons (Bordeaux)', cat: fp, tier: 'S' },
  { dept: '17', name: "Polyclinique de l'Atlantique (La Rochelle)", cat: fp, tier: 'S' },
  { dept: '64', name: 'Clinique Côte Basque (Bayonne)', cat: fp, tier: 'S', ej: 'cotebasque' },
  // Occitanie (76)
  { dept: '31', name: 'CHU de Toulouse', cat: pub, tier: 'L', prio: true, ght: 'GHT Haute-Garonne Tarn-Ouest' },
  { dept: '34', name: 'CHU de Montpellier', cat: pub, tier: 'L', prio: true, ght: 'GHT Est-Hérault Sud-Aveyron' },
  { dept: '34', name: 'Institut du cancer de Montpellier', cat: np, tier: 'M' },
  { dept: '81', name: 'Hôpital mutualiste du Tarn (Albi)', cat: np, tier: 'S' },
  { dept: '31', name: 'Clinique de la Garonne (Toulouse)', cat: fp, tier: 'S' },
  { dept: '34', name: 'Clinique du Millénaire (Montpellier)', cat: fp, tier: 'M' },
  { dept: '81', name: 'Polyclinique du Tarn (Albi)', cat: fp, tier: 'S' },
  // Pays de la Loire (52)
  { dept: '44', name: 'CHU de Nantes', cat: pub, tier: 'L', prio: true, ght: 'GHT 44' },
  { dept: '72', name: 'Centre hospitalier du Mans', cat: pub, tier: 'L', ght: 'GHT de la Sarthe' },
  { dept: '44', name: "Institut de cancérologie de l'Ouest (Saint-Herblain)", cat: np, tier: 'M' },
  { dept: '44', name: 'Hôpital privé du Confluent (Nantes)', cat: fp, tier: 'M', ej: 'confluent' },
  { dept: '85', name: 'Clinique Saint-Charles (La Roche-sur-Yon)', cat: fp, tier: 'S' },
  // Provence-Alpes-Côte d'Azur (93)
  { dept: '13', name: 'Assistance publique — Hôpitaux de Marseille', cat: pub, tier: 'L', prio: true, ght: 'GHT des Bouches-du-Rhône', ej: 'aphm' },
  { dept: '06', name: 'CHU de Nice', cat: pub, tier: 'L', prio: true, ght: 'GHT Alpes-Maritimes' },
  { dept: '13', name: 'Institut Paoli-Calmettes — Centre de lutte contre le cancer (Marseille)', cat: np, tier: 'M' },
  { dept: '13', name: 'Hôpital Saint-Joseph (Marseille)', cat: np, tier: 'L' },
  { dept: '13', name: 'Hôpital privé Marseille Beauregard', cat: fp, tier: 'M' },
  { dept: '84', name: 'Polyclinique du Comtat (Avignon)', cat: fp, tier: 'S' },
  // Outre-mer
  { dept: '971', name: 'CHU de la Guadeloupe (Pointe-à-Pitre)', cat: pub, tier: 'L', prio: true, ght: 'GHT de Guadeloupe' },
  { dept: '971', name: 'Polyclinique de Jarry (Baie-Mahault)', cat: fp, tier: 'S' },
  { dept: '972', name: 'CHU de Martinique (Fort-de-France)', cat: pub, tier: 'L', prio: true, ght: 'GHT de Martinique' },
  { dept: '972', name: 'Clinique du Lamentin', cat: fp, tier: 'S' },
  { dept: '973', name: 'Centre hospitalier de Cayenne', cat: pub, tier: 'M', prio: true, ght: 'GHT de Guyane' },
  { dept: '973', name: "Centre hospitalier de l'Ouest guyanais (Saint-Laurent-du-Maroni)", cat: pub, tier: 'M', ght: 'GHT de Guyane' },
  { dept: '974', name: 'CHU de La Réunion (Saint-Denis)', cat: pub, tier: 'L', prio: true, ght: 'GHT de La Réunion' },
  { dept: '974', name: 'Groupe hospitalier Est Réunion (Saint-Benoît)', cat: np, tier: 'M' },
  { dept: '974', name: 'Clinique Sainte-Clotilde (Saint-Denis)', cat: fp, tier: 'M' },
  { dept: '976', name: 'Centre hospitalier de Mayotte (Mamoudzou)', cat: pub, tier: 'M', prio: true },
];

interface Etab {
  finess: string;
  name: string;
  category: Category;
  region: string;
  ght?: string;
  priority: boolean;
  finessEj?: string;
  tier: Tier;
  /** ETP, as the SAE gives them: a window's caps go by size band. */
  staff: number;
}
/** Staff by size class, drawn from the FINESS (not from the generator: the story's draws stay):
 *  CHU and the largest 2 500 - 9 000 ETP, CH and mid-sized 500 - 2 000, clinics 80 - 450. */
const STAFF: Record<Tier, [number, number]> = { L: [2500, 9000], M: [500, 2000], S: [80, 450] };
const staffFor = (finess: string, tier: Tier): number => {
  let h = 2166136261;
  for (const ch of finess) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const [lo, hi] = STAFF[tier];
  return lo + (h % (hi - lo + 1));
};
const ejNumbers = new Map<string, string>();
const etabs: Etab[] = ETABS.map((d) => {
  const region = REGION_OF_DEPARTEMENT.get(d.dept);
  if (!region) throw new Error(`Département inconnu : ${d.dept}`);
  let finessEj: string | undefined;
  if (d.ej) {
    finessEj = ejNumbers.get(d.ej) ?? nextEj(d.dept);
    ejNumbers.set(d.ej, finessEj);
  }
  const finess = nextEt(d.dept);
  return {
    finess,
    name: d.name,
    category: d.cat,
    region,
    ...(d.ght ? { ght: d.ght } : {}),
    priority: d.prio === true,
    ...(finessEj ? { finessEj } : {}),
    tier: d.tier,
    staff: staffFor(finess, d.tier),
  };
});
const byName = (fragment: string): Etab => {
  const e = etabs.find((x) => x.name.includes(fragment));
  if (!e) throw new Error(`Établissement introuvable : ${fragment}`);
  return e;
};
const CHSF = byName('Sud Francilien');
const VERSAILLES = byName('Versailles');
const priority = etabs.filter((e) => e.priority);
/** First member of each GHT in the list: the establishment that carries the GHT's applications. */
const ghtSupport = new Map<string, Etab>();
for (const e of etabs) if (e.ght && !ghtSupport.has(e.ght)) ghtSupport.set(e.ght, e);

// ---------------------------------------------------------------- caps (euros), by size

const CAPS: Record<ActionKey, Record<Tier, number>> = {
  exe: { L: 80_000, M: 50_000, S: 30_000 },
  pbn: { L: 60_000, M: 40_000, S: 25_000 },
  gouv: { L: 90_000, M: 60_000, S: 30_000 },
  mutu: { L: 150_000, M: 150_000, S: 150_000 },
  sensib: { L: 40_000, M: 25_000, S: 10_000 },
  d1ad: { L: 300_000, M: 150_000, S: 60_000 },
  d1expo: { L: 120_000, M: 60_000, S: 30_000 },
  d2: { L: 400_000, M: 200_000, S: 80_000 },
  edr: { L: 350_000, M: 180_000, S: 70_000 },
  hc: { L: 250_000, M: 120_000, S: 50_000 },
  acces: { L: 200_000, M: 100_000, S: 40_000 },
};
/** FIR flat subsidies for the 3-level exercise kits. */
const FIR_FORFAIT: Record<Tier, number> = { L: 20_000, M: 10_000, S: 5_000 };
const cap = (a: ActionKey, e: Etab) => CAPS[a][e.tier];

// ---------------------------------------------------------------- completions

const completions = new Map<string, Omit<Completion, Meta>>(); // key: finess|actionId
const ckey = (f: string, a: string) => `${f}|${a}`;
const completedOn = (e: Etab, a: ActionKey): string | undefined =>
  completions.get(ckey(e.finess, ACTIONS[a].id))?.completedOn;
/** Declares the action done (once per establishment and action, never after today); returns the date on record. */
const complete = (e: Etab, a: ActionKey, lo: string, hi: string): string | undefined => {
  const k = ckey(e.finess, ACTIONS[a].id);
  const cur = completions.get(k);
  if (cur) return cur.completedOn;
  if (lo > minDate(hi, TODAY)) return undefined;
  const day = between(lo, minDate(hi, TODAY));
  completions.set(k, { id: '', finess: e.finess, actionId: ACTIONS[a].id, completedOn: day });
  return day;
};

// Crisis exercises of priority establishments: ~70 % by the May 2023 deadline, most of the rest later.
{
  const order = shuffled(priority);
  const onTime = Math.round(order.length * 0.7);
  order.forEach((e, i) => {
    if (i < onTime) complete(e, 'exe', '2023-03-06', '2023-05-31');
    else if (i < order.length - 2) complete(e, 'exe', '2023-06-12', '2023-12-15');
  });
  // Other establishments, under the yearly obligation (instruction of 30/01/2023).
  for (const e of etabs) if (!e.priority && chance(0.12)) complete(e, 'exe', '2023-06-01', '2025-11-28');
}
// Plan blanc numérique: ~60 % of priority establishments by end of Q1 2023, most of the others by autumn.
{
  const order = shuffled(priority);
  const onTime = Math.round(order.length * 0.6);
  order.forEach((e, i) => {
    if (i < onTime) complete(e, 'pbn', '2023-02-27', '2023-03-31');
    else if (i < order.length - 3) complete(e, 'pbn', '2023-04-03', '2023-10-31');
  });
}
// D1 directory hardening: objectives declared by 30/06/2025 for a bit over 80 % of establishments.
{
  const order = shuffled(etabs);
  const onTime = Math.ceil(etabs.length * 0.82);
  order.forEach((e, i) => {
    if (i < 5)
      complete(e, 'd1ad', '2024-10-01', '2024-12-06'); // early achievers
    else if (i < onTime) complete(e, 'd1ad', '2024-12-09', '2025-06-30');
    else if (i < onTime + 3) complete(e, 'd1ad', '2025-07-01', '2025-12-12');
  });
  for (const e of order) if (chance(0.15)) complete(e, 'd1expo', '2024-11-04', '2025-06-30');
}
// Back-ups: done early by both attacked hospitals, and by some priority ones on their own budget.
complete(CHSF, 'd2', '2023-09-01', '2023-10-31');
complete(VERSAILLES, 'd2', '2023-11-01', '2023-12-15');
for (const e of priority) if (chance(0.3)) complete(e, 'd2', '2024-03-01', '2025-12-15');
// HospiConnect: a few early adopters before it became mandatory on 1 Jan 2026, more since.
for (const e of etabs) {
  const r = rng();
  if (r < 0.1) complete(e, 'hc', '2025-03-03', '2025-12-19');
  else if (r < 0.22) complete(e, 'hc', '2026-01-20', TODAY);
}

// ---------------------------------------------------------------- users

const USERS: DemoUser[] = [
  { email: 'admin@jalon.test', name: 'Nadia Administratrice', role: 'admin' },
  { email: 'planif@jalon.test', name: 'Claire Planificatrice', role: 'planner' },
  { email: 'planif2@jalon.test', name: 'Hugo Prévisionniste', role: 'planner' },
  { email: 'finances@jalon.test', name: 'Fabienne Comptable', role: 'reviewer' },
  { email: 'finances2@jalon.test', name: 'Vincent Contrôleur', role: 'reviewer' },
  { email: 'etab.versailles@jalon.test', name: 'Mathieu Lefèvre', role: 'establishment', finess: VERSAILLES.finess },
  { email: 'etab.corbeil@jalon.test', name: 'Sandrine Moreau', role: 'establishment', finess: CHSF.finess },
  {
    email: 'etab.hcl@jalon.test',
    name: 'Karim Benali',
    role: 'establishment',
    finess: byName('Hôpital Édouard-Herriot').finessEj!,
  },
  {
    email: 'etab.monceau@jalon.test',
    name: 'Élodie Garnier',
    role: 'establishment',
    finess: byName('Parc Monceau').finess,
  },
  // ARS accounts: planners and reviewers bound to their region (they see and fund it only)
  { email: 'ars.idf.planif@jalon.test', name: 'Amélie Roux', role: 'planner', region: '11' },
  { email: 'ars.idf.finances@jalon.test', name: 'Thomas Girard', role: 'reviewer', region: '11' },
  { email: 'ars.ara.planif@jalon.test', name: 'Julien Faure', role: 'planner', region: '84' },
  { email: 'ars.ara.finances@jalon.test', name: 'Lucie Bonnet', role: 'reviewer', region: '84' },
];
const PLANNERS = ['planif@jalon.test', 'planif2@jalon.test'];
const REVIEWERS = ['finances@jalon.test', 'finances2@jalon.test'];

// ---------------------------------------------------------------- allocations and payments

const allocations: DemoAllocation[] = [];
const payments: Omit<Payment, Meta>[] = [];
const seqByEnv = new Map<EnvKey, number>();
const SHORT: Record<EnvKey, string> = { supp: 'supp', socle: 'care', d1: 'd1', annonce: 'ann', fir: 'fir' };

interface AllocOpts {
  /** Status; approved needs `on` (the approval day), rejected needs `on` and `reason`. */
  status: AllocationStatus;
  on?: string;
  reason?: string;
}
/** When a planner proposed it: 1 to 6 weeks before its decision, or this autumn for what still
 *  awaits one. Drawn from the id, not from the generator, so that the story's other draws stay. */
const proposedAt = (id: string, decidedOn?: string): string => {
  let h = 2166136261;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const day = decidedOn ? addDays(decidedOn, -(7 + (h % 36))) : addDays('2026-11-20', -(h % 75));
  return `${day}T${String(8 + (h % 10)).padStart(2, '0')}:${['00', '15', '30', '45'][h % 4]}:00.000Z`;
};
const allocate = (env: EnvKey, e: Etab, a: ActionKey, amounts: YearAmounts, o: AllocOpts): DemoAllocation => {
  const n = (seqByEnv.get(env) ?? 0) + 1;
  seqByEnv.set(env, n);
  const createdBy = pick(PLANNERS);
  const id = `al-${SHORT[env]}-${String(n).padStart(3, '0')}`;
  const al: DemoAllocation = {
    id,
    createdAt: proposedAt(id, o.on),
    envelopeId: ENVELOPES[env].id,
    finess: e.finess,
    actionId: ACTIONS[a].id,
    amounts: Object.fromEntries(Object.entries(amounts).map(([y, v]) => [y, eur(v)])) as YearAmounts,
    status: o.status,
    createdBy,
  };
  if (o.status === 'approved') {
    al.approvedAt = at(o.on!);
    al.approvedBy = pick(REVIEWERS);
    // the engagement curve counts each allocation at its approval (the demo has no avenant)
    al.engagements = [{ at: al.approvedAt, amounts: { ...al.amounts } }];
  } else if (o.status === 'rejected') {
    al.rejectedAt = at(o.on!);
    al.rejectedBy = pick(REVIEWERS);
    al.rejectionReason = o.reason!;
  }
  allocations.push(al);
  return al;
};
const total = (al: DemoAllocation) => Object.values(al.amounts).reduce((s, v) => s + (v ?? 0), 0);
const pay = (al: DemoAllocation, amountCents: number, paidOn: string, tranche: string) => {
  if (paidOn > TODAY) return;
  payments.push({ id: '', allocationId: al.id, amountCents, paidOn, tranche });
};
const approvedDay = (al: DemoAllocation) => al.approvedAt!.slice(0, 10);
/** 20 % start-up payment soon after approval, 80 % once the action is declared done; small grants
 *  (under 60 000 €) are paid in one go once the action is done. */
const payInTranches = (al: DemoAllocation, e: Etab, a: ActionKey) => {
  const amt = total(al);
  if (amt < eur(60_000)) return payOnObjectives(al, e, a, 21, 60);
  const first = Math.round((amt * 0.2) / 100) * 100;
  pay(al, first, workday(addDays(approvedDay(al), 14), addDays(approvedDay(al), 40)), 'amorçage');
  const done = completedOn(e, a);
  if (done) pay(al, amt - first, workday(addDays(done, 21), addDays(done, 60)), 'solde');
};
/** Paid once, on objectives achieved (CaRE): after the declaration and the ARS/ANS checks. */
const payOnObjectives = (
  al: DemoAllocation,
  e: Etab,
  a: ActionKey,
  minDelay: number,
  maxDelay: number,
  notBefore?: string,
) => {
  const done = completedOn(e, a);
  if (!done) return;
  const lo = maxDate(addDays(done, minDelay), notBefore ?? done);
  pay(al, total(al), workday(lo, addDays(lo, maxDelay - minDelay)), 'solde');
};

// 1. The 20 M€ supplement (2023), priority establishments only.
{
  // Both attacked hospitals: remediation financed first.
  for (const [e, a, amount] of [
    [CHSF, 'edr', 900_000],
    [CHSF, 'acces', 450_000],
    [VERSAILLES, 'edr', 750_000],
    [VERSAILLES, 'acces', 300_000],
  ] as const) {
    const al = allocate(
      'supp',
      e,
      a,
      { '2023': amount },
      { status: 'approved', on: workday('2023-01-09', '2023-02-03') },
    );
    complete(e, a, addDays(approvedDay(al), 120), addDays(approvedDay(al), 260));
    payInTranches(al, e, a);
  }
  // Early EDR for a few large CHU.
  for (const e of shuffled(priority.filter((x) => x.tier === 'L' && x !== CHSF && x !== VERSAILLES)).slice(0, 3)) {
    const al = allocate(
      'supp',
      e,
      'edr',
      { '2023': cap('edr', e) },
      { status: 'approved', on: workday('2023-03-01', '2023-04-28') },
    );
    complete(e, 'edr', addDays(approvedDay(al), 150), addDays(approvedDay(al), 330));
    payInTranches(al, e, 'edr');
  }
  // Crisis exercises.
  const exe = shuffled(priority).slice(0, 15);
  exe.forEach((e, i) => {
    if (i === 0) {
      allocate(
        'supp',
        e,
        'exe',
        { '2023': cap('exe', e) },
        {
          status: 'rejected',
          on: workday('2023-02-06', '2023-02-24'),
          reason: "Exercice déjà financé par l'ARS au titre du FIR régional : double financement.",
        },
      );
      return;
    }
    if (i === 1) {
      allocate('supp', e, 'exe', { '2023': cap('exe', e) }, { status: 'proposed' });
      return;
    }
    const al = allocate(
      'supp',
      e,
      'exe',
      { '2023': cap('exe', e) },
      { status: 'approved', on: workday('2023-01-23', '2023-02-17') },
    );
    payInTranches(al, e, 'exe');
  });
  // Plan blanc numérique.
  const pbn = shuffled(priority).slice(0, 10);
  pbn.forEach((e, i) => {
    if (i === 0) {
      allocate(
        'supp',
        e,
        'pbn',
        { '2023': cap('pbn', e) },
        {
          status: 'rejected',
          on: workday('2023-02-06', '2023-02-24'),
          reason: 'Devis du prestataire absent du dossier ; à représenter avec le cahier des charges.',
        },
      );
      return;
    }
    const al = allocate(
      'supp',
      e,
      'pbn',
      { '2023': cap('pbn', e) },
      { status: 'approved', on: workday('2023-01-16', '2023-02-10') },
    );
    payInTranches(al, e, 'pbn');
  });
  // RSSI recruitment support.
  for (const e of shuffled(priority.filter((x) => x.tier === 'M')).slice(0, 3)) {
    const al = allocate(
      'supp',
      e,
      'gouv',
      { '2023': cap('gouv', e) },
      { status: 'approved', on: workday('2023-02-06', '2023-03-31') },
    );
    complete(e, 'gouv', addDays(approvedDay(al), 90), addDays(approvedDay(al), 300));
    payInTranches(al, e, 'gouv');
  }
}

// 2. FIR flat subsidies for crisis exercises, Île-de-France, one allocation per establishment and year.
{
  const idf = etabs.filter((e) => e.region === '11');
  const plan: [PlanYear, number, string, string][] = [
    ['2023', 4, '2023-03-06', '2023-04-14'],
    ['2024', 5, '2024-01-15', '2024-02-23'],
    ['2025', 4, '2025-01-13', '2025-02-21'],
    ['2026', 3, '2026-01-12', '2026-02-20'],
  ];
  for (const [year, count, lo, hi] of plan) {
    const pool = year === '2023' ? idf.filter((e) => !e.priority) : idf;
    shuffled(pool)
      .slice(0, count)
      .forEach((e, i) => {
        const amount = { [year]: FIR_FORFAIT[e.tier] } as YearAmounts;
        if (year === '2026' && i === count - 1) {
          allocate('fir', e, 'exe', amount, { status: 'proposed' });
          return;
        }
        const al = allocate('fir', e, 'exe', amount, { status: 'approved', on: workday(lo, hi) });
        const done = year === '2023' ? complete(e, 'exe', addDays(approvedDay(al), 30), '2023-09-29') : undefined;
        const from = maxDate(addDays(approvedDay(al), 60), done ? addDays(done, 14) : '');
        pay(al, total(al), workday(from, maxDate(from, `${year}-11-27`)), 'forfait');
      });
  }
  for (const e of shuffled(idf).slice(0, 2))
    allocate('fir', e, 'exe', { '2027': FIR_FORFAIT[e.tier] }, { status: 'proposed' });
}

// Two GHT records, each with its members in the list above and its first member as support (not
// GHT Rhône Centre: its members are the two sites of one legal entity, the HCL, whose account
// already reads them together).
const ghtRecord = (id: string, code: string, name: string): Omit<Ght, Meta> => {
  const support = ghtSupport.get(code);
  if (!support) throw new Error(`GHT sans membre : ${code}`);
  return { id, code, name, region: support.region, supportFiness: support.finess };
};
const GHTS = [
  ghtRecord('ght-idf-sud', 'GHT Île-de-France Sud', 'GHT Île-de-France Sud (Essonne)'),
  ghtRecord('ght-guyane', 'GHT de Guyane', 'GHT de Guyane'),
];

// 3. The funding windows (scripts/demo-windows.ts): CaRE D1 run end to end on the published figures,
// D2 under way. Their grants are approved allocations with one tranche per objective, paid tranche
// by tranche once both checks said conforme.
const ARS_PLANNERS: Record<string, string> = { '11': 'ars.idf.planif@jalon.test', '84': 'ars.ara.planif@jalon.test' };
const windowsBuilt = buildWindows({
  today: TODAY,
  etabs,
  ghts: GHTS,
  arsPlanners: ARS_PLANNERS,
  apart: [VERSAILLES.finess, byName('Revermont').finess, byName('CHU de Brest').finess],
  nationalPlanners: PLANNERS,
  ansReviewers: REVIEWERS,
  accountOf: (finess) => USERS.find((u) => u.role === 'establishment' && u.finess === finess)?.email,
  envelopes: { d1: ENVELOPES.d1.id, d2: ENVELOPES.socle.id },
  envelopeCents: { d1: ENVELOPES.d1.totalCents },
  actions: { d1: ACTIONS.d1ad.id, d2: ACTIONS.d2.id },
  seed: 20240318, // D1's opening day
});
// Before the windows, the D1 allocations were drawn here from the story's generator (366 draws,
// make-demo.ts before 69bfd96): it moves on by as many, so that the rest of the story is drawn as
// it was (mulberry32's state is a counter).
skipDraws(366);
allocations.push(...windowsBuilt.grants);
// Beside the window, internet exposure (D1-EXPO) funded on what it left of CARE-D1: one proposal
// awaiting its review (the Clinique du Revermont), one approved still to be declared done (a site
// of the HCL), one approved with nothing paid yet (the CHU de Brest). Fixed values, no draw: the
// story's generator is left as it was.
allocations.push(
  {
    id: 'al-d1-expo-001',
    createdAt: '2026-10-12T09:30:00.000Z',
    envelopeId: ENVELOPES.d1.id,
    finess: byName('Revermont').finess,
    actionId: ACTIONS.d1expo.id,
    amounts: { '2024': eur(24_000), '2025': eur(36_000) },
    status: 'proposed',
    createdBy: PLANNERS[0]!,
  },
  {
    id: 'al-d1-expo-002',
    createdAt: '2024-09-02T10:00:00.000Z',
    envelopeId: ENVELOPES.d1.id,
    finess: byName('Croix-Rousse').finess,
    actionId: ACTIONS.d1expo.id,
    amounts: { '2024': eur(60_000), '2025': eur(60_000) },
    status: 'approved',
    createdBy: PLANNERS[1]!,
    approvedAt: '2024-09-16T14:00:00.000Z',
    approvedBy: REVIEWERS[0]!,
    engagements: [{ at: '2024-09-16T14:00:00.000Z', amounts: { '2024': eur(60_000), '2025': eur(60_000) } }],
  },
  {
    id: 'al-d1-expo-003',
    createdAt: '2025-09-08T09:00:00.000Z',
    envelopeId: ENVELOPES.d1.id,
    finess: byName('CHU de Brest').finess,
    actionId: ACTIONS.d1expo.id,
    amounts: { '2024': eur(120_000), '2025': eur(180_000) },
    status: 'approved',
    createdBy: PLANNERS[0]!,
    approvedAt: '2025-09-22T15:00:00.000Z',
    approvedBy: REVIEWERS[1]!,
    engagements: [{ at: '2025-09-22T15:00:00.000Z', amounts: { '2024': eur(120_000), '2025': eur(180_000) } }],
  },
);
for (const p of windowsBuilt.payments) payments.push(p);

// 4. CaRE committed credits (2024-2025) outside D1.
{
  const half = (v: number): YearAmounts => ({ '2024': v / 2, '2025': v / 2 });
  // Regional pooling: a shared CISO, carried by the regional pivot, paid yearly.
  for (const e of [byName('CHRU de Tours'), byName("d'Ajaccio"), byName('de Cayenne')]) {
    const al = allocate('socle', e, 'mutu', half(2 * cap('mutu', e)), {
      status: 'approved',
      on: workday('2024-01-22', '2024-02-29'),
    });
    complete(e, 'mutu', '2024-03-15', '2024-09-30');
    pay(al, al.amounts['2024']!, workday('2024-04-01', '2024-06-28'), 'annuité 2024');
    pay(al, al.amounts['2025']!, workday('2025-03-03', '2025-05-30'), 'annuité 2025');
  }
  // EDR, for establishments not funded in 2023.
  const edrDone = new Set(allocations.filter((x) => x.actionId === ACTIONS.edr.id).map((x) => x.finess));
  shuffled(etabs.filter((e) => e.tier !== 'S' && !edrDone.has(e.finess)))
    .slice(0, 10)
    .forEach((e, i) => {
      if (i === 0) {
        allocate('socle', e, 'edr', half(cap('edr', e) * 2), {
          status: 'rejected',
          on: workday('2024-03-11', '2024-04-26'),
          reason: 'Montant demandé supérieur au plafond de la catégorie de taille ; à représenter au plafond.',
        });
        return;
      }
      if (i === 1) {
        allocate('socle', e, 'edr', half(cap('edr', e)), { status: 'proposed' });
        return;
      }
      const al = allocate('socle', e, 'edr', half(cap('edr', e)), {
        status: 'approved',
        on: workday('2024-03-04', '2024-05-31'),
      });
      if (chance(0.75)) complete(e, 'edr', '2025-01-15', '2025-10-31');
      payOnObjectives(al, e, 'edr', 45, 100);
    });
  // Awareness campaigns.
  for (const e of shuffled(etabs).slice(0, 4)) {
    const al = allocate(
      'socle',
      e,
      'sensib',
      { '2024': cap('sensib', e) },
      { status: 'approved', on: workday('2024-02-05', '2024-04-30') },
    );
    complete(e, 'sensib', '2024-06-03', '2025-03-31');
    payOnObjectives(al, e, 'sensib', 30, 90);
  }
  // RSSI and governance, for non-priority establishments.
  for (const e of shuffled(etabs.filter((x) => !x.priority && x.tier !== 'S')).slice(0, 3)) {
    const al = allocate(
      'socle',
      e,
      'gouv',
      { '2024': cap('gouv', e) },
      { status: 'approved', on: workday('2024-02-05', '2024-03-29') },
    );
    complete(e, 'gouv', '2024-05-02', '2024-12-13');
    payOnObjectives(al, e, 'gouv', 30, 90);
  }
  // Remote access.
  for (const e of shuffled(etabs.filter((x) => x !== CHSF && x !== VERSAILLES)).slice(0, 4)) {
    const al = allocate(
      'socle',
      e,
      'acces',
      { '2025': cap('acces', e) },
      { status: 'approved', on: workday('2025-01-13', '2025-03-14') },
    );
    if (chance(0.75)) complete(e, 'acces', '2025-06-02', '2025-12-15');
    payOnObjectives(al, e, 'acces', 45, 100);
  }
  // D2 back-ups are the D2 window's (scripts/demo-windows.ts); the allocations drawn here before
  // took 124 draws (make-demo.ts before 69bfd96)
  skipDraws(124);
}

// 5. Planned on the announced tranche (2026-2027): proposals only, nothing can be approved yet.
{
  for (const e of shuffled(etabs.filter((x) => !completedOn(x, 'hc'))).slice(0, 5))
    allocate('annonce', e, 'hc', { '2026': cap('hc', e) }, { status: 'proposed' });
  const withD2 = new Set(allocations.filter((x) => x.actionId === ACTIONS.d2.id).map((x) => x.finess));
  for (const e of shuffled(etabs.filter((x) => !withD2.has(x.finess) && !completedOn(x, 'd2'))).slice(0, 3))
    allocate('annonce', e, 'd2', { '2027': cap('d2', e) }, { status: 'proposed' });
  const withEdr = new Set(allocations.filter((x) => x.actionId === ACTIONS.edr.id).map((x) => x.finess));
  for (const e of shuffled(etabs.filter((x) => !withEdr.has(x.finess))).slice(0, 2))
    allocate('annonce', e, 'edr', { '2026': cap('edr', e) / 2, '2027': cap('edr', e) / 2 }, { status: 'proposed' });
}

// ---------------------------------------------------------------- delegations, GHT, pooled resources

// The 2023 supplement delegated to the 18 ARS in two circulars. The amounts are illustrative (the
// real split was not found in public sources): 13 500 000,00 € then 4 000 000,00 €, 17 500 000,00 €
// in all, 2 500 000,00 € left in the national reserve. Each region's credits cover what its
// establishments already hold of the envelope.
const SUPP_DELEGATIONS: Array<{ region: string; first: number; second: number }> = [
  { region: '84', first: eur(1_300_000), second: 41_234_567 },
  { region: '27', first: eur(550_000), second: eur(150_000) },
  { region: '53', first: eur(600_000), second: eur(200_000) },
  { region: '24', first: eur(500_000), second: eur(150_000) },
  { region: '94', first: eur(150_000), second: eur(50_000) },
  { region: '44', first: eur(1_000_000), second: eur(300_000) },
  { region: '32', first: eur(1_150_000), second: eur(300_000) },
  { region: '11', first: eur(2_700_000), second: 93_765_433 },
  { region: '28', first: eur(550_000), second: eur(150_000) },
  { region: '75', first: eur(1_100_000), second: eur(300_000) },
  { region: '76', first: eur(1_100_000), second: eur(300_000) },
  { region: '52', first: eur(650_000), second: eur(200_000) },
  { region: '93', first: eur(900_000), second: eur(250_000) },
  { region: '01', first: eur(250_000), second: eur(50_000) },
  { region: '02', first: eur(250_000), second: eur(50_000) },
  { region: '03', first: eur(250_000), second: eur(50_000) },
  { region: '04', first: eur(300_000), second: eur(100_000) },
  { region: '06', first: eur(200_000), second: eur(50_000) },
];
const ROUNDS = [
  {
    n: 1,
    key: 'first',
    reference: '1re délégation, circulaire du 10 janvier 2023 (montants illustratifs)',
    on: '2023-01-10',
  },
  {
    n: 2,
    key: 'second',
    reference: '2e délégation, circulaire du 20 juin 2023 (montants illustratifs)',
    on: '2023-06-20',
  },
] as const;
const DELEGATIONS: DemoPlan['delegations'] = ROUNDS.flatMap((r) =>
  SUPP_DELEGATIONS.map((d) => ({
    id: `del-supp-${r.n}-${d.region}`,
    envelopeId: ENVELOPES.supp.id,
    region: d.region,
    amounts: { '2023': d[r.key] },
    reference: r.reference,
    notifiedOn: r.on,
    createdAt: `${r.on}T09:00:00.000Z`,
    createdBy: PLANNERS[0]!,
  })),
);

// A regional e-health grouping (GRADeS) in each of the two regions with ARS accounts. The SIRET
// numbers are made up (a public body's SIREN starts with 1 or 2) and carry a valid Luhn key.
const siret = (first13: string) => first13 + luhnKey(first13);
const POOLED: Omit<PooledResource, Meta>[] = [
  {
    siret: siret('1880000000011'),
    name: 'GIP SESAN — GRADeS Île-de-France',
    region: '11',
    serves: [CHSF, VERSAILLES, byName('Sud Essonne'), byName('Rambouillet')].map((e) => e.finess),
  },
  {
    siret: siret('1880000000084'),
    name: 'GCS SARA — GRADeS Auvergne-Rhône-Alpes',
    region: '84',
    serves: [byName('CHU Grenoble'), byName('Léon-Bérard'), byName('Revermont')].map((e) => e.finess),
  },
].map((p) => ({ id: p.siret, ...p }));

// Their allocations, on CaRE's committed credits: a shared CISO for the region's establishments,
// proposed by the ARS planner; Île-de-France's approved by its ARS reviewer and paid for 2024.
{
  const [idf, ara] = POOLED as [Omit<PooledResource, Meta>, Omit<PooledResource, Meta>];
  const n = seqByEnv.get('socle') ?? 0;
  const idfAl: DemoAllocation = {
    id: `al-care-${String(n + 1).padStart(3, '0')}`,
    createdAt: '2024-01-29T10:00:00.000Z',
    envelopeId: ENVELOPES.socle.id,
    finess: idf.siret,
    actionId: ACTIONS.mutu.id,
    amounts: { '2024': eur(150_000), '2025': eur(150_000) },
    status: 'approved',
    createdBy: 'ars.idf.planif@jalon.test',
    approvedAt: '2024-02-12T14:30:00.000Z',
    approvedBy: 'ars.idf.finances@jalon.test',
  };
  idfAl.engagements = [{ at: idfAl.approvedAt!, amounts: { ...idfAl.amounts } }];
  const araAl: DemoAllocation = {
    id: `al-care-${String(n + 2).padStart(3, '0')}`,
    createdAt: '2025-09-22T09:15:00.000Z',
    envelopeId: ENVELOPES.socle.id,
    finess: ara.siret,
    actionId: ACTIONS.mutu.id,
    amounts: { '2025': eur(120_000) },
    status: 'proposed',
    createdBy: 'ars.ara.planif@jalon.test',
  };
  seqByEnv.set('socle', n + 2);
  allocations.push(idfAl, araAl);
  pay(idfAl, idfAl.amounts['2024']!, '2024-04-15', 'annuité 2024');
}

// ---------------------------------------------------------------- milestones

const MILESTONES: Omit<Milestone, Meta>[] = [
  {
    id: 'ms-task-force',
    title: 'Plan cyber pluriannuel de la task force',
    date: '2023-03-31',
    description: 'La task force remet le plan massif et pluriannuel de cybersécurité des établissements de santé.',
  },
  {
    id: 'ms-pbn',
    title: 'Plan blanc numérique rédigé',
    date: '2023-03-31',
    description:
      'Cellule de crise et analyse d’impact : plan blanc numérique écrit par les établissements prioritaires (T1 2023).',
    target: { actionId: ACTIONS.pbn.id, population: 'priority', share: 1 },
  },
  {
    id: 'ms-exe-crise',
    title: 'Exercice de crise cyber pour 100 % des établissements prioritaires',
    date: '2023-05-31',
    description:
      'Annonce du 21/12/2022 : nouvel exercice de crise cyber dans tous les établissements prioritaires d’ici mai 2023.',
    target: { actionId: ACTIONS.exe.id, population: 'priority', share: 1 },
  },
  {
    id: 'ms-care',
    title: 'Lancement du programme CaRE',
    date: '2023-12-18',
    description: 'Cybersécurité accélération et Résilience des Établissements, copiloté par la DNS et l’ANS.',
  },
  {
    id: 'ms-d1-candidatures',
    title: 'Clôture des candidatures D1',
    date: '2024-04-19',
    description: 'Fenêtre ouverte du 18/03 au 19/04/2024 (arrêté du 18/03/2024).',
  },
  {
    id: 'ms-d1-objectifs',
    title: 'Objectifs D1 déclarés',
    date: '2025-06-30',
    description:
      'Clôture des déclarations d’atteinte des objectifs du domaine D1 ; contrôles ARS puis ANS avant paiement.',
    target: { actionId: ACTIONS.d1ad.id, population: 'all', share: 0.8 },
  },
  {
    id: 'ms-hospiconnect',
    title: 'HospiConnect obligatoire',
    date: '2026-01-01',
    description: 'Identification électronique forte des professionnels obligatoire.',
    target: { actionId: ACTIONS.hc.id, population: 'all', share: 0.5 },
  },
  {
    id: 'ms-d2-sauvegardes',
    title: 'Sauvegardes déconnectées dans 60 % des établissements prioritaires',
    date: '2026-12-31',
    description: 'Domaine D2 : stratégie de continuité et de reprise, sauvegardes hors ligne testées.',
    target: { actionId: ACTIONS.d2.id, population: 'priority', share: 0.6 },
  },
  {
    id: 'ms-fin-plan',
    title: 'Fin du plan 2023-2027',
    date: '2027-12-31',
    description: 'Échéance de la feuille de route du numérique en santé 2023-2027.',
  },
];

// ---------------------------------------------------------------- output

const seqIds = <T extends { id: string }>(xs: T[], prefix: string): T[] =>
  xs.map((x, i) => ({ ...x, id: `${prefix}-${String(i + 1).padStart(4, '0')}` }));
const sortedPayments = [...payments].sort(
  (a, b) => a.paidOn.localeCompare(b.paidOn) || a.allocationId.localeCompare(b.allocationId),
);
const sortedCompletions = [...completions.values()].sort(
  (a, b) => a.completedOn.localeCompare(b.completedOn) || a.finess.localeCompare(b.finess),
);

// Checks of the declarations: most were validated by a planner two to four weeks later; Versailles'
// 2023 declarations and those of the last five months still await a check (the planners' queue),
// and one of Corbeil's was refused with a reason it reads on its page (it may declare it again).
const AWAITING_FROM = '2026-07-01';
const REFUSED: Record<string, string> = {
  '910000017|act-d2-sauv':
    'Preuve insuffisante : le procès-verbal du test de restauration des sauvegardes hors ligne n’est pas joint.',
};
const checkedCompletions = (xs: Array<Omit<Completion, Meta>>): Array<Omit<Completion, Meta> & { createdAt: string }> =>
  xs.map((d, i) => {
    // declared on the day the action was done (what the planners' queue shows as « déclarée le »)
    const c = { ...d, createdAt: `${d.completedOn}T${String(8 + (i % 9)).padStart(2, '0')}:30:00.000Z` };
    if ((c.finess === '780000014' && c.completedOn < '2024-01-01') || c.completedOn >= AWAITING_FROM) return c;
    const on = minDate(addDays(c.completedOn, 14 + (i % 15)), addDays(TODAY, -1));
    const when = `${on}T${String(9 + (i % 8)).padStart(2, '0')}:${['00', '15', '30', '45'][i % 4]}:00.000Z`;
    const by = PLANNERS[i % 2]!;
    const reason = REFUSED[`${c.finess}|${c.actionId}`];
    return reason
      ? { ...c, refusedAt: when, refusedBy: by, refusalReason: reason }
      : { ...c, validatedAt: when, validatedBy: by };
  });

const plan: DemoPlan = {
  regions: REGIONS,
  envelopes: Object.values(ENVELOPES).map((e): Omit<Envelope, Meta> => structuredClone(e)),
  actions: Object.values(ACTIONS).map((a) => ({ ...a })),
  establishments: etabs.map(({ tier: _tier, ...e }) => ({ ...e, synthetic: true })),
  allocations,
  payments: seqIds(sortedPayments, 'pay'),
  milestones: MILESTONES,
  completions: checkedCompletions(seqIds(sortedCompletions, 'cp')),
  delegations: DELEGATIONS,
  ghts: GHTS,
  pooled: POOLED,
  windows: windowsBuilt.windows,
  applications: windowsBuilt.applications,
  declarations: windowsBuilt.declarations,
  users: USERS,
};

const out = fileURLToPath(new URL('../data/demo/plan.json', import.meta.url));
writeFileSync(out, JSON.stringify(plan, null, 2) + '\n');
// the declarations' evidence, one small PDF per objective, named by its SHA-256 (the store keeps
// them so: server/store/files.ts); the demo's seeding puts them in the store
const evidenceDir = fileURLToPath(new URL('../data/demo/evidence/', import.meta.url));
rmSync(evidenceDir, { recursive: true, force: true });
mkdirSync(evidenceDir, { recursive: true });
for (const [sha256, bytes] of windowsBuilt.evidence) writeFileSync(`${evidenceDir}${sha256}.pdf`, bytes);
console.log(
  `Écrit ${out} : ${plan.establishments.length} établissements, ${allocations.length} allocations, ${plan.payments.length} versements, ${plan.completions.length} réalisations.`,
);
