import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { streetCollectionJson } from '../../repos/streets/streetRepo.js';
import { currentGrid } from '../../http/currentGrid.js';
import { scopedGrid, viewerOf } from '../../auth/requestViewer.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { sendJsonText } from '../../http/jsonText.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { StreetCollection } from '../../contract/streets.js';
import { DEFAULT_LIMIT, GridLayerQuery } from '../../contract/gridCode.js';

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
