// Request schemas of funding windows and their applications (the rules: domain/windows.ts,
// caps.ts, applications.ts).
import { z } from 'zod';
import { WINDOW_PHASES, type WindowPhase } from '../../shared/windows.js';
import { PLAN_YEARS } from '../../shared/years.js';
import { category, cents, code, freeText, isoDate, regionCode, staff, text } from './schemas.js';

const phases = z.strictObject(
  Object.fromEntries(WINDOW_PHASES.map((p) => [p, isoDate])) as Record<WindowPhase, typeof isoDate>,
);

const objective = z.strictObject({
  code,
  title: text(300),
  shareBp: z
    .number({ error: 'Part en points de base attendue (1 % = 100).' })
    .int('Part en points de base : un entier (1 % = 100).')
    .min(1, 'Part positive attendue (1 % = 100 points de base).')
    .max(10_000, '10 000 points de base (100 %) au plus.'),
});

const cap = z.strictObject({
  applicant: z.enum(['establishment', 'ght'], { error: 'Candidat : establishment ou ght.' }),
  category: category.optional(),
  minStaff: staff,
  maxStaff: staff.optional(),
  capCents: cents.min(1, 'Plafond positif attendu.'),
});

const eligibility = z.strictObject({
  categories: z.array(category).max(3).optional(),
  priorityOnly: z.boolean({ error: 'priorityOnly : vrai ou faux.' }).optional(),
  regions: z.array(regionCode).max(18).optional(),
});

const published = z
  .array(z.strictObject({ label: text(200), value: text(100), source: freeText(300).optional() }))
  .max(50, '50 chiffres au plus.');

export const windowCreate = z.strictObject({
  code,
  name: text(200),
  envelopeId: text(60),
  actionId: text(60),
  year: z.enum(PLAN_YEARS, { error: 'Année du plan : 2023 à 2027.' }),
  reference: text(300),
  phases,
  objectives: z.array(objective).min(1, 'Au moins un objectif.').max(50, '50 objectifs au plus.'),
  eligibility: eligibility.default({}),
  caps: z.array(cap).min(1, 'Au moins un plafond.').max(100, '100 plafonds au plus.'),
  published: published.optional(),
});
export const windowUpdate = windowCreate.partial();

export const windowExtend = z.strictObject({
  phase: z.enum(WINDOW_PHASES, { error: `Phase : ${WINDOW_PHASES.join(', ')}.` }),
  to: isoDate,
  reason: freeText(1000, { multiline: true }).min(1, 'Motif obligatoire.'),
});

const objectives = z
  .array(text(40), { error: 'Liste des codes d’objectifs attendue.' })
  .min(1, 'Au moins un objectif.')
  .max(50, '50 objectifs au plus.')
  .refine((list) => new Set(list).size === list.length, 'Un objectif figure deux fois.');

export const applicationCreate = z.strictObject({
  finess: z.string().trim().toUpperCase().min(1, 'FINESS obligatoire.'),
  /** A GHT's application (« un dossier par GHT »), made by its support establishment. */
  ghtCode: text(200).optional(),
  objectives,
  requestedCents: cents,
});
export const applicationUpdate = z.strictObject({ objectives, requestedCents: cents }).partial();

export const grantBody = z.strictObject({ amountCents: cents });

export const eligibilityQuery = z.object({
  finess: z.string().trim().toUpperCase().max(20).optional(),
  ghtCode: z.string().trim().max(200).optional(),
});
