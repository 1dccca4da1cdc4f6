// Declarations of objectives achieved (« déclaration d'atteinte d'un objectif »): the applicant of
// a granted application declares each objective it committed to, with 1 to 5 evidence files, while
// the window's declaration phase is open; the ARS checks it (the region's planner or a national
// one), then the ANS (a national reviewer), each verdict given once. Only both checks conforme
// make the objective achieved, and its tranche payable (domain/objectives.ts, tranches.ts).
import { frenchDate, parisDay } from '../../shared/dates.js';
import type { Role } from '../contract/auth.js';
import type {
  Application,
  Check,
  CheckVerdict,
  Declaration,
  EvidenceFile,
  FundingWindow,
} from '../contract/windows.js';
import type { WriteContext } from './context.js';
import { fail, forbidden, ruleBroken, type FieldError } from './errors.js';
import { declarationState, OBJECTIVE_MISSING, objectiveState } from './objectives.js';
import type { PlanState } from './plan.js';

export const EVIDENCE_LIMITS = { minFiles: 1, maxFiles: 5, maxBytes: 10 * 1024 * 1024 } as const;

export type EvidenceType = EvidenceFile['type'];

/** A file's type from its first bytes (its name and the type its sender claims prove nothing). */
const SIGNATURES: ReadonlyArray<readonly [EvidenceType, readonly number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

export const evidenceType = (bytes: Uint8Array): EvidenceType | null =>
  SIGNATURES.find(([, sig]) => sig.every((b, i) => bytes[i] === b))?.[0] ?? null;

/** The name a file is shown under: its last path segment (a browser may send « C:\fakepath\… »),
 *  without control or bidirectional characters, 200 characters at most. */
export const evidenceName = (raw: string): string => {
  const base = raw.split(/[\\/]/).at(-1) ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  return clean.trim().slice(0, 200) || 'preuve';
};

export interface Upload {
  name: string;
  bytes: Uint8Array;
}

/** Each upload's type, or every refusal at once, each naming its file (`files.0`...). */
export const evidenceTypes = (uploads: readonly Upload[]): EvidenceType[] => {
  const { minFiles, maxFiles, maxBytes } = EVIDENCE_LIMITS;
  if (uploads.length < minFiles || uploads.length > maxFiles)
    throw ruleBroken(
      `De ${minFiles} à ${maxFiles} pièces justificatives par déclaration (${uploads.length} reçue${uploads.length > 1 ? 's' : ''}).`,
      [{ path: 'files', message: `De ${minFiles} à ${maxFiles} fichiers.` }],
    );
  const errors: FieldError[] = [];
  const types = uploads.map((u, i) => {
    const type = evidenceType(u.bytes);
    const name = `« ${evidenceName(u.name)} »`;
    if (u.bytes.byteLength > maxBytes)
      errors.push({ path: `files.${i}`, message: `Le fichier ${name} dépasse 10 Mo.` });
    else if (!type)
      errors.push({ path: `files.${i}`, message: `Le fichier ${name} n’est ni un PDF, ni une image PNG ou JPEG.` });
    return type!;
  });
  fail(errors);
  return types;
};

const window = (plan: PlanState, app: Application): FundingWindow => {
  const w = plan.windows.get(app.windowId);
  if (!w) throw ruleBroken(`Guichet « ${app.windowId} » de la candidature introuvable.`);
  return w;
};

/** « du 01/09/2024 au 31/12/2024 » */
const period = (from: string, to: string) => `du ${frenchDate(from)} au ${frenchDate(to)}`;

export interface DeclarationInput {
  objective: string;
  achievedOn: string;
  comment?: string;
}

/** The rules of a declaration but its evidence: on a granted application, for an objective it
 *  committed to, while declarations are open, and not while the objective is awaiting a check or
 *  achieved. Checked before any file is written, and again in the transaction. */
export const assertDeclarable = (plan: PlanState, app: Application, input: DeclarationInput, ctx: WriteContext) => {
  if (app.state !== 'granted')
    throw ruleBroken('Seule une candidature retenue déclare ses objectifs : celle-ci ne l’est pas.', [
      { path: 'applicationId', message: 'Candidature non retenue.' },
    ]);
  const w = window(plan, app);
  const today = parisDay(ctx.now);
  const { declarationsOpen, declarationsClose } = w.phases;
  if (today < declarationsOpen || today > declarationsClose)
    throw ruleBroken(
      `Déclarations ${period(declarationsOpen, declarationsClose)} : le guichet ${w.code} n’en reçoit pas aujourd’hui.`,
      [{ path: 'phase', message: `Déclarations ${period(declarationsOpen, declarationsClose)}.` }],
    );
  const errors: FieldError[] = [];
  if (!w.objectives.some((o) => o.code === input.objective))
    errors.push({ path: 'objective', message: `Objectif « ${input.objective} » inconnu du guichet ${w.code}.` });
  else if (!app.objectives.includes(input.objective))
    errors.push({ path: 'objective', message: `Objectif ${input.objective} : la candidature ne s’y est pas engagée.` });
  else {
    const state = objectiveState(plan, app.id, input.objective);
    if (state === 'achieved')
      errors.push({
        path: 'objective',
        message: `Objectif ${input.objective} déjà atteint (contrôles ARS et ANS conformes).`,
      });
    else if (state === 'pending_ars' || state === 'pending_ans')
      errors.push({
        path: 'objective',
        message: `Objectif ${input.objective} déjà déclaré : ${OBJECTIVE_MISSING[state]}.`,
      });
  }
  if (input.achievedOn > today)
    errors.push({ path: 'achievedOn', message: 'La date d’atteinte ne peut pas être future.' });
  fail(errors);
};

/** A new declaration, its evidence already stored (files.put). */
export const createDeclaration = (
  plan: PlanState,
  id: string,
  app: Application,
  input: DeclarationInput & { evidence: EvidenceFile[] },
  ctx: WriteContext,
): Declaration => {
  assertDeclarable(plan, app, input, ctx);
  const { minFiles, maxFiles } = EVIDENCE_LIMITS;
  if (input.evidence.length < minFiles || input.evidence.length > maxFiles)
    throw ruleBroken(`De ${minFiles} à ${maxFiles} pièces justificatives par déclaration.`, [
      { path: 'files', message: `De ${minFiles} à ${maxFiles} fichiers.` },
    ]);
  return {
    id,
    rev: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.actor,
    applicationId: app.id,
    objective: input.objective,
    achievedOn: input.achievedOn,
    ...(input.comment ? { comment: input.comment } : {}),
    evidence: input.evidence,
  };
};

export type CheckLevel = 'ars' | 'ans';
export interface CheckInput {
  level: CheckLevel;
  verdict: CheckVerdict;
  reason?: string;
}

/** Who checks: a planner or a reviewer, national (no region) or of an ARS. */
export interface Checker {
  role?: Role;
  region?: string | null;
}

const given = (c: Check) =>
  `le ${frenchDate(parisDay(c.at))}${c.by ? ` par ${c.by}` : ''} (${c.verdict === 'conforme' ? 'conforme' : 'non conforme'})`;

/** One level's verdict on a declaration, given once: the ARS's by the planner of the application's
 *  region or a national planner until arsChecksEnd; the ANS's by a national reviewer, once the
 *  ARS said conforme, until ansChecksEnd. */
export const checkDeclaration = (
  plan: PlanState,
  cur: Declaration,
  input: CheckInput,
  ctx: WriteContext,
  who: Checker,
): Declaration => {
  const app = plan.applications.get(cur.applicationId);
  if (!app) throw ruleBroken(`Candidature « ${cur.applicationId} » de la déclaration introuvable.`);
  const w = window(plan, app);
  const today = parisDay(ctx.now);
  if (input.level === 'ars') {
    if (who.role !== 'planner' || (who.region && who.region !== app.region))
      throw forbidden(
        'Contrôle réservé',
        'Le contrôle ARS revient au planificateur de l’ARS de la région de la candidature, ou à un planificateur national.',
      );
    if (cur.arsCheck) throw ruleBroken(`Contrôle ARS déjà rendu ${given(cur.arsCheck)} : il ne change plus.`);
    if (today > w.phases.arsChecksEnd)
      throw ruleBroken(`Contrôles ARS jusqu’au ${frenchDate(w.phases.arsChecksEnd)} : la période est close.`, [
        { path: 'phase', message: `Contrôles ARS jusqu’au ${frenchDate(w.phases.arsChecksEnd)}.` },
      ]);
  } else {
    if (who.role !== 'reviewer' || who.region)
      throw forbidden('Contrôle réservé', 'Le contrôle ANS revient à un valideur national (compte sans région).');
    if (cur.ansCheck) throw ruleBroken(`Contrôle ANS déjà rendu ${given(cur.ansCheck)} : il ne change plus.`);
    if (declarationState(cur) === 'pending_ars')
      throw ruleBroken('Contrôle ARS d’abord : cette déclaration attend encore le contrôle de l’ARS.', [
        { path: 'level', message: 'Contrôle ARS d’abord.' },
      ]);
    if (cur.arsCheck?.verdict !== 'conforme')
      throw ruleBroken(
        'Contrôle ARS d’abord : l’ARS a jugé cette déclaration non conforme, elle ne passe pas au contrôle ANS.',
        [{ path: 'level', message: 'Contrôle ARS d’abord.' }],
      );
    if (today > w.phases.ansChecksEnd)
      throw ruleBroken(`Contrôles ANS jusqu’au ${frenchDate(w.phases.ansChecksEnd)} : la période est close.`, [
        { path: 'phase', message: `Contrôles ANS jusqu’au ${frenchDate(w.phases.ansChecksEnd)}.` },
      ]);
  }
  if (input.verdict === 'non_conforme' && !input.reason)
    throw ruleBroken('Motif obligatoire quand la déclaration est jugée non conforme.', [
      { path: 'reason', message: 'Motif obligatoire.' },
    ]);
  const check: Check = {
    verdict: input.verdict,
    ...(input.reason ? { reason: input.reason } : {}),
    at: ctx.now,
    ...(ctx.actor ? { by: ctx.actor } : {}),
  };
  return {
    ...cur,
    [input.level === 'ars' ? 'arsCheck' : 'ansCheck']: check,
    updatedAt: ctx.now,
    ...(ctx.actor ? { updatedBy: ctx.actor } : {}),
  };
};
