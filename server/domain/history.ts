// Undo and redo of a user's own writes on allocations. A step keeps each allocation as it was
// before and after; undoing puts the "before" back, redoing the "after", as a new write that meets
// the same rules, and only on a record still as the step left it (else 409, naming who changed it).
// Only the side the next move puts back is kept whole; the side in the store is a mark (its rev):
// a national bulk run is 3,000 rows, and each planner keeps 50 steps.
import { beneficiaryOf } from './beneficiary.js';
import type { Allocation } from '../contract/plan.js';
import type {
  History,
  HistoryStep,
  HistoryView,
  StepAction,
  StepChange,
  StepMark,
  StepView,
} from '../contract/history.js';
import { count } from '../../shared/plural.js';
import { assertDeletable, assertRestorable } from './allocations.js';
import { DomainError } from './errors.js';
import type { PlanState } from './plan.js';

/** The steps each user can go back: the issue asks for at least the last 50. */
export const HISTORY_LIMIT = 50;

export type Direction = 'undo' | 'redo';

/** A change with both sides whole, as a transaction made it. */
export interface WholeChange extends StepChange {
  before: Allocation | null;
  after: Allocation | null;
}

/** The allocations a transaction changed (its other changes are not the user's plan). */
export const allocationChanges = (
  changes: ReadonlyArray<{ kind: string; id: string; before: unknown; after: unknown; seq?: number }>,
): WholeChange[] =>
  changes
    .filter((c) => c.kind === 'allocations')
    .map((c) => ({
      id: c.id,
      before: c.before as Allocation | null,
      after: c.after as Allocation | null,
      ...(c.seq !== undefined ? { seq: c.seq } : {}),
    }));

/** What a step keeps of a record now in the store: what undo checks, and who last wrote it. */
export const markOf = (a: Allocation | StepMark | null): StepMark | null =>
  a && { rev: a.rev, updatedAt: a.updatedAt, ...(a.updatedBy !== undefined ? { updatedBy: a.updatedBy } : {}) };

/** A whole record (a mark has no envelope). */
export const isWhole = (a: Allocation | StepMark | null): a is Allocation => !!a && 'envelopeId' in a;

/** A change as a new step keeps it: the "before" whole (undo puts it back), the "after" a mark. */
export const asDone = (c: WholeChange): StepChange => ({ ...c, after: markOf(c.after) });

const rowName = (plan: PlanState, a: Allocation): string => {
  const est = beneficiaryOf(plan, a.finess)?.name ?? a.finess;
  const act = plan.actions.get(a.actionId)?.code ?? a.actionId;
  const env = plan.envelopes.get(a.envelopeId)?.code ?? a.envelopeId;
  return `${est} — ${act} (${env})`;
};

/** The step in words, as the « Annuler » button's title says it; the rows are « allocations », as
 *  in the grid (DOMAIN.md allows « dotation » too: one word here). */
export const describeStep = (plan: PlanState, action: StepAction, changes: readonly StepChange[]): string => {
  const first = [changes[0]?.after ?? null, changes[0]?.before ?? null].find(isWhole);
  if (!first) return 'Aucune modification';
  if (action === 'bulk')
    return `Allocation groupée : ${count(changes.length, { one: 'allocation', other: 'allocations' })}`;
  if (action === 'import') {
    const created = changes.filter((c) => !c.before).length;
    return `Import : ${count(created, { one: 'allocation créée', other: 'allocations créées' })}, ${count(changes.length - created, { one: 'modifiée', other: 'modifiées' })}`;
  }
  const verb = action === 'create' ? 'Proposition' : action === 'delete' ? 'Retrait' : 'Modification';
  return `${verb} : ${rowName(plan, first)}`;
};

export const stepView = (s: HistoryStep): StepView => ({
  id: s.id,
  at: s.at,
  action: s.action,
  label: s.label,
  count: s.changes.length,
});

/** The stacks as GET /api/history shows them: what Annuler and Rétablir do next first. */
export const historyView = (h: History | undefined, stepOf: (id: string) => HistoryStep | undefined): HistoryView => {
  const views = (ids: readonly string[]) =>
    ids
      .map(stepOf)
      .filter((s): s is HistoryStep => !!s)
      .map(stepView)
      .reverse();
  return { undo: views(h?.done ?? []), redo: views(h?.undone ?? []) };
};

/** A new step on top: the redo stack is cleared and the oldest steps beyond the limit dropped;
 *  `dropped` are the step records to remove. */
export const pushStep = (
  h: History | undefined,
  init: Pick<History, 'id' | 'actor'>,
  stepId: string,
  limit = HISTORY_LIMIT,
): { history: History; dropped: string[] } => {
  const done = [...(h?.done ?? []), stepId];
  const cut = Math.max(0, done.length - limit);
  return {
    history: { rev: '', createdAt: '', updatedAt: '', ...init, ...h, done: done.slice(cut), undone: [] },
    dropped: [...done.slice(0, cut), ...(h?.undone ?? [])],
  };
};

/** The step an undo (the last done) or a redo (the last undone) would replay. */
export const nextStep = (h: History | undefined, d: Direction): string | undefined =>
  (d === 'undo' ? h?.done : h?.undone)?.at(-1);

