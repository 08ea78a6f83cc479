import { Type, type Static } from 'typebox';
import { GridCodeString } from './gridCode.js';

/**
 * Emerging hot spots (`GET /api/hotspots`, issue #15 part 4): weekly case counts per village or
 * group over 52 weeks, each week's Getis-Ord Gi* z-score, the Mann-Kendall trend of those z-scores,
 * and the class of Esri's emerging hot spot analysis (domain/hotspots/emergingClass.ts).
 */

/** The classes of Esri's emerging hot spot analysis, hot then cold, and `none` (no pattern detected). */
export const EMERGING_CLASSES = [
  'new_hot',
  'consecutive_hot',
  'intensifying_hot',
  'persistent_hot',
  'diminishing_hot',
  'sporadic_hot',
  'oscillating_hot',
  'historical_hot',
  'new_cold',
  'consecutive_cold',
  'intensifying_cold',
  'persistent_cold',
  'diminishing_cold',
  'sporadic_cold',
  'oscillating_cold',
  'historical_cold',
  'none',
] as const;
export type EmergingClassId = (typeof EMERGING_CLASSES)[number];

/** How many weeks the analysis looks back over, the week of `at` last. */
export const HOTSPOT_WEEKS = 52;

export const HotspotQuery = Type.Object({
  grid: GridCodeString('the area analysed: a prefecture, county, town (or, for groups, a village)'),
  level: Type.Enum(['village', 'group'], { description: 'the grids counted and compared: villages or groups' }),
  category: Type.Optional(
    Type.String({ pattern: '^[a-z_]{2,32}$', description: 'count only cases of this category (default: all)' }),
  ),
  at: Type.Optional(
    Type.String({
      description:
        'ISO 8601 instant (e.g. 2026-11-30T12:00:00+08:00) inside the case history; its week is the last of the 52 and cases reported after it are not counted (default: now)',
    }),
  ),
});
export type HotspotQuery = Static<typeof HotspotQuery>;

export const HotspotTrend = Type.Object({
  S: Type.Integer({ description: 'Mann-Kendall score of the 52 z-scores: Σ sign(z_j − z_i) over i < j' }),
  tau: Type.Number({ description: 'S / (n(n−1)/2), −1..1' }),
  p: Type.Number({ description: 'two-sided p-value (normal approximation, tie and continuity corrections)' }),
});
export type HotspotTrend = Static<typeof HotspotTrend>;

export const HotspotGrid = Type.Object({
  code: Type.String({ description: 'the village or group' }),
  name: Type.String(),
  counts: Type.Array(Type.Integer(), { description: 'cases reported in each week, oldest first' }),
  neighbours: Type.Array(Type.String(), {
    description: 'codes of the grids of the same level that share at least a boundary point (queen contiguity)',
  }),
  giZ: Type.Array(Type.Number(), {
    description: 'Getis-Ord Gi* z-score of each week (binary weights, the grid itself included)',
  }),
  trend: HotspotTrend,
  class: Type.Enum([...EMERGING_CLASSES]),
  explanation: Type.String({ description: 'why, in one zh-CN sentence' }),
  explanationEn: Type.String({ description: 'the same in English' }),
});
export type HotspotGrid = Static<typeof HotspotGrid>;

export const HotspotReply = Type.Object({
  grid: Type.String({ description: 'the area analysed (the viewer’s part of the asked grid)' }),
  level: Type.Enum(['village', 'group']),
  category: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time', description: 'the instant counted up to' }),
  weeks: Type.Array(Type.String({ format: 'date' }), {
    description: 'the Monday (China date) of each of the 52 weeks, oldest first',
  }),
  grids: Type.Array(HotspotGrid),
});
export type HotspotReply = Static<typeof HotspotReply>;
