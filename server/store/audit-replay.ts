// Replaying the audit trail: every event must start from the state the events before it built
// (its `before`) and the whole trail must end on exactly the records the plan holds, amount for
// amount and status for status. A change made to the data files behind the trail's back (an
// amount edited in the snapshot or the journal) or an event left out is found this way.
import type { AuditEvent } from '../contract/audit.js';
import { canonical, linkError, type BrokenLink } from './audit-chain.js';

/** The first event that breaks the chain or the replay, or the first record the trail disagrees with. */
export type ReplayProblem = BrokenLink | { kind: string; id: string; reason: string };

export interface Replay {
  /** Takes the next event; the first broken link or mismatch is kept, later ones ignored. */
  add(e: AuditEvent): void;
  /** Compares what the trail built with the plan's records (as the trail shows them: secrets
   *  masked), kind by kind; null when everything matches. */
  finish(records: ReadonlyMap<string, Iterable<{ id: string }>>): ReplayProblem | null;
  readonly count: number;
  readonly last: AuditEvent | null;
}

export const replay = (): Replay => {
  const state = new Map<string, Map<string, string>>();
  let prev: AuditEvent | null = null,
    count = 0;
  let broken: BrokenLink | null = null;
  return {
    get count() {
      return count;
    },
    get last() {
      return prev;
    },
    add(e) {
      const index = count++;
      if (broken) return;
      const why = linkError(e, prev);
      prev = e;
      if (why) {
        broken = { index, seq: e.seq, reason: why };
        return;
      }
      let m = state.get(e.entity);
      if (!m) state.set(e.entity, (m = new Map()));
      const current = m.get(e.id) ?? 'null';
      if (canonical(e.before ?? null) !== current) {
        broken = {
          index,
          seq: e.seq,
          reason: `son état « avant » n’est pas celui que les événements précédents ont laissé (${e.entity} ${e.id})`,
        };
        return;
      }
      if (e.after === null || e.after === undefined) m.delete(e.id);
      else m.set(e.id, canonical(e.after));
    },
    finish(records) {
      if (broken) return broken;
      for (const [kind, list] of records) {
        const built = new Map(state.get(kind) ?? []);
        for (const r of list) {
          const text = built.get(r.id);
          if (text === undefined) return { kind, id: r.id, reason: 'enregistrement absent de la piste d’audit' };
          if (text !== canonical(r))
            return { kind, id: r.id, reason: 'enregistrement différent de ce que la piste d’audit a enregistré' };
          built.delete(r.id);
        }
        const [extra] = built.keys();
        if (extra !== undefined)
          return { kind, id: extra, reason: 'présent dans la piste d’audit, absent des données' };
      }
      return null;
    },
  };
};
