// Funding windows (« guichets »): an arrêté opens one on an envelope, for one action and one plan
// year, with dated phases, objectives that share the grant, eligibility and caps by size band.
// National planners create and edit them; a phase is moved only forward, with its reason.
import { frenchDate } from '../../shared/dates.js';
import { PHASE_ORDER } from '../../shared/windows.js';
import type { FundingWindow, WindowPhase, WindowPhases } from '../contract/windows.js';
import { assertActionOpen } from './catalog.js';
import type { WriteContext } from './context.js';
import { duplicate, fail, ruleBroken, type FieldError } from './errors.js';
import { amountOf } from './money.js';
import type { PlanState } from './plan.js';
import { isArsRegion } from './regions.js';

export type WindowInput = Pick<
  FundingWindow,
  | 'code'
  | 'name'
  | 'envelopeId'
  | 'actionId'
  | 'year'
  | 'reference'
  | 'phases'
  | 'objectives'
  | 'eligibility'
  | 'caps'
  | 'published'
>;
export type WindowPatch = Partial<WindowInput>;

/** All of a window's objectives together: 10,000 basis points (100 %). */
export const ALL_SHARES_BP = 10_000;

/** Each phase's date as a sentence names it, with its article. */
export const PHASE_LABELS: Readonly<Record<WindowPhase, string>> = {
  applicationsOpen: 'l’ouverture des candidatures',
  applicationsClose: 'la clôture des candidatures',
  instructionEnd: 'la fin de l’instruction',
  declarationsOpen: 'l’ouverture des déclarations',
  declarationsClose: 'la clôture des déclarations',
  arsChecksEnd: 'la fin des contrôles ARS',
  ansChecksEnd: 'la fin des contrôles ANS',
};
const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const phaseErrors = (p: WindowPhases): FieldError[] =>
  PHASE_ORDER.filter(([a, b]) => p[a] > p[b]).map(([a, b]) => ({
    path: `phases.${b}`,
    message: `${capitalized(PHASE_LABELS[b])} (${frenchDate(p[b])}) ne peut précéder ${PHASE_LABELS[a]} (${frenchDate(p[a])}).`,
  }));

/** « Candidatures du 18/03/2024 au 19/04/2024 »: a phase's dates as the refusals name them. */
export const applicationsPeriod = (w: FundingWindow): string =>
  `Candidatures du ${frenchDate(w.phases.applicationsOpen)} au ${frenchDate(w.phases.applicationsClose)}`;

const checked = (plan: PlanState, w: FundingWindow): FundingWindow => {
  for (const other of plan.windows.values())
    if (other.id !== w.id && other.code === w.code)
      throw duplicate(`Un guichet porte déjà le code « ${w.code} ».`, 'code');
  const errors: FieldError[] = [];
  const env = plan.envelopes.get(w.envelopeId);
  if (!env) errors.push({ path: 'envelopeId', message: `Enveloppe « ${w.envelopeId} » introuvable.` });
  else if (env.yearlyCents && amountOf(env.yearlyCents, w.year) === 0)
    errors.push({
      path: 'year',
      message: `L'enveloppe ${env.code} n'a pas de budget sur ${w.year} (hors de sa répartition annuelle).`,
    });
  if (!plan.actions.has(w.actionId))
    errors.push({ path: 'actionId', message: `Action « ${w.actionId} » introuvable.` });
  errors.push(...phaseErrors(w.phases));
  const codes = new Set<string>();
  let shares = 0;
  w.objectives.forEach((o, i) => {
    if (codes.has(o.code))
      errors.push({ path: `objectives.${i}.code`, message: `L'objectif ${o.code} figure deux fois.` });
    codes.add(o.code);
    shares += o.shareBp;
  });
  if (shares !== ALL_SHARES_BP)
    errors.push({
      path: 'objectives',
      message: `Les parts des objectifs font ${(shares / 100).toLocaleString('fr-FR')} % : elles doivent faire exactement 100 % (10 000 points de base).`,
    });
  w.caps.forEach((cap, i) => {
    if (cap.maxStaff !== undefined && cap.maxStaff <= cap.minStaff)
      errors.push({
        path: `caps.${i}.maxStaff`,
        message: `Tranche d'effectif vide : de ${cap.minStaff} à ${cap.maxStaff} ETP (le maximum doit dépasser le minimum).`,
      });
  });
  for (const r of w.eligibility.regions ?? [])
    if (!isArsRegion(r))
      errors.push({
        path: 'eligibility.regions',
        message: `Région « ${r} » inconnue (code INSEE de la région de l'ARS).`,
      });
  fail(errors);
  return w;
};

