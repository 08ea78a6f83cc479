import { Type, type Static } from 'typebox';
import { TILE_SETS } from '../tiles/tileLayers.js';

/** `GET /tiles/{set}.json` (TileJSON 3.0.0) and `GET /style.json` (MapLibre style v8). */

export const TileJsonParams = Type.Object({
  set: Type.String({ maxLength: 32, description: `tile set: ${TILE_SETS.join(', ')}` }),
});
export type TileJsonParams = Static<typeof TileJsonParams>;

const FieldKind = Type.Enum(['String', 'Number', 'Boolean']);

export const TileJsonReply = Type.Object(
  {
    tilejson: Type.Literal('3.0.0'),
    name: Type.String(),
    description: Type.String(),
    attribution: Type.String(),
    scheme: Type.Literal('xyz'),
    tiles: Type.Array(Type.String({ description: 'absolute URL template with {z}/{x}/{y}' })),
    minzoom: Type.Integer(),
    maxzoom: Type.Integer({ description: 'tiles are complete here; clients overzoom beyond' }),
    vector_layers: Type.Array(
      Type.Object({
        id: Type.String({ description: 'the source-layer name inside the tiles' }),
        description: Type.String(),
        fields: Type.Record(Type.String(), FieldKind),
        minzoom: Type.Integer(),
        maxzoom: Type.Integer(),
      }),
    ),
  },
  { description: 'a TileJSON 3.0.0 document (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0)' },
);
export type TileJsonReply = Static<typeof TileJsonReply>;

/** Checked by the style's own builder and tests (maplibre-gl-style-spec's validate); passed through as is. */
export const StyleReply = Type.Object(
  {
    version: Type.Literal(8),
    name: Type.String(),
    sources: Type.Record(Type.String(), Type.Unknown()),
    layers: Type.Array(Type.Unknown()),
  },
  { additionalProperties: true, description: 'a MapLibre style (https://maplibre.org/maplibre-style-spec/)' },
);
export type StyleReply = Static<typeof StyleReply>;
