// Request schemas of /api/scenarios: shapes only. Amounts and weights are whole numbers here; their
// signs and what they add up to are the distribution rules' to refuse (422, with the field).
import { z } from 'zod';
import { PLAN_YEARS } from '../../shared/years.js';
import { MAX_AMOUNT_CENTS } from '../domain/money.js';
import { MAX_COMPARED } from '../domain/compare.js';
import { freeText, previewPage, text, yearAmounts } from './schemas.js';

const finess = z.string().trim().toUpperCase();
/** A whole number of cents, of either sign: a negative one is the rule's to refuse, on its field. */
const signedCents = z
  .number({ error: 'Montant en centimes attendu (entier).' })
  .int('Montant en centimes : un entier, jamais de décimales.')
  .min(-MAX_AMOUNT_CENTS)
  .max(MAX_AMOUNT_CENTS);

export const scenarioCreate = z.strictObject({
  name: text(200),
  description: freeText(2000, { multiline: true }).optional(),
  envelopeIds: z.array(text(60)).min(1, 'Au moins une enveloppe.').max(20, '20 enveloppes au plus.'),
  /** 'empty', 'plan', or the id of a scenario to copy. */
  from: text(60),
});
export const scenarioUpdate = z.strictObject({
  name: text(200).optional(),
  description: freeText(2000, { multiline: true }).optional(),
  rebase: z.boolean().optional(),
});

export const lineCreate = z.strictObject({
  envelopeId: text(60),
  finess,
  actionId: text(60),
  amounts: yearAmounts,
});
export const lineUpdate = lineCreate.partial();

const category = z.enum(['public', 'private_nonprofit', 'private_forprofit'], {
  error: 'Catégorie : public, private_nonprofit ou private_forprofit.',
});

export const distributeBody = z.strictObject({
  rule: z.enum(['equal', 'fixed_plus_staff', 'size_bands', 'priority_first', 'region_weights'], {
    error: 'Règle : equal, fixed_plus_staff, size_bands, priority_first ou region_weights.',
  }),
  envelopeId: text(60),
  actionId: text(60),
  year: z.enum(PLAN_YEARS, { error: 'Année du plan attendue (2023 à 2027).' }),
  eligibility: z
    .strictObject({
      categories: z.array(category).optional(),
      regions: z.array(z.string()).optional(),
      priority: z.boolean().optional(),
      beneficiaries: z.enum(['establishments', 'pooled', 'all']).optional(),
    })
    .optional(),
  totalCents: signedCents.optional(),
  perBeneficiaryCents: signedCents.optional(),
  fixedCents: signedCents.optional(),
  bands: z
    .array(z.strictObject({ minStaff: z.number().max(1_000_000), amountCents: signedCents }))
    .max(50, '50 tranches au plus.')
    .optional(),
  weights: z.record(z.string().regex(/^\d{2}$/, 'Code INSEE de région à 2 chiffres.'), z.number().int()).optional(),
  /** The preview's page of shares. */
  page: previewPage.optional(),
});

export const compareQuery = z.object({
  ids: z
    .string({ error: 'ids : les scénarios à comparer, séparés par des virgules.' })
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(
      z
        .array(z.string())
        .min(1, 'Au moins un scénario.')
        .max(MAX_COMPARED, `${MAX_COMPARED} scénarios au plus, à côté du plan.`),
    ),
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
  limit: z.coerce.number().int().min(0).max(10_000).optional(),
});
