// Where an objective of an application stands, from its declarations (the last one decides): read
// by the server's rules and by the applications page alike.

/** Not declared (or only declarations found non conforme: `refused_*` names the last one's
 *  level), awaiting the ARS, awaiting the ANS, or achieved (both checks conforme). */
export type ObjectiveState = 'none' | 'pending_ars' | 'refused_ars' | 'pending_ans' | 'refused_ans' | 'achieved';

/** What a declaration's checks said, as far as its state goes (contract/windows.ts Declaration). */
interface Checked {
  arsCheck?: { verdict: 'conforme' | 'non_conforme' };
  ansCheck?: { verdict: 'conforme' | 'non_conforme' };
}

/** The state one declaration gives its objective. */
export const declarationState = (d: Checked): ObjectiveState => {
  if (d.arsCheck?.verdict === 'non_conforme') return 'refused_ars';
  if (!d.arsCheck) return 'pending_ars';
  if (d.ansCheck?.verdict === 'non_conforme') return 'refused_ans';
  if (!d.ansCheck) return 'pending_ans';
  return 'achieved';
};

/** Oldest first: by creation instant, then id (two declarations in one millisecond keep an order). */
export const byCreation = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
