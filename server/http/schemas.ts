// Request schemas: the one place where input is checked before any rule runs.
import { z } from 'zod';
import { ROLES, TOKEN_DAYS } from '../contract/auth.js';
import { PLAN_FIRST_DAY, PLAN_LAST_DAY } from '../../shared/years.js';
import { PLAN_YEARS } from '../../shared/years.js';
import { formatEuros, MAX_AMOUNT_CENTS } from '../domain/money.js';
import { textProblem } from '../domain/text.js';

// zod's own messages in French, for the checks that have none of ours
z.config(z.locales.fr());

export const cents = z
  .number({ error: 'Montant en centimes attendu (entier).' })
  .int('Montant en centimes : un entier, jamais de décimales.')
  .nonnegative('Montant négatif refusé.')
  .max(MAX_AMOUNT_CENTS, `Montant trop grand : ${formatEuros(MAX_AMOUNT_CENTS)} au plus.`);

export const yearAmounts = z.strictObject(
  Object.fromEntries(PLAN_YEARS.map((y) => [y, cents.optional()])) as Record<
    (typeof PLAN_YEARS)[number],
    z.ZodOptional<typeof cents>
  >,
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `Années hors période du plan (2023-2027) : ${iss.keys.join(', ')}.`
        : 'Montants par année attendus.',
  },
);

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date au format AAAA-MM-JJ attendue.')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 10) === s, 'Date inexistante.');

export const planDate = isoDate.refine(
  (s) => s >= PLAN_FIRST_DAY && s <= PLAN_LAST_DAY,
  'Date hors période du plan (2023-2027).',
);

/** Every free-text field: NFC, trimmed, at most `max` characters, and nothing its readers could
 *  not see or that would reorder what they see (see textProblem). Empty is allowed: `text` is not. */
export const freeText = (max: number, { multiline = false } = {}) =>
  z
    .string()
    .normalize('NFC')
    .trim()
    .max(max, `${max} caractères au plus.`)
    .superRefine((s, ctx) => {
      const problem = textProblem(s, { multiline });
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
export const text = (max: number, required = 'Champ obligatoire.') => freeText(max).min(1, required);
/** An ARS region's INSEE code. */
export const regionCode = z.string().regex(/^\d{2}$/, 'Code INSEE de région à 2 chiffres (ex. 11).');
export const code = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/i, 'Code : lettres, chiffres, - ou _ (40 au plus).');
export const category = z.enum(['public', 'private_nonprofit', 'private_forprofit'], {
  error: 'Catégorie : public, private_nonprofit ou private_forprofit.',
});
const finess = z.string().trim().toUpperCase();

export const earmark = z.strictObject({
  regions: z.array(z.string()).optional(),
  categories: z.array(category).optional(),
  priorityOnly: z.boolean().optional(),
  actionIds: z.array(z.string()).optional(),
});

export const envelopeCreate = z.strictObject({
  code,
  name: text(200),
  source: text(500),
  status: z.enum(['committed', 'announced'], { error: 'Statut : committed (engagé) ou announced (annoncé).' }),
  totalCents: cents,
  yearlyCents: yearAmounts.optional(),
  earmark: earmark.optional(),
});
export const envelopeUpdate = envelopeCreate
  .extend({ yearlyCents: yearAmounts.nullable().optional(), earmark: earmark.nullable().optional() })
  .partial();

/** Staff in ETP, as the SAE gives it (an establishment's, a window's size bands). */
export const staff = z
  .number({ error: 'Effectif en ETP attendu (un nombre).' })
  .min(0, 'Effectif positif ou nul.')
  .max(1_000_000, 'Effectif : 1 000 000 ETP au plus.');
export const establishmentCreate = z.strictObject({
  finess,
  name: text(200),
  category,
  region: regionCode,
  ght: freeText(200).optional(),
  priority: z.boolean({ error: 'priority : vrai ou faux.' }),
  finessEj: finess.optional(),
  /** Staff in ETP (SAE): a funding window's caps go by size band. */
  staff: staff.optional(),
  synthetic: z.boolean().optional(),
});
// null clears the legal entity, the GHT or the staff
export const establishmentUpdate = establishmentCreate
  .extend({
    ght: freeText(200).nullable().optional(),
    finessEj: finess.nullable().optional(),
    staff: establishmentCreate.shape.staff.nullable(),
  })
  .partial();

export const actionCreate = z.strictObject({
  code,
  title: text(200),
  axis: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'Axe CaRE : 1, 2, 3 ou 4.' }),
  domain: freeText(100).optional(),
});
export const actionUpdate = actionCreate.partial();

