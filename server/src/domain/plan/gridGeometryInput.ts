import type { LineString, MultiPolygon, Position } from 'geojson';
import { createRequire } from 'node:module';
import { rewind } from '@turf/turf';

/** geojson-validation ships no types; only what is called here. */
interface GeojsonValidation {
  isFeature(object: unknown, trace: true): string[];
}
const gjv = createRequire(import.meta.url)('geojson-validation') as GeojsonValidation;

export type GeometryInputCheck = { ok: true; geometry: MultiPolygon } | { ok: false; reason: string };

/**
 * Checks a grid outline sent by a client or found in an imported file before anything touches the
 * database: GeoJSON structure (geojson-validation), RFC 7946 rules it does not check (no `crs`,
 * longitude/latitude ranges), and at most `maxVertices` positions. Returns it as a MultiPolygon
 * with RFC 7946 winding (shells counter-clockwise). Geometric validity (self-intersection) and
 * position against the parent are checked by PostGIS afterwards (repos/planGridRepo.ts).
 */
export function checkGridGeometry(input: unknown, maxVertices = 20_000): GeometryInputCheck {
  if (!input || typeof input !== 'object') return { ok: false, reason: 'geometry is missing or not a GeoJSON object' };
  const geometry = input as { type?: unknown; coordinates?: unknown; crs?: unknown };
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    return { ok: false, reason: `geometry must be a Polygon or MultiPolygon, not ${String(geometry.type)}` };
  }
  if ('crs' in geometry) return { ok: false, reason: 'geometry has a crs member (RFC 7946: WGS84 only)' };
  const polygons = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  ) as MultiPolygon['coordinates'];
  // Before geojson-validation, which throws on an empty ring instead of reporting it.
  if (Array.isArray(polygons)) {
    for (const rings of polygons) {
      const shape = polygonShapeProblem(rings);
      if (shape) return { ok: false, reason: shape };
    }
  }
  const structural = structuralProblems(geometry);
  if (structural.length > 0) return { ok: false, reason: `geometry is not valid GeoJSON: ${structural.join('; ')}` };
  let vertices = 0;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const position of ring) {
        vertices++;
        const problem = positionProblem(position);
        if (problem) return { ok: false, reason: problem };
      }
    }
  }
  if (vertices > maxVertices)
    return { ok: false, reason: `geometry has ${vertices} positions; at most ${maxVertices}` };
  const multi: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: polygons.map((rings) => rings.map((ring) => ring.map((p) => [Number(p[0]), Number(p[1])]))),
  };
  return { ok: true, geometry: rewind(multi) as MultiPolygon };
}

/**
 * RFC 7946 §3.1.6 rules geojson-validation lets through for empty arrays: a polygon has at least
 * its exterior ring, and a ring at least four positions, the last equal to the first.
 */
function polygonShapeProblem(rings: Position[][]): string | null {
  if (!Array.isArray(rings)) return null; // a nesting error: geojson-validation names it
  if (rings.length === 0) return 'a polygon has no rings (RFC 7946 §3.1.6: at least the exterior ring)';
  for (const ring of rings) {
    // A nesting error (a position where a ring belongs): geojson-validation names it.
    if (!Array.isArray(ring) || !ring.every((position) => Array.isArray(position))) return null;
    if (ring.length < 4) {
      return `a polygon ring has ${ring.length} positions; a linear ring needs at least four positions (RFC 7946 §3.1.6)`;
    }
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (!Array.isArray(first) || !Array.isArray(last)) return null; // nesting: geojson-validation names it
    if (first[0] !== last[0] || first[1] !== last[1])
      return 'a polygon ring is not closed: its last position must equal its first (RFC 7946 §3.1.6)';
  }
  return null;
}

export type CutLineCheck = { ok: true; line: LineString } | { ok: false; reason: string };

/** Checks a cutting line like an outline: a LineString of two or more WGS84 positions, no `crs`. */
export function checkCutLine(input: unknown): CutLineCheck {
  const line = input as { type?: unknown; coordinates?: unknown } | null;
  if (!line || typeof line !== 'object' || line.type !== 'LineString') {
    return { ok: false, reason: 'line must be a GeoJSON LineString of at least two [longitude, latitude] positions' };
  }
  if ('crs' in line) return { ok: false, reason: 'line has a crs member (RFC 7946: WGS84 only)' };
  if (!Array.isArray(line.coordinates) || line.coordinates.length < 2) {
    return { ok: false, reason: 'line must be a GeoJSON LineString of at least two [longitude, latitude] positions' };
  }
  for (const position of line.coordinates as unknown[]) {
    if (!Array.isArray(position))
      return { ok: false, reason: `line position ${JSON.stringify(position)} is not an array` };
    const problem = positionProblem(position as Position);
    if (problem) return { ok: false, reason: `line: ${problem}` };
  }
  const coordinates = (line.coordinates as Position[]).map((p) => [Number(p[0]), Number(p[1])]);
  return { ok: true, line: { type: 'LineString', coordinates } };
}

/** geojson-validation's findings; a throw inside it (malformed nesting it did not foresee) is one too. */
function structuralProblems(geometry: unknown): string[] {
  try {
    return gjv.isFeature({ type: 'Feature', properties: {}, geometry }, true);
  } catch {
    return ['coordinates are not nested as RFC 7946 requires for this geometry type'];
  }
}

/** Why a position is not WGS84 longitude/latitude, or null. */
export function positionProblem(position: Position): string | null {
  const [lon, lat] = position;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return `position ${JSON.stringify(position)} is not two numbers`;
  }
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    return `position [${lon}, ${lat}] is not longitude/latitude in degrees (a projected coordinate system, e.g. metres?); send WGS84 / CGCS2000 or GCJ-02 degrees`;
  }
  return null;
}
