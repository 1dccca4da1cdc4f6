// Applications to a window (« dossiers de candidature »): draft → submitted → granted | refused,
// or withdrawn by the applicant. A grant is an engagement: it creates the approved allocation on
// the window's envelope, split into one tranche per objective committed to, through the
// allocation rules (earmark, envelope, year budget, delegation or national reserve).
import { frenchDate, parisDay } from '../../shared/dates.js';
import type { Allocation } from '../contract/plan.js';
import type { Application, ApplicationState, FundingWindow, Tranche } from '../contract/windows.js';
import { approveAllocation, assertNoTwin, createAllocation } from './allocations.js';
import { applicantOf, assertEligible, assertWithinCap, type Applicant } from './caps.js';
import type { WriteContext } from './context.js';
import { DomainError, fail, ruleBroken, type FieldError } from './errors.js';
import type { PlanState } from './plan.js';
import { formatEuros } from './money.js';
import { applicationsPeriod } from './windows.js';

export interface ApplicationInput {
  windowId: string;
  finess: string;
  ghtCode?: string;
  objectives: string[];
  requestedCents: number;
}
export type ApplicationPatch = Partial<Pick<Application, 'objectives' | 'requestedCents'>>;

export const APPLICATION_STATE_LABELS: Readonly<Record<ApplicationState, string>> = {
  draft: 'brouillon',
  submitted: 'déposée',
  granted: 'accordée',
  refused: 'refusée',
  withdrawn: 'retirée',
};

/** An application that still counts its establishments (a withdrawn or refused one no longer does). */
export const isLive = (a: Application): boolean => a.state !== 'withdrawn' && a.state !== 'refused';

const windowOf = (plan: PlanState, id: string): FundingWindow => {
  const w = plan.windows.get(id);
  if (!w) throw ruleBroken(`Guichet « ${id} » introuvable.`, [{ path: 'windowId', message: 'Guichet introuvable.' }]);
  return w;
};

/** Drafts are created, edited and submitted within [applicationsOpen, applicationsClose], Paris days. */
const assertApplicationsOpen = (w: FundingWindow, ctx: WriteContext): void => {
  const day = parisDay(ctx.now);
  if (day < w.phases.applicationsOpen || day > w.phases.applicationsClose)
    throw ruleBroken(
      `${applicationsPeriod(w)} (guichet ${w.code}) : le ${frenchDate(day)}, aucune candidature ne se dépose ni ne se modifie.`,
      [{ path: 'windowId', message: `${applicationsPeriod(w)}.` }],
    );
};

const assertObjectives = (w: FundingWindow, objectives: readonly string[]): string[] => {
  const known = new Set(w.objectives.map((o) => o.code));
  const errors: FieldError[] = objectives
    .filter((o) => !known.has(o))
    .map((o) => ({ path: 'objectives', message: `Objectif « ${o} » inconnu du guichet ${w.code}.` }));
  if (!objectives.length)
    errors.push({ path: 'objectives', message: `Au moins un objectif du guichet ${w.code} est attendu.` });
  fail(errors);
  // in the window's order: the tranches follow it
  return w.objectives.map((o) => o.code).filter((c) => objectives.includes(c));
};

const applicantName = (plan: PlanState, a: Application) =>
  a.ghtCode
    ? `le dossier du GHT « ${a.ghtCode} »`
    : `la candidature de ${plan.establishments.get(a.finess)?.name ?? a.finess}`;

/** The establishments a recorded application counts: as its applicant stands now, or its own
 *  FINESS alone once its applicant no longer resolves (a GHT whose support changed since). */
const countedBy = (plan: PlanState, a: Application): string[] => {
  try {
    return applicantOf(plan, a.finess, a.ghtCode).counted;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return [a.finess];
  }
};

/** One live application per applicant and window, and no establishment counted twice: a GHT's
 *  member does not apply alone while its GHT's application lives, nor a site beside its legal
 *  entity's (and the other way round). */
