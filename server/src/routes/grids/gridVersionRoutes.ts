import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireGridInScope, viewerOf } from '../../auth/requestViewer.js';
import { parseGridCode } from '../../domain/gridCode.js';
import {
  compareGridVersions,
  gridsOfVersionJson,
  gridVersionExists,
  listGridVersions,
} from '../../repos/grids/gridVersionRepo.js';
import { BadRequestError, NotFoundError } from '../../http/errorReplies.js';
import { sendJsonText } from '../../http/jsonText.js';
import { ErrorReply } from '../../contract/errorReply.js';
import {
  GridVersionCompareQuery,
  GridVersionComparison,
  GridVersionList,
  GridVersionParams,
  GridVersionScopeQuery,
  VersionGridCollection,
} from '../../contract/gridVersions.js';

/** The scope of a versions request: the asked grid, inside the viewer's scope (404 otherwise). */
function scopeOf(request: Parameters<typeof viewerOf>[0], asked: string | undefined): string {
  const viewer = viewerOf(request);
  if (!asked) return viewer.scope.code;
  const grid = parseGridCode(asked);
  if (!grid) throw new BadRequestError(`querystring parameter "scope" is not a grid code`);
  requireGridInScope(request, grid.code);
  return grid.code;
}

/** Published grid versions (issue #5 part 5): list, show one on the map, compare two. */
export const gridVersionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/grid-versions',
    {
      schema: {
        tags: ['grid versions'],
        summary: 'Published grid versions that changed something in a scope, newest first',
        querystring: GridVersionScopeQuery,
        response: {
          200: GridVersionList,
          400: ErrorReply('bad scope'),
          404: ErrorReply('scope not yours'),
        },
      },
    },
    async (request) => listGridVersions(app.db.sql, scopeOf(request, request.query.scope)),
  );

  app.get(
    '/api/grid-versions/compare',
    {
      schema: {
        tags: ['grid versions'],
        summary: 'Grids of a scope that differ between two published versions, with both outlines',
        querystring: GridVersionCompareQuery,
        response: {
          200: GridVersionComparison,
          400: ErrorReply('bad parameter'),
          404: ErrorReply('no such version, or scope not yours'),
        },
      },
    },
    async (request) => {
      const scope = scopeOf(request, request.query.scope);
      const { from, to } = request.query;
      for (const version of [from, to]) {
        if (!(await gridVersionExists(app.db.sql, version)))
          throw new NotFoundError(`no published grid version ${version}`);
      }
      return { scope, from, to, changed: await compareGridVersions(app.db.sql, scope, from, to) };
    },
  );

  app.get(
    '/api/grid-versions/:version/grids',
    {
      schema: {
        tags: ['grid versions'],
        summary: 'The grids of a scope as they were in a published version (GeoJSON)',
        params: GridVersionParams,
        querystring: GridVersionScopeQuery,
        response: {
          200: VersionGridCollection,
          400: ErrorReply('bad parameter'),
          404: ErrorReply('no such version, or scope not yours'),
        },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request, request.query.scope);
      if (!(await gridVersionExists(app.db.sql, request.params.version))) {
        throw new NotFoundError(`no published grid version ${request.params.version}`);
      }
      return sendJsonText(reply, await gridsOfVersionJson(app.db.sql, scope, request.params.version));
    },
  );
};
