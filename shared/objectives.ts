// Where an objective of an application stands, from its declarations (the last one decides): read
// by the server's rules and by the applications page alike.
import type { Declaration, ObjectiveState } from '../server/contract/windows.js';

/** The state one declaration gives its objective. */
export const declarationState = (d: Pick<Declaration, 'arsCheck' | 'ansCheck'>): ObjectiveState => {
  if (d.arsCheck?.verdict === 'non_conforme') return 'refused_ars';
  if (!d.arsCheck) return 'pending_ars';
  if (d.ansCheck?.verdict === 'non_conforme') return 'refused_ans';
  if (!d.ansCheck) return 'pending_ans';
  return 'achieved';
};

/** Oldest first: by creation instant, then id (two declarations in one millisecond keep an order). */
export const byCreation = (a: Declaration, b: Declaration): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