const assertNotApplied = (plan: PlanState, w: FundingWindow, who: Applicant, self?: string): void => {
  const mine = new Set(who.counted);
  // the live applications that may count one of them: made by one of them, by its legal entity,
  // or by the support of its GHT
  const candidates = new Set<string>(who.counted);
  for (const f of who.counted) {
    const e = plan.establishments.get(f);
    if (e?.finessEj) candidates.add(e.finessEj);
    if (e?.ght) for (const g of plan.ghts.values()) if (g.code === e.ght) candidates.add(g.supportFiness);
  }
  for (const f of candidates)
    for (const other of plan.index.applicationsByFiness(f)) {
      if (other.windowId !== w.id || other.id === self || !isLive(other)) continue;
      const state = APPLICATION_STATE_LABELS[other.state];
      if (other.finess === who.finess && (other.ghtCode ?? '') === (who.ghtCode ?? ''))
        throw ruleBroken(
          `Déjà candidat au guichet ${w.code} : candidature ${other.id} (${state}). Une seule candidature par guichet, sauf après un retrait ou un refus.`,
          [{ path: who.ghtCode ? 'ghtCode' : 'finess', message: 'Déjà candidat à ce guichet.' }],
        );
      const shared = countedBy(plan, other).find((x) => mine.has(x));
      if (shared)
        throw ruleBroken(
          `Déjà candidat au guichet ${w.code} : ${applicantName(plan, other)} (${other.id}, ${state}) compte déjà ${plan.establishments.get(shared)?.name ?? shared} (FINESS ${shared}) ; un établissement n'est compté que dans un dossier par guichet.`,
          [{ path: who.ghtCode ? 'ghtCode' : 'finess', message: 'Déjà candidat à ce guichet.' }],
        );
    }
};

export const createApplication = (
  plan: PlanState,
  id: string,
  input: ApplicationInput,
  ctx: WriteContext,
): Application => {
  const w = windowOf(plan, input.windowId);
  assertApplicationsOpen(w, ctx);
  const who = applicantOf(plan, input.finess, input.ghtCode);
  const cap = assertEligible(plan, w, who);
  assertNotApplied(plan, w, who);
  const objectives = assertObjectives(w, input.objectives);
  assertWithinCap(input.requestedCents, cap, 'requestedCents', 'Montant demandé');
  return {
    id,
    rev: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.actor,
    windowId: w.id,
    finess: input.finess,
    ...(input.ghtCode ? { ghtCode: input.ghtCode } : {}),
    region: who.region,
    objectives,
    requestedCents: input.requestedCents,
    state: 'draft',
  };
};

const assertState = (a: Application, allowed: readonly ApplicationState[], doing: string): void => {
  if (!allowed.includes(a.state))
    throw ruleBroken(
      `${doing} : candidature ${APPLICATION_STATE_LABELS[a.state]}, il faut qu'elle soit ${allowed.map((s) => APPLICATION_STATE_LABELS[s]).join(' ou ')}.`,
      [{ path: 'state', message: `Candidature ${APPLICATION_STATE_LABELS[a.state]}.` }],
    );
};

/** A draft as it would stand, checked as a new one is (phase, eligibility, cap, objectives). */
const checkedDraft = (plan: PlanState, next: Application, ctx: WriteContext): Application => {
  const w = windowOf(plan, next.windowId);
  assertApplicationsOpen(w, ctx);
  const who = applicantOf(plan, next.finess, next.ghtCode);
  const cap = assertEligible(plan, w, who);
  assertNotApplied(plan, w, who, next.id);
  const objectives = assertObjectives(w, next.objectives);
  assertWithinCap(next.requestedCents, cap, 'requestedCents', 'Montant demandé');
  return { ...next, region: who.region, objectives };
};

export const updateApplication = (
  plan: PlanState,
  cur: Application,
  patch: ApplicationPatch,
  ctx: WriteContext,
): Application => {
  assertState(cur, ['draft'], 'Modifier la candidature');
  return checkedDraft(plan, { ...cur, ...patch, updatedAt: ctx.now }, ctx);
};

export const submitApplication = (plan: PlanState, cur: Application, ctx: WriteContext): Application => {
  assertState(cur, ['draft'], 'Déposer la candidature');
  return checkedDraft(
    plan,
    { ...cur, state: 'submitted', submittedAt: ctx.now, submittedBy: ctx.actor, updatedAt: ctx.now },
    ctx,
  );
};

