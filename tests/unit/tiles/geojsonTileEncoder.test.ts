import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { encodeGeoJsonTile } from '../../../server/src/tiles/geojsonTileEncoder.js';
import { tileBoundsDegrees } from '../../../server/src/tiles/tileBounds.js';
import { decodeTile } from './decodeTile.js';

const tile = { z: 14, x: 12736, y: 6239 };
const box = tileBoundsDegrees(tile);
/** A lon/lat at a fraction of the tile (0,0 = north-west corner); longitude is linear in tile units. */
const at = (fx: number, fy: number): [number, number] => [
  box.west + fx * (box.east - box.west),
  box.north + fy * (box.south - box.north),
];

const point = (id: number, fx: number, fy: number, properties: Record<string, unknown>): Feature => ({
  type: 'Feature',
  id,
  properties,
  geometry: { type: 'Point', coordinates: at(fx, fy) },
});

describe('encodeGeoJsonTile', () => {
  it('writes each layer under its name with feature ids and properties, extent 4096, version 2', () => {
    const bytes = encodeGeoJsonTile(
      [{ name: 'households', features: [point(7, 0.5, 0.5, { id: 7, size: 4, groupCode: '620724105201003' })] }],
      tile,
    );
    const layers = decodeTile(bytes);
    expect(Object.keys(layers)).toEqual(['households']);
    expect(layers.households?.extent).toBe(4096);
    expect(layers.households?.version).toBe(2);
    expect(layers.households?.features).toMatchObject([
      { id: 7, type: 1, properties: { id: 7, size: 4, groupCode: '620724105201003' } },
    ]);
  });

  it('places a point in tile units: 2048 across at the middle of the tile', () => {
    const layers = decodeTile(encodeGeoJsonTile([{ name: 'households', features: [point(1, 0.5, 0.25, {})] }], tile));
    const [[position]] = layers.households!.features[0]!.geometry as [[{ x: number; y: number }]];
    expect(position.x).toBe(2048);
    // Mercator y is not linear in latitude, so only roughly a quarter down.
    expect(Math.abs(position.y - 1024)).toBeLessThan(8);
  });

  it('leaves out null properties, as ST_AsMVT does', () => {
    const layers = decodeTile(
      encodeGeoJsonTile(
        [{ name: 'county', features: [point(1, 0.5, 0.5, { code: '620724000000', parentCode: null })] }],
        tile,
      ),
    );
    expect(layers.county?.features[0]?.properties).toEqual({ code: '620724000000' });
  });

  it('clips a polygon larger than the tile to the 64-unit buffer', () => {
    const ring = [at(-1, -1), at(2, -1), at(2, 2), at(-1, 2), at(-1, -1)];
    const square: Feature = {
      type: 'Feature',
      id: 3,
      properties: { level: 'town' },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
    const layers = decodeTile(encodeGeoJsonTile([{ name: 'town', features: [square] }], tile));
    const xs = layers.town!.features[0]!.geometry.flat().map((p) => p.x);
    const ys = layers.town!.features[0]!.geometry.flat().map((p) => p.y);
    expect(Math.min(...xs)).toBe(-64);
    expect(Math.max(...xs)).toBe(4160);
    expect(Math.min(...ys)).toBe(-64);
    expect(Math.max(...ys)).toBe(4160);
  });

  it('drops a polygon that only grazes the buffer and collapses to one point, as ST_AsMVTGeom does', () => {
    // The buffer ends at 1 + 64/4096 of the tile; this triangle reaches 0.1 unit past it.
    const tip = 1 + 64 / 4096 - 0.1 / 4096;
    const sliver: Feature = {
      type: 'Feature',
      id: 9,
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[at(tip, 0.5), at(1.5, 0.49), at(1.5, 0.51), at(tip, 0.5)]] },
    };
    const whole: Feature = {
      ...sliver,
      id: 10,
      geometry: { type: 'Polygon', coordinates: [[at(0.2, 0.2), at(0.4, 0.2), at(0.4, 0.4), at(0.2, 0.2)]] },
    };
    const layers = decodeTile(encodeGeoJsonTile([{ name: 'village', features: [sliver, whole] }], tile));
    expect(layers.village?.features.map((f) => f.id)).toEqual([10]);
  });

  it('omits a layer with no features and encodes nothing at all as zero bytes', () => {
    const bytes = encodeGeoJsonTile(
      [
        { name: 'streets', features: [] },
        { name: 'households', features: [point(1, 0.2, 0.2, {})] },
      ],
      tile,
    );
    expect(Object.keys(decodeTile(bytes))).toEqual(['households']);
    expect(encodeGeoJsonTile([{ name: 'streets', features: [] }], tile).byteLength).toBe(0);
  });
});
