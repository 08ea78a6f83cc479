/**
 * The Getis-Ord Gi* statistic of one time step, as an analytic z-score, exactly as R's spdep
 * `localG(x, nb2listw(include.self(nb), style = "B"))` computes it (spdep R/localG.R, the `gstari`
 * branch; Ord & Getis 1995, eq. 9 with binary weights):
 *
 *   z_i = (Σ_j w_ij x_j − W_i x̄) / √( s² (n S1_i − W_i²) / (n − 1) )
 *
 * with x̄ the mean and s² = Σ (x − x̄)² / n the variance (divisor n) over ALL n locations of the
 * step, W_i = Σ_j w_ij and S1_i = Σ_j w_ij² (both the neighbourhood's size for binary weights).
 * Pure: no I/O.
 *
 * `neighbourhoods[i]` lists the indices whose counts are summed for location i, i itself included
 * (include.self): binary weights, each index once.
 *
 * Where R divides by zero gridmap answers 0 (no evidence of clustering) rather than NaN: a step in
 * which every location has the same count (s² = 0, e.g. a week without cases), or a neighbourhood
 * that is every location (n W − W² = 0).
 */
export function giStarZ(counts: readonly number[], neighbourhoods: readonly (readonly number[])[]): number[] {
  const n = counts.length;
  if (neighbourhoods.length !== n) {
    throw new RangeError(`giStarZ: ${n} counts but ${neighbourhoods.length} neighbourhoods`);
  }
  let sum = 0;
  for (const x of counts) sum += x;
  const mean = sum / n;
  let squares = 0;
  for (const x of counts) squares += (x - mean) * (x - mean);
  const variance = squares / n;
  return neighbourhoods.map((members) => {
    const w = members.length;
    const spread = (variance * (n * w - w * w)) / (n - 1);
    if (!(spread > 0)) return 0;
    let lag = 0;
    for (const j of members) lag += counts[j]!;
    return (lag - w * mean) / Math.sqrt(spread);
  });
}