/** What releases a tranche: an objective of an application, or a milestone's target action. */
export const trancheGate = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('objective'), applicationId: text(60), objective: text(40) }),
    z.strictObject({ kind: z.literal('milestone'), milestoneId: text(60) }),
  ],
  { error: 'Condition : { kind: "objective", applicationId, objective } ou { kind: "milestone", milestoneId }.' },
);
export const tranche = z.strictObject({
  code,
  label: text(300),
  amountCents: cents.min(1, 'Montant de la tranche : positif.'),
  gate: trancheGate,
});
/** An allocation's tranches (empty: paid freely); the rules check their sum and gates. */
export const tranches = z.array(tranche, { error: 'Liste de tranches attendue.' }).max(50, '50 tranches au plus.');

export const allocationCreate = z.strictObject({
  envelopeId: text(60),
  finess,
  actionId: text(60),
  amounts: yearAmounts,
  tranches: tranches.optional(),
});
export const allocationUpdate = allocationCreate.partial();
/** A GHT: its code is what member establishments carry in their `ght` (domain/ghts.ts). */
export const ghtCreate = z.strictObject({
  code: text(200),
  name: text(200),
  region: regionCode,
  supportFiness: finess,
});
export const ghtUpdate = ghtCreate.partial();
/** A pooled regional resource: its SIRET's key is checked by the rules (422 on siret). */
export const pooledCreate = z.strictObject({
  siret: z.string().trim().max(20, '20 caractères au plus.'),
  name: text(200),
  region: regionCode,
  serves: z.array(finess).max(5000, '5 000 établissements au plus.'),
});
export const pooledUpdate = pooledCreate.partial();
/** A delegation of an envelope to an ARS region (its envelope and region, once given, stay: domain/delegations.ts). */
export const delegationCreate = z.strictObject({
  envelopeId: text(60),
  region: regionCode,
  amounts: yearAmounts,
  reference: text(300),
  notifiedOn: isoDate,
});
export const delegationUpdate = delegationCreate.partial();
/** One page of a preview's list (offset from 0, at most 500 rows). */
export const previewPage = z.strictObject({
  offset: z.number().int('Entier attendu.').min(0, 'Positif ou nul.').max(1_000_000).optional(),
  limit: z.number().int('Entier attendu.').min(1, 'Au moins 1.').max(500, '500 au plus.').optional(),
});
export const allocationBulk = z.strictObject({
  envelopeId: text(60),
  actionId: text(60),
  amounts: yearAmounts,
  dryRun: z.boolean().optional(),
  /** A dry run's pages of establishments: those that would receive one, those skipped. */
  preview: z.strictObject({ targets: previewPage.optional(), skipped: previewPage.optional() }).optional(),
  filter: z
    .strictObject({
      region: z.string().optional(),
      category: category.optional(),
      priority: z.boolean().optional(),
      q: freeText(200).optional(),
      /** Establishments (default), pooled regional resources (by SIRET) or both. */
      beneficiaries: z.enum(['establishments', 'pooled', 'all']).optional(),
    })
    .default({}),
});
export const rejectBody = z.strictObject({ reason: freeText(1000, { multiline: true }).min(1, 'Champ obligatoire.') });
/** Approving several allocations at once; `expectedTotalCents`, the total the user confirmed. */
/** Each item names the version (rev) the user confirmed: a row changed since is refused (412). */
export const approveBatchBody = z.strictObject({
  items: z
    .array(z.strictObject({ id: text(60), rev: text(60) }), {
      error: 'Liste d’allocations attendue : { id, rev } (la version lue).',
    })
    .min(1, 'Au moins une allocation.')
    .max(1000, '1000 allocations au plus.')
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'Une allocation figure deux fois.'),
  expectedTotalCents: z
    .number({ error: 'Total attendu en centimes (entier).' })
    .int('Total attendu en centimes : un entier.')
    .nonnegative('Total négatif refusé.')
    .max(Number.MAX_SAFE_INTEGER),
});

