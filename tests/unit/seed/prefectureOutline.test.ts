import { area, booleanPointInPolygon, polygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { prefectureOutline } from '../../../server/src/seed/prefecture/prefectureOutline.js';
import { readCountyOutlines } from '../../../server/src/seed/prefecture/zhangyeReference.js';

const outlines = readCountyOutlines();

describe('prefectureOutline', () => {
  it('is one polygon without holes covering all six counties, 肃南’s exclaves included', () => {
    expect(outlines.map((county) => county.name)).toEqual([
      '甘州区',
      '肃南裕固族自治县',
      '民乐县',
      '临泽县',
      '高台县',
      '山丹县',
    ]);
    const outline = prefectureOutline(outlines);
    expect(outline.coordinates).toHaveLength(1);
    const countyArea = outlines.reduce((sum, county) => sum + area(county.geometry), 0);
    // The counties share their borders exactly: the union's area is their sum (38,566 km²).
    expect(Math.abs(area(outline) - countyArea)).toBeLessThan(1e6);
    expect(area(outline) / 1e6).toBeGreaterThan(38_500);
    for (const county of outlines) expect(booleanPointInPolygon(county.labelPoint, outline)).toBe(true);
  }, 60_000);

  it('refuses counties that overlap', () => {
    const square = (x: number): Polygon =>
      polygon([
        [
          [x, 0],
          [x + 1, 0],
          [x + 1, 1],
          [x, 1],
          [x, 0],
        ],
      ]).geometry;
    expect(() =>
      prefectureOutline([
        { code: 'a', geometry: square(0) },
        { code: 'b', geometry: square(0.5) },
      ]),
    ).toThrow(/counties a and b overlap/);
    expect(
      prefectureOutline([
        { code: 'a', geometry: square(0) },
        { code: 'b', geometry: square(1) },
      ]).coordinates,
    ).toHaveLength(1);
  });
});
