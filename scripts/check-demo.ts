// Checks the demo plan, data/demo/plan.json, against the plan's rules and the demo's brief, then
// prints counts and the position of each envelope in euros. Exits 1 on any violation.
// Run: node --import tsx scripts/check-demo.ts [path/to/plan.json]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PLAN_YEARS } from '../shared/years.js';
import { REGION_NAMES, REGION_OF_DEPARTEMENT } from '../server/domain/regions.js';
import { checkWindows } from './check-demo-windows.js';

/** "Today" in the demo's story: nothing is paid, approved or completed after it. */
const TODAY = '2026-11-29';
// the funding windows' applications, grants with their tranches and declarations took it past 300 KB
const MAX_BYTES = 600 * 1024;

const errors: string[] = [];
const err = (msg: string) => errors.push(msg);

// ---------------------------------------------------------------- load

const path = process.argv[2] ?? fileURLToPath(new URL('../data/demo/plan.json', import.meta.url));
const raw = readFileSync(path, 'utf8');
let data: Record<string, unknown>;
try {
  data = JSON.parse(raw) as Record<string, unknown>;
} catch (e) {
  console.error(`JSON illisible (${path}) : ${(e as Error).message}`);
  process.exit(1);
}
if (Buffer.byteLength(raw) >= MAX_BYTES)
  err(`Fichier trop gros : ${Buffer.byteLength(raw)} octets (limite ${MAX_BYTES}).`);
if (raw !== JSON.stringify(data, null, 2) + '\n')
  err('Le fichier doit être indenté de 2 espaces (JSON.stringify(…, null, 2)) et finir par un saut de ligne.');

// ---------------------------------------------------------------- small readers (the file is untrusted input)

type Rec = Record<string, unknown>;
const KINDS = [
  'regions',
  'envelopes',
  'actions',
  'establishments',
  'allocations',
  'payments',
  'milestones',
  'completions',
  'delegations',
  'ghts',
  'pooled',
  'windows',
  'applications',
  'declarations',
  'users',
] as const;
type Kind = (typeof KINDS)[number];
const list = (k: Kind): Rec[] => {
  const v = data[k];
  if (!Array.isArray(v)) {
    err(`« ${k} » doit être un tableau.`);
    return [];
  }
  return v.filter((x, i): x is Rec => {
    const ok = typeof x === 'object' && x !== null && !Array.isArray(x);
    if (!ok) err(`${k}[${i}] n'est pas un objet.`);
    return ok;
  });
};
for (const k of Object.keys(data))
  if (!(KINDS as readonly string[]).includes(k)) err(`Clé de premier niveau inattendue : « ${k} ».`);

const str = (r: Rec, f: string, where: string, optional = false): string | undefined => {
  const v = r[f];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v.trim() === '') {
    err(`${where} : « ${f} » doit être une chaîne non vide.`);
    return undefined;
  }
  return v;
};
const cents = (v: unknown, where: string, positive = true): number => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || (positive && v === 0)) {
    err(
      `${where} : montant en centimes entier ${positive ? 'positif' : 'non négatif'} attendu (reçu ${JSON.stringify(v)}).`,
    );
    return 0;
  }
  return v;
};
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE_RE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const date = (r: Rec, f: string, where: string, optional = false): string | undefined => {
  const v = str(r, f, where, optional);
  if (v === undefined) return undefined;
  if (!validDate(v)) {
    err(`${where} : « ${f} » = ${v} n'est pas une date AAAA-MM-JJ valide.`);
    return undefined;
  }
  return v;
};
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const datetime = (r: Rec, f: string, where: string): string | undefined => {
  const v = str(r, f, where);
  if (v === undefined) return undefined;
  if (!ISO_RE.test(v) || Number.isNaN(Date.parse(v)) || !validDate(v.slice(0, 10))) {
    err(`${where} : « ${f} » = ${v} n'est pas une date-heure ISO (UTC).`);
    return undefined;
  }
  return v;
};
const unique = (xs: Rec[], f: string, kind: string) => {
  const seen = new Set<unknown>();
  for (const x of xs) {
    if (seen.has(x[f])) err(`${kind} : « ${f} » en double : ${String(x[f])}.`);
    seen.add(x[f]);
  }
};
const YEARS: readonly string[] = PLAN_YEARS;
/** Amounts per year: keys within the plan's years, positive integer cents. */
const yearAmounts = (v: unknown, where: string): Map<string, number> => {
  const out = new Map<string, number>();
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    err(`${where} : montants par année attendus ({"2024": …}).`);
    return out;
  }
  for (const [y, amount] of Object.entries(v)) {
    if (!YEARS.includes(y)) err(`${where} : année ${y} hors du plan (${YEARS[0]}-${YEARS[YEARS.length - 1]}).`);
    out.set(y, cents(amount, `${where} [${y}]`));
  }
  if (out.size === 0) err(`${where} : aucune année.`);
  return out;
};
const sumOf = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);

// ---------------------------------------------------------------- FINESS

const luhnValid = (digits: string): boolean => {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
};
/** The département a FINESS starts with: 2 characters, or 3 for the overseas "97x". */
const deptOf = (f: string) => (f.startsWith('97') ? f.slice(0, 3) : f.slice(0, 2));
const finessProblem = (f: string): string | null => {
  if (f.length !== 9) return 'doit compter 9 caractères';
  if (!/^(?:\d{2}|2[AB])\d{7}$/.test(f)) return 'doit commencer par le département (75, 2A, 971…) suivi de chiffres';
  if (!luhnValid(f.replace(/^2[AB]/, '20'))) return 'clé de Luhn incorrecte';
  return null;
};
if (finessProblem('750712184') !== null || finessProblem('750712185') === null)
  err('Auto-test : la clé de Luhn est mal calculée (750712184, AP-HP, doit passer).');

const REGIONS = REGION_NAMES;
const DEPT_REGION = Object.fromEntries(REGION_OF_DEPARTEMENT);

// ---------------------------------------------------------------- regions

