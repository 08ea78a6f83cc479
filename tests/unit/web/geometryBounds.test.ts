import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { expandBounds, geometryBounds } from '../../../web/src/lib/map/geometryBounds.js';

const region = JSON.parse(
  readFileSync(new URL('../../../data/reference/gaotai-region-counties.geojson', import.meta.url), 'utf8'),
) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;

describe('geometryBounds', () => {
  it('gives Gaotai the bbox its data README states', () => {
    const gaotai = region.features.find((feature) => feature.properties.code === '620724000000');
    expect(geometryBounds(gaotai!.geometry)).toEqual([98.959135, 39.071595, 100.115429, 39.887925]);
  });

  it('covers every part of a multi-part county (肃南, 4 parts)', () => {
    const sunan = region.features.find((feature) => feature.properties.code === '620721000000')!;
    expect(sunan.geometry.type).toBe('MultiPolygon');
    expect(geometryBounds(sunan.geometry)).toEqual([97.393652, 37.627368, 102.204134, 39.779568]);
  });

  it('bounds points, lines and collections alike', () => {
    expect(geometryBounds({ type: 'Point', coordinates: [99.8, 39.4] })).toEqual([99.8, 39.4, 99.8, 39.4]);
    expect(
      geometryBounds({
        type: 'GeometryCollection',
        geometries: [
          {
            type: 'LineString',
            coordinates: [
              [99, 39],
              [99.5, 39.2],
            ],
          },
          { type: 'MultiPoint', coordinates: [[100, 38.5]] },
        ],
      }),
    ).toEqual([99, 38.5, 100, 39.2]);
  });

  it('refuses a geometry with no coordinates rather than returning infinities', () => {
    expect(() => geometryBounds({ type: 'MultiPolygon', coordinates: [] })).toThrow(/no coordinates/);
  });

  it('grows a box by a share of its size on every side', () => {
    expect(expandBounds([0, 0, 2, 1], 0.5)).toEqual([-1, -0.5, 3, 1.5]);
  });
});