export const createWindow = (plan: PlanState, id: string, input: WindowInput, ctx: WriteContext): FundingWindow => {
  // a retired action takes no new allocation: a window would grant none
  const action = plan.actions.get(input.actionId);
  if (action) assertActionOpen(action);
  return checked(plan, {
    id,
    rev: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.actor,
    ...input,
  });
};

/** What applications were made on: once a window has any, these stay (a phase is moved by extend). */
const FIXED_ONCE_APPLIED = ['envelopeId', 'actionId', 'year', 'phases', 'objectives', 'caps'] as const;

export const hasApplications = (plan: PlanState, windowId: string): boolean => {
  for (const _ of plan.index.applicationsByWindow(windowId)) return true;
  return false;
};

/** JSON with object keys sorted: the same value sent back in another key order is the same. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
          .join(',')}}`
      : JSON.stringify(v);
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

export const updateWindow = (
  plan: PlanState,
  cur: FundingWindow,
  patch: WindowPatch,
  ctx: WriteContext,
): FundingWindow => {
  if (patch.code !== undefined && patch.code !== cur.code)
    throw ruleBroken('Le code identifie le guichet : il ne se modifie pas.', [
      { path: 'code', message: 'Non modifiable.' },
    ]);
  if (hasApplications(plan, cur.id)) {
    const moved = FIXED_ONCE_APPLIED.filter((k) => patch[k] !== undefined && !same(patch[k], cur[k]));
    if (moved.length)
      throw ruleBroken(
        'Des candidatures ont été déposées sur ce guichet : son enveloppe, son action, son année, ses objectifs et ses plafonds ne changent plus, et une phase ne se déplace que par une prolongation motivée.',
        moved.map((k) => ({ path: k, message: 'Non modifiable : des candidatures existent.' })),
      );
  }
  if (patch.actionId !== undefined && patch.actionId !== cur.actionId) {
    const action = plan.actions.get(patch.actionId);
    if (action) assertActionOpen(action);
  }
  return checked(plan, { ...cur, ...patch, updatedAt: ctx.now });
};

export interface ExtensionInput {
  phase: WindowPhase;
  to: string;
  reason: string;
}

/** A phase moved later (never earlier), the phases' order kept, the reason kept in the window
 *  (its `extensions`) as in the audit trail. */
export const extendWindow = (
  plan: PlanState,
  cur: FundingWindow,
  input: ExtensionInput,
  ctx: WriteContext,
): FundingWindow => {
  const from = cur.phases[input.phase];
  if (input.to <= from)
    throw ruleBroken(
      `Une prolongation repousse la date : ${PHASE_LABELS[input.phase]} est au ${frenchDate(from)}, la nouvelle date doit être postérieure.`,
      [{ path: 'to', message: `Postérieure au ${frenchDate(from)} attendue.` }],
    );
  const phases = { ...cur.phases, [input.phase]: input.to };
  const errors = phaseErrors(phases).map((e) => ({ ...e, path: 'to' }));
  fail(errors);
  return {
    ...cur,
    phases,
    extensions: [
      ...(cur.extensions ?? []),
      {
        phase: input.phase,
        from,
        to: input.to,
        reason: input.reason,
        at: ctx.now,
        ...(ctx.actor ? { by: ctx.actor } : {}),
      },
    ],
    updatedAt: ctx.now,
  };
};
