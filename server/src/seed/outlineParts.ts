import { area } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';

/** The polygons of an outline: itself, or each part of a MultiPolygon (holes kept). */
export function outlineParts(outline: Polygon | MultiPolygon): Polygon[] {
  if (outline.type === 'Polygon') return [outline];
  return outline.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

/** The part with the largest area (the outline itself when it is one polygon). */
export function largestPart(outline: Polygon | MultiPolygon): Polygon {
  return outlineParts(outline).reduce((best, part) => (area(part) > area(best) ? part : best));
}
