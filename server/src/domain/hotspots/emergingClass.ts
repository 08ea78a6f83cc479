import type { EmergingClassId } from '../../contract/hotspots.js';

/**
 * The pattern classes of Esri's emerging hot spot analysis, after "How Emerging Hot Spot Analysis
 * works" (ArcGIS Pro, pro.arcgis.com/en/pro-app/latest/tool-reference/space-time-pattern-mining/
 * learnmoreemerging.htm). Pure: no I/O. The rule texts, quoted (hot spots; cold spots mirror them):
 *
 * - New: "a statistically significant hot spot for the final time step and has never been a
 *   statistically significant hot spot before."
 * - Consecutive: "a single uninterrupted run of at least two statistically significant hot spot
 *   bins in the final time-step intervals. The location has never been a statistically significant
 *   hot spot prior to the final hot spot run and less than ninety percent of all bins are
 *   statistically significant hot spots."
 * - Intensifying: "a statistically significant hot spot for ninety percent of the time-step
 *   intervals, including the final time step. In addition, the intensity of clustering of high
 *   counts in each time step is increasing overall and that increase is statistically significant."
 * - Persistent: "a statistically significant hot spot for ninety percent of the time-step intervals
 *   with no discernible trend in the intensity of clustering over time."
 * - Diminishing: as intensifying, but "the intensity of clustering in each time step is decreasing
 *   overall and that decrease is statistically significant."
 * - Sporadic: "a statistically significant hot spot for the final time-step interval with a history
 *   of also being an on-again and off-again hot spot. Less than ninety percent of the time-step
 *   intervals have been statistically significant hot spots and none of the time-step intervals
 *   have been statistically significant cold spots."
 * - Oscillating: "a statistically significant hot spot for the final time-step interval that has a
 *   history of also being a statistically significant cold spot during a prior time step. Less than
 *   ninety percent of the time-step intervals have been statistically significant hot spots."
 * - Historical: "The most recent time period is not hot, but at least ninety percent of the
 *   time-step intervals have been statistically significant hot spots."
 * - No pattern detected: none of the above.
 *
 * Read literally the texts overlap; gridmap makes them a partition, decided by the final step:
 * 1. Final step hot and ≥ 90 % of steps hot (47 of 52): intensifying when the Mann-Kendall trend of
 *    the z-scores is significant and rising, diminishing when significant and falling, else
 *    persistent (persistent's "no discernible trend" = not significant; it is read with the final
 *    step hot, as historical takes the locations whose final step is not).
 * 2. Final step hot and < 90 %: oscillating when any earlier step was a significant cold spot;
 *    else new when no earlier step was hot, consecutive when the hot steps are one final run of ≥ 2;
 *    else sporadic. "Never … before" of new and consecutive is read as never significant of either
 *    sign (a cold spot turning hot is oscillating, as in R's sfdep), so oscillating and new differ.
 * 3. Final step cold: the mirror image.
 * 4. Final step neither: historical hot when ≥ 90 % of steps were hot, historical cold when ≥ 90 %
 *    were cold, else none.
 *
 * Significance: a bin is hot when its Gi* z ≥ 1.95996 (two-sided p ≤ 0.05), cold when z ≤ −1.95996;
 * the trend is significant when the Mann-Kendall p ≤ 0.05. Esri's tool also corrects the bins for
 * multiple testing (FDR) and includes neighbouring time steps; the analysis here is per week
 * (issue #15 part 4 asks for it so) and says so in the API description.
 */
/** What the class was decided from, for the explanation. */
export interface EmergingFacts {
  steps: number;
  hotSteps: number;
  coldSteps: number;
  finalState: 'hot' | 'cold' | 'neither';
  /** Length of the final run of same-sign significant steps (0 when the final step is neither). */
  finalRun: number;
  trend: { tau: number; p: number; significant: boolean };
}

/** The significance level of bins and trend, two-sided. */
const ALPHA = 0.05;
/** The z of a two-sided p of exactly 0.05 (R: qnorm(0.975)). */
const Z_975 = 1.959963984540054;
const PERSISTENT_SHARE = 0.9;

export function emergingClass(
  giZ: readonly number[],
  trend: { tau: number; p: number },
): { id: EmergingClassId; facts: EmergingFacts } {
  const n = giZ.length;
  const hot = giZ.map((z) => z >= Z_975);
  const cold = giZ.map((z) => z <= -Z_975);
  const hotSteps = hot.filter(Boolean).length;
  const coldSteps = cold.filter(Boolean).length;
  const last = n - 1;
  const finalState = n === 0 ? 'neither' : hot[last] ? 'hot' : cold[last] ? 'cold' : 'neither';
  const significant = trend.p <= ALPHA;
  const same = finalState === 'hot' ? hot : cold;
  let finalRun = 0;
  if (finalState !== 'neither') while (finalRun < n && same[last - finalRun]) finalRun++;
  const facts: EmergingFacts = {
    steps: n,
    hotSteps,
    coldSteps,
    finalState,
    finalRun,
    trend: { tau: trend.tau, p: trend.p, significant },
  };
  return { id: classOf(facts, hot, cold), facts };
}

function classOf(facts: EmergingFacts, hot: readonly boolean[], cold: readonly boolean[]): EmergingClassId {
  const { steps, finalState, finalRun, trend } = facts;
  if (finalState === 'neither') {
    if (facts.hotSteps >= PERSISTENT_SHARE * steps) return 'historical_hot';
    if (facts.coldSteps >= PERSISTENT_SHARE * steps) return 'historical_cold';
    return 'none';
  }
  const isHot = finalState === 'hot';
  const same = isHot ? hot : cold;
  const opposite = isHot ? cold : hot;
  const sameSteps = isHot ? facts.hotSteps : facts.coldSteps;
  const suffix = isHot ? '_hot' : '_cold';
  if (sameSteps >= PERSISTENT_SHARE * steps) {
    // Hot spots intensify as their z rises; cold spots intensify as their z falls.
    const rising = trend.tau > 0;
    if (trend.significant && trend.tau !== 0) {
      return `${rising === isHot ? 'intensifying' : 'diminishing'}${suffix}` as EmergingClassId;
    }
    return `persistent${suffix}` as EmergingClassId;
  }
  const before = steps - finalRun;
  if (opposite.slice(0, before).some(Boolean)) return `oscillating${suffix}` as EmergingClassId;
  if (!same.slice(0, before).some(Boolean)) {
    return `${finalRun === 1 ? 'new' : 'consecutive'}${suffix}` as EmergingClassId;
  }
  return `sporadic${suffix}` as EmergingClassId;
}
