// The audit trail's hash chain: each event carries the previous event's hash and its own.
import { createHash } from 'node:crypto';
import type { AuditEvent } from '../contract/audit.js';

export type UnsealedEvent = Omit<AuditEvent, 'prevHash' | 'hash'>;

const content = (e: UnsealedEvent, prevHash: string) =>
  JSON.stringify([prevHash, e.seq, e.at, e.actor, e.action, e.entity, e.id, e.before ?? null, e.after ?? null]);

export const seal = (e: UnsealedEvent, prevHash: string): AuditEvent => ({
  ...e, prevHash, hash: createHash('sha256').update(content(e, prevHash)).digest('hex'),
});

/** The first event whose link or content does not match, or null when the chain holds. */
export const firstBroken = (events: readonly AuditEvent[]): { index: number; seq: number; reason: string } | null => {
  let prev = '';
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.prevHash !== prev) return { index: i, seq: e.seq, reason: 'lien vers l’événement précédent rompu' };
    if (seal(e, prev).hash !== e.hash) return { index: i, seq: e.seq, reason: 'contenu modifié (empreinte SHA-256 différente)' };
    prev = e.hash;
  }
  return null;
};
