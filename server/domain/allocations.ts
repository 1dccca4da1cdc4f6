// Allocations: proposed → approved | rejected; edits of approved ones become pending revisions.
import { PLAN_YEARS } from '../../shared/years.js';
import type { Allocation, YearAmounts } from '../contract/plan.js';
import { assertFits } from './budget.js';
import { beneficiaryOf, earmarkMiss } from './beneficiary.js';
import { assertActionOpen } from './catalog.js';
import { heldAmounts, shownAmounts } from '../../shared/amounts.js';
import type { WriteContext } from './context.js';
import { assertFitsDelegations } from './delegations.js';
import { duplicate, forbidden, ruleBroken } from './errors.js';
import { formatEuros, sumAmounts } from './money.js';
import { paidCentsOf, type PlanState } from './plan.js';
import { assertTranches, type TrancheInput } from './tranches.js';
import type { Tranche } from '../contract/windows.js';

export interface AllocationInput {
  envelopeId: string;
  finess: string;
  actionId: string;
  amounts: YearAmounts;
  /** Paid tranche by tranche (domain/tranches.ts); an empty list: paid freely. */
  tranches?: TrancheInput[];
}

/** The tranches a write asks for, the freed ones kept (they stay for the record, freeing alone
 *  sets them); none: paid freely. */
const withFreed = (cur: Allocation | undefined, asked: TrancheInput[]): Tranche[] => [
  ...(cur?.tranches ?? []).filter((t) => t.freedAt),
  ...asked.map((t) => ({ ...t, gate: { ...t.gate } })),
];

/** References exist (the beneficiary: an establishment or a pooled regional resource) and the
 *  envelope's earmark allows this beneficiary and action. */
export const assertAllowed = (plan: PlanState, a: AllocationInput): void => {
  const env = plan.envelopes.get(a.envelopeId);
  if (!env)
    throw ruleBroken(`Enveloppe « ${a.envelopeId} » introuvable.`, [
      { path: 'envelopeId', message: 'Enveloppe introuvable.' },
    ]);
  const est = beneficiaryOf(plan, a.finess);
  if (!est)
    throw /^\d{14}$/.test(a.finess)
      ? ruleBroken(`Ressource mutualisée SIRET ${a.finess} introuvable.`, [
          { path: 'finess', message: 'Ressource mutualisée introuvable.' },
        ])
      : ruleBroken(`Établissement FINESS ${a.finess} introuvable.`, [
          { path: 'finess', message: 'Établissement introuvable.' },
        ]);
  const action = plan.actions.get(a.actionId);
  if (!action)
    throw ruleBroken(`Action « ${a.actionId} » introuvable.`, [{ path: 'actionId', message: 'Action introuvable.' }]);
  const m = env.earmark;
  if (!m) return;
  const errors: { path: string; message: string }[] = [];
  const miss = earmarkMiss(m, est);
  if (miss === 'region')
    errors.push({
      path: 'finess',
      message: `L'enveloppe ${env.code} est réservée aux régions ${m.regions!.join(', ')}.`,
    });
  if (miss === 'category')
    errors.push({
      path: 'finess',
      message:
        est.kind === 'pooled'
          ? `L'enveloppe ${env.code} est réservée à des catégories d'établissement : elle ne finance pas une ressource mutualisée.`
          : `L'enveloppe ${env.code} n'est pas ouverte à cette catégorie d'établissement.`,
    });
  if (miss === 'priority')
    errors.push({ path: 'finess', message: `L'enveloppe ${env.code} est réservée aux établissements prioritaires.` });
  if (m.actionIds?.length && !m.actionIds.includes(action.id))
    errors.push({ path: 'actionId', message: `L'enveloppe ${env.code} ne finance pas l'action ${action.code}.` });
  if (errors.length) throw ruleBroken(errors.map((e) => e.message).join(' '), errors);
};

/** The allocations, rejected ones aside, that fund this establishment for this action on this
 *  envelope: the key by which the API, bulk allocation and imports find a twin. */
/** What awaits a reviewer: a proposal, or an approved allocation with a pending avenant. */
export const awaitsReview = (a: Allocation): boolean =>
  a.status === 'proposed' || (a.status === 'approved' && !!a.revision);

/** The `status` a list is asked for: one of the statuses, 'revision' (a pending avenant) or
 *  'pending' (what awaits a reviewer). */
export const hasStatus = (a: Allocation, status: string): boolean =>
  a.status === status || (status === 'revision' && !!a.revision) || (status === 'pending' && awaitsReview(a));

