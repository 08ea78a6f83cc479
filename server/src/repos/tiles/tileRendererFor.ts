import type { Database } from '../../db/database.js';
import type { TileRenderer } from '../../tiles/tileRenderer.js';
import { javascriptTileRenderer } from './javascriptTileRenderer.js';
import { postgisTileRenderer } from './postgisTileRenderer.js';

/** The renderer that suits the database: ST_AsMVT on PostgreSQL, JavaScript on the embedded one. */
export function tileRendererFor(db: Database): TileRenderer {
  return db.kind === 'postgres' ? postgisTileRenderer(db) : javascriptTileRenderer(db);
}
