import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { outlineParts } from '../../../server/src/seed/outlineParts.js';
import { syntheticCountyProfile } from '../../../server/src/seed/prefecture/syntheticCountyProfile.js';
import { readCountyOutlines, readZhangyeDivisions } from '../../../server/src/seed/prefecture/zhangyeReference.js';
import { SeededRandom } from '../../../server/src/seed/seededRandom.js';

const outlines = readCountyOutlines();
const { counties } = readZhangyeDivisions();
const townsOf = (code: string) => counties.get(code)!.filter((record) => record.level === 'town');

describe('syntheticCountyProfile', () => {
  it('puts the first town at the county seat and every town inside the county, apart from each other', () => {
    for (const outline of outlines.filter((county) => county.code !== '620724000000')) {
      const towns = townsOf(outline.code);
      const profile = syntheticCountyProfile(outline.geometry, towns, outline.labelPoint, new SeededRandom(1));
      const anchors = towns.map((town) => profile.townAnchors[town.code]!);
      expect(anchors[0]).toEqual(outline.labelPoint);
      for (const anchor of anchors) expect(booleanPointInPolygon(anchor, outline.geometry)).toBe(true);
      expect(new Set(anchors.map((anchor) => anchor.join(','))).size).toBe(towns.length);
    }
  });

  it('gives each of 肃南’s four parts a town, 皇城镇 and 明花乡 the exclaves they are in', () => {
    const sunan = outlines.find((county) => county.code === '620721000000')!;
    const parts = outlineParts(sunan.geometry);
    expect(parts).toHaveLength(4);
    const towns = townsOf(sunan.code);
    const profile = syntheticCountyProfile(sunan.geometry, towns, sunan.labelPoint, new SeededRandom(7), {
      皇城镇: [101.8, 37.85],
      明花乡: [99.2, 39.55],
    });
    const partOf = (name: string) =>
      parts.findIndex((part) =>
        booleanPointInPolygon(profile.townAnchors[towns.find((town) => town.name === name)!.code]!, part),
      );
    for (const [index, part] of parts.entries()) {
      const inside = towns.filter((town) => booleanPointInPolygon(profile.townAnchors[town.code]!, part));
      expect(inside.length, `part ${index}`).toBeGreaterThan(0);
    }
    // 皇城 lies east of 山丹 (lon > 101.3), 明花 west of 高台 (lat > 39.3).
    expect(parts[partOf('皇城镇')]!.coordinates[0]!.every(([lon]) => lon! > 101.3)).toBe(true);
    expect(parts[partOf('明花乡')]!.coordinates[0]!.every(([, lat]) => lat! > 39.3)).toBe(true);
  });

  it('is the same for the same seed', () => {
    const linze = outlines.find((county) => county.code === '620723000000')!;
    const draw = (seed: number) =>
      syntheticCountyProfile(linze.geometry, townsOf(linze.code), linze.labelPoint, new SeededRandom(seed));
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });
});
