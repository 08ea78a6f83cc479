import { area, difference, featureCollection, polygon, union } from '@turf/turf';
import { readFileSync } from 'node:fs';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { readGaotaiOutline } from '../gaotaiReference.js';
import { gaotaiCountyCode } from './zhangyeCounties.js';

const regionFile = new URL('../../../../data/reference/gaotai-region-counties.geojson', import.meta.url);

/**
 * The six counties' outlines as a seamless partition. The reference outlines (one source,
 * simplified) overlap their neighbours by slivers along shared borders and 肃南 has exclaves; a
 * county's grid must neither overlap another nor be split. So Gaotai keeps its outline (the one
 * the county demo uses) and each other county, in code order, is its outline minus the counties
 * placed before it, keeping the largest piece. The prefecture is the union of the results, so it
 * has no gap by construction.
 */
export function prefectureCountyOutlines(codes: readonly string[]): Map<string, Polygon> {
  const file = JSON.parse(readFileSync(regionFile, 'utf8')) as {
    features: Feature<Polygon | MultiPolygon, { code: string }>[];
  };
  const raw = new Map(file.features.map((feature) => [feature.properties.code, feature.geometry]));
  const order = [gaotaiCountyCode, ...codes.filter((code) => code !== gaotaiCountyCode).sort()];
  const outlines = new Map<string, Polygon>();
  let placed: Feature<Polygon | MultiPolygon> | null = null;
  for (const code of order) {
    const source = code === gaotaiCountyCode ? readGaotaiOutline() : raw.get(code);
    if (!source) throw new Error(`gaotai-region-counties.geojson has no outline for ${code}`);
    let shape: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry: largestPolygon(source) };
    if (placed) {
      const rest = difference(featureCollection([shape, placed]));
      if (!rest) throw new Error(`county ${code} lies entirely inside its neighbours`);
      shape = rest;
    }
    const outline = largestPolygon(shape.geometry);
    outlines.set(code, outline);
    const piece = polygon(outline.coordinates);
    placed = placed ? union(featureCollection([placed, piece])) : piece;
  }
  return outlines;
}

function largestPolygon(geometry: Polygon | MultiPolygon): Polygon {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: [geometry.coordinates[0]!] };
  let best: Polygon | null = null;
  let bestArea = -1;
  for (const coordinates of geometry.coordinates) {
    const candidate: Polygon = { type: 'Polygon', coordinates: [coordinates[0]!] };
    const size = area(candidate);
    if (size > bestArea) [best, bestArea] = [candidate, size];
  }
  if (!best) throw new Error('an outline with no polygon');
  return best;
}
