import { Type, type Static } from 'typebox';
import { Feature, MultiPolygonGeometry } from './geojson.js';
import { GridCodeString } from './gridCode.js';

/** Published grid versions (`/api/grid-versions`): list, show one on the map, compare two. */

export const GridVersionScopeQuery = Type.Object({
  scope: Type.Optional(GridCodeString('the grid whose versions are listed (default: the viewer’s scope)')),
});
export type GridVersionScopeQuery = Static<typeof GridVersionScopeQuery>;

export const GridVersionSummary = Type.Object({
  version: Type.Integer(),
  publishedAt: Type.String(),
  publishedBy: Type.Union([Type.String(), Type.Null()], { description: 'null for version 1 (the grid as loaded)' }),
  planId: Type.Union([Type.Integer(), Type.Null()]),
  planName: Type.Union([Type.String(), Type.Null()]),
  scope: Type.Union([Type.String(), Type.Null()], { description: 'the town or village the plan redrew' }),
  changed: Type.Integer({ description: 'grids added, redrawn or removed' }),
});
export type GridVersionSummary = Static<typeof GridVersionSummary>;

export const GridVersionList = Type.Array(GridVersionSummary);
export type GridVersionList = Static<typeof GridVersionList>;

export const GridVersionCompareQuery = Type.Object({
  scope: Type.Optional(GridCodeString('the grid compared (default: the viewer’s scope)')),
  from: Type.Integer({ minimum: 1 }),
  to: Type.Integer({ minimum: 1 }),
});
export type GridVersionCompareQuery = Static<typeof GridVersionCompareQuery>;

export const VersionChange = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  change: Type.Enum(['added', 'removed', 'changed']),
  fromVersion: Type.Union([Type.Integer(), Type.Null()], { description: 'the grid row version in `from`' }),
  toVersion: Type.Union([Type.Integer(), Type.Null()]),
  from: Type.Unknown({ description: 'outline in `from` (GeoJSON MultiPolygon), null when absent' }),
  to: Type.Unknown({ description: 'outline in `to`, null when absent' }),
});
export type VersionChange = Static<typeof VersionChange>;

export const GridVersionComparison = Type.Object({
  scope: Type.String(),
  from: Type.Integer(),
  to: Type.Integer(),
  changed: Type.Array(VersionChange),
});
export type GridVersionComparison = Static<typeof GridVersionComparison>;

export const GridVersionParams = Type.Object({ version: Type.Integer({ minimum: 1 }) });
export type GridVersionParams = Static<typeof GridVersionParams>;

/** `GET /api/grid-versions/:version/grids`: a scope's grids as they were in that version. */
export const VersionGridCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  gridVersion: Type.Integer(),
  features: Type.Array(
    Feature(
      MultiPolygonGeometry,
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        level: Type.String(),
        parentCode: Type.Union([Type.String(), Type.Null()]),
        version: Type.Integer({ description: 'the grid row version current in that published version' }),
      }),
      Type.String(),
    ),
  ),
});
export type VersionGridCollection = Static<typeof VersionGridCollection>;