const regions = list('regions');
unique(regions, 'code', 'Régions');
for (const r of regions) {
  const code = str(r, 'code', 'Région'),
    name = str(r, 'name', `Région ${String(r.code)}`);
  if (code && REGIONS[code] === undefined) err(`Région ${code} : code INSEE inconnu (régions des 18 ARS).`);
  else if (code && name !== REGIONS[code]) err(`Région ${code} : nom « ${name} », attendu « ${REGIONS[code]} ».`);
}
if (regions.length !== 18) err(`18 régions (ARS) attendues, ${regions.length} trouvées.`);
const regionCodes = new Set(regions.map((r) => r.code));

// ---------------------------------------------------------------- actions

const actions = list('actions');
unique(actions, 'id', 'Actions');
unique(actions, 'code', 'Actions');
for (const a of actions) {
  const where = `Action ${String(a.id)}`;
  str(a, 'id', where);
  str(a, 'code', where);
  str(a, 'title', where);
  str(a, 'domain', where, true);
  if (![1, 2, 3, 4].includes(a.axis as number)) err(`${where} : axe 1 à 4 attendu.`);
}
const actionById = new Map(actions.map((a) => [a.id as string, a]));
const actionByCode = new Map(actions.map((a) => [a.code as string, a]));
const REQUIRED_ACTIONS: Record<string, { axis: number; domain?: string }> = {
  'EXE-CRISE': { axis: 1 },
  PBN: { axis: 1 },
  'GOUV-RSSI': { axis: 1 },
  'MUTU-RSSI': { axis: 2 },
  SENSIB: { axis: 3 },
  'D1-AD': { axis: 4, domain: 'D1' },
  'D1-EXPO': { axis: 4, domain: 'D1' },
  'D2-SAUV': { axis: 4, domain: 'D2' },
  EDR: { axis: 4 },
  HOSPICONNECT: { axis: 4, domain: 'HospiConnect' },
  'ACCES-DIST': { axis: 4, domain: 'Accès distants' },
};
for (const [code, want] of Object.entries(REQUIRED_ACTIONS)) {
  const a = actionByCode.get(code);
  if (!a) {
    err(`Action ${code} manquante.`);
    continue;
  }
  if (a.axis !== want.axis) err(`Action ${code} : axe ${want.axis} attendu.`);
  if (want.domain && a.domain !== want.domain) err(`Action ${code} : domaine « ${want.domain} » attendu.`);
}
const idOf = (code: string) => (actionByCode.get(code)?.id as string | undefined) ?? `?${code}`;

// ---------------------------------------------------------------- establishments

const CATEGORIES = ['public', 'private_nonprofit', 'private_forprofit'];
const establishments = list('establishments');
unique(establishments, 'finess', 'Établissements');
unique(establishments, 'name', 'Établissements');
const etabByFiness = new Map(establishments.map((e) => [e.finess as string, e]));
for (const e of establishments) {
  const where = `Établissement ${String(e.finess)}`;
  const f = str(e, 'finess', where);
  if (f) {
    const p = finessProblem(f);
    if (p) err(`${where} : FINESS ${p}.`);
    else if (DEPT_REGION[deptOf(f)] === undefined) err(`${where} : département ${deptOf(f)} inconnu.`);
    else if (DEPT_REGION[deptOf(f)] !== e.region)
      err(`${where} : le département ${deptOf(f)} est en région ${DEPT_REGION[deptOf(f)]}, pas ${String(e.region)}.`);
  }
  str(e, 'name', where);
  if (!CATEGORIES.includes(e.category as string)) err(`${where} : catégorie inconnue ${String(e.category)}.`);
  if (!regionCodes.has(e.region)) err(`${where} : région ${String(e.region)} inconnue.`);
  if (typeof e.priority !== 'boolean') err(`${where} : « priority » booléen attendu.`);
  if (e.synthetic !== true) err(`${where} : données de démonstration : « synthetic » doit valoir true.`);
  str(e, 'ght', where, true);
  const ej = str(e, 'finessEj', where, true);
  if (ej) {
    const p = finessProblem(ej);
    if (p) err(`${where} : FINESS juridique ${ej} ${p}.`);
    if (etabByFiness.has(ej)) err(`${where} : le FINESS juridique ${ej} est aussi un FINESS d'établissement.`);
  }
}
const N = establishments.length;
const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
const pct = (x: number) => `${(x * 100).toFixed(1).replace('.', ',')} %`;
if (N < 66) err(`Au moins 66 établissements attendus (${N}).`);
for (const code of Object.keys(REGIONS))
  if (!establishments.some((e) => e.region === code)) err(`Aucun établissement en région ${code} (${REGIONS[code]}).`);
const byCat = (c: string) => establishments.filter((e) => e.category === c).length;
const CAT_TARGET: Record<string, number> = { public: 0.45, private_nonprofit: 0.22, private_forprofit: 0.33 };
for (const [c, target] of Object.entries(CAT_TARGET))
  if (Math.abs(share(byCat(c), N) - target) > 0.06)
    err(`Catégorie ${c} : ${pct(share(byCat(c), N))} des établissements, attendu environ ${pct(target)}.`);
const prio = establishments.filter((e) => e.priority === true);
if (share(prio.length, N) < 0.25 || share(prio.length, N) > 0.42)
  err(`Établissements prioritaires : ${pct(share(prio.length, N))}, attendu environ un tiers.`);
if (share(prio.filter((e) => e.category === 'public').length, prio.length) < 0.75)
  err('Les établissements prioritaires doivent être surtout publics (CHU, CH).');
if (!establishments.some((e) => e.ght)) err('Aucun établissement rattaché à un GHT.');
const sitesByEj = new Map<string, number>();
for (const e of establishments)
  if (typeof e.finessEj === 'string') sitesByEj.set(e.finessEj, (sitesByEj.get(e.finessEj) ?? 0) + 1);
if (![...sitesByEj.values()].some((n) => n >= 2)) err('Aucune entité juridique (finessEj) avec deux sites.');
const findEtab = (dept: string, re: RegExp) =>
  establishments.find((e) => typeof e.finess === 'string' && deptOf(e.finess) === dept && re.test(String(e.name)));
