import { Type, type Static } from 'typebox';
import { Feature, MultiPolygonGeometry } from './geojson.js';
import { GridCodeString, GridLevelName } from './gridCode.js';

/** Current grids (`GET /api/grids`, `GET /api/grids/:code`) and the grid words other replies share. */

export const AnyGridLevel = Type.Enum(['prefecture', 'county', 'town', 'village', 'group'], {
  description: 'prefecture 市 / county 县 / town 镇 / village 村 / group 组',
});
export type AnyGridLevel = Static<typeof AnyGridLevel>;

export const Bbox = Type.Array(Type.Number(), {
  minItems: 4,
  maxItems: 4,
  description: '[west, south, east, north] in WGS84 degrees, 6 decimals (fitBounds / fly to)',
});
export type Bbox = Static<typeof Bbox>;

export const GridCrumb = Type.Object({ code: Type.String(), name: Type.String(), level: AnyGridLevel });
export type GridCrumb = Static<typeof GridCrumb>;

/** The level of the grids replies (as it always was there: without a description). */
const GridLevel = Type.Enum(['prefecture', 'county', 'town', 'village', 'group']);

const GridPropertyFields = {
  code: Type.String({ description: '12-digit code (15 for a group)' }),
  name: Type.String(),
  level: GridLevel,
  parentCode: Type.Union([Type.String(), Type.Null()], {
    description: 'null for the top grid: the prefecture, or a county run alone',
  }),
  version: Type.Integer({ description: 'grid version; a redraw publishes version + 1' }),
  areaM2: Type.Number({ description: 'area in square metres (geodesic)' }),
  labelPoint: Type.Union([Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), Type.Null()], {
    description: '[longitude, latitude] of a point inside the grid for its label',
  }),
};

export const GridProperties = Type.Object(GridPropertyFields);
export type GridProperties = Static<typeof GridProperties>;

export const GridFeature = Feature(MultiPolygonGeometry, GridProperties, Type.String());
export type GridFeature = Static<typeof GridFeature>;

export const GridCollection = Type.Object(
  { type: Type.Literal('FeatureCollection'), features: Type.Array(GridFeature) },
  { description: 'current grids, ordered by code' },
);
export type GridCollection = Static<typeof GridCollection>;

export const GridRef = Type.Object({ code: Type.String(), name: Type.String(), level: GridLevel });
export type GridRef = Static<typeof GridRef>;

export const GridStats = Type.Object({
  households: Type.Integer(),
  linkedHouseholds: Type.Integer({ description: 'households linked to a responsible member (党员联户)' }),
  linkCoverage: Type.Number({ description: 'linkedHouseholds / households, 0–1, 4 decimals' }),
  population: Type.Integer({ description: 'sum of household sizes' }),
  streets: Type.Integer({ description: 'responsibility streets (街长制)' }),
  cameras: Type.Integer(),
  camerasOnline: Type.Integer(),
  openCases: Type.Integer({ description: 'cases registered, accepted or mediating' }),
  overdueCases: Type.Integer({ description: 'open cases past their stage deadline' }),
});
export type GridStats = Static<typeof GridStats>;

export const GridDetail = Feature(
  MultiPolygonGeometry,
  Type.Object({
    ...GridPropertyFields,
    parents: Type.Array(GridRef, {
      description: 'ancestors from the top grid (prefecture or county) down to the direct parent',
    }),
    children: Type.Integer({ description: 'number of current child grids' }),
    stats: GridStats,
  }),
  Type.String(),
  'the current version of the grid, with its parents, number of children and figures',
);
export type GridDetail = Static<typeof GridDetail>;

export const GridListQuery = Type.Object({
  level: Type.Optional(GridLevelName),
  parent: Type.Optional(GridCodeString('the parent grid; without `level`, its children are listed')),
  simplify: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 5_000,
      default: 0,
      description: 'simplify outlines to this tolerance in metres (approximate; 0 keeps every vertex)',
    }),
  ),
});
export type GridListQuery = Static<typeof GridListQuery>;
