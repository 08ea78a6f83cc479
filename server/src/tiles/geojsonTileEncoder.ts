import type { Feature } from 'geojson';
import GeoJSONVT, { type LegacyFeature, type LegacyTile } from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { MAX_TILE_ZOOM, TILE_BUFFER, TILE_EXTENT, type TileCoord, type TileLayerName } from './tileLayers.js';

/** One MVT layer's features as GeoJSON (lon/lat), for the JavaScript encoder. */
export interface TileLayerFeatures {
  name: TileLayerName;
  features: Feature[];
}

/**
 * geojson-vt's simplification tolerance in tile units. ST_AsMVTGeom simplifies by about half a unit
 * and snaps to the integer grid; 1 unit keeps the JavaScript tiles as detailed as PostGIS's.
 */
export const GEOJSON_VT_TOLERANCE = 1;

/**
 * Encodes the features of one tile (GeoJSON in lon/lat, already chosen for this tile) as an MVT:
 * geojson-vt clips lines and polygons to the buffered tile, simplifies them for the zoom and
 * projects to tile units (points are projected directly); vt-pbf writes the protobuf. Layers with no features are left out; no features at all → zero bytes.
 */
export function encodeGeoJsonTile(layers: readonly TileLayerFeatures[], { z, x, y }: TileCoord): Uint8Array {
  const tiles: Record<string, LegacyTile> = {};
  for (const layer of layers) {
    if (layer.features.length === 0) continue;
    const features = layer.features.every((f) => f.geometry?.type === 'Point')
      ? projectPoints(layer.features, { z, x, y })
      : sliceWithGeojsonVt(layer.features, { z, x, y });
    if (features.length > 0) tiles[layer.name] = { features };
  }
  if (Object.keys(tiles).length === 0) return new Uint8Array(0);
  return fromGeojsonVt(tiles, { version: 2, extent: TILE_EXTENT });
}

function sliceWithGeojsonVt(features: Feature[], { z, x, y }: TileCoord): LegacyFeature[] {
  const index = new GeoJSONVT(
    { type: 'FeatureCollection', features },
    { maxZoom: MAX_TILE_ZOOM, tolerance: GEOJSON_VT_TOLERANCE, extent: TILE_EXTENT, buffer: TILE_BUFFER },
  );
  return (index.getTile(z, x, y)?.features ?? []).flatMap(withoutCollapsedParts);
}

/**
 * Points need no clipping or simplification, only projection — and geojson-vt would clip them at
 * every zoom from 0 down to z (most of a z14 household tile's time). Same formula and rounding as
 * geojson-vt's `projectX`/`projectY` and tile transform; points beyond the buffer are left out.
 */
function projectPoints(features: Feature[], { z, x, y }: TileCoord): LegacyFeature[] {
  const tiles = 2 ** z;
  const projected: LegacyFeature[] = [];
  for (const feature of features) {
    if (feature.geometry?.type !== 'Point') continue;
    const [lon, lat] = feature.geometry.coordinates as [number, number];
    const sin = Math.sin((lat * Math.PI) / 180);
    const worldY = Math.min(1, Math.max(0, 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI));
    const px = Math.round(TILE_EXTENT * (((lon + 180) / 360) * tiles - x));
    const py = Math.round(TILE_EXTENT * (worldY * tiles - y));
    if (px < -TILE_BUFFER || px > TILE_EXTENT + TILE_BUFFER || py < -TILE_BUFFER || py > TILE_EXTENT + TILE_BUFFER)
      continue;
    projected.push({
      type: 1,
      geometry: [[px, py]],
      tags: feature.properties ?? null,
      ...(feature.id !== undefined ? { id: feature.id } : {}),
    });
  }
  return projected;
}

/**
 * A polygon that only grazes the buffer clips to a ring of one repeated point, and a short line to a
 * single point: geojson-vt keeps them, ST_AsMVTGeom returns NULL for them. Dropping them here keeps
 * both renderers' features the same (and the tiles free of invisible geometry).
 */
function withoutCollapsedParts(feature: LegacyFeature): LegacyFeature[] {
  if (feature.type === 1) return [feature];
  const kept = feature.geometry.filter((ring) => (feature.type === 3 ? ringArea(ring) !== 0 : !isOnePoint(ring)));
  return kept.length > 0 ? [{ ...feature, geometry: kept }] : [];
}

/** Twice the signed area of a ring in tile units (shoelace). */
function ringArea(ring: [number, number][]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    area += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  }
  return area;
}

function isOnePoint(line: [number, number][]): boolean {
  return line.every(([px, py]) => px === line[0]![0] && py === line[0]![1]);
}
