import { Type, type Static } from 'typebox';
import { MAX_TILE_ZOOM, TILE_SETS } from '../tiles/tileLayers.js';

/** `GET /tiles/{layer}/{z}/{x}/{y}.mvt`: a Mapbox Vector Tile (binary; 204 when empty). */
export const TileParams = Type.Object({
  layer: Type.String({ description: `tile set: ${TILE_SETS.join(', ')}` }),
  z: Type.Integer({ minimum: 0, maximum: MAX_TILE_ZOOM }),
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
});
export type TileParams = Static<typeof TileParams>;
