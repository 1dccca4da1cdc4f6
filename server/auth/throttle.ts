// Failed logins per account and per address: after 5 failures in 15 minutes, wait.
export interface Throttle {
  /** Seconds to wait, or 0 when a try is allowed. */
  retryAfter(keys: string[], nowMs: number): number;
  fail(keys: string[], nowMs: number): void;
  clear(keys: string[]): void;
}

export const createThrottle = ({ max = 5, windowMs = 15 * 60_000 } = {}): Throttle => {
  const failures = new Map<string, number[]>();
  const recent = (k: string, now: number) => (failures.get(k) ?? []).filter((t) => now - t < windowMs);
  return {
    retryAfter(keys, now) {
      let wait = 0;
      for (const k of keys) {
        const r = recent(k, now);
        if (r.length >= max) wait = Math.max(wait, Math.ceil((r[0]! + windowMs - now) / 1000));
      }
      return wait;
    },
    fail(keys, now) {
      for (const k of keys) failures.set(k, [...recent(k, now), now].slice(-max));
    },
    clear(keys) {
      for (const k of keys) failures.delete(k);
    },
  };
};