const chsf = findEtab('91', /Sud Francilien/);
const versailles = findEtab('78', /Versailles/);
if (!chsf || chsf.region !== '11') err('Centre hospitalier Sud Francilien (91, Île-de-France) manquant.');
if (!versailles || versailles.region !== '11') err('Centre hospitalier de Versailles (78, Île-de-France) manquant.');

// ---------------------------------------------------------------- users

const ROLES = ['admin', 'planner', 'reviewer', 'establishment'];
const users = list('users');
unique(users, 'email', 'Utilisateurs');
const userByEmail = new Map(users.map((u) => [u.email as string, u]));
const ejNumbers = new Set(sitesByEj.keys());
for (const u of users) {
  const where = `Utilisateur ${String(u.email)}`;
  const email = str(u, 'email', where);
  if (email && !/^[a-z0-9.+-]+@jalon\.test$/.test(email))
    err(`${where} : adresse de démonstration @jalon.test attendue.`);
  str(u, 'name', where);
  if (!ROLES.includes(u.role as string)) err(`${where} : rôle inconnu ${String(u.role)}.`);
  if (u.role === 'establishment') {
    const f = str(u, 'finess', where);
    if (f && !etabByFiness.has(f) && !ejNumbers.has(f))
      err(`${where} : FINESS ${f} ni établissement ni entité juridique connue.`);
  } else if (u.finess !== undefined) err(`${where} : seul un compte établissement porte un FINESS.`);
  if (u.region !== undefined) {
    if (!['planner', 'reviewer'].includes(u.role as string))
      err(`${where} : seuls les planificateurs et valideurs d'une ARS portent une région.`);
    else if (!regionCodes.has(u.region)) err(`${where} : région ${String(u.region)} inconnue.`);
  }
}
for (const [email, role] of [
  ['admin@jalon.test', 'admin'],
  ['planif@jalon.test', 'planner'],
  ['planif2@jalon.test', 'planner'],
  ['finances@jalon.test', 'reviewer'],
  ['finances2@jalon.test', 'reviewer'],
  ['etab.versailles@jalon.test', 'establishment'],
])
  if (userByEmail.get(email!)?.role !== role) err(`Compte ${email} (${role}) manquant.`);
// ARS accounts (README): a planner and a reviewer each for Île-de-France and Auvergne-Rhône-Alpes
for (const region of ['11', '84'])
  for (const role of ['planner', 'reviewer'])
    if (!users.some((u) => u.role === role && u.region === region))
      err(`Aucun compte ${role} de l'ARS ${REGIONS[region]} (région ${region}).`);
if (versailles && userByEmail.get('etab.versailles@jalon.test')?.finess !== versailles.finess)
  err('etab.versailles@jalon.test doit être rattaché au FINESS du CH de Versailles.');
if (!users.some((u) => u.role === 'establishment' && ejNumbers.has(u.finess as string)))
  err('Aucun compte établissement rattaché à une entité juridique (finessEj).');
const userRole = (email: unknown) => userByEmail.get(email as string)?.role as string | undefined;

// ---------------------------------------------------------------- GHT and pooled regional resources

const ghts = list('ghts');
unique(ghts, 'id', 'GHT');
unique(ghts, 'code', 'GHT');
for (const g of ghts) {
  const where = `GHT ${String(g.code)}`;
  str(g, 'id', where);
  const code = str(g, 'code', where);
  str(g, 'name', where);
  if (!regionCodes.has(g.region)) err(`${where} : région ${String(g.region)} inconnue.`);
  const support = etabByFiness.get(g.supportFiness as string);
  if (!support) err(`${where} : établissement support ${String(g.supportFiness)} introuvable.`);
  else if (support.region !== g.region) err(`${where} : l'établissement support n'est pas dans la région du GHT.`);
  else if (support.ght !== code) err(`${where} : l'établissement support n'en est pas membre.`);
  const members = establishments.filter((e) => e.ght === code);
  if (members.length < 2) err(`${where} : au moins deux établissements membres attendus (${members.length}).`);
  for (const e of members)
    if (e.region !== g.region)
      err(`${where} : le membre ${String(e.finess)} est hors de la région ${String(g.region)}.`);
}
if (ghts.length < 2) err(`Au moins deux GHT attendus (${ghts.length}).`);

const siretValid = (s: unknown): s is string => typeof s === 'string' && /^\d{14}$/.test(s) && luhnValid(s);
if (!siretValid('73282932000074') || siretValid('73282932000075'))
  err('Auto-test : la clé de Luhn du SIRET est mal calculée (73282932000074 doit passer).');
const pooled = list('pooled');
unique(pooled, 'id', 'Ressources mutualisées');
const pooledBySiret = new Map(pooled.map((p) => [p.siret as string, p]));
for (const p of pooled) {
  const where = `Ressource mutualisée ${String(p.siret)}`;
  if (!siretValid(p.siret)) err(`${where} : SIRET de 14 chiffres à clé de Luhn valide attendu.`);
  if (p.id !== p.siret) err(`${where} : son identifiant est son SIRET.`);
  if (etabByFiness.has(p.siret as string)) err(`${where} : le SIRET est aussi un FINESS.`);
  str(p, 'name', where);
  if (!regionCodes.has(p.region)) err(`${where} : région ${String(p.region)} inconnue.`);
  const serves = Array.isArray(p.serves) ? (p.serves as unknown[]) : [];
  if (!serves.length) err(`${where} : établissements servis attendus.`);
  for (const f of serves) {
    const e = etabByFiness.get(f as string);
    if (!e) err(`${where} : établissement servi ${String(f)} introuvable.`);
    else if (e.region !== p.region) err(`${where} : l'établissement servi ${String(f)} est hors de sa région.`);
  }
}
for (const region of ['11', '84'])
  if (!pooled.some((p) => p.region === region))
    err(`Aucune ressource mutualisée en région ${region} (${REGIONS[region]}).`);
/** An allocation's beneficiary: an establishment (FINESS) or a pooled regional resource (SIRET). */
const beneficiary = (f: unknown): Rec | undefined => etabByFiness.get(f as string) ?? pooledBySiret.get(f as string);

// ---------------------------------------------------------------- envelopes

