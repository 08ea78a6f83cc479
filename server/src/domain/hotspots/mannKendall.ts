import { twoSidedNormalP } from './normalTail.js';

/** The Mann-Kendall trend test of a series in time order. */
export interface MannKendallTrend {
  /** Kendall's score: Σ over pairs i < j of sign(x_j − x_i). Positive: rising. */
  S: number;
  /** S / (n (n − 1) / 2), Kendall's tau-a, in −1..1. */
  tau: number;
  /** Variance of S under no trend, with the correction for tied values. */
  varianceS: number;
  /** (S − sign S) / √Var(S): the normal approximation with the continuity correction. */
  z: number;
  /** Two-sided p-value of z; 1 when the series has no spread (every value tied). */
  p: number;
}

/**
 * The Mann-Kendall test (Mann 1945, Kendall 1975) as R's base `cor.test(seq_along(x), x,
 * method = "kendall", exact = FALSE, continuity = TRUE)` computes it (the golden fixture is made
 * with exactly that call): time has no ties, so of R's variance terms only the ties of x remain,
 *
 *   Var(S) = [ n(n−1)(2n+5) − Σ_t t(t−1)(2t+5) ] / 18   (t: the size of each group of equal values),
 *
 * and z = (S − sign S) / √Var(S), p = 2 P(Z ≥ |z|). Equal means bitwise equal doubles: the Gi*
 * z-scores of weeks in which nothing happened around a grid are often exactly tied.
 * Pure: no I/O.
 */
export function mannKendall(series: readonly number[]): MannKendallTrend {
  const n = series.length;
  let S = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = series[i]!;
    for (let j = i + 1; j < n; j++) S += Math.sign(series[j]! - xi);
  }
  const tieSizes = new Map<number, number>();
  for (const x of series) tieSizes.set(x, (tieSizes.get(x) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of tieSizes.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const varianceS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const pairs = (n * (n - 1)) / 2;
  const tau = pairs > 0 ? S / pairs : 0;
  if (!(varianceS > 0)) return { S, tau, varianceS, z: 0, p: 1 };
  const z = (S - Math.sign(S)) / Math.sqrt(varianceS);
  return { S, tau, varianceS, z, p: twoSidedNormalP(z) };
}
