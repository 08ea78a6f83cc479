import { describe, expect, it } from 'vitest';
import { centreOf, formatArea, problemFeatures } from '../../../../web/src/features/plan/editing/problemFeatures.js';

describe('problemFeatures', () => {
  it('draws an area problem as its polygon plus a labelled marker, and skips problems without a place', () => {
    const gap = {
      kind: 'gap' as const,
      severity: 'error' as const,
      area_m2: 1234.4,
      location: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [0, 0],
            [2, 0],
            [2, 2],
            [0, 2],
            [0, 0],
          ],
        ],
      },
    };
    const collection = problemFeatures(
      [{ kind: 'no_grid_head' as const, severity: 'warning' as const, code: 'X' }, gap],
      (p) => `${p.kind} ${p.area_m2}`,
    );
    expect(collection.features.map((f) => f.geometry.type)).toEqual(['Polygon', 'Point']);
    expect(collection.features[1]!.geometry).toEqual({ type: 'Point', coordinates: [1, 1] });
    expect(collection.features[1]!.properties).toEqual({ index: 1, kind: 'gap', code: '', label: 'gap 1234.4' });
  });

  it('keeps a point location as it is', () => {
    const collection = problemFeatures(
      [
        {
          kind: 'too_small' as const,
          severity: 'error' as const,
          code: 'Y',
          location: { type: 'Point', coordinates: [3, 4] },
        },
      ],
      () => '',
    );
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0]!.properties.code).toBe('Y');
  });

  it('centres a marker on the outer ring of a MultiPolygon', () => {
    expect(
      centreOf({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [4, 0],
              [4, 4],
              [0, 4],
              [0, 0],
            ],
          ],
        ],
      }),
    ).toEqual([2, 2]);
  });

  it('words areas in square metres, and hectares from one hectare up', () => {
    expect(formatArea(12.4)).toBe('12 m²');
    expect(formatArea(1234.5)).toBe('1,235 m²');
    expect(formatArea(25_000)).toBe('2.5 ha');
  });
});
