// Promotion: a scenario becomes the plan by one all-or-nothing batch through the allocations' own
// rules: a line without a plan allocation is proposed; a changed line edits the allocation it stands
// for (standsFor: the one it names, or for a line naming none the one on its envelope, beneficiary
// and action it would twin; a plain edit on a proposed one, an avenant on an approved one, never
// below what was paid); a replaced allocation without a line is
// withdrawn (a proposal deleted as DELETE does; an approved one lowered by an avenant to what was
// paid). Withdrawals and decreases go first, so that what they free is there for the increases.
// Refused whole when the plan changed since the scenario's basis (409, the changes listed), or
// when any change breaks a rule (422, every conflict listed).
import { shownAmounts, sameAmounts, sumAmounts } from '../../shared/amounts.js';
import type { Allocation } from '../contract/plan.js';
import type { Promotion, PromotionChange, PromotionConflict, Scenario, ScenarioLine } from '../contract/scenarios.js';
import { assertDeletable, assertNoTwin, createAllocation, updateAllocation } from './allocations.js';
import type { WriteContext } from './context.js';
import { DomainError, ruleBroken } from './errors.js';
import { paidCentsOf, type PlanState } from './plan.js';
import {
  basisOf,
  byFiness,
  isWithdrawal,
  linesOf,
  paidFloor,
  replacedBy,
  staleness,
  standsFor,
  withoutSourceRev,
} from './scenarios.js';

/** The audit trail's operation for each kind of change a promotion makes. */
export const PROMOTION_ACTIONS = {
  promote: 'promote',
  create: 'promote-create',
  edit: 'promote-edit',
  avenant: 'promote-avenant',
  delete: 'promote-delete',
  lower: 'promote-lower',
} as const;

export interface PromotionWriter {
  put(a: Allocation, action: string): void;
  remove(id: string, action: string): void;
  putLine(l: ScenarioLine, action: string): void;
  removeLine(id: string, action: string): void;
  putScenario(s: Scenario, action: string): void;
  newId(): string;
}

interface Planned {
  order: number;
  lineId?: string;
  run(): PromotionChange | null;
  path: string;
}

