import { describe, expect, it } from 'vitest';
import { distance } from '@turf/turf';
import { gcj02ToWgs84, readImportFile } from '../../../server/src/domain/plan/importFile.js';
import { checkCutLine, checkGridGeometry } from '../../../server/src/domain/plan/gridGeometryInput.js';
import { deviationPercent, imbalanceProblems } from '../../../server/src/domain/plan/householdBalance.js';

const squareRing = [
  [99.8, 39.4],
  [99.801, 39.4],
  [99.801, 39.401],
  [99.8, 39.401],
  [99.8, 39.4],
];

describe('readImportFile', () => {
  it('refuses whole files that are not GeoJSON FeatureCollections or declare a projected crs', () => {
    expect(readImportFile('{')).toMatchObject({ ok: false, status: 400 });
    expect(readImportFile([])).toMatchObject({ ok: false, status: 400 });
    expect(readImportFile({ type: 'Feature' })).toMatchObject({ ok: false, status: 400 });
    expect(readImportFile({ type: 'FeatureCollection', features: [] })).toMatchObject({ ok: false, status: 422 });
    const crs = { type: 'name', properties: { name: 'EPSG:3857' } };
    expect(readImportFile({ type: 'FeatureCollection', crs, features: [{}] })).toMatchObject({
      ok: false,
      status: 422,
    });
    const wgs = { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } };
    const polygon = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [squareRing] } };
    expect(readImportFile({ type: 'FeatureCollection', crs: wgs, features: [polygon] })).toMatchObject({ ok: true });
  });

  it('rejects bad features one by one with their index and keeps the good ones', () => {
    const result = readImportFile({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: 'abc' }, geometry: { type: 'Polygon', coordinates: [squareRing] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [squareRing.slice(0, 3)] } },
        {
          type: 'Feature',
          properties: { code: '620724100201001' },
          geometry: { type: 'Polygon', coordinates: [squareRing] },
        },
        {
          type: 'Feature',
          properties: { code: '620724100201001' },
          geometry: { type: 'Polygon', coordinates: [squareRing] },
        },
      ],
    });
    if (!result.ok) throw new Error('expected ok');
    expect(result.grids.map((grid) => [grid.index, grid.code, grid.level])).toEqual([[2, '620724100201001', 'group']]);
    expect(result.rejected.map((r) => r.index)).toEqual([0, 1, 3]);
    expect(result.rejected[1]!.reason).toMatch(/at least four positions|first and last/);
    expect(result.rejected[2]!.reason).toMatch(/twice/);
  });

  it('moves GCJ-02 positions back by the few hundred metres of the offset', () => {
    const converted = gcj02ToWgs84({ type: 'MultiPolygon', coordinates: [[squareRing]] });
    const metres = distance(squareRing[0]!, converted.coordinates[0]![0]![0]!, { units: 'kilometers' }) * 1000;
    expect(metres).toBeGreaterThan(100);
    expect(metres).toBeLessThan(1000);
    const ring = converted.coordinates[0]![0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });
});

describe('checkGridGeometry', () => {
  it('returns a counter-clockwise MultiPolygon and refuses what is not lon/lat', () => {
    const clockwise = [...squareRing].reverse();
    const checked = checkGridGeometry({ type: 'Polygon', coordinates: [clockwise] });
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.geometry.type).toBe('MultiPolygon');
    expect(checked.geometry.coordinates[0]![0]).toEqual(squareRing);
    expect(
      checkGridGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [1e6, 1],
            [1e6, 2],
            [1e6 + 1, 2],
            [1e6, 1],
          ],
        ],
      }),
    ).toMatchObject({ ok: false });
    expect(checkGridGeometry({ type: 'Polygon', crs: {}, coordinates: [squareRing] })).toMatchObject({ ok: false });
  });

  it('names an empty ring, a polygon without rings, an open ring and bad nesting instead of throwing', () => {
    const reason = (geometry: unknown) => {
      const checked = checkGridGeometry(geometry);
      return checked.ok ? 'accepted' : checked.reason;
    };
    expect(reason({ type: 'Polygon', coordinates: [[]] })).toMatch(/0 positions.*at least four/);
    expect(reason({ type: 'Polygon', coordinates: [] })).toMatch(/no rings/);
    expect(reason({ type: 'MultiPolygon', coordinates: [[squareRing], []] })).toMatch(/no rings/);
    expect(reason({ type: 'Polygon', coordinates: [[...squareRing.slice(0, -1), [0.5, 0.5]]] })).toMatch(/not closed/);
    expect(reason({ type: 'Polygon', coordinates: [[[null], [null], [null], [null]]] })).toMatch(/GeoJSON|nested/);
    expect(reason({ type: 'Polygon', coordinates: squareRing })).toMatch(/GeoJSON|nested/);
  });
});

describe('checkCutLine', () => {
  it('takes a LineString of two or more degree positions and names what else it got', () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [99.66, 39.37],
        [99.67, 39.38],
      ],
    };
    expect(checkCutLine(line)).toEqual({ ok: true, line });
    const reason = (input: unknown) => {
      const checked = checkCutLine(input);
      return checked.ok ? 'accepted' : checked.reason;
    };
    expect(reason({ ...line, crs: { type: 'name', properties: { name: 'EPSG:3857' } } })).toMatch(/crs/);
    expect(
      reason({
        type: 'LineString',
        coordinates: [
          [33_500_000, 4_360_000],
          [33_500_200, 4_360_200],
        ],
      }),
    ).toMatch(/longitude\/latitude in degrees/);
    expect(reason({ type: 'LineString', coordinates: [[99.66, 39.37]] })).toMatch(/at least two/);
    expect(reason({ type: 'Polygon', coordinates: [squareRing] })).toMatch(/LineString/);
    expect(
      reason({
        type: 'LineString',
        coordinates: [
          ['99.66', '39.37'],
          [99.67, 39.38],
        ],
      }),
    ).toMatch(/two numbers/);
    expect(reason(null)).toMatch(/LineString/);
  });
});

describe('household balance', () => {
  it('measures the deviation from the siblings’ mean in percent', () => {
    expect(deviationPercent(15, 10)).toBe(50);
    expect(deviationPercent(4, 10)).toBe(-60);
    const problems = imbalanceProblems([
      { code: 'a', parentCode: 'v', households: 4 },
      { code: 'b', parentCode: 'v', households: 10 },
      { code: 'c', parentCode: 'v', households: 16 },
      { code: 'd', parentCode: 'w', households: 99 },
    ]);
    expect(problems.map((p) => [p.code, p.deviation_pct])).toEqual([
      ['a', -60],
      ['c', 60],
    ]);
  });
});
