// Seeded draws for the demo plan and the generated ones (make-demo.ts, demo-windows.ts, gen.ts,
// gen-window.ts): mulberry32, small, fast and deterministic, and what the scripts draw with it.
// Its state is a counter: `skip(n)` moves it on by n draws without drawing them.

const DAY = 86_400_000;
const ms = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
/** The ISO day `n` days after `d` (before it when negative). */
export const addDays = (d: string, n: number): string => new Date(ms(d) + n * DAY).toISOString().slice(0, 10);

export const drawsFrom = (seed: number) => {
  let state = seed | 0;
  /** A number in [0, 1). */
  const rng = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const skip = (n: number) => {
    state = (state + Math.imul(0x6d2b79f5, n)) | 0;
  };
  /** A whole number in [lo, hi]. */
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const chance = (p: number) => rng() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  /** A copy in random order (Fisher-Yates). */
  const shuffled = <T>(xs: readonly T[]): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  /** A day in [lo, hi], uniformly. */
  const between = (lo: string, hi: string): string => addDays(lo, Math.floor(rng() * ((ms(hi) - ms(lo)) / DAY + 1)));
  /** A working day in [lo, hi] (weekends moved inside the range). */
  const workday = (lo: string, hi: string): string => {
    let d = between(lo, hi);
    for (let i = 0; i < 7 && [0, 6].includes(new Date(ms(d)).getUTCDay()); i++) d = addDays(d, d >= hi ? -1 : 1);
    return d;
  };
  /** An instant of office hours on `day` (08:00 - 16:45 UTC, by quarter hours). */
  const at = (day: string) =>
    `${day}T${String(8 + Math.floor(rng() * 9)).padStart(2, '0')}:${pick(['00', '15', '30', '45'])}:00.000Z`;
  return { rng, skip, int, chance, pick, shuffled, between, workday, at };
};
