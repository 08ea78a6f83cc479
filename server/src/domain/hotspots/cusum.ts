/**
 * A one-sided Poisson CUSUM for weekly case counts (issue #15 part 5), exactly as R's surveillance
 * package `algo.cusum` computes it (surveillance 1.20, R/algo_cusum.R): the counts of the
 * monitored steps are standardised against the in-control mean m, then
 *
 *   C_0 = 0,  C_t = max(0, C_{t−1} + s_t − k),  alarm when C_t ≥ h,
 *
 * with `upperbound` the count that would just raise an alarm at step t given C_{t−1}. Pure: no I/O.
 * Transformations (`trans`): standard s = (x − m)/√m; rossi s = (x − 3m + 2√(xm)) / (2√m);
 * anscombe s = 3/2 (x^(2/3) − m^(2/3)) / m^(1/6); none s = x. The glm and negative binomial
 * variants of algo.cusum are not carried over.
 */
export type CusumTransform = 'standard' | 'rossi' | 'anscombe' | 'none';

export interface CusumOptions {
  /** Reference value subtracted each step; algo.cusum's default 1.04. */
  k?: number;
  /** Decision interval; algo.cusum's default 2.26. */
  h?: number;
  /** In-control mean; default the mean of the counts before the first monitored step. */
  m?: number;
  trans?: CusumTransform;
}

export interface CusumResult {
  /** C_t of each monitored step. */
  cusum: number[];
  alarm: boolean[];
  /** The smallest count at step t that raises an alarm (0 when any count would), per algo.cusum. */
  upperbound: number[];
  /** The in-control mean used. */
  m: number;
}

/**
 * CUSUM over `observed[from..]` (0-based: algo.cusum's `range` is from + 1 … length in R's
 * 1-based terms); the steps before `from` are the baseline the default m is taken from.
 */
export function poissonCusum(observed: readonly number[], from: number, options: CusumOptions = {}): CusumResult {
  if (!(from >= 1 && from < observed.length)) {
    throw new RangeError(
      `poissonCusum: the first monitored step must leave a baseline and a step to monitor (got ${from} of ${observed.length})`,
    );
  }
  const k = options.k ?? 1.04;
  const h = options.h ?? 2.26;
  const trans = options.trans ?? 'standard';
  const m = options.m ?? observed.slice(0, from).reduce((sum, x) => sum + x, 0) / from;
  const monitored = observed.slice(from);
  const cusum: number[] = [];
  const alarm: boolean[] = [];
  const upperbound: number[] = [];
  let previous = 0;
  for (const x of monitored) {
    const bound = upperboundOf(trans, m, h, k, previous);
    upperbound.push(Number.isNaN(bound) || bound < 0 ? 0 : bound);
    const next = Math.max(0, previous + standardised(trans, x, m) - k);
    cusum.push(next);
    alarm.push(next >= h);
    previous = next;
  }
  if (trans === 'none') {
    // algo.cusum's bound for `none` is h − C_t of the same step, not of the one before.
    cusum.forEach((c, t) => (upperbound[t] = Math.max(0, h - c)));
  }
  return { cusum, alarm, upperbound, m };
}

function standardised(trans: CusumTransform, x: number, m: number): number {
  switch (trans) {
    case 'standard':
      return (x - m) / Math.sqrt(m);
    case 'rossi':
      return (x - 3 * m + 2 * Math.sqrt(x * m)) / (2 * Math.sqrt(m));
    case 'anscombe':
      return (1.5 * (x ** (2 / 3) - m ** (2 / 3))) / m ** (1 / 6);
    case 'none':
      return x;
  }
}

function upperboundOf(trans: CusumTransform, m: number, h: number, k: number, previous: number): number {
  switch (trans) {
    case 'standard':
      return Math.ceil(Math.sqrt(m) * (h + k - previous) + m);
    case 'rossi':
      return (
        2 * h * Math.sqrt(m) +
        2 * k * Math.sqrt(m) -
        2 * previous * Math.sqrt(m) +
        5 * m -
        2 * Math.sqrt(4 * m * m + 2 * m ** 1.5 * h + 2 * m ** 1.5 * k - 2 * m ** 1.5 * previous)
      );
    case 'anscombe': {
      const base = (2 / 3) * m ** (1 / 6) * (h + k - previous) + m ** (2 / 3);
      return base < 0 ? 0 : base ** 1.5;
    }
    case 'none':
      return h - previous;
  }
}
