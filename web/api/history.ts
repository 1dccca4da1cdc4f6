// The planner's undo and redo history (server/http/history.ts): what the next move would do, and the move.
// Every move sends the history's ETag (If-Match, required): from GET /api/history or the last move's
// answer, so that a second tab's Ctrl+Z cannot undo a step it never showed (412).
import type { HistoryMove, HistoryView } from '../../server/contract/history.js';
import { send } from './client.js';

/** The stacks, and the ETag the next move must send. */
export interface HistoryRead {
  view: HistoryView;
  etag: string | null;
}

export const getHistory = async (): Promise<HistoryRead> => {
  const { data, etag } = await send<HistoryView>('GET', '/api/history');
  return { view: data, etag };
};

const ifMatch = (etag: string | null): Record<string, string> => (etag ? { 'If-Match': etag } : {});

/** Undoes (or redoes) the planner's last step, as read with `etag`; a 409 says who changed the row
 *  since, a 412 that the history moved on elsewhere. Answers the move and the history's new ETag. */
export const moveHistory = async (direction: 'undo' | 'redo', etag: string | null) => {
  const { data, etag: next } = await send<HistoryMove>('POST', `/api/history/${direction}`, undefined, ifMatch(etag));
  return { moved: data, etag: next };
};

/** Drops the next step to undo, one that someone else's change made impossible to undo. */
export const discardStep = async (etag: string | null): Promise<HistoryRead> => {
  const { data, etag: next } = await send<HistoryView>('POST', '/api/history/discard', undefined, ifMatch(etag));
  return { view: data, etag: next };
};
