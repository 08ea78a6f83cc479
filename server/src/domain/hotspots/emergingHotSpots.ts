import { emergingClass } from './emergingClass.js';
import { giStarZ } from './giStar.js';
import { hotspotExplanation } from './hotspotExplanation.js';
import { mannKendall } from './mannKendall.js';
import type { EmergingClassId } from '../../contract/hotspots.js';

/** A space-time cube: locations × time steps of counts, and which locations touch. */
export interface CountCube {
  /** counts[location][step]; every row the same length. */
  counts: readonly (readonly number[])[];
  /** neighbours[location]: the indices of the locations it touches, itself NOT included. */
  neighbours: readonly (readonly number[])[];
}

export interface EmergingHotSpot {
  giZ: number[];
  trend: { S: number; tau: number; p: number };
  class: EmergingClassId;
  explanation: string;
  explanationEn: string;
}

/**
 * The emerging hot spot analysis of a cube (issue #15 part 4): for each time step the Gi* z-score
 * of every location over all locations of that step (its neighbourhood = itself + its neighbours,
 * binary weights), then per location the Mann-Kendall trend of its z-scores and its Esri class.
 * Pure: no I/O; the result is in the cube's location order.
 */
export function emergingHotSpots(cube: CountCube): EmergingHotSpot[] {
  const locations = cube.counts.length;
  const steps = cube.counts[0]?.length ?? 0;
  if (cube.neighbours.length !== locations) {
    throw new RangeError(`emergingHotSpots: ${locations} count rows but ${cube.neighbours.length} neighbour lists`);
  }
  const neighbourhoods = cube.neighbours.map((list, self) => [self, ...list.filter((other) => other !== self)]);
  const giZ = Array.from({ length: locations }, () => new Array<number>(steps));
  for (let step = 0; step < steps; step++) {
    const slice = cube.counts.map((row) => row[step]!);
    const z = giStarZ(slice, neighbourhoods);
    for (let location = 0; location < locations; location++) giZ[location]![step] = z[location]!;
  }
  return giZ.map((series) => {
    const trend = mannKendall(series);
    const { id, facts } = emergingClass(series, trend);
    const explanation = hotspotExplanation(id, facts);
    return {
      giZ: series,
      trend: { S: trend.S, tau: trend.tau, p: trend.p },
      class: id,
      explanation: explanation.zh,
      explanationEn: explanation.en,
    };
  });
}