const envelopes = list('envelopes');
unique(envelopes, 'id', 'Enveloppes');
unique(envelopes, 'code', 'Enveloppes');
interface EnvInfo {
  rec: Rec;
  total: number;
  yearly: Map<string, number> | null;
}
const envById = new Map<string, EnvInfo>();
for (const v of envelopes) {
  const where = `Enveloppe ${String(v.id)}`;
  str(v, 'id', where);
  str(v, 'code', where);
  str(v, 'name', where);
  str(v, 'source', where);
  if (!['committed', 'announced'].includes(v.status as string))
    err(`${where} : statut committed ou announced attendu.`);
  const total = cents(v.totalCents, `${where} totalCents`);
  let yearly: Map<string, number> | null = null;
  if (v.yearlyCents !== undefined) {
    yearly = yearAmounts(v.yearlyCents, `${where} yearlyCents`);
    if (sumOf(yearly) !== total)
      err(`${where} : la répartition annuelle (${euros(sumOf(yearly))}) ne fait pas le total (${euros(total)}).`);
  }
  const m = v.earmark as Rec | undefined;
  if (m !== undefined) {
    for (const r of (m.regions as unknown[] | undefined) ?? [])
      if (!regionCodes.has(r)) err(`${where} : fléchage sur une région inconnue ${String(r)}.`);
    for (const c of (m.categories as unknown[] | undefined) ?? [])
      if (!CATEGORIES.includes(c as string)) err(`${where} : fléchage sur une catégorie inconnue ${String(c)}.`);
    for (const a of (m.actionIds as unknown[] | undefined) ?? [])
      if (!actionById.has(a as string)) err(`${where} : fléchage sur une action inconnue ${String(a)}.`);
    if (m.priorityOnly !== undefined && typeof m.priorityOnly !== 'boolean')
      err(`${where} : priorityOnly booléen attendu.`);
  }
  envById.set(v.id as string, { rec: v, total, yearly });
}
// The real amounts (README, opening lines): 20 M€ supplement in 2023; CaRE 250 M€ committed to 2025 (of which the
// 65 M€ D1 window), within 750 M€ announced by 2027; plus a regional FIR envelope.
const M = (n: number) => n * 1_000_000 * 100;
const envByCode = new Map(envelopes.map((v) => [v.code as string, v]));
const expectEnv = (code: string, status: string, total: number, years: string[], check?: (v: Rec) => string | null) => {
  const v = envByCode.get(code);
  if (!v) {
    err(`Enveloppe ${code} manquante.`);
    return;
  }
  if (v.status !== status) err(`Enveloppe ${code} : statut ${status} attendu.`);
  if (v.totalCents !== total) err(`Enveloppe ${code} : ${euros(total)} attendus.`);
  const y = Object.keys((v.yearlyCents as Rec | undefined) ?? {}).sort();
  if (y.join() !== years.join())
    err(`Enveloppe ${code} : répartition sur ${years.join(', ')} attendue (trouvé ${y.join(', ') || 'aucune'}).`);
  const p = check?.(v);
  if (p) err(`Enveloppe ${code} : ${p}.`);
};
expectEnv('SUPP-2023', 'committed', M(20), ['2023']);
expectEnv('CARE-SOCLE', 'committed', M(185), ['2024', '2025']);
expectEnv('CARE-D1', 'committed', M(65), ['2024', '2025'], (v) => {
  const want = actions
    .filter((a) => a.domain === 'D1')
    .map((a) => a.id as string)
    .sort()
    .join();
  const got = [...(((v.earmark as Rec | undefined)?.actionIds as string[] | undefined) ?? [])].sort().join();
  return got === want ? null : 'le fléchage doit porter exactement sur les actions du domaine D1';
});
expectEnv('CARE-ANNONCE', 'announced', M(500), ['2026', '2027']);
const careCommitted = ['CARE-SOCLE', 'CARE-D1'].reduce(
  (s, c) => s + ((envByCode.get(c)?.totalCents as number | undefined) ?? 0),
  0,
);
if (careCommitted !== M(250)) err(`CaRE : 250 M€ engagés attendus (CARE-SOCLE + CARE-D1 = ${euros(careCommitted)}).`);
if (careCommitted + ((envByCode.get('CARE-ANNONCE')?.totalCents as number | undefined) ?? 0) !== M(750))
  err('CaRE : 750 M€ au total (engagés + annoncés) attendus.');

// ---------------------------------------------------------------- allocations

