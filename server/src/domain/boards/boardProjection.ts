import type { Box } from './boardSheet.js';

/** `[west, south, east, north]` in degrees (EPSG:4326). */
export type LonLatBbox = readonly [number, number, number, number];

/** Mean Earth radius (IUGG), metres: the scale bar's unit. */
const EARTH_RADIUS_M = 6_371_008.8;
const RADIANS = Math.PI / 180;

/**
 * A map frame's projection: a local equirectangular projection centred on the grid, scaled to fit
 * the frame with the grid's aspect kept. A group or village spans a few kilometres, where this
 * differs from a conformal projection by far less than a printed line's width (the scale along a
 * parallel is exact at the centre latitude and off by (Δφ)²/2 elsewhere: < 0.01 % over 10 km).
 */
export interface FrameProjection {
  /** The page point (x right, y down) of a position. */
  project(lon: number, lat: number): [number, number];
  /** Ground metres one point of the page stands for (the scale bar's length comes from it). */
  metresPerPoint: number;
  /** What the frame shows, in degrees: at least the grid with its padding, wider on one axis. */
  extent: LonLatBbox;
}

/**
 * Fits `bbox` inside `frame`, leaving `paddingShare` of the frame's smaller side empty around it.
 * A bbox of no width or height (one point) is shown as 100 m across.
 */
export function fitFrameProjection(bbox: LonLatBbox, frame: Box, paddingShare = 0.06): FrameProjection {
  if (frame.width <= 0 || frame.height <= 0) throw new RangeError('the map frame has no area');
  const [west, south, east, north] = bbox;
  if (!(west <= east && south <= north)) throw new RangeError(`not a bbox: ${bbox.join(',')}`);
  const centreLon = (west + east) / 2;
  const centreLat = (south + north) / 2;
  const metresPerDegreeLat = EARTH_RADIUS_M * RADIANS;
  const metresPerDegreeLon = metresPerDegreeLat * Math.cos(centreLat * RADIANS);
  const widthM = Math.max((east - west) * metresPerDegreeLon, 100);
  const heightM = Math.max((north - south) * metresPerDegreeLat, 100);
  const padding = Math.min(frame.width, frame.height) * paddingShare;
  const usableWidth = frame.width - 2 * padding;
  const usableHeight = frame.height - 2 * padding;
  const metresPerPoint = Math.max(widthM / usableWidth, heightM / usableHeight);
  const frameCentreX = frame.x + frame.width / 2;
  const frameCentreY = frame.y + frame.height / 2;
  const halfWidthDeg = (frame.width / 2) * (metresPerPoint / metresPerDegreeLon);
  const halfHeightDeg = (frame.height / 2) * (metresPerPoint / metresPerDegreeLat);
  return {
    project(lon, lat) {
      return [
        frameCentreX + ((lon - centreLon) * metresPerDegreeLon) / metresPerPoint,
        frameCentreY - ((lat - centreLat) * metresPerDegreeLat) / metresPerPoint,
      ];
    },
    metresPerPoint,
    extent: [centreLon - halfWidthDeg, centreLat - halfHeightDeg, centreLon + halfWidthDeg, centreLat + halfHeightDeg],
  };
}

/** The bbox of a set of positions; null when there is none. */
export function positionsBbox(positions: Iterable<readonly [number, number] | readonly number[]>): LonLatBbox | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [lon, lat] of positions) {
    if (lon === undefined || lat === undefined) continue;
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return west <= east ? [west, south, east, north] : null;
}
