import type { EmergingClassId } from '../contract/hotspots.js';

/**
 * The patterns planted in the demo's year of cases (issue #15 part 1) so the emerging hot spot
 * analysis (GET /api/hotspots) and the early warning (GET /api/alerts) have something real to find.
 * Each is a cluster: a village and its queen neighbours, most of the cases in the village itself.
 *
 * - intensifying: irrigation and land disputes in a village downstream on a canal whose water share
 *   was cut, rising steadily over the year (6 → 16 a week at Gaotai's size): a hot spot nearly every
 *   week, ever hotter (Esri: intensifying hot spot);
 * - diminishing: neighbour disputes in a relocation settlement (易地搬迁安置点) that settled down
 *   after mediation, falling from 16 to 6 a week but still above the county (diminishing hot spot);
 * - new: odour complaints around a cattle farm that opened this week, nothing before (new hot spot).
 *
 * The counts are fixed per week, not drawn, so the classes do not hang on chance; the seed checks
 * the classes with the analysis itself and moves a cluster to another village if noise there
 * would change its class (seedCases.ts).
 */
export type PlantedKind = 'intensifying' | 'diminishing' | 'new';

export interface PlantedCluster {
  kind: PlantedKind;
  /** The class GET /api/hotspots is meant to give the centre village. */
  expected: EmergingClassId;
  category: string;
  /** Share of the cluster's cases in the centre village; the rest in its neighbours. */
  centreShare: number;
}

export const PLANTED_CLUSTERS: readonly PlantedCluster[] = [
  { kind: 'intensifying', expected: 'intensifying_hot', category: 'land_boundary', centreShare: 0.6 },
  { kind: 'diminishing', expected: 'diminishing_hot', category: 'neighbour_dispute', centreShare: 0.6 },
  { kind: 'new', expected: 'new_hot', category: 'environment', centreShare: 0.7 },
];

/**
 * Cases of a cluster in each of `weeks` weeks (the last one running until now, `finalShare` of it
 * gone), at a county `scale` relative to Gaotai's. The last week gets at least 8 whatever the
 * hour: it also holds the open cases topped up over the last nine days, against which a Tuesday
 * morning's 4 were no hot spot (the seed then settled for historical_hot). Pure.
 */
export function plantedWeeklyCounts(kind: PlantedKind, weeks: number, finalShare: number, scale: number): number[] {
  const size = Math.max(scale, 0.4);
  const rate = (week: number): number => {
    const along = weeks <= 1 ? 1 : week / (weeks - 1);
    if (kind === 'intensifying') return size * (6 + 10 * along);
    if (kind === 'diminishing') return size * (16 - 10 * along);
    return week === weeks - 1 ? size * 14 : 0;
  };
  const floor = 8;
  return Array.from({ length: weeks }, (_, week) =>
    week === weeks - 1 ? Math.max(floor, Math.round(rate(week) * finalShare)) : Math.round(rate(week)),
  );
}

/**
 * Villages a cluster may be centred on, in a deterministic order drawn with `random`: at least
 * three neighbours (a cluster needs a neighbourhood) and no village within two steps of `avoid`
 * (clusters must not overlap, or one would lend its cases to another's Gi*).
 */
export function clusterCandidates(
  villages: readonly string[],
  neighbours: ReadonlyMap<string, readonly string[]>,
  avoid: readonly string[],
  random: () => number,
): string[] {
  const near = new Set<string>();
  for (const centre of avoid) {
    near.add(centre);
    for (const one of neighbours.get(centre) ?? []) {
      near.add(one);
      for (const two of neighbours.get(one) ?? []) near.add(two);
    }
  }
  const candidates = villages.filter((code) => (neighbours.get(code)?.length ?? 0) >= 3 && !near.has(code));
  // Fisher–Yates with the seed's stream: the same county gets the same villages.
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  return candidates;
}