export const fundingOf = (plan: PlanState, key: Pick<Allocation, 'finess' | 'envelopeId' | 'actionId'>): Allocation[] =>
  [...plan.index.allocationsByFiness(key.finess)].filter(
    (a) => a.envelopeId === key.envelopeId && a.actionId === key.actionId && a.status !== 'rejected',
  );

/** An establishment is funded once per action, envelope and year: a second allocation for the
 *  same action on the same envelope may fund other years (an annual exercise, one allocation a
 *  year), not the same ones. Rejected allocations hold nothing. Each way in decides what a twin
 *  means: the API refuses it, a bulk allocation skips the establishment, an import updates it. */
export const assertNoTwin = (plan: PlanState, next: Allocation): void => {
  if (next.status === 'rejected') return;
  const mine = heldAmounts(next);
  for (const other of fundingOf(plan, next)) {
    if (other.id === next.id) continue;
    const theirs = heldAmounts(other);
    const years = PLAN_YEARS.filter((y) => (mine[y] ?? 0) > 0 && (theirs[y] ?? 0) > 0);
    if (years.length)
      throw duplicate(
        `Cet établissement a déjà une allocation pour cette action sur cette enveloppe en ${years.join(', ')} (${other.id}, ${other.status === 'approved' ? 'approuvée' : 'proposée'}) : modifiez-la plutôt.`,
        'actionId',
      );
  }
};

/** An allocation funds something: amounts that sum to zero are no allocation (wherever amounts
 *  are set: a proposal, an edit, an avenant, a bulk allocation, an import row, a grid cell). */
export const assertSomeAmount = (amounts: YearAmounts, what = 'Une allocation'): void => {
  if (sumAmounts(amounts) === 0)
    throw ruleBroken(
      `${what} porte un montant sur au moins une année de 2023 à 2027 : pour y renoncer, rejetez-la ou supprimez-la.`,
      [{ path: 'amounts', message: 'Montants tous nuls.' }],
    );
};

/** A retired action keeps the allocations it has and takes no new one (catalog.ts). */
export const openAction = (plan: PlanState, actionId: string): void => {
  const action = plan.actions.get(actionId);
  if (action) assertActionOpen(action);
};

const checked = (plan: PlanState, next: Allocation): Allocation => {
  assertSomeAmount(shownAmounts(next), next.revision ? 'Un avenant' : 'Une allocation');
  assertAllowed(plan, next);
  const env = plan.envelopes.get(next.envelopeId)!;
  // the level it draws on first (its region's delegation or the national reserve), then the envelope
  assertFitsDelegations(plan, env, next);
  assertFits(plan, env, next);
  assertTranches(plan, next);
  return next;
};

export const createAllocation = (
  plan: PlanState,
  id: string,
  input: AllocationInput,
  ctx: WriteContext,
): Allocation => {
  openAction(plan, input.actionId);
  const tranches = input.tranches?.length ? withFreed(undefined, input.tranches) : undefined;
  return checked(plan, {
    id,
    rev: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.actor,
    envelopeId: input.envelopeId,
    finess: input.finess,
    actionId: input.actionId,
    amounts: { ...input.amounts },
    status: 'proposed',
    ...(tranches ? { tranches } : {}),
  });
};

/** A proposed (or rejected, then proposed again) allocation is edited in place; an approved one
 *  gets a pending revision ("avenant") and keeps its approved amounts in force. */
export const updateAllocation = (
  plan: PlanState,
  cur: Allocation,
  patch: Partial<AllocationInput>,
  ctx: WriteContext,
): Allocation => {
  if (cur.status === 'approved') {
    const moved = (['envelopeId', 'finess', 'actionId'] as const).filter(
      (k) => patch[k] !== undefined && patch[k] !== cur[k],
    );
    if (moved.length)
      throw ruleBroken(
        'Une allocation approuvée ne change ni d’enveloppe, ni d’établissement, ni d’action : seuls ses montants peuvent faire l’objet d’un avenant.',
        moved.map((k) => ({ path: k, message: 'Non modifiable après approbation.' })),
      );
    if (!patch.amounts && !patch.tranches) return cur;
    // an avenant changes what it names: its amounts, its tranches, or both
    const amounts = patch.amounts ?? cur.revision?.amounts ?? cur.amounts;
    const tranches = patch.tranches ? withFreed(cur, patch.tranches) : cur.revision?.tranches;
    const paid = paidCentsOf(plan, cur.id);
    const total = sumAmounts(amounts);
    if (total < paid)
      throw ruleBroken(`L'avenant ne peut descendre sous le montant déjà versé (${formatEuros(paid)}).`, [
        { path: 'amounts', message: `Minimum ${formatEuros(paid)} (déjà versé).` },
      ]);
    return checked(plan, {
      ...cur,
      updatedAt: ctx.now,
      revision: {
        amounts: { ...amounts },
        ...(tranches ? { tranches } : {}),
        proposedAt: ctx.now,
        proposedBy: ctx.actor,
      },
    });
  }
  if (patch.actionId !== undefined && patch.actionId !== cur.actionId) openAction(plan, patch.actionId);
  const { tranches: asked, ...rest } = patch;
  const next: Allocation = {
    ...cur,
    ...rest,
    amounts: { ...(patch.amounts ?? cur.amounts) },
    status: 'proposed',
    updatedAt: ctx.now,
  };
  if (asked) next.tranches = withFreed(cur, asked);
  if (next.tranches && !next.tranches.length) delete next.tranches;
  delete next.rejectedAt;
  delete next.rejectedBy;
  delete next.rejectionReason;
  return checked(plan, next);
};

