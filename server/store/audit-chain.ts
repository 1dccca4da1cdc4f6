// The audit trail's hash chain: each event carries the previous event's hash and its own, a
// SHA-256 of the whole event in canonical JSON (keys sorted at every depth), so that no field can
// be added, removed or changed without breaking it.
import { createHash } from 'node:crypto';
import type { AuditEvent } from '../contract/audit.js';

export type UnsealedEvent = Omit<AuditEvent, 'prevHash' | 'hash'>;

/** JSON with object keys sorted at every depth: one text per value, whatever the key order. */
export const canonical = (v: unknown): string => {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v)
    .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const hashOf = (e: Omit<AuditEvent, 'hash'>): string => sha256(canonical(e));

// Events sealed before the canonical hash covered only these fields, in this order. They are
// still accepted when they hold exactly these fields: an added field breaks them too.
const LEGACY_KEYS = 'action,actor,after,at,before,entity,hash,id,prevHash,seq';
const legacyHashOf = (e: AuditEvent) =>
  sha256(
    JSON.stringify([e.prevHash, e.seq, e.at, e.actor, e.action, e.entity, e.id, e.before ?? null, e.after ?? null]),
  );

export const seal = (e: UnsealedEvent, prevHash: string): AuditEvent => {
  const { hash: _old, ...rest } = e as UnsealedEvent & { hash?: string }; // re-sealing an event
  const linked = { ...rest, prevHash } as AuditEvent;
  linked.hash = hashOf(linked); // one object per event (an import seals hundreds of thousands)
  return linked;
};

/** Whether an event's hash is the hash of its content (whatever its link). */
export const sealed = (e: AuditEvent): boolean => {
  const { hash, ...rest } = e;
  if (hashOf(rest) === hash) return true;
  return Object.keys(e).sort().join(',') === LEGACY_KEYS && legacyHashOf(e) === hash;
};

export interface ChainHead {
  seq: number;
  hash: string;
}

export type BrokenLink = { index: number; seq: number; reason: string };

/** Checks one event against the one before it (null for the first): its sequence number, its
 *  link and, with `content`, its own hash. */
export const linkError = (e: AuditEvent, prev: AuditEvent | null, content = true): string | null => {
  if (e.seq !== (prev?.seq ?? 0) + 1)
    return `numéro ${e.seq} au lieu de ${(prev?.seq ?? 0) + 1} (événement manquant ou en trop)`;
  if (e.prevHash !== (prev?.hash ?? '')) return 'lien vers l’événement précédent rompu';
  if (content && !sealed(e)) return 'contenu modifié (empreinte SHA-256 différente)';
  return null;
};

/** The first event whose number, link or content does not match, or null when the chain holds. */
export const firstBroken = (events: readonly AuditEvent[]): BrokenLink | null => {
  let prev: AuditEvent | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const reason = linkError(e, prev);
    if (reason) return { index: i, seq: e.seq, reason };
    prev = e;
  }
  return null;
};

/** `seq:hash`, the form an operator keeps elsewhere and gives back to `--expect-head`. */
export const formatHead = (h: ChainHead | null): string => (h ? `${h.seq}:${h.hash}` : '0:');