const allocations = list('allocations');
unique(allocations, 'id', 'Allocations');
interface AllocInfo {
  rec: Rec;
  env?: EnvInfo;
  etab?: Rec;
  amounts: Map<string, number>;
  total: number;
  approvedOn?: string;
}
const allocById = new Map<string, AllocInfo>();
const held = new Map<string, { total: number; years: Map<string, number> }>();
const overlap = new Map<string, Set<string>>();
for (const a of allocations) {
  const where = `Allocation ${String(a.id)}`;
  str(a, 'id', where);
  const env = envById.get(a.envelopeId as string);
  if (!env) err(`${where} : enveloppe ${String(a.envelopeId)} introuvable.`);
  const etab = beneficiary(a.finess);
  if (!etab) err(`${where} : bénéficiaire ${String(a.finess)} introuvable (FINESS ou SIRET).`);
  const action = actionById.get(a.actionId as string);
  if (!action) err(`${where} : action ${String(a.actionId)} introuvable.`);
  const amounts = yearAmounts(a.amounts, `${where} amounts`);
  for (const [y, v] of amounts) if (v % 100 !== 0) err(`${where} [${y}] : montant en euros ronds attendu.`);
  const total = sumOf(amounts);
  const info: AllocInfo = { rec: a, env, etab, amounts, total };
  allocById.set(a.id as string, info);

  // Who proposed, who decided: separation of duties.
  const createdBy = str(a, 'createdBy', where);
  if (createdBy && !['planner', 'admin'].includes(userRole(createdBy) ?? ''))
    err(`${where} : createdBy ${createdBy} n'est pas un compte planificateur.`);
  // the date it was proposed (the review list sorts by it): in the past, before any decision
  const proposedOn = datetime(a, 'createdAt', where)?.slice(0, 10);
  if (proposedOn && proposedOn > TODAY) err(`${where} : proposée dans le futur (${proposedOn}).`);
  const decided = (a.approvedAt ?? a.rejectedAt) as string | undefined;
  if (proposedOn && decided && proposedOn > decided.slice(0, 10))
    err(`${where} : proposée le ${proposedOn}, après sa décision (${decided.slice(0, 10)}).`);
  const status = a.status;
  if (status === 'approved') {
    const at = datetime(a, 'approvedAt', where);
    if (at) {
      info.approvedOn = at.slice(0, 10);
      if (info.approvedOn > TODAY) err(`${where} : approuvée dans le futur (${info.approvedOn}).`);
      if (info.approvedOn < '2023-01-01') err(`${where} : approuvée avant le début du plan.`);
    }
    const by = str(a, 'approvedBy', where);
    // a window's grant is the ARS instruction's decision: the planner who grants approves it
    // (domain/applications.ts); no one proposed it apart from that decision
    if (a.applicationId !== undefined) {
      if (by && userRole(by) !== 'planner') err(`${where} : accordée par ${by}, qui n'est pas un planificateur.`);
    } else {
      if (by && !['reviewer', 'admin'].includes(userRole(by) ?? ''))
        err(`${where} : approvedBy ${by} n'est pas un compte valideur.`);
      if (by && by === createdBy) err(`${where} : séparation des tâches : approuvée par son auteur (${by}).`);
    }
    // the engagement history (the spend chart's « Approuvé »): it sums to the approved amounts
    const history = a.engagements;
    if (!Array.isArray(history) || history.length === 0) err(`${where} : approuvée sans historique d'engagement.`);
    else {
      const engaged = new Map<string, number>();
      history.forEach((h: Rec, i) => {
        datetime(h, 'at', `${where} engagements[${i}]`);
        if (typeof h.amounts !== 'object' || h.amounts === null)
          return err(`${where} engagements[${i}] : montants attendus.`);
        for (const [y, v] of Object.entries(h.amounts as Rec)) engaged.set(y, (engaged.get(y) ?? 0) + Number(v));
      });
      if (YEARS.some((y) => (engaged.get(y) ?? 0) !== (amounts.get(y) ?? 0)))
        err(`${where} : l'historique d'engagement ne fait pas les montants approuvés.`);
      if (history[0]?.at !== a.approvedAt) err(`${where} : le premier engagement n'est pas daté de l'approbation.`);
    }
    if (a.rejectionReason !== undefined || a.rejectedAt !== undefined) err(`${where} : approuvée mais porte un rejet.`);
  } else if (status === 'rejected') {
    str(a, 'rejectionReason', where);
    if (a.rejectedAt !== undefined) {
      const at = datetime(a, 'rejectedAt', where);
      if (at && at.slice(0, 10) > TODAY) err(`${where} : rejetée dans le futur.`);
    }
    if (a.rejectedBy !== undefined && a.rejectedBy === createdBy)
      err(`${where} : séparation des tâches : rejetée par son auteur.`);
    if (a.approvedAt !== undefined || a.approvedBy !== undefined) err(`${where} : rejetée mais porte une approbation.`);
  } else if (status === 'proposed') {
    if (a.approvedAt !== undefined || a.approvedBy !== undefined || a.rejectionReason !== undefined)
      err(`${where} : proposée mais porte une décision.`);
    if (a.engagements !== undefined) err(`${where} : proposée mais porte un historique d'engagement.`);
  } else err(`${where} : statut proposed, approved ou rejected attendu.`);

  if (!env) continue;
  const envCode = String(env.rec.code);
  if (env.rec.status === 'announced' && status === 'approved')
    err(`${where} : enveloppe annoncée (${envCode}) : crédits non engagés, l'allocation ne peut pas être approuvée.`);
  if (env.yearly)
    for (const y of amounts.keys())
      if (!env.yearly.has(y))
        err(`${where} : année ${y} hors de la répartition de ${envCode} (${[...env.yearly.keys()].join(', ')}).`);
  const m = env.rec.earmark as Rec | undefined;
  if (m && etab) {
    const regs = m.regions as string[] | undefined,
      cats = m.categories as string[] | undefined,
      acts = m.actionIds as string[] | undefined;
    if (regs?.length && !regs.includes(etab.region as string))
      err(`${where} : ${envCode} est réservée aux régions ${regs.join(', ')}.`);
    if (cats?.length && !cats.includes(etab.category as string))
      err(`${where} : ${envCode} n'est pas ouverte à la catégorie ${String(etab.category)}.`);
    if (m.priorityOnly === true && etab.priority !== true)
      err(`${where} : ${envCode} est réservée aux établissements prioritaires.`);
    if (acts?.length && !acts.includes(a.actionId as string))
      err(`${where} : ${envCode} ne finance pas l'action ${String(action?.code ?? a.actionId)}.`);
  }
  if (status === 'rejected') continue;
  const h = held.get(env.rec.id as string) ?? { total: 0, years: new Map<string, number>() };
  h.total += total;
  for (const [y, v] of amounts) h.years.set(y, (h.years.get(y) ?? 0) + v);
  held.set(env.rec.id as string, h);
  // Two live allocations for the same envelope, establishment and action on the same year would be a double count.
  for (const y of amounts.keys()) {
    const k = `${String(a.envelopeId)}|${String(a.finess)}|${String(a.actionId)}`;
    const ys = overlap.get(k) ?? new Set<string>();
    if (ys.has(y)) err(`${where} : doublon (même enveloppe, établissement, action et année ${y}).`);
    ys.add(y);
    overlap.set(k, ys);
  }
}
for (const [id, env] of envById) {
  const h = held.get(id) ?? { total: 0, years: new Map<string, number>() };
  const code = String(env.rec.code);
  if (h.total > env.total) err(`Enveloppe ${code} : ${euros(h.total)} alloués pour ${euros(env.total)}.`);
  else if (h.total === env.total) err(`Enveloppe ${code} : entièrement allouée ; la démo doit laisser de la marge.`);
  if (h.total === 0) err(`Enveloppe ${code} : aucune allocation.`);
  if (env.yearly)
    for (const [y, budget] of env.yearly) {
      const used = h.years.get(y) ?? 0;
      if (used > budget) err(`Enveloppe ${code} [${y}] : ${euros(used)} alloués pour ${euros(budget)}.`);
      else if (used === budget)
        err(`Enveloppe ${code} [${y}] : année entièrement allouée ; la démo doit laisser de la marge.`);
    }
}
// ---------------------------------------------------------------- delegations (domain/delegations.ts)