export const withdrawApplication = (plan: PlanState, cur: Application, ctx: WriteContext): Application => {
  assertState(cur, ['draft', 'submitted'], 'Retirer la candidature');
  return { ...cur, state: 'withdrawn', withdrawnAt: ctx.now, withdrawnBy: ctx.actor, updatedAt: ctx.now };
};

/** Grants and refusals are given until the end of the instruction (Paris day). */
const assertInstructionOpen = (w: FundingWindow, ctx: WriteContext): void => {
  const day = parisDay(ctx.now);
  if (day > w.phases.instructionEnd)
    throw ruleBroken(
      `Instruction du guichet ${w.code} close le ${frenchDate(w.phases.instructionEnd)} : plus aucune candidature ne s'accorde après cette date.`,
      [{ path: 'state', message: `Instruction close le ${frenchDate(w.phases.instructionEnd)}.` }],
    );
};

/** The grant split by the committed objectives' shares, in the window's order: each tranche the
 *  floor of its share, the cents left over on the last one (the total is exact). */
export const tranchesOf = (
  w: Pick<FundingWindow, 'objectives'>,
  applicationId: string,
  objectives: readonly string[],
  amountCents: number,
): Tranche[] => {
  const committed = w.objectives.filter((o) => objectives.includes(o.code));
  const bp = committed.reduce((s, o) => s + o.shareBp, 0);
  // in BigInt: 10^12 cents × 10^4 basis points is beyond 2^53
  const parts = committed.map((o) => Number((BigInt(amountCents) * BigInt(o.shareBp)) / BigInt(bp)));
  parts[parts.length - 1]! += amountCents - parts.reduce((s, x) => s + x, 0);
  return committed.map((o, i) => ({
    code: o.code,
    label: `${o.code} : ${o.title}`,
    amountCents: parts[i]!,
    gate: { kind: 'objective', applicationId, objective: o.code },
  }));
};

/** A grant: the application granted, and the approved allocation it creates (same transaction). */
export const grantApplication = (
  plan: PlanState,
  cur: Application,
  amountCents: number,
  allocationId: string,
  ctx: WriteContext,
): { application: Application; allocation: Allocation } => {
  assertState(cur, ['submitted'], 'Accorder la candidature');
  const w = windowOf(plan, cur.windowId);
  assertInstructionOpen(w, ctx);
  const cap = assertEligible(plan, w, applicantOf(plan, cur.finess, cur.ghtCode));
  assertWithinCap(amountCents, cap, 'amountCents', 'Montant accordé');
  // the ARS may grant less than was asked, never more: the applicant committed to what it asked
  if (amountCents > cur.requestedCents)
    throw ruleBroken(
      `Montant accordé (${formatEuros(amountCents)}) supérieur au montant demandé : ${formatEuros(cur.requestedCents)}.`,
      [{ path: 'amountCents', message: `Montant demandé : ${formatEuros(cur.requestedCents)}.` }],
    );
  const amounts = { [w.year]: amountCents };
  const tranches = tranchesOf(w, cur.id, cur.objectives, amountCents);
  // the allocation rules (earmark, envelope, year budget, delegation or national reserve, tranches)
  const proposed = createAllocation(
    plan,
    allocationId,
    { envelopeId: w.envelopeId, finess: cur.finess, actionId: w.actionId, amounts, tranches },
    ctx,
  );
  assertNoTwin(plan, proposed);
  // the grant is the decision: no one proposed this allocation apart from it, so the approval's
  // separation of duties (who proposed may not approve) has no one to keep apart
  const approved = approveAllocation(plan, proposed, { now: ctx.now });
  const allocation: Allocation = { ...approved, approvedBy: ctx.actor, applicationId: cur.id };
  const application: Application = {
    ...cur,
    state: 'granted',
    grantedCents: amountCents,
    grantedAt: ctx.now,
    grantedBy: ctx.actor,
    allocationId,
    updatedAt: ctx.now,
  };
  return { application, allocation };
};

export const refuseApplication = (
  plan: PlanState,
  cur: Application,
  reason: string,
  ctx: WriteContext,
): Application => {
  assertState(cur, ['submitted'], 'Refuser la candidature');
  windowOf(plan, cur.windowId);
  return {
    ...cur,
    state: 'refused',
    refusedAt: ctx.now,
    refusedBy: ctx.actor,
    refusalReason: reason,
    updatedAt: ctx.now,
  };
};
