/**
 * Confidence intervals for the analyst views. Pure; the aggregates hand in sums, the views get intervals.
 */

/** Two-sided 95 %: the normal quantile, and Student's t for small samples (t → z as df grows). */
export const Z_975 = 1.959963984540054;

/**
 * 97.5th percentile of Student's t with `df` degrees of freedom. Exact table values up to 30 (the range
 * where the Cornish–Fisher expansion is least accurate), the expansion beyond (error < 1e-4 there).
 */
export function studentT975(df: number): number {
  if (!Number.isFinite(df) || df < 1) throw new RangeError('df must be at least 1');
  const whole = Math.floor(df);
  if (whole <= T975_TABLE.length) return T975_TABLE[whole - 1];
  const z = Z_975;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  return z + g1 / whole + g2 / whole ** 2 + g3 / whole ** 3;
}

const T975_TABLE = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export interface Interval {
  low: number;
  high: number;
}

/** Mean with a t-based 95 % interval, from n, the mean and the sample SD (null when n < 2). */
export function meanInterval(n: number, mean: number, sd: number | null): Interval | null {
  if (n < 2 || sd === null || !Number.isFinite(sd)) return null;
  const half = (studentT975(n - 1) * sd) / Math.sqrt(n);
  return { low: mean - half, high: mean + half };
}

/**
 * Wilson score interval for a proportion k/n: unlike the Wald interval it stays inside 0–1 and keeps
 * its coverage for rates near 0 or 1, which small clinical subgroups often have.
 */
export function wilsonInterval(k: number, n: number): Interval | null {
  if (n <= 0 || k < 0 || k > n) return null;
  const z = Z_975;
  const p = k / n;
  const denominator = 1 + z ** 2 / n;
  const centre = (p + z ** 2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z ** 2 / (4 * n ** 2))) / denominator;
  // At k = 0 or k = n one bound is exactly 0 or 1; rounding error would otherwise leave 1e-17.
  return { low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}
