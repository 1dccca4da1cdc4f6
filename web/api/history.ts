// The planner's undo and redo history (server/http/history.ts): what the next move would do, and the move.
import type { HistoryMove, HistoryView } from '../../server/contract/history.js';
import { get, send } from './client.js';

export const getHistory = () => get<HistoryView>('/api/history');

/** Undoes (or redoes) the planner's last step; a 409 says who changed the row since. */
export const moveHistory = async (direction: 'undo' | 'redo') =>
  (await send<HistoryMove>('POST', `/api/history/${direction}`)).data;

/** Drops the next step to undo, one that someone else's change made impossible to undo. */
export const discardStep = async () => (await send<HistoryView>('POST', '/api/history/discard')).data;
