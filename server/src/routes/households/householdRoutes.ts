import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { householdCollectionJson } from '../../repos/households/householdRepo.js';
import { currentGrid } from '../../http/currentGrid.js';
import { scopedGrid, viewerOf } from '../../auth/requestViewer.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { sendJsonText } from '../../http/jsonText.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { HouseholdCollection } from '../../contract/households.js';
import { DEFAULT_LIMIT, GridLayerQuery } from '../../contract/gridCode.js';

export const householdRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/households',
    {
      schema: {
        tags: ['households'],
        summary: 'Households in a grid',
        description:
          'Points, ordered by id. The head of household is masked (no name at all for a wall display); phone and ID numbers are never returned. A town or the county can hold tens of thousands: use `limit` and check `truncated`.' +
          SCOPED_LIST_RULE,
        querystring: GridLayerQuery,
        response: { 200: HouseholdCollection, ...gridErrorReplies },
      },
    },
    async (request, reply) => {
      const { grid, limit = DEFAULT_LIMIT } = request.query;
      const target = scopedGrid(request, await currentGrid(app.db.sql, grid));
      // A wall display shows no name at all, not even a masked one.
      const names = viewerOf(request).role !== 'wall';
      return sendJsonText(reply, await householdCollectionJson(app.db.sql, target.scope, limit, names));
    },
  );
};
