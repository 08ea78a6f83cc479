import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cameraCollectionJson } from '../../repos/cameras/cameraRepo.js';
import { currentGrid } from '../../http/currentGrid.js';
import { scopedGrid } from '../../auth/requestViewer.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { sendJsonText } from '../../http/jsonText.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { CameraCollection } from '../../contract/cameras.js';
import { DEFAULT_LIMIT, GridLayerQuery } from '../../contract/gridCode.js';

export const cameraRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/cameras',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Cameras in a grid (雪亮工程)',
        description: 'Points, ordered by device id, with online status and when each was last seen.' + SCOPED_LIST_RULE,
        querystring: GridLayerQuery,
        response: { 200: CameraCollection, ...gridErrorReplies },
      },
    },
    async (request, reply) => {
      const { grid, limit = DEFAULT_LIMIT } = request.query;
      const target = scopedGrid(request, await currentGrid(app.db.sql, grid));
      return sendJsonText(reply, await cameraCollectionJson(app.db.sql, target.scope, limit));
    },
  );
};
