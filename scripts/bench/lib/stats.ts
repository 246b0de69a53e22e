export type Stats = { n: number; p50: number; p95: number };

/**
 * The one percentile rule of every bench, nearest rank: the smallest value with at least p of the
 * sample at or below it. With fewer than 20 samples p95 is the worst one; it is never dropped.
 */
export const nearestRank = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: nearestRank(s, 0.5), p95: nearestRank(s, 0.95) };
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
