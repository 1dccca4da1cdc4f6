// Failed logins and password checks, throttled the way OWASP's authentication cheat sheet advises:
// a growing delay per (account, address) pair, and a much higher ceiling per address, so that a
// whole hospital behind one NAT keeps working and no stranger can lock an account out. The counters
// live in a ThrottleState: the store's, so that on PostgreSQL every instance counts the same
// failures (an attacker gains nothing by spreading tries over the instances).
import type { ThrottleState } from '../store/interface.js';
export interface Attempt {
  /** Who tries what: `login:<email>|<address>`, `password:<user id>`. */
  pair: string;
  /** The client address, counted against the per-address ceiling. */
  address: string;
}

export interface Throttle {
  /** Seconds to wait, or 0 when a try is allowed. */
  retryAfter(a: Attempt, nowMs: number): Promise<number>;
  fail(a: Attempt, nowMs: number): Promise<void>;
  /** A success forgets the pair's failures (not the address's: one good account must not reset it). */
  succeed(a: Attempt, nowMs: number): Promise<void>;
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
  /** How often the state forgets the keys older than forgetMs and addressWindowMs. */
  pruneEveryMs?: number;
}

export const THROTTLE_DEFAULTS = {
  free: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  forgetMs: 60 * 60_000,
  addressMax: 100,
  addressWindowMs: 15 * 60_000,
  pruneEveryMs: 60_000,
} satisfies Required<ThrottleOptions>;

/** Wait after `failures` failures of one pair (ms). */
export const pairDelayMs = (failures: number, o: Required<ThrottleOptions> = THROTTLE_DEFAULTS): number =>
  failures < o.free ? 0 : Math.min(o.baseDelayMs * 2 ** (failures - o.free), o.maxDelayMs);

interface PairCount {
  failures: number;
  lastMs: number;
}

/** The throttle over a state: the store's (`store.throttleState()`), which every instance serving
 *  one database shares; its size is the state's business (memory: bounded; PostgreSQL: pruned). */
export const createThrottle = (state: ThrottleState, options: ThrottleOptions = {}): Throttle => {
  const o = { ...THROTTLE_DEFAULTS, ...options };
  // pairs and addresses in one key space
  const pairKey = (a: Attempt) => `pair:${a.pair}`,
    addressKey = (a: Attempt) => `address:${a.address}`;
  const pairOf = (v: unknown, now: number): PairCount => {
    const p = v as PairCount | undefined;
    return p && now - p.lastMs < o.forgetMs ? p : { failures: 0, lastMs: 0 };
  };
  const recent = (v: unknown, now: number) =>
    ((v as number[] | undefined) ?? []).filter((t) => now - t < o.addressWindowMs);
  let prunedMs = -Infinity;
  return {
    async retryAfter(a, now) {
      const [pv, av] = await state.read([pairKey(a), addressKey(a)]);
      const p = pairOf(pv, now);
      const pairWait = p.lastMs + pairDelayMs(p.failures, o) - now;
      const r = recent(av, now);
      const addressWait = r.length >= o.addressMax ? r[r.length - o.addressMax]! + o.addressWindowMs - now : 0;
      return Math.max(0, Math.ceil(Math.max(pairWait, addressWait) / 1000));
    },
    async fail(a, now) {
      await state.update(
        [
          [pairKey(a), (v) => ({ failures: pairOf(v, now).failures + 1, lastMs: now }) satisfies PairCount],
          [addressKey(a), (v) => [...recent(v, now), now].slice(-o.addressMax)],
        ],
        now,
      );
      if (Math.abs(now - prunedMs) >= o.pruneEveryMs) {
        prunedMs = now;
        await state.prune(now - Math.max(o.forgetMs, o.addressWindowMs));
      }
    },
    succeed(a, now) {
      return state.update([[pairKey(a), () => undefined]], now);
    },
  };
};
