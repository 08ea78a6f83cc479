import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { childLevel, descendantCodeRange, isBelow, type GridCode, type GridLevel } from '../../domain/gridCode.js';
import { requireGridInScope, scopedGrid, viewerOf } from '../../auth/requestViewer.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { countChildren, gridCollectionJson, gridFeature, gridParents, gridStats } from '../../repos/grids/gridRepo.js';
import { BadRequestError, NotFoundError } from '../../http/errorReplies.js';
import { currentGrid } from '../../http/currentGrid.js';
import { sendJsonText } from '../../http/jsonText.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { GridCodeParams } from '../../contract/gridCode.js';
import { GridCollection, GridDetail, GridListQuery } from '../../contract/grids.js';

/** Kept for the web's type-only imports until they use `@contract/grids.js`. */

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
        // Every grid of the level inside the viewer's scope (all of them for the top grid's viewer).
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
