// Who acts and when: passed to every rule that writes (the domain never reads the clock).
import type { Role } from '../contract/auth.js';

export interface WriteContext {
  /** ISO date-time of the write. */
  now: string;
  /** E-mail of the user, when known. */
  actor?: string;
  /** The actor's role, when a rule depends on it (an establishment may not change a checked declaration). */
  role?: Role;
}

export const today = (ctx: { now: string }): string => ctx.now.slice(0, 10);
