// Who acts and when: passed to every rule that writes (the domain never reads the clock).
export interface WriteContext {
  /** ISO date-time of the write. */
  now: string;
  /** E-mail of the user, when known. */
  actor?: string;
}

export const today = (ctx: { now: string }): string => ctx.now.slice(0, 10);
