import type { Position } from 'geojson';

/**
 * Metric offsets on a local flat approximation around Gaotai (latitude ≈ 39.5°). Over a county
 * the error is well under 1 %, plenty for placing synthetic settlements; stored areas and lengths
 * are computed by PostGIS on the geography.
 */
const metresPerDegreeLat = 110_950;
const metresPerDegreeLon = 111_320 * Math.cos((39.5 * Math.PI) / 180);

export function offsetMetres(origin: Position, east: number, north: number): [number, number] {
  return [origin[0]! + east / metresPerDegreeLon, origin[1]! + north / metresPerDegreeLat];
}

export function distanceMetres(a: Position, b: Position): number {
  return Math.hypot((a[0]! - b[0]!) * metresPerDegreeLon, (a[1]! - b[1]!) * metresPerDegreeLat);
}

/** Distance from a point to a polyline, in metres. */
export function distanceToLineMetres(p: Position, line: readonly Position[]): number {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const ax = (b[0]! - a[0]!) * metresPerDegreeLon;
    const ay = (b[1]! - a[1]!) * metresPerDegreeLat;
    const px = (p[0]! - a[0]!) * metresPerDegreeLon;
    const py = (p[1]! - a[1]!) * metresPerDegreeLat;
    const t = Math.max(0, Math.min(1, (px * ax + py * ay) / (ax * ax + ay * ay || 1)));
    best = Math.min(best, Math.hypot(px - t * ax, py - t * ay));
  }
  return best;
}
