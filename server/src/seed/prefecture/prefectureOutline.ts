import { area, featureCollection, intersect, multiPolygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

/**
 * The prefecture's outline: the union of its counties' outlines, so the top level has no gap or
 * overlap with its children by construction. The counties themselves must not overlap (checked
 * here: the reference outlines share their border vertices exactly, see data/reference/README.md);
 * an overlap would give two counties the same ground, so it is an error, not something to clip.
 */
export function prefectureOutline(counties: readonly { code: string; geometry: Polygon | MultiPolygon }[]): Polygon {
  const features = counties.map((county) => asFeature(county.geometry));
  for (let a = 0; a < features.length; a++) {
    for (let b = a + 1; b < features.length; b++) {
      const shared = intersect(featureCollection([features[a]!, features[b]!]));
      if (shared && area(shared) > 1) {
        throw new Error(
          `counties ${counties[a]!.code} and ${counties[b]!.code} overlap by ${area(shared).toFixed(0)} m²`,
        );
      }
    }
  }
  const merged = union(featureCollection(features));
  if (!merged || merged.geometry.type !== 'Polygon') throw new Error('the counties do not form one prefecture outline');
  return merged.geometry;
}

function asFeature(geometry: Polygon | MultiPolygon): Feature<MultiPolygon> {
  return multiPolygon(geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);
}
