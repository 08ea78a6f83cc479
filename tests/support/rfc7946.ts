import gjv from 'geojson-validation';
import { booleanClockwise } from '@turf/turf';

/**
 * Problems that make a reply not RFC 7946 GeoJSON: geojson-validation's structural checks, plus
 * what RFC 7946 added to the 2008 spec that it does not check — no `crs`, WGS84 lon/lat ranges,
 * closed rings, exterior rings counter-clockwise and holes clockwise. Empty when valid.
 */
export function rfc7946Problems(geojson: unknown): string[] {
  const object = geojson as { type?: string; crs?: unknown; features?: { geometry?: Geometry; crs?: unknown }[] };
  const problems =
    object.type === 'Feature' ? [...gjv.isFeature(geojson, true)] : [...gjv.isFeatureCollection(geojson, true)];
  if ('crs' in object) problems.push('has a crs member');
  const features = object.type === 'Feature' ? [object as { geometry?: Geometry }] : (object.features ?? []);
  features.forEach((feature, index) => {
    if (feature.geometry) problems.push(...geometryProblems(feature.geometry).map((p) => `feature ${index}: ${p}`));
  });
  return problems;
}

interface Geometry {
  type: string;
  coordinates: unknown;
}

type Ring = number[][];

function geometryProblems(geometry: Geometry): string[] {
  switch (geometry.type) {
    case 'Point':
      return positionProblems([geometry.coordinates as number[]]);
    case 'LineString':
      return positionProblems(geometry.coordinates as number[][]);
    case 'Polygon':
      return polygonProblems(geometry.coordinates as Ring[]);
    case 'MultiPolygon':
      return (geometry.coordinates as Ring[][]).flatMap(polygonProblems);
    default:
      return [`unexpected geometry ${geometry.type}`];
  }
}

function positionProblems(positions: number[][]): string[] {
  return positions
    .filter(([lon = NaN, lat = NaN]) => !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
    .map((position) => `position ${JSON.stringify(position)} is not WGS84 lon/lat`);
}

function polygonProblems(rings: Ring[]): string[] {
  return rings.flatMap((ring, index) => {
    const problems = positionProblems(ring);
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) problems.push(`ring ${index} is not closed`);
    else if (booleanClockwise(ring) !== index > 0) {
      problems.push(index === 0 ? 'exterior ring is clockwise' : `hole ${index} is counter-clockwise`);
    }
    return problems;
  });
}
