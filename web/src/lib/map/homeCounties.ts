import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { SessionReply } from '@contract/session.js';
import type { RegionCollection, RegionCountyProperties } from '../api/mapFeatures.js';
import type { Bbox } from './geometryBounds.js';
import { geometryBounds } from './geometryBounds.js';

/** The grid the viewer answers for, as the session names it (code as stored: 12 or 15 digits). */
export type ViewerScope = Pick<SessionReply['scope'], 'code' | 'level'>;

type RegionCounty = Feature<Polygon | MultiPolygon, RegionCountyProperties>;

/**
 * The digits a region county's code starts with when the viewer's scope lies in it or covers it:
 * the prefecture's 4 for a prefecture viewer (all its counties), else the scope's own county's 6.
 */
function homePrefix(scope: ViewerScope): string {
  return scope.code.slice(0, scope.level === 'prefecture' ? 4 : 6);
}

/**
 * The counties of the region basemap the viewer's scope decides are "home" (drawn light and
 * outlined; the rest are neighbours, dashed and labelled as context). Throws when the basemap has
 * none: a map framed on nothing would be a blank screen with no explanation.
 */
export function homeCounties(region: RegionCollection, scope: ViewerScope): RegionCounty[] {
  const prefix = homePrefix(scope);
  const home = region.features.filter((feature) => feature.properties.code.startsWith(prefix));
  if (home.length === 0) throw new Error(`the region basemap has no county for the scope ${scope.code}`);
  return home;
}

/** The box around every home county (the map's first frame). */
export function homeBounds(home: readonly RegionCounty[]): Bbox {
  return home
    .map((county) => geometryBounds(county.geometry))
    .reduce((box, next) => [
      Math.min(box[0], next[0]),
      Math.min(box[1], next[1]),
      Math.max(box[2], next[2]),
      Math.max(box[3], next[3]),
    ]);
}