export const promote = (
  plan: PlanState,
  s: Scenario,
  ctx: WriteContext,
  w: PromotionWriter,
  { dryRun = false } = {},
): Promotion => {
  const stale = staleness(plan, s);
  if (stale.length)
    throw new DomainError(
      'conflict',
      'Scénario périmé',
      `Le plan a changé depuis la copie ou la dernière mise à jour du scénario (${stale.length} allocation${stale.length > 1 ? 's' : ''}) : comparez-le de nouveau et mettez sa base à jour (rebase) avant de le promouvoir. Rien n'a été modifié.`,
      stale,
    );
  const lines = linesOf(plan, s).sort(byFiness);
  const replaced = replacedBy(plan, s).filter((a) => a.status !== 'rejected');
  const replacedIds = new Set(replaced.map((a) => a.id));
  const stands = standsFor(plan, s, lines);
  const lineOf = new Map<string, ScenarioLine>();
  for (const l of lines) {
    const id = stands.get(l.id);
    if (id && replacedIds.has(id)) lineOf.set(id, l);
  }
  const planned: Planned[] = [];
  const change = (a: Allocation, op: PromotionChange['op'], toCents: number, lineId?: string): PromotionChange => ({
    op,
    allocationId: a.id,
    ...(lineId ? { lineId } : {}),
    finess: a.finess,
    envelopeId: a.envelopeId,
    actionId: a.actionId,
    fromCents: sumAmounts(shownAmounts(a)),
    toCents,
  });
  const created = new Map<string, string>();
  for (const a of [...replaced].sort(byFiness)) {
    const l = lineOf.get(a.id);
    if (l) {
      if (sameAmounts(l.amounts, shownAmounts(a))) continue;
      const to = sumAmounts(l.amounts);
      planned.push({
        order: to < sumAmounts(shownAmounts(a)) ? 1 : 2,
        lineId: l.id,
        path: `lines.${l.id}`,
        run: () => {
          const cur = plan.allocations.get(a.id)!;
          const next = updateAllocation(plan, cur, { amounts: l.amounts }, ctx);
          assertNoTwin(plan, next);
          const op = cur.status === 'approved' ? 'avenant' : 'edit';
          w.put(next, PROMOTION_ACTIONS[op]);
          return change(cur, op, to, l.id);
        },
      });
    } else
      planned.push({
        order: 0,
        path: `allocations.${a.id}`,
        run: () => {
          const cur = plan.allocations.get(a.id)!;
          if (cur.status === 'proposed') {
            assertDeletable(plan, cur);
            w.remove(cur.id, PROMOTION_ACTIONS.delete);
            return change(cur, 'delete', 0);
          }
          const paid = paidCentsOf(plan, cur.id);
          // nothing paid: no avenant can hold it at nothing (an allocation funds something); its
          // withdrawal is a reviewer's decision (unapprove), after which promotion deletes it
          if (paid === 0)
            throw ruleBroken(
              `L'allocation ${cur.id} est approuvée et rien n'y est versé : la promotion ne peut pas la retirer. Un contrôleur financier en retire l'approbation (« Retirer l'approbation »), puis la promotion retire la proposition ; ou gardez-la dans le scénario.`,
              [
                {
                  path: `allocations.${cur.id}`,
                  message: 'Approuvée sans versement : retirez d’abord son approbation.',
                },
              ],
            );
          const floor = paidFloor(cur, paid);
          if (sameAmounts(floor, shownAmounts(cur))) return null;
          w.put(updateAllocation(plan, cur, { amounts: floor }, ctx), PROMOTION_ACTIONS.lower);
          return change(cur, 'lower', paid);
        },
      });
  }
  for (const l of lines) {
    const id = stands.get(l.id);
    if (id && lineOf.get(id) === l) continue;
    planned.push({
      order: 3,
      lineId: l.id,
      path: `lines.${l.id}`,
      run: () => {
        const id = w.newId();
        const a = createAllocation(
          plan,
          id,
          { envelopeId: l.envelopeId, finess: l.finess, actionId: l.actionId, amounts: l.amounts },
          ctx,
        );
        assertNoTwin(plan, a);
        w.put(a, PROMOTION_ACTIONS.create);
        created.set(l.id, id);
        return { ...change(a, 'create', sumAmounts(l.amounts), l.id), fromCents: 0 };
      },
    });
  }
  const changes: PromotionChange[] = [];
  const conflicts: PromotionConflict[] = [];
  for (const p of planned.sort((a, b) => a.order - b.order))
    try {
      const c = p.run();
      if (c) changes.push(c);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      conflicts.push({ path: p.path, message: err.detail ?? err.title });
    }
  const report: Promotion = { scenarioId: s.id, dryRun, changes, conflicts };
  if (dryRun) return report;
  if (conflicts.length)
    throw ruleBroken(
      `Promotion refusée, rien n'a été modifié : ${conflicts.length} changement${conflicts.length > 1 ? 's' : ''} enfreindrai${conflicts.length > 1 ? 'ent' : 't'} les règles du plan. ${conflicts.map((c) => c.message).join(' ')}`,
      conflicts,
    );
  // the lines now name the allocations made from them or that they stood for (a withdrawal of
  // such an allocation goes: it is not withdrawn), and the plan as it now is is the basis
  const named = new Set<string>(),
    renamed = new Set<string>();
  for (const l of lines) {
    const stood = stands.get(l.id);
    const id = created.get(l.id) ?? (!l.sourceAllocationId && stood && lineOf.get(stood) === l ? stood : undefined);
    if (!id) continue;
    w.putLine({ ...withoutSourceRev(l), sourceAllocationId: id, updatedAt: ctx.now }, PROMOTION_ACTIONS.promote);
    named.add(id);
    renamed.add(l.id);
  }
  for (const l of [...plan.index.linesOfScenario(s.id)])
    if (isWithdrawal(l) && l.sourceAllocationId && named.has(l.sourceAllocationId))
      w.removeLine(l.id, PROMOTION_ACTIONS.promote);
    // the plan as promoted is the basis: a stored line's rev of origin goes
    else if (l.sourceRev !== undefined && !renamed.has(l.id)) w.putLine(withoutSourceRev(l), PROMOTION_ACTIONS.promote);
  w.putScenario(
    { ...s, promotedAt: ctx.now, promotedBy: ctx.actor, basis: basisOf(plan, s, ctx.now), updatedAt: ctx.now },
    PROMOTION_ACTIONS.promote,
  );
  return report;
};
