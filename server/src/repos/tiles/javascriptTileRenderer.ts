import type { Database } from '../../db/database.js';
import { tileAsGeoJsonLayers } from './tileRepo.js';
import { encodeGeoJsonTile } from '../../tiles/geojsonTileEncoder.js';
import type { TileRenderer } from '../../tiles/tileRenderer.js';

/** Tiles encoded in Node from the tile's features as GeoJSON (works on any PostGIS, needs no ST_AsMVT). */
export function javascriptTileRenderer(db: Database): TileRenderer {
  return {
    kind: 'javascript',
    async render(set, tile, scope = null) {
      return encodeGeoJsonTile(await tileAsGeoJsonLayers(db.sql, set, tile, scope), tile);
    },
  };
}
