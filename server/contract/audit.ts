// Audit events: one per change, hash-chained. Types only.
export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  id: string;
  before: unknown;
  after: unknown;
  /** For an undo or a redo (action 'undo' / 'redo'): the seq of the event it reverses. */
  ref?: number;
  /** SHA-256 of the previous event (hex), "" for the first. */
  prevHash: string;
  /** SHA-256 of prevHash and this event's content. */
  hash: string;
}
