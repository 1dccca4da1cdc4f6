// The login throttle's counters in this process: the embedded engine's (one process owns the
// data), and a throttle's own when none is given. At most `maxEntries` keys, the oldest change
// going first, so that a flood of names or addresses costs a few MB at worst.
import type { ThrottleState } from './interface.js';

export const memoryThrottleState = (maxEntries = 40_000): ThrottleState => {
  // a Map iterates in insertion order: re-setting a key makes it the newest
  const entries = new Map<string, { value: unknown; atMs: number }>();
  return {
    read: (keys) => Promise.resolve(keys.map((k) => entries.get(k)?.value)),
    update(changes, nowMs) {
      for (const [key, next] of changes) {
        const value = next(entries.get(key)?.value);
        entries.delete(key);
        if (value === undefined) continue;
        entries.set(key, { value, atMs: nowMs });
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
      return Promise.resolve();
    },
    prune(beforeMs) {
      for (const [key, e] of entries) if (e.atMs < beforeMs) entries.delete(key);
      return Promise.resolve();
    },
  };
};
