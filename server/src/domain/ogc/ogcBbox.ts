import type { OgcCrs } from './ogcCrs.js';

/**
 * The `bbox` parameter of OGC API – Features (Part 1 §7.15.3, Part 2 `bbox-crs`): four numbers
 * (or six, with heights, which are ignored: gridmap's geometry is 2D), lower corner then upper
 * corner, each in the axis order of the bbox's CRS. Pure: no I/O.
 */

/** A box in the x/y order of `srid` (longitude/latitude for 4326, easting/northing for 3857). */
export interface Envelope {
  srid: 4326 | 3857;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Web Mercator's square: ±π × 6378137 m on both axes (latitude ±85.05°). */
const MERCATOR_HALF_WORLD_M = Math.PI * 6_378_137;

export type BboxReading = { envelopes: Envelope[] } | { problem: string };

/**
 * The envelopes a bbox selects in `crs`: one, or two when a longitude range crosses the
 * antimeridian (west edge east of the east edge, as the standard allows). A problem names what
 * is wrong (the route answers 400).
 */
export function readBbox(text: string, crs: OgcCrs): BboxReading {
  const parts = text.split(',');
  if (parts.length !== 4 && parts.length !== 6) {
    return { problem: `"bbox" must be 4 or 6 comma-separated numbers, got ${parts.length}` };
  }
  const numbers = parts.map((part) =>
    /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(part) ? Number(part) : NaN,
  );
  if (numbers.some((n) => !Number.isFinite(n))) return { problem: '"bbox" must be numbers only' };
  const half = numbers.length / 2;
  // The first two ordinates of each corner; a third (height) is ignored.
  const [a1, b1, a2, b2] = [numbers[0]!, numbers[1]!, numbers[half]!, numbers[half + 1]!];
  if (crs.axisOrder === 'eastNorth') return mercatorEnvelope(a1, b1, a2, b2);
  const [lon1, lat1, lon2, lat2] = crs.axisOrder === 'latLon' ? [b1, a1, b2, a2] : [a1, b1, a2, b2];
  return geographicEnvelopes(lon1, lat1, lon2, lat2);
}

function geographicEnvelopes(west: number, south: number, east: number, north: number): BboxReading {
  if ([south, north].some((lat) => lat < -90 || lat > 90)) return { problem: '"bbox" latitudes must lie in -90..90' };
  if ([west, east].some((lon) => lon < -180 || lon > 180))
    return { problem: '"bbox" longitudes must lie in -180..180' };
  if (south > north) return { problem: '"bbox" lower corner must not lie north of the upper corner' };
  if (west <= east) return { envelopes: [{ srid: 4326, minX: west, minY: south, maxX: east, maxY: north }] };
  return {
    envelopes: [
      { srid: 4326, minX: west, minY: south, maxX: 180, maxY: north },
      { srid: 4326, minX: -180, minY: south, maxX: east, maxY: north },
    ],
  };
}

function mercatorEnvelope(minX: number, minY: number, maxX: number, maxY: number): BboxReading {
  if ([minX, minY, maxX, maxY].some((m) => Math.abs(m) > MERCATOR_HALF_WORLD_M + 1)) {
    return { problem: `"bbox" in EPSG:3857 must lie within ±${Math.round(MERCATOR_HALF_WORLD_M)} m` };
  }
  if (minX > maxX || minY > maxY) return { problem: '"bbox" lower corner must lie below and left of the upper corner' };
  return { envelopes: [{ srid: 3857, minX, minY, maxX, maxY }] };
}
