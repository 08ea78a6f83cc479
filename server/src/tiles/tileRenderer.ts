import type { TileCoord, TileSet } from './tileLayers.js';
import type { TileScope } from './tileScope.js';

/**
 * Encodes one Mapbox Vector Tile (extent 4096, buffer 64) of a tile set; zero bytes when the tile
 * has no features. Two implementations encode the same features (they share the SQL selection in
 * `repos/tiles/tileRepo.ts`; `repos/tiles/tileRendererFor.ts` picks one):
 * - `postgis`: ST_AsMVT in one SQL statement — use it on PostgreSQL (fastest, nothing crosses into
 *   Node but the finished tile).
 * - `javascript`: the features as GeoJSON, then geojson-vt + vt-pbf in Node — use it on the
 *   embedded database, whose PostGIS (WebAssembly) has no ST_AsMVT / ST_AsMVTGeom.
 */
export interface TileRenderer {
  readonly kind: 'postgis' | 'javascript';
  /** `scope`: only what a viewer of that scope may see (`TileScope`); null: everything. */
  render(set: TileSet, tile: TileCoord, scope?: TileScope): Promise<Uint8Array>;
}
