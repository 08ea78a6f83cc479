import type { Database } from '../../db/database.js';
import { tileAsMvt } from './tileRepo.js';
import type { TileRenderer } from '../../tiles/tileRenderer.js';

/** Tiles encoded inside PostgreSQL by ST_AsMVT (PostGIS ≥ 3.1 built with protobuf). */
export function postgisTileRenderer(db: Database): TileRenderer {
  return {
    kind: 'postgis',
    render: (set, tile, scope = null) => tileAsMvt(db.sql, set, tile, scope),
  };
}