// Conservation: an envelope's delegations never exceed it (per year of its split, and in total); a
// region holding a delegation holds no more of the envelope than its credits; the other regions no
// more than the national reserve.
const delegations = list('delegations');
unique(delegations, 'id', 'Délégations');
/** envelope id → region → year → credits */
const credits = new Map<string, Map<string, Map<string, number>>>();
for (const d of delegations) {
  const where = `Délégation ${String(d.id)}`;
  str(d, 'id', where);
  str(d, 'reference', where);
  const on = date(d, 'notifiedOn', where);
  if (on && on > TODAY) err(`${where} : notifiée dans le futur (${on}).`);
  const env = envById.get(d.envelopeId as string);
  if (!env) {
    err(`${where} : enveloppe ${String(d.envelopeId)} introuvable.`);
    continue;
  }
  if (!regionCodes.has(d.region)) err(`${where} : région ${String(d.region)} inconnue.`);
  const regs = (env.rec.earmark as Rec | undefined)?.regions as string[] | undefined;
  if (regs?.length && !regs.includes(d.region as string))
    err(`${where} : ${String(env.rec.code)} est réservée aux régions ${regs.join(', ')}.`);
  const amounts = yearAmounts(d.amounts, `${where} amounts`);
  for (const y of amounts.keys())
    if (env.yearly && !env.yearly.has(y))
      err(`${where} : année ${y} hors de la répartition de ${String(env.rec.code)}.`);
  const byRegion = credits.get(env.rec.id as string) ?? new Map<string, Map<string, number>>();
  credits.set(env.rec.id as string, byRegion);
  const mine = byRegion.get(d.region as string) ?? new Map<string, number>();
  byRegion.set(d.region as string, mine);
  for (const [y, v] of amounts) mine.set(y, (mine.get(y) ?? 0) + v);
}
const live = [...allocById.values()].filter((a) => a.rec.status !== 'rejected');
for (const [envId, byRegion] of credits) {
  const env = envById.get(envId)!;
  const code = String(env.rec.code);
  const years = [...new Set([...byRegion.values()].flatMap((m) => [...m.keys()]))];
  const held = (region: (r: string) => boolean, y?: string) =>
    live
      .filter((a) => a.rec.envelopeId === envId && a.etab && region(String(a.etab.region)))
      .reduce((s, a) => s + (y ? (a.amounts.get(y) ?? 0) : a.total), 0);
  const delegated = (y?: string) => [...byRegion.values()].reduce((s, m) => s + (y ? (m.get(y) ?? 0) : sumOf(m)), 0);
  for (const y of [...years, undefined]) {
    const budget = y ? (env.yearly?.get(y) ?? env.total) : env.total;
    const when = y ? ` [${y}]` : '';
    if (delegated(y) > budget) err(`Enveloppe ${code}${when} : ${euros(delegated(y))} délégués pour ${euros(budget)}.`);
    const reserveUsed = held((r) => !byRegion.has(r), y);
    if (reserveUsed > budget - delegated(y))
      err(
        `Enveloppe ${code}${when} : ${euros(reserveUsed)} alloués hors des régions délégataires pour une réserve de ${euros(budget - delegated(y))}.`,
      );
    for (const [region, mine] of byRegion) {
      const c = y ? (mine.get(y) ?? 0) : sumOf(mine);
      const used = held((r) => r === region, y);
      if (used > c)
        err(`Enveloppe ${code}${when} : ${euros(used)} alloués en région ${region} pour ${euros(c)} délégués.`);
    }
  }
}
// the demo's brief: one committed envelope delegated to the 18 ARS in two successive delegations
const delegatedEnv = [...credits.keys()].find((id) => {
  const ds = delegations.filter((d) => d.envelopeId === id);
  return (
    envById.get(id)?.rec.status === 'committed' &&
    Object.keys(REGIONS).every((r) => ds.filter((d) => d.region === r).length >= 2) &&
    new Set(ds.map((d) => d.reference)).size >= 2
  );
});
if (!delegatedEnv) err('Aucune enveloppe engagée déléguée aux 18 ARS en deux délégations successives.');
if (!delegations.every((d) => /illustratif/.test(String(d.reference))))
  err('Les montants des délégations sont illustratifs : leur référence doit le dire.');

const statuses = new Set(allocations.map((a) => a.status));
for (const s of ['proposed', 'approved', 'rejected']) if (!statuses.has(s)) err(`Aucune allocation au statut ${s}.`);

// ---------------------------------------------------------------- completions (read before payments: « solde » needs one)

const completions = list('completions');
unique(completions, 'id', 'Réalisations');
const doneOn = new Map<string, string>();
/** Declarations a planner validated: what milestone progress counts (the others await a check). */
const validatedKeys = new Set<string>();
for (const c of completions) {
  const where = `Réalisation ${String(c.id)}`;
  str(c, 'id', where);
  if (!etabByFiness.has(c.finess as string)) err(`${where} : établissement ${String(c.finess)} introuvable.`);
  if (!actionById.has(c.actionId as string)) err(`${where} : action ${String(c.actionId)} introuvable.`);
  const d = date(c, 'completedOn', where);
  if (d && (d > TODAY || d < '2023-01-01')) err(`${where} : date ${d} hors de la période 2023-01-01 — ${TODAY}.`);
  // a check (validated or refused) is a planner's, after the declared date, never in the future
  if (c.validatedAt !== undefined && c.refusedAt !== undefined) err(`${where} : à la fois validée et refusée.`);
  for (const [atField, byField] of [
    ['validatedAt', 'validatedBy'],
    ['refusedAt', 'refusedBy'],
  ] as const) {
    if (c[atField] === undefined) continue;
    const on = datetime(c, atField, where);
    if (on && d && (on.slice(0, 10) < d || on.slice(0, 10) > TODAY))
      err(`${where} : ${atField} ${on} hors de la période ${d} — ${TODAY}.`);
    const by = str(c, byField, where);
    if (by && userByEmail.get(by)?.role !== 'planner') err(`${where} : ${byField} ${by} n'est pas un planificateur.`);
  }
  if (c.refusedAt !== undefined) str(c, 'refusalReason', where);
  else if (c.refusalReason !== undefined) err(`${where} : motif de refus sans refus.`);
  // a refused declaration does not stand: the action may be declared again
  if (c.refusedAt !== undefined) continue;
  const k = `${String(c.finess)}|${String(c.actionId)}`;
  if (doneOn.has(k)) err(`${where} : action déjà déclarée réalisée pour cet établissement.`);
  if (d) doneOn.set(k, d);
  if (c.validatedAt !== undefined) validatedKeys.add(k);
}

