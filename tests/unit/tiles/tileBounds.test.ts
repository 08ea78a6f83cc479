import { describe, expect, it } from 'vitest';
import { MERCATOR_MAX_LATITUDE, pixelSpanDegrees, tileBoundsDegrees } from '../../../server/src/tiles/tileBounds.js';

/** The tile containing a lon/lat point (the usual slippy-map formula). */
function tileAt(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const φ = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n),
  };
}

describe('tileBoundsDegrees', () => {
  it('gives the whole Web Mercator world at zoom 0', () => {
    const world = tileBoundsDegrees({ z: 0, x: 0, y: 0 });
    expect(world.west).toBe(-180);
    expect(world.east).toBe(180);
    expect(world.north).toBeCloseTo(MERCATOR_MAX_LATITUDE, 10);
    expect(world.south).toBeCloseTo(-MERCATOR_MAX_LATITUDE, 10);
  });

  it('round-trips: the tile of a point in Gaotai contains that point at every zoom', () => {
    const [lon, lat] = [99.8181, 39.377645];
    for (let z = 0; z <= 22; z++) {
      const box = tileBoundsDegrees(tileAt(lon, lat, z));
      expect(lon).toBeGreaterThanOrEqual(box.west);
      expect(lon).toBeLessThan(box.east);
      expect(lat).toBeGreaterThan(box.south);
      expect(lat).toBeLessThanOrEqual(box.north);
    }
  });

  it('makes neighbouring tiles share their edges', () => {
    const a = tileBoundsDegrees({ z: 14, x: 12736, y: 6239 });
    const right = tileBoundsDegrees({ z: 14, x: 12737, y: 6239 });
    const below = tileBoundsDegrees({ z: 14, x: 12736, y: 6240 });
    expect(right.west).toBeCloseTo(a.east, 12);
    expect(below.north).toBeCloseTo(a.south, 12);
  });

  it('grows the box by the buffer: 64 units are 1/64 of the tile side in longitude', () => {
    const tile = { z: 10, x: 796, y: 389 };
    const exact = tileBoundsDegrees(tile);
    const buffered = tileBoundsDegrees(tile, 64);
    const width = exact.east - exact.west;
    expect(exact.west - buffered.west).toBeCloseTo(width / 64, 12);
    expect(buffered.east - exact.east).toBeCloseTo(width / 64, 12);
    expect(buffered.north).toBeGreaterThan(exact.north);
    expect(buffered.south).toBeLessThan(exact.south);
  });

  it('clamps a buffer that crosses the antimeridian instead of wrapping it', () => {
    const east = tileBoundsDegrees({ z: 1, x: 1, y: 0 }, 64);
    expect(east.east).toBe(180);
    expect(east.west).toBeLessThan(0);
    const west = tileBoundsDegrees({ z: 1, x: 0, y: 1 }, 64);
    expect(west.west).toBe(-180);
  });
});

describe('pixelSpanDegrees', () => {
  it('is 8 tile units of longitude, halving with each zoom', () => {
    expect(pixelSpanDegrees(0)).toBeCloseTo((360 / 4096) * 8, 12);
    expect(pixelSpanDegrees(11) / pixelSpanDegrees(12)).toBeCloseTo(2, 12);
  });
});
