/** Small numeric helpers for the response engine; no dependencies so the domain stays pure. */

/** Largest value; a loop rather than Math.max(...values), which overflows the stack on a very long diary. */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max;
}

export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const v of values) if (v < min) min = v;
  return min;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Sample standard deviation (n − 1 denominator); null below two values. */
export function sampleStandardDeviation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const average = mean(values)!;
  const squares = values.reduce((sum, value) => sum + (value - average) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function logNormalDensity(x: number, mu: number, variance: number): number {
  return -0.5 * Math.log(2 * Math.PI * variance) - ((x - mu) ** 2) / (2 * variance);
}

/** log(Σ exp(terms)) without overflow. */
export function logSumExp(terms: readonly number[]): number {
  const top = Math.max(...terms);
  if (top === -Infinity) return -Infinity;
  return top + Math.log(terms.reduce((sum, term) => sum + Math.exp(term - top), 0));
}

/**
 * Solves the symmetric positive-definite system A·x = b (reading only the lower triangle of A) and returns x together with A⁻¹ (the posterior
 * covariance in the pain model needs both; `withInverse` false leaves it empty) and log det A. Cholesky,
 * because A is a precision matrix that the priors keep well conditioned.
 */
export function solveSymmetricPositiveDefinite(a: number[][], b: number[], withInverse = true): { solution: number[]; inverse: number[][]; logDeterminant: number } {
  const n = b.length;
  const lower = choleskyFactor(a);
  const inverse: number[][] = [];
  for (let column = 0; withInverse && column < n; column++) {
    const unit = Array.from({ length: n }, (_, row) => (row === column ? 1 : 0));
    inverse.push(choleskySolve(lower, unit));
  }
  // inverse holds columns; A⁻¹ is symmetric so columns equal rows.
  let logDeterminant = 0;
  for (let i = 0; i < n; i++) logDeterminant += 2 * Math.log(lower[i][i]);
  return { solution: choleskySolve(lower, b), inverse, logDeterminant };
}

function choleskyFactor(a: number[][]): number[][] {
  const n = a.length;
  const lower = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= lower[i][k] * lower[j][k];
      if (i === j) {
        if (sum <= 0) throw new Error('matrix is not positive definite');
        lower[i][i] = Math.sqrt(sum);
      } else {
        lower[i][j] = sum / lower[j][j];
      }
    }
  }
  return lower;
}

function choleskySolve(lower: number[][], b: number[]): number[] {
  const n = b.length;
  const forward = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= lower[i][k] * forward[k];
    forward[i] = sum / lower[i][i];
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = forward[i];
    for (let k = i + 1; k < n; k++) sum -= lower[k][i] * x[k];
    x[i] = sum / lower[i][i];
  }
  return x;
}