export const paymentCreate = z.strictObject({
  allocationId: text(60),
  amountCents: cents,
  paidOn: planDate,
  tranche: freeText(100).optional(),
});
export const paymentUpdate = paymentCreate.omit({ allocationId: true }).partial();
/** Several tranche payments at once (« À verser »), all or nothing. */
export const paymentBatch = z.strictObject({
  paidOn: planDate,
  items: z
    .array(z.strictObject({ allocationId: text(60), tranche: text(100), amountCents: cents }), {
      error: 'Liste de versements attendue : { allocationId, tranche, amountCents }.',
    })
    .min(1, 'Au moins un versement.')
    .max(1000, '1000 versements au plus.')
    .refine(
      (items) => new Set(items.map((i) => `${i.allocationId}\u0000${i.tranche}`)).size === items.length,
      'Une tranche figure deux fois.',
    ),
});

export const milestoneTarget = z.strictObject({
  actionId: text(60),
  population: z.enum(['all', 'priority'], { error: 'Population : all ou priority.' }),
  share: z
    .number({ error: 'Part cible : un nombre de 0 à 1 (0,8 pour 80 %).' })
    .min(0, 'Part cible entre 0 et 1 (0 % à 100 %).')
    .max(1, 'Part cible entre 0 et 1 (0 % à 100 %).'),
});
export const milestoneCreate = z.strictObject({
  title: text(300),
  date: planDate,
  description: freeText(2000, { multiline: true }).optional(),
  target: milestoneTarget.optional(),
});
export const milestoneUpdate = milestoneCreate.extend({ target: milestoneTarget.nullable().optional() }).partial();

export const completionCreate = z.strictObject({ finess, actionId: text(60), completedOn: planDate });
export const completionUpdate = completionCreate.pick({ completedOn: true }).partial();

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const dashboardQuery = z.object({
  envelopeId: z.string().optional(),
  region: z.string().optional(),
  axis: z.coerce.number().int().min(1, 'Axe 1 à 4.').max(4, 'Axe 1 à 4.').optional(),
});

// Accounts
export const login = z.strictObject({
  email: z.string().trim().toLowerCase().min(1, 'E-mail requis.'),
  password: z.string().min(1, 'Mot de passe requis.'),
});
export const email = z.string().trim().toLowerCase().email('Adresse e-mail invalide.');
export const userCreate = z.strictObject({
  email,
  name: text(200),
  role: z.enum(ROLES, { error: 'Rôle : admin, planner, reviewer ou establishment.' }),
  finess: z.string().trim().toUpperCase().optional(),
  // an ARS account: the INSEE code of its region (planners and reviewers only)
  region: z.string().trim().max(3, 'Code INSEE de région : 2 caractères.').optional(),
  password: z.string(),
});
export const userPatch = z
  .strictObject({
    name: text(200),
    role: z.enum(ROLES, { error: 'Rôle : admin, planner, reviewer ou establishment.' }),
    finess: z.string().trim().toUpperCase().nullable(),
    // null: back to national staff
    region: z.string().trim().max(3, 'Code INSEE de région : 2 caractères.').nullable(),
    disabled: z.boolean(),
  })
  .partial();
export const passwordChange = z.strictObject({ currentPassword: z.string(), newPassword: z.string() });
/** An administrator's reset: the temporary password, to be changed at the next login. */
export const passwordReset = z.strictObject({ password: z.string() });

const tokenDays = `Un nombre entier de jours, de 1 à ${TOKEN_DAYS.max}.`;
export const tokenCreate = z.strictObject({
  name: text(100, 'Nom requis.'),
  expiresInDays: z
    .number({ error: tokenDays })
    .int(tokenDays)
    .min(1, tokenDays)
    .max(TOKEN_DAYS.max, tokenDays)
    .default(TOKEN_DAYS.default),
});
