import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
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
import { GridCodeString } from '../../contract/gridCode.js';

const ScopeQuery = Type.Object({
  scope: Type.Optional(GridCodeString('the grid whose versions are listed (default: the viewer’s scope)')),
});

const GridVersionSummary = Type.Object({
  version: Type.Integer(),
  publishedAt: Type.String(),
  publishedBy: Type.Union([Type.String(), Type.Null()], { description: 'null for version 1 (the grid as loaded)' }),
  planId: Type.Union([Type.Integer(), Type.Null()]),
  planName: Type.Union([Type.String(), Type.Null()]),
  scope: Type.Union([Type.String(), Type.Null()], { description: 'the town or village the plan redrew' }),
  changed: Type.Integer({ description: 'grids added, redrawn or removed' }),
});

const VersionChange = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  change: Type.Enum(['added', 'removed', 'changed']),
  fromVersion: Type.Union([Type.Integer(), Type.Null()], { description: 'the grid row version in `from`' }),
  toVersion: Type.Union([Type.Integer(), Type.Null()]),
  from: Type.Unknown({ description: 'outline in `from` (GeoJSON MultiPolygon), null when absent' }),
  to: Type.Unknown({ description: 'outline in `to`, null when absent' }),
});

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
        querystring: ScopeQuery,
        response: {
          200: Type.Array(GridVersionSummary),
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
        querystring: Type.Object({
          scope: Type.Optional(GridCodeString('the grid compared (default: the viewer’s scope)')),
          from: Type.Integer({ minimum: 1 }),
          to: Type.Integer({ minimum: 1 }),
        }),
        response: {
          200: Type.Object({
            scope: Type.String(),
            from: Type.Integer(),
            to: Type.Integer(),
            changed: Type.Array(VersionChange),
          }),
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
        params: Type.Object({ version: Type.Integer({ minimum: 1 }) }),
        querystring: ScopeQuery,
        response: { 400: ErrorReply('bad parameter'), 404: ErrorReply('no such version, or scope not yours') },
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
