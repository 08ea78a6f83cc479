import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { childLevel, descendantCodeRange, isBelow, type GridCode, type GridLevel } from '../../domain/gridCode.js';
import { requireGridInScope, scopedGrid, viewerOf } from '../../auth/requestViewer.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { countChildren, gridCollectionJson, gridFeature, gridParents, gridStats } from '../../repos/grids/gridRepo.js';
import { BadRequestError, NotFoundError } from '../../http/errorReplies.js';
import { currentGrid } from '../../http/currentGrid.js';
import { sendJsonText } from '../../http/jsonText.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { Feature, MultiPolygonGeometry } from '../../contract/geojson.js';
import { GridCodeParams, GridCodeString, GridLevelName } from '../../contract/gridCode.js';

const AnyGridLevel = Type.Enum(['county', 'town', 'village', 'group']);

const GridProperties = {
  code: Type.String({ description: '12-digit code (15 for a group)' }),
  name: Type.String(),
  level: AnyGridLevel,
  parentCode: Type.Union([Type.String(), Type.Null()], { description: 'null for the county' }),
  version: Type.Integer({ description: 'grid version; a redraw publishes version + 1' }),
  areaM2: Type.Number({ description: 'area in square metres (geodesic)' }),
  labelPoint: Type.Union([Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), Type.Null()], {
    description: '[longitude, latitude] of a point inside the grid for its label',
  }),
};

const GridFeature = Feature(MultiPolygonGeometry, Type.Object(GridProperties), Type.String());

export const GridCollection = Type.Object(
  { type: Type.Literal('FeatureCollection'), features: Type.Array(GridFeature) },
  { description: 'current grids, ordered by code' },
);

/** The reply, typed for the web client (import type-only). */
export type GridCollection = Static<typeof GridCollection>;

const GridRef = Type.Object({ code: Type.String(), name: Type.String(), level: AnyGridLevel });

const GridStats = Type.Object({
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

export const GridDetail = Feature(
  MultiPolygonGeometry,
  Type.Object({
    ...GridProperties,
    parents: Type.Array(GridRef, { description: 'ancestors from the county down to the direct parent' }),
    children: Type.Integer({ description: 'number of current child grids' }),
    stats: GridStats,
  }),
  Type.String(),
  'the current version of the grid, with its parents, number of children and figures',
);

/** The reply, typed for the web client (import type-only). */
export type GridDetail = Static<typeof GridDetail>;

const GridListQuery = Type.Object({
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

const EMPTY_GRIDS = '{"type":"FeatureCollection","features":[]}';

/** The code range of the grids of `level` inside `container` (itself when of that level); null when the level is above it. */
function codesWithin(container: GridCode, level: GridLevel): { from: string; to: string } | null {
  if (level === container.level) return { from: container.code, to: container.code };
  return descendantCodeRange(container, level);
}

/** Degrees of latitude per metre: the tolerance is then at most `simplify` metres in any direction. */
const DEGREES_PER_METRE = 1 / 111_320;

export const gridRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/grids',
    {
      schema: {
        tags: ['grids'],
        summary: 'Current grids of a level and/or under a parent',
        description:
          '`parent` alone lists its children; `level` alone lists every current grid of that level inside the caller’s scope; both list the grids of `level` inside `parent`. At least one is required.' +
          SCOPED_LIST_RULE,
        querystring: GridListQuery,
        response: { 200: GridCollection, ...gridErrorReplies },
      },
    },
    async (request, reply) => {
      const { level, parent, simplify = 0 } = request.query;
      const simplifyDegrees = simplify * DEGREES_PER_METRE;
      const viewer = viewerOf(request);
      if (!parent) {
        if (!level) throw new BadRequestError('querystring parameter "level" or "parent" is required');
        // Every grid of the level inside the viewer's scope (all of them for the county).
        const codes = codesWithin(viewer.scope, level);
        if (!codes) return sendJsonText(reply, EMPTY_GRIDS);
        return sendJsonText(reply, await gridCollectionJson(app.db.sql, { level, simplifyDegrees, codes }));
      }
      const ancestor = await currentGrid(app.db.sql, parent);
      const wanted: GridLevel | null = level ?? childLevel(ancestor.level);
      if (!wanted || !isBelow(wanted, ancestor.level)) {
        throw new BadRequestError(`querystring parameter "level" must be below the parent's level (${ancestor.level})`);
      }
      // A parent above the viewer's scope lists only what lies in the scope (its own town's row for
      // a town leader asking the county's towns); a parent outside it is 404.
      const part = scopedGrid(request, ancestor);
      const codes = codesWithin(part, wanted);
      if (!codes) return sendJsonText(reply, EMPTY_GRIDS);
      return sendJsonText(reply, await gridCollectionJson(app.db.sql, { level: wanted, simplifyDegrees, codes }));
    },
  );

  app.get(
    '/api/grids/:code',
    {
      schema: {
        tags: ['grids'],
        summary: 'One current grid with its parents and figures',
        description:
          'The grid as a Feature. `properties.stats` counts what lies in the grid (households, population, link coverage, streets, cameras, open and overdue cases), read through the scope columns so a grid costs index lookups. Only grids inside the caller’s scope: any other (also the county above a town leader) is 404, as for a grid that does not exist.',
        params: GridCodeParams,
        response: { 200: GridDetail, ...gridErrorReplies },
      },
    },
    async (request) => {
      // Only grids inside the viewer's scope: a grid above it (the county for a town leader) would
      // carry figures of other towns.
      requireGridInScope(request, request.params.code);
      const target = await currentGrid(app.db.sql, request.params.code);
      const [feature, parents, children, stats] = await Promise.all([
        gridFeature(app.db.sql, target.code),
        gridParents(app.db.sql, target.code),
        countChildren(app.db.sql, target.code),
        gridStats(app.db.sql, target.scope),
      ]);
      if (!feature) throw new NotFoundError(`no grid with code ${request.params.code}`);
      return { ...feature, properties: { ...feature.properties, parents, children, stats } };
    },
  );
};
