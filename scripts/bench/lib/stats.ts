export type Stats = { n: number; p50: number; p95: number };

/** Picks the value at quantile p of a sorted sample. */
export type Quantile = (sorted: number[], p: number) => number;

/** Nearest-rank: the smallest value with at least p of the sample at or below it. */
export const nearestRank: Quantile = (s, p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];

/** The value at the rounded index p·(n−1) (what the browser benches report). */
export const roundedIndex: Quantile = (s, p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];

export function stats(xs: number[], quantile: Quantile = nearestRank): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95) };
}

export const now = () => performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs fn `warmup` times untimed, then n times, returning each run's duration in ms. */
export async function time(n: number, fn: () => Promise<unknown>, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = now();
    await fn();
    out.push(now() - t0);
  }
  return out;
}