// ---------------------------------------------------------------- payments

// ---------------------------------------------------------------- funding windows (check-demo-windows.ts)

const windowReport = checkWindows({
  today: TODAY,
  err,
  windows: list('windows'),
  applications: list('applications'),
  declarations: list('declarations'),
  allocations: new Map([...allocById].map(([id, a]) => [id, a.rec])),
  establishments: etabByFiness,
  ghts,
  envelopes: new Map([...envById].map(([id, v]) => [id, v.rec])),
  actions: actionById,
  users: userByEmail,
  years: YEARS,
  evidenceDir: fileURLToPath(new URL('../data/demo/evidence/', import.meta.url)),
});
/** allocation|tranche → paid so far: never beyond the tranche. */
const paidByTranche = new Map<string, number>();

const payments = list('payments');
unique(payments, 'id', 'Versements');
const paidByAlloc = new Map<string, number>();
for (const p of payments) {
  const where = `Versement ${String(p.id)}`;
  str(p, 'id', where);
  const amount = cents(p.amountCents, `${where} amountCents`);
  if (amount % 100 !== 0) err(`${where} : montant en euros ronds attendu.`);
  const paidOn = date(p, 'paidOn', where);
  const tranche = str(p, 'tranche', where, true);
  const al = allocById.get(p.allocationId as string);
  if (!al) {
    err(`${where} : allocation ${String(p.allocationId)} introuvable.`);
    continue;
  }
  if (al.rec.status !== 'approved') {
    err(`${where} : l'allocation ${String(al.rec.id)} n'est pas approuvée.`);
    continue;
  }
  if (al.env?.rec.status === 'announced')
    err(`${where} : versement sur l'enveloppe annoncée ${String(al.env.rec.code)} (crédits non engagés).`);
  if (paidOn && paidOn > TODAY) err(`${where} : versement daté dans le futur (${paidOn}).`);
  if (paidOn && al.approvedOn && paidOn <= al.approvedOn)
    err(`${where} : versé le ${paidOn}, pas après l'approbation (${al.approvedOn}).`);
  paidByAlloc.set(String(al.rec.id), (paidByAlloc.get(String(al.rec.id)) ?? 0) + amount);
  const tranches = windowReport.tranches.get(String(al.rec.id));
  if (tranches) {
    // an allocation with tranches is paid tranche by tranche, each once its objective passed both checks
    const k = `${String(al.rec.id)}|${String(tranche)}`;
    const after = windowReport.payableAfter.get(k);
    if (!tranche || !tranches.has(tranche))
      err(`${where} : versement sans tranche de l'allocation ${String(al.rec.id)}.`);
    else if (!after) err(`${where} : tranche ${tranche} versée, son objectif n'a pas passé les deux contrôles.`);
    else if (paidOn && paidOn <= after)
      err(`${where} : tranche ${tranche} versée le ${paidOn}, pas après le contrôle ANS (${after}).`);
    paidByTranche.set(k, (paidByTranche.get(k) ?? 0) + amount);
    if ((paidByTranche.get(k) ?? 0) > (tranches.get(String(tranche)) ?? 0))
      err(`${where} : tranche ${String(tranche)} versée au-delà de son montant.`);
  }
  if (tranche === 'solde' && paidOn) {
    // Paid on objectives achieved: the action must be declared done by then.
    const d = doneOn.get(`${String(al.rec.finess)}|${String(al.rec.actionId)}`);
    if (!d) err(`${where} : solde versé sans réalisation déclarée de l'action.`);
    else if (d > paidOn) err(`${where} : solde versé le ${paidOn}, avant la réalisation (${d}).`);
  }
}
for (const [id, paid] of paidByAlloc) {
  const al = allocById.get(id)!;
  if (paid > al.total) err(`Allocation ${id} : ${euros(paid)} versés pour ${euros(al.total)} approuvés.`);
}

// ---------------------------------------------------------------- milestones

const milestones = list('milestones');
unique(milestones, 'id', 'Jalons');
for (const m of milestones) {
  const where = `Jalon ${String(m.id)}`;
  str(m, 'id', where);
  str(m, 'title', where);
  date(m, 'date', where);
  str(m, 'description', where, true);
  const t = m.target as Rec | undefined;
  if (t === undefined) continue;
  if (!actionById.has(t.actionId as string)) err(`${where} : cible sur une action inconnue ${String(t.actionId)}.`);
  if (!['all', 'priority'].includes(t.population as string)) err(`${where} : population all ou priority attendue.`);
  if (typeof t.share !== 'number' || !(t.share >= 0 && t.share <= 1))
    err(`${where} : part cible entre 0 et 1 attendue.`);
}
const REQUIRED_MILESTONES: [string, string | null, string?, number?][] = [
  ['2023-03-31', null], // task force multi-year plan
  ['2023-03-31', 'PBN', 'priority', 1],
  ['2023-05-31', 'EXE-CRISE', 'priority', 1],
  ['2023-12-18', null], // CaRE launch
  ['2024-04-19', null], // D1 applications close
  ['2025-06-30', 'D1-AD', 'all', 0.8],
  ['2026-01-01', 'HOSPICONNECT', 'all', 0.5],
  ['2027-12-31', null], // end of plan
];
for (const [d, code, population, s] of REQUIRED_MILESTONES) {
  const found = milestones.some((m) => {
    if (m.date !== d) return false;
    const t = m.target as Rec | undefined;
    if (code === null) return t === undefined;
    return t !== undefined && t.actionId === idOf(code) && t.population === population && t.share === s;
  });
  if (!found) err(`Jalon du ${d}${code ? ` (cible ${code}, ${population}, ${s})` : ' (sans cible)'} manquant.`);
}