/** Separation of duties: nobody approves, rejects or withdraws the approval of what they proposed
 *  or last changed. Once approved, the record's last writer is the approver: that stamp is the
 *  decision, not a change to the proposal, so who approved may still withdraw their own approval. */
const assertNotOwnWork = (cur: Allocation, ctx: WriteContext, decision: 'decide' | 'unapprove' = 'decide'): void => {
  if (!ctx.actor) return;
  const changedBy = decision === 'unapprove' && cur.updatedBy === cur.approvedBy ? undefined : cur.updatedBy;
  const own = cur.revision
    ? cur.revision.proposedBy === ctx.actor
    : cur.createdBy === ctx.actor || changedBy === ctx.actor;
  if (own)
    throw forbidden(
      'Séparation des tâches',
      decision === 'unapprove'
        ? 'Vous ne pouvez pas retirer l’approbation d’une allocation que vous avez proposée ou modifiée.'
        : 'Vous ne pouvez pas approuver ou rejeter une allocation que vous avez proposée ou modifiée.',
    );
};

/** Announced credits are promises, not money: planned on, never approved (nor an avenant). */
const assertCommitted = (plan: PlanState, cur: Allocation): void => {
  const env = plan.envelopes.get(cur.envelopeId);
  if (env?.status === 'announced')
    throw ruleBroken(
      `Les crédits de l'enveloppe ${env.code} sont annoncés, non engagés : la dotation ne peut pas être approuvée.`,
      [{ path: 'envelopeId', message: 'Crédits annoncés, non engagés.' }],
    );
};

/** Per year, `to − from`, the years that change only. */
const amountsChange = (from: YearAmounts, to: YearAmounts): YearAmounts => {
  const out: YearAmounts = {};
  for (const y of PLAN_YEARS) {
    const d = (to[y] ?? 0) - (from[y] ?? 0);
    if (d !== 0) out[y] = d;
  }
  return out;
};

/** The engagement history with one more change of approved amounts. An allocation approved
 *  before the history was kept starts it with its approval; an empty change adds nothing. So the
 *  history always sums to the approved amounts. */
export const engaged = (cur: Allocation, at: string, change: YearAmounts): Allocation['engagements'] => {
  const past =
    cur.engagements ??
    (cur.status === 'approved' ? [{ at: cur.approvedAt ?? cur.updatedAt, amounts: { ...cur.amounts } }] : []);
  return Object.keys(change).length ? [...past, { at, amounts: change }] : past;
};

export const approveAllocation = (plan: PlanState, cur: Allocation, ctx: WriteContext): Allocation => {
  assertNotOwnWork(cur, ctx);
  if (cur.status === 'rejected')
    throw ruleBroken('Allocation rejetée : elle doit être proposée à nouveau avant approbation.');
  if (cur.status === 'approved' && !cur.revision)
    throw ruleBroken('Allocation déjà approuvée, sans avenant en attente.');
  assertCommitted(plan, cur);
  const next: Allocation = {
    ...cur,
    status: 'approved',
    approvedAt: ctx.now,
    approvedBy: ctx.actor,
    updatedAt: ctx.now,
  };
  delete next.unapprovedAt;
  delete next.unapprovedBy;
  delete next.unapprovalReason;
  if (cur.revision) {
    // payments may have been recorded since the revision was proposed: it must still cover them
    const paid = paidCentsOf(plan, cur.id);
    if (sumAmounts(cur.revision.amounts) < paid)
      throw ruleBroken(`L'avenant descend sous le montant déjà versé (${formatEuros(paid)}) : rejetez-le.`, [
        { path: 'amounts', message: `Minimum ${formatEuros(paid)} (déjà versé).` },
      ]);
    next.amounts = { ...cur.revision.amounts };
    if (cur.revision.tranches) {
      if (cur.revision.tranches.length) next.tranches = cur.revision.tranches;
      else delete next.tranches;
    }
    next.engagements = engaged(cur, ctx.now, amountsChange(cur.amounts, cur.revision.amounts));
    delete next.revision;
  } else next.engagements = engaged(cur, ctx.now, amountsChange({}, cur.amounts));
  return checked(plan, next);
};