/** The stacks once the next step has moved from one to the other. */
export const moved = (h: History, d: Direction): History => {
  const [from, to] = d === 'undo' ? [h.done, h.undone] : [h.undone, h.done];
  const id = from.at(-1);
  if (!id) return h;
  const next = { from: from.slice(0, -1), to: [...to, id] };
  return d === 'undo' ? { ...h, done: next.from, undone: next.to } : { ...h, done: next.to, undone: next.from };
};

/** The stacks without their next step to undo (one that can no longer be undone: someone changed
 *  its rows since); `dropped` is its id, whose record goes. */
export const withoutNext = (h: History): { history: History; dropped: string | undefined } => ({
  history: { ...h, done: h.done.slice(0, -1) },
  dropped: h.done.at(-1),
});

const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
const PARIS_DAY = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** « à 14 h 02 », or « le 28 novembre 2026 à 14 h 02 » on another day than `now`, Paris time. */
export const whenSaid = (at: string, now: string): string => {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  const [h, m] = PARIS_TIME.format(d).split(':');
  const day = PARIS_DAY.format(d);
  return `${day === PARIS_DAY.format(new Date(now)) ? '' : `le ${day} `}à ${h} h ${m}`;
};

const refused = (d: Direction, why: string, id: string) =>
  new DomainError('conflict', d === 'undo' ? 'Annulation impossible' : 'Rétablissement impossible', why, [
    { path: id, message: why },
  ]);

/** The record must still be as the step left it: same rev, or still absent. */
const assertUntouched = (plan: PlanState, c: StepChange, d: Direction, now: string): void => {
  const expected = d === 'undo' ? c.after : c.before;
  const cur = plan.allocations.get(c.id);
  const what = d === 'undo' ? 'annulation impossible' : 'rétablissement impossible';
  if (expected && !cur) throw refused(d, `Allocation retirée depuis : ${what}.`, c.id);
  if (!expected && cur) throw refused(d, `Allocation recréée depuis : ${what}.`, c.id);
  if (expected && cur && cur.rev !== expected.rev) {
    const who = cur.updatedBy ?? 'quelqu’un d’autre';
    throw refused(d, `Modifié par ${who} ${whenSaid(cur.updatedAt, now)} : ${what}.`, c.id);
  }
};

/** What an undo or a redo writes, checked against the plan: every record still as the step left
 *  it, then removals first (they free money), then the records put back, each through the rules
 *  of an allocation. `apply` makes each write, so that later checks see the earlier ones. */
export const replayStep = (
  plan: PlanState,
  step: HistoryStep,
  d: Direction,
  now: string,
  apply: (c: StepChange, target: Allocation | null) => void,
): void => {
  for (const c of step.changes) assertUntouched(plan, c, d, now);
  const targets = step.changes.map((c) => {
    const side = d === 'undo' ? c.before : c.after;
    // the side a move puts back is kept whole (asDone, replayed): a mark there is a broken step
    if (side && !isWhole(side)) throw new Error(`step ${step.id}: ${c.id} has no record to put back`);
    return [c, side] as const;
  });
  for (const [c, target] of targets)
    if (!target) {
      assertDeletable(plan, plan.allocations.get(c.id)!);
      apply(c, null);
    }
  for (const [c, target] of targets)
    if (target) {
      const cur = plan.allocations.get(c.id);
      const next = { ...target, rev: cur?.rev ?? '' };
      assertRestorable(plan, next);
      apply(c, next);
    }
};

/** The step with one side of some of its changes replaced. */
const withSide = (
  step: HistoryStep,
  side: 'before' | 'after',
  values: ReadonlyMap<string, Allocation | StepMark | null>,
): HistoryStep => ({
  ...step,
  changes: step.changes.map((c) => (values.has(c.id) ? { ...c, [side]: values.get(c.id)! } : c)),
});

const marks = (written: ReadonlyMap<string, Allocation | null>) =>
  new Map([...written].map(([id, a]) => [id, markOf(a)] as const));

/** The step once replayed: the side just written is the record as stored now, as a mark (its new
 *  rev is what the next move checks); the side just left is the record as it was before the move,
 *  whole (`left`: what the next move puts back). `seq` stays the original write's event, which
 *  every undo and redo of the step refers to. */
export const replayed = (
  step: HistoryStep,
  d: Direction,
  written: ReadonlyMap<string, Allocation | null>,
  left: ReadonlyMap<string, Allocation | null>,
): HistoryStep => {
  const [now, then] = d === 'undo' ? (['before', 'after'] as const) : (['after', 'before'] as const);
  return withSide(withSide(step, now, marks(written)), then, left);
};

/** The steps next in line (`nearest` first: after an undo, the done steps below it; after a
 *  redo, the undone ones above it) that left a record this move just rewrote expect it now at
 *  its new rev: the nearest one for each record takes it. Returns the steps that changed. */
export const rebased = (
  nearest: readonly HistoryStep[],
  d: Direction,
  written: ReadonlyMap<string, Allocation | null>,
): HistoryStep[] => {
  const left = new Map(written);
  const out: HistoryStep[] = [];
  for (const step of nearest) {
    if (!left.size) break;
    const mine = new Map(step.changes.filter((c) => left.has(c.id)).map((c) => [c.id, left.get(c.id)!] as const));
    if (!mine.size) continue;
    for (const id of mine.keys()) left.delete(id);
    // the step next undone expects its "after" as now stored; the step next redone, its "before"
    out.push(withSide(step, d === 'undo' ? 'after' : 'before', marks(mine)));
  }
  return out;
};
