import type { Feature, Polygon } from 'geojson';
import { area, polygon } from '@turf/turf';
import type { GridOutline } from './partitionProblem.js';

export interface OutlinePiece {
  polygon: Polygon;
  areaSquareMeters: number;
}

/** The separate polygons of a clipping result, each with its geodesic area, largest first. */
export function outlinePieces(outline: GridOutline | Feature<GridOutline> | null | undefined): OutlinePiece[] {
  if (!outline) return [];
  const geometry = outline.type === 'Feature' ? outline.geometry : outline;
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return rings
    .filter((polygonRings) => (polygonRings[0]?.length ?? 0) >= 4)
    .map((polygonRings) => {
      const piece: Polygon = { type: 'Polygon', coordinates: polygonRings };
      return { polygon: piece, areaSquareMeters: area(polygon(polygonRings)) };
    })
    .sort((a, b) => b.areaSquareMeters - a.areaSquareMeters);
}

/** One outline from pieces: a Polygon for one, a MultiPolygon for several. */
export function outlineOfPieces(pieces: readonly OutlinePiece[]): GridOutline {
  if (pieces.length === 1 && pieces[0]) return pieces[0].polygon;
  return { type: 'MultiPolygon', coordinates: pieces.map((piece) => piece.polygon.coordinates) };
}
