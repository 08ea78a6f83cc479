import type { Geometry, Position } from 'geojson';

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

/** The bounding box of any geometry (a hand loop: turf's bbox would pull turf into the bundle). */
export function geometryBounds(geometry: Geometry): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (position: Position) => {
    const [lon = NaN, lat = NaN] = position;
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  };
  const walk = (geometry: Geometry) => {
    switch (geometry.type) {
      case 'Point':
        return visit(geometry.coordinates);
      case 'MultiPoint':
      case 'LineString':
        return geometry.coordinates.forEach(visit);
      case 'MultiLineString':
      case 'Polygon':
        return geometry.coordinates.forEach((line) => line.forEach(visit));
      case 'MultiPolygon':
        return geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
      case 'GeometryCollection':
        return geometry.geometries.forEach(walk);
    }
  };
  walk(geometry);
  if (!box.every(Number.isFinite)) throw new Error('geometryBounds: the geometry has no coordinates');
  return box;
}

/** The box grown by `fraction` of its size on every side (to keep neighbours in view when panning). */
export function expandBounds([west, south, east, north]: Bbox, fraction: number): Bbox {
  const dx = (east - west) * fraction;
  const dy = (north - south) * fraction;
  return [west - dx, south - dy, east + dx, north + dy];
}
