import { Type, type Static } from 'typebox';
import { Feature, LimitedFeatureCollection, LineStringGeometry } from './geojson.js';

/** `GET /api/streets`: the responsibility streets (党员包街巷) of a grid, chiefs masked. */
export const StreetFeatureProperties = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  chiefName: Type.Union([Type.String(), Type.Null()], {
    description: 'street chief (街长), masked (张**); null when unassigned',
  }),
  lengthM: Type.Number({ description: 'length in metres' }),
  groupCode: Type.String(),
});
export type StreetFeatureProperties = Static<typeof StreetFeatureProperties>;

export const StreetFeature = Feature(LineStringGeometry, StreetFeatureProperties, Type.Integer());
export type StreetFeature = Static<typeof StreetFeature>;

export const StreetCollection = LimitedFeatureCollection(StreetFeature, 'responsibility streets');
export type StreetCollection = Static<typeof StreetCollection>;
