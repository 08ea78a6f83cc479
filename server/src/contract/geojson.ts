import { Type, type TSchema } from 'typebox';

/**
 * GeoJSON (RFC 7946) schemas for replies: WGS84 longitude/latitude, no `crs` member. They document
 * the API (OpenAPI at /docs) and type the handlers; collections are built by the database.
 */
export const Position = Type.Array(Type.Number(), {
  minItems: 2,
  maxItems: 2,
  description: '[longitude, latitude] in WGS84 (EPSG:4326; CGCS2000 equals it to centimetres), 6 decimals',
});

export const PointGeometry = Type.Object({ type: Type.Literal('Point'), coordinates: Position });

export const LineStringGeometry = Type.Object({
  type: Type.Literal('LineString'),
  coordinates: Type.Array(Position, { minItems: 2 }),
});

const LinearRing = Type.Array(Position, { minItems: 4, description: 'closed ring; exterior counter-clockwise' });

export const MultiPolygonGeometry = Type.Object({
  type: Type.Literal('MultiPolygon'),
  coordinates: Type.Array(Type.Array(LinearRing, { minItems: 1 })),
});

/** A Feature with the given geometry, properties and id schemas. */
export function Feature<G extends TSchema, P extends TSchema, I extends TSchema>(
  geometry: G,
  properties: P,
  id: I,
  description = 'a GeoJSON Feature',
) {
  return Type.Object({ type: Type.Literal('Feature'), id, geometry, properties }, { description });
}

/** A FeatureCollection of `feature`, with the `truncated` foreign member of the limited layers. */
export function LimitedFeatureCollection<F extends TSchema>(feature: F, description: string) {
  return Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      truncated: Type.Boolean({
        description: 'true when more features matched than `limit`; the first `limit` are returned',
      }),
      features: Type.Array(feature),
    },
    { description },
  );
}
