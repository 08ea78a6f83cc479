import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { streetCollectionJson } from '../../repos/streets/streetRepo.js';
import { currentGrid } from '../../http/currentGrid.js';
import { scopedGrid, viewerOf } from '../../auth/requestViewer.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { sendJsonText } from '../../http/jsonText.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { Feature, LimitedFeatureCollection, LineStringGeometry } from '../../contract/geojson.js';
import { DEFAULT_LIMIT, GridLayerQuery } from '../../contract/gridCode.js';

const StreetFeature = Feature(
  LineStringGeometry,
  Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    chiefName: Type.Union([Type.String(), Type.Null()], {
      description: 'street chief (街长), masked (张**); null when unassigned',
    }),
    lengthM: Type.Number({ description: 'length in metres' }),
    groupCode: Type.String(),
  }),
  Type.Integer(),
);

export const StreetCollection = LimitedFeatureCollection(StreetFeature, 'responsibility streets');

/** The reply, typed for the web client (import type-only). */
export type StreetCollection = Static<typeof StreetCollection>;

export const streetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/streets',
    {
      schema: {
        tags: ['streets'],
        summary: 'Responsibility streets in a grid (党员包街巷)',
        description:
          'Lines, ordered by id, each with its street chief masked (no name at all for a wall display).' +
          SCOPED_LIST_RULE,
        querystring: GridLayerQuery,
        response: { 200: StreetCollection, ...gridErrorReplies },
      },
    },
    async (request, reply) => {
      const { grid, limit = DEFAULT_LIMIT } = request.query;
      const target = scopedGrid(request, await currentGrid(app.db.sql, grid));
      // A wall display shows no name at all, not even a masked one.
      const names = viewerOf(request).role !== 'wall';
      return sendJsonText(reply, await streetCollectionJson(app.db.sql, target.scope, limit, names));
    },
  );
};
