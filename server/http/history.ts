// Undo and redo, per user, on the server: every allocation write a planner makes (a cell edit, a
// proposal, a withdrawal, a bulk allocation, an import) records one step in its own transaction;
// POST /api/history/undo and /redo replay the last one as a new write (domain/history.ts).
import { Hono } from 'hono';
import type { HistoryMove, HistoryStep, StepAction } from '../contract/history.js';
import type { Allocation } from '../contract/plan.js';
import { ruleBroken, stale } from '../domain/errors.js';
import {
  allocationChanges,
  asDone,
  describeStep,
  historyView,
  moved,
  nextStep,
  pushStep,
  rebased,
  replayed,
  replayStep,
  stepView,
  withoutNext,
  type Direction,
} from '../domain/history.js';
import type { Tx } from '../store/interface.js';
import { assertIfMatch, etag, ifMatches, nowIso, sendJson, txMeta, type AppEnv, type Ctx } from './context.js';
import { newId } from './resource.js';

/** Records the allocations this transaction changed as one step of the user's history (called
 *  last in the transaction; nothing when it changed none). */
export const recordStep = (c: Ctx, tx: Tx, action: StepAction): void => {
  const user = c.get('user');
  const changes = allocationChanges(tx.changes);
  if (!user || !changes.length) return;
  const now = nowIso(c);
  const step: HistoryStep = {
    id: newId('st'),
    rev: '',
    createdAt: now,
    updatedAt: now,
    actor: user.email,
    at: now,
    action,
    label: describeStep(tx.plan, action, changes),
    // the "after" of each row is in the store now: a mark is enough until the step is undone
    changes: changes.map(asDone),
  };
  tx.put('steps', step);
  const { history, dropped } = pushStep(tx.get('history', user.id), { id: user.id, actor: user.email }, step.id);
  for (const id of dropped) tx.remove('steps', id);
  tx.put('history', history);
};

/** If-Match is required, as on PATCH (428 without it): a second tab's Ctrl+Z must not undo the
 *  step before the one it showed. A stale one (the history moved on, in another tab) is 412. */
const assertHistoryMatch = (c: Ctx, rev: string): void => {
  const h = c.req.header('if-match');
  if (h && !ifMatches(h, rev) && !h.includes('W/'))
    throw stale(
      'Historique modifié entre-temps',
      'Votre historique a changé depuis votre lecture (dans un autre onglet ?) : relisez-le avant d’annuler ou de rétablir.',
    );
  assertIfMatch(c, rev);
};

const move = async (c: Ctx, d: Direction): Promise<Response> => {
  const user = c.get('user')!;
  const { result, rev } = await c.get('store').transact(txMeta(c, d), (tx): { result: HistoryMove; rev: string } => {
    const h = tx.get('history', user.id);
    assertHistoryMatch(c, h?.rev ?? '0');
    const id = nextStep(h, d);
    const step = id ? tx.get('steps', id) : undefined;
    if (!h || !step)
      throw ruleBroken(d === 'undo' ? 'Rien à annuler.' : 'Rien à rétablir.', [{ path: 'history', message: 'Vide.' }]);
    const written = new Map<string, Allocation | null>();
    const left = new Map<string, Allocation | null>();
    replayStep(tx.plan, step, d, nowIso(c), (change, target) => {
      const note = change.seq !== undefined ? { ref: change.seq } : {};
      // the record this move replaces, whole: what the opposite move will put back
      left.set(change.id, tx.get('allocations', change.id) ?? null);
      // what is now stored: the record as put (stamped with this write's rev), or none
      if (target) written.set(change.id, tx.put('allocations', target, note));
      else {
        tx.remove('allocations', change.id, note);
        written.set(change.id, null);
      }
    });
    const next = replayed(step, d, written, left);
    tx.put('steps', next);
    const line = (d === 'undo' ? h.done : h.undone).slice(0, -1).reverse();
    const nearest = line.map((s) => tx.get('steps', s)).filter((s): s is HistoryStep => !!s);
    for (const s of rebased(nearest, d, written)) tx.put('steps', s);
    const stacks = tx.put('history', moved(h, d));
    return {
      result: {
        step: stepView(next),
        changed: [...written].map(([id, allocation]) => ({ id, allocation })),
        history: historyView(stacks, (s) => tx.get('steps', s)),
      },
      // the ETag is this write's, not whatever the store holds once another write lands after it
      rev: stacks.rev,
    };
  });
  return sendJson(c, result, 200, { etag: etag(rev) });
};

export const historyRoutes = () =>
  new Hono<AppEnv>()
    .get('/', (c) => {
      const store = c.get('store');
      const h = store.get('history', c.get('user')!.id);
      return sendJson(
        c,
        historyView(h, (id) => store.get('steps', id)),
        200,
        { etag: etag(h?.rev ?? '0') },
      );
    })
    .post('/undo', (c) => move(c, 'undo'))
    .post('/redo', (c) => move(c, 'redo'))
    // a step that can no longer be undone (its rows changed since) leaves the stack, so that the
    // ones before it can be: nothing else is written, and it cannot be redone
    .post('/discard', async (c) => {
      const user = c.get('user')!;
      const { view, rev } = await c.get('store').transact(txMeta(c, 'history-discard'), (tx) => {
        const h = tx.get('history', user.id);
        assertHistoryMatch(c, h?.rev ?? '0');
        if (!h?.done.length)
          throw ruleBroken('Rien à retirer de l’historique.', [{ path: 'history', message: 'Vide.' }]);
        const { history, dropped } = withoutNext(h);
        if (dropped) tx.remove('steps', dropped);
        const saved = tx.put('history', history);
        return { view: historyView(saved, (s) => tx.get('steps', s)), rev: saved.rev };
      });
      return sendJson(c, view, 200, { etag: etag(rev) });
    });
