// Failed logins and password checks, throttled the way OWASP's authentication cheat sheet advises:
// a growing delay per (account, address) pair, and a much higher ceiling per address, so that a
// whole hospital behind one NAT keeps working and no stranger can lock an account out.
export interface Attempt {
  /** Who tries what: `login:<email>|<address>`, `password:<user id>`. */
  pair: string;
  /** The client address, counted against the per-address ceiling. */
  address: string;
}

export interface Throttle {
  /** Seconds to wait, or 0 when a try is allowed. */
  retryAfter(a: Attempt, nowMs: number): number;
  fail(a: Attempt, nowMs: number): void;
  /** A success forgets the pair's failures (not the address's: one good account must not reset it). */
  succeed(a: Attempt): void;
}

export interface ThrottleOptions {
  /** Failures of a pair that cost nothing (typos). */
  free?: number;
  /** Wait after the first failure beyond `free`, doubled by each one after it, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A pair with no failure for this long starts again from zero. */
  forgetMs?: number;
  /** Failures from one address (every account together) in `addressWindowMs`. */
  addressMax?: number;
  addressWindowMs?: number;
  /** Pairs, and addresses, kept at most (the oldest go first): a flood of names or addresses
   *  costs a few MB at worst (an address keeps up to addressMax times). */
  maxEntries?: number;
}

export const THROTTLE_DEFAULTS = {
  free: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  forgetMs: 60 * 60_000,
  addressMax: 100,
  addressWindowMs: 15 * 60_000,
  maxEntries: 20_000,
} satisfies Required<ThrottleOptions>;

/** Wait after `failures` failures of one pair (ms). */
export const pairDelayMs = (failures: number, o: Required<ThrottleOptions> = THROTTLE_DEFAULTS): number =>
  failures < o.free ? 0 : Math.min(o.baseDelayMs * 2 ** (failures - o.free), o.maxDelayMs);

/** A Map that forgets its oldest entries beyond `max` (re-setting a key makes it the newest). */
const bounded = <V>(max: number) => {
  const m = new Map<string, V>();
  return {
    get: (k: string) => m.get(k),
    delete: (k: string) => m.delete(k),
    set(k: string, v: V) {
      m.delete(k);
      m.set(k, v);
      if (m.size > max) m.delete(m.keys().next().value!);
    },
  };
};

export const createThrottle = (options: ThrottleOptions = {}): Throttle => {
  const o = { ...THROTTLE_DEFAULTS, ...options };
  const pairs = bounded<{ failures: number; lastMs: number }>(o.maxEntries);
  const addresses = bounded<number[]>(o.maxEntries);
  const pairOf = (k: string, now: number) => {
    const p = pairs.get(k);
    return p && now - p.lastMs < o.forgetMs ? p : { failures: 0, lastMs: 0 };
  };
  const recent = (k: string, now: number) => (addresses.get(k) ?? []).filter((t) => now - t < o.addressWindowMs);
  return {
    retryAfter({ pair, address }, now) {
      const p = pairOf(pair, now);
      const pairWait = p.lastMs + pairDelayMs(p.failures, o) - now;
      const r = recent(address, now);
      const addressWait = r.length >= o.addressMax ? r[r.length - o.addressMax]! + o.addressWindowMs - now : 0;
      return Math.max(0, Math.ceil(Math.max(pairWait, addressWait) / 1000));
    },
    fail({ pair, address }, now) {
      pairs.set(pair, { failures: pairOf(pair, now).failures + 1, lastMs: now });
      addresses.set(address, [...recent(address, now), now].slice(-o.addressMax));
    },
    succeed({ pair }) {
      pairs.delete(pair);
    },
  };
};