// ---------------------------------------------------------------- report

function euros(c: number): string {
  const whole = Math.trunc(c / 100),
    rest = Math.abs(c % 100);
  const int = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${c < 0 ? '-' : ''}${int}${rest ? `,${String(rest).padStart(2, '0')}` : ''} €`;
}
const pad = (s: string, n: number) => s.padStart(n);

console.log(`Plan de démonstration : ${path} (${(Buffer.byteLength(raw) / 1024).toFixed(0)} Ko)`);
console.log('\nEnregistrements :');
for (const k of KINDS) console.log(`  ${k.padEnd(15)} ${pad(String(list(k).length), 4)}`);
console.log(
  `  dont ${prio.length} établissements prioritaires (${pct(share(prio.length, N))}) ; catégories : ` +
    CATEGORIES.map((c) => `${c} ${byCat(c)} (${pct(share(byCat(c), N))})`).join(', '),
);
console.log(
  `  allocations : ${['approved', 'proposed', 'rejected'].map((s) => `${allocations.filter((a) => a.status === s).length} ${s}`).join(', ')}`,
);

console.log('\nEnveloppes (en euros ; alloué = hors rejets) :');
const head = ['code', 'statut', 'total', 'alloué', 'approuvé', 'versé', 'reste à allouer'];
const rows: string[][] = [];
let tot = [0, 0, 0, 0, 0];
for (const [id, env] of envById) {
  const live = [...allocById.values()].filter((a) => a.rec.envelopeId === id && a.rec.status !== 'rejected');
  const allocated = live.reduce((s, a) => s + a.total, 0);
  const approved = live.filter((a) => a.rec.status === 'approved').reduce((s, a) => s + a.total, 0);
  const paid = live.reduce((s, a) => s + (paidByAlloc.get(String(a.rec.id)) ?? 0), 0);
  rows.push([
    String(env.rec.code),
    String(env.rec.status),
    euros(env.total),
    euros(allocated),
    euros(approved),
    euros(paid),
    euros(env.total - allocated),
  ]);
  tot = [tot[0]! + env.total, tot[1]! + allocated, tot[2]! + approved, tot[3]! + paid, tot[4]! + env.total - allocated];
  if (env.yearly)
    for (const [y, budget] of env.yearly) {
      const ya = live.reduce((s, a) => s + (a.amounts.get(y) ?? 0), 0);
      const yp = live.filter((a) => a.rec.status === 'approved').reduce((s, a) => s + (a.amounts.get(y) ?? 0), 0);
      rows.push([`  ${y}`, '', euros(budget), euros(ya), euros(yp), '', euros(budget - ya)]);
    }
}
rows.push(['TOTAL', '', ...tot.slice(0, 4).map(euros), euros(tot[4]!)]);
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  '  ' + r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(line(head));
for (const r of rows) console.log(line(r));

console.log('\nDélégations (en euros) :');
for (const [envId, byRegion] of credits) {
  const code = String(envById.get(envId)!.rec.code);
  for (const ref of new Set(delegations.filter((d) => d.envelopeId === envId).map((d) => String(d.reference)))) {
    const sum = delegations
      .filter((d) => d.envelopeId === envId && d.reference === ref)
      .reduce((s, d) => s + sumOf(yearAmounts(d.amounts, String(d.id))), 0);
    console.log(`  ${code}  ${ref} : ${euros(sum)}`);
  }
  const all = [...byRegion.values()].reduce((s, m) => s + sumOf(m), 0);
  console.log(
    `  ${code}  ${byRegion.size} régions, ${euros(all)} délégués ; réserve nationale ${euros(envById.get(envId)!.total - all)}`,
  );
  for (const r of ['11', '84']) {
    const c = sumOf(byRegion.get(r) ?? new Map<string, number>());
    const used = live
      .filter((a) => a.rec.envelopeId === envId && a.etab?.region === r)
      .reduce((s, a) => s + a.total, 0);
    console.log(`    ${REGIONS[r]} : ${euros(c)} délégués, ${euros(used)} alloués, reste ${euros(c - used)}`);
  }
}

console.log('\nGuichets :');
for (const l of windowReport.lines) console.log(`  ${l}`);

console.log(`\nJalons (avancement au ${TODAY}) :`);
for (const m of [...milestones].sort((a, b) => String(a.date).localeCompare(String(b.date)))) {
  const t = m.target as Rec | undefined;
  if (!t) {
    console.log(`  ${String(m.date)}  ${String(m.title)}`);
    continue;
  }
  const cutoff = String(m.date) < TODAY ? String(m.date) : TODAY;
  const pop = establishments.filter((e) => t.population === 'all' || e.priority === true);
  const declared = pop.filter((e) => {
    const d = doneOn.get(`${String(e.finess)}|${String(t.actionId)}`);
    return d !== undefined && d <= cutoff;
  });
  const done = declared.filter((e) => validatedKeys.has(`${String(e.finess)}|${String(t.actionId)}`)).length;
  const p = share(done, pop.length);
  const status = p >= (t.share as number) ? 'atteint' : String(m.date) < TODAY ? 'manqué' : 'en cours';
  const awaiting = declared.length - done ? ` + ${declared.length - done} en attente de contrôle` : '';
  console.log(
    `  ${String(m.date)}  ${String(m.title)} : ${done}/${pop.length} = ${pct(p)} (cible ${pct(t.share as number)}) — ${status}${awaiting}`,
  );
}

if (errors.length) {
  console.error(`\n${errors.length} anomalie(s) :`);
  for (const e of errors) console.error(`  ✗ ${e}`);
  process.exit(1);
}
console.log('\n✓ Toutes les règles sont respectées.');