/** An approval is withdrawn, back to « proposée », only while nothing has been paid on it (net of
 *  cancellations) and no avenant awaits a decision; the same reviewers as for approving. */
export const unapproveAllocation = (
  plan: PlanState,
  cur: Allocation,
  reason: string,
  ctx: WriteContext,
): Allocation => {
  // who approved it may withdraw it (their own decision); who proposed or changed it may not
  assertNotOwnWork(cur, ctx, 'unapprove');
  if (cur.status !== 'approved')
    throw ruleBroken('Seule une allocation approuvée peut voir son approbation retirée.', [
      { path: 'status', message: 'Allocation non approuvée.' },
    ]);
  if (cur.revision)
    throw ruleBroken('Un avenant est en attente sur cette allocation : approuvez-le ou rejetez-le d’abord.', [
      { path: 'revision', message: 'Avenant en attente.' },
    ]);
  const paid = paidCentsOf(plan, cur.id);
  if (paid !== 0)
    throw ruleBroken(
      `${formatEuros(paid)} déjà versés sur cette allocation : son approbation ne peut plus être retirée (annulez d’abord les versements, ou proposez un avenant).`,
      [{ path: 'id', message: `Déjà versé : ${formatEuros(paid)}.` }],
    );
  const next: Allocation = {
    ...cur,
    status: 'proposed',
    updatedAt: ctx.now,
    unapprovedAt: ctx.now,
    unapprovedBy: ctx.actor,
    unapprovalReason: reason,
    engagements: engaged(cur, ctx.now, amountsChange(cur.amounts, {})),
  };
  delete next.approvedAt;
  delete next.approvedBy;
  return next;
};

export const rejectAllocation = (plan: PlanState, cur: Allocation, reason: string, ctx: WriteContext): Allocation => {
  assertNotOwnWork(cur, ctx);
  if (cur.status === 'rejected') throw ruleBroken('Allocation déjà rejetée.');
  if (cur.status === 'approved') {
    if (!cur.revision) throw ruleBroken('Une allocation approuvée ne peut plus être rejetée ; proposez un avenant.');
    const next: Allocation = {
      ...cur,
      updatedAt: ctx.now,
      rejectedAt: ctx.now,
      rejectedBy: ctx.actor,
      rejectionReason: `Avenant rejeté : ${reason}`,
    };
    delete next.revision;
    return next;
  }
  return {
    ...cur,
    status: 'rejected',
    rejectedAt: ctx.now,
    rejectedBy: ctx.actor,
    rejectionReason: reason,
    updatedAt: ctx.now,
  };
};

/** A restored allocation (an undo, a redo) goes through the rules a write of it would meet. */
export const assertRestorable = (plan: PlanState, next: Allocation): void => {
  // brought back (or moved back to its action): a retired action takes no new allocation, as on create
  const cur = plan.allocations.get(next.id);
  if (!cur || cur.actionId !== next.actionId) openAction(plan, next.actionId);
  checked(plan, next);
  assertNoTwin(plan, next);
};

/** Only a proposal is withdrawn: an approved allocation is changed by an avenant, never deleted,
 *  and a rejected one stays as the record of that decision. */
export const assertDeletable = (plan: PlanState, cur: Allocation): void => {
  if (cur.status !== 'proposed')
    throw ruleBroken(
      cur.status === 'approved'
        ? 'Une allocation approuvée ne se retire pas : modifiez ses montants par un avenant.'
        : 'Une allocation rejetée ne se retire pas : elle reste la trace de la décision.',
      [{ path: 'status', message: cur.status === 'approved' ? 'Allocation approuvée.' : 'Allocation rejetée.' }],
    );
  const paid = paidCentsOf(plan, cur.id);
  if (paid > 0)
    throw ruleBroken(`Allocation avec ${formatEuros(paid)} de versements : elle ne peut pas être supprimée.`);
  // payments cancelled back to zero (then the approval withdrawn) still name it: the ledger keeps it
  for (const p of plan.index.paymentsByAllocation(cur.id))
    throw ruleBroken(
      `Allocation avec des versements annulés (${p.id}…) : elle ne peut pas être supprimée, le registre des versements la garde.`,
    );
};
