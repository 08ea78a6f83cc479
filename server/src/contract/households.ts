import { Type, type Static } from 'typebox';
import { Feature, LimitedFeatureCollection, PointGeometry } from './geojson.js';

/** `GET /api/households`: the households of a grid, heads masked; phones and ID numbers never. */
export const HouseholdFeatureProperties = Type.Object({
  id: Type.Integer(),
  houseNo: Type.String({ description: 'house number (门牌号)' }),
  size: Type.Integer({ description: 'people in the household' }),
  headName: Type.Union([Type.String(), Type.Null()], { description: 'head of household, masked (张**)' }),
  linked: Type.Boolean({ description: 'linked to a responsible member (党员联户)' }),
  groupCode: Type.String(),
});
export type HouseholdFeatureProperties = Static<typeof HouseholdFeatureProperties>;

export const HouseholdFeature = Feature(PointGeometry, HouseholdFeatureProperties, Type.Integer());
export type HouseholdFeature = Static<typeof HouseholdFeature>;

export const HouseholdCollection = LimitedFeatureCollection(HouseholdFeature, 'households');
export type HouseholdCollection = Static<typeof HouseholdCollection>;
