import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cameraOutageTimelineJson } from '../../repos/cameras/cameraOutageTimelineRepo.js';
import { currentGrid } from '../../http/currentGrid.js';
import { scopedGrid } from '../../auth/requestViewer.js';
import { sendJsonText } from '../../http/jsonText.js';
import { historyWindowParameters } from '../../http/historyWindow.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { CameraOutageTimeline, CameraOutageTimelineQuery } from '../../contract/cameraOutageTimeline.js';

/** Camera outages as columns for playback on the cases' clock; the rules are in contract/cameraOutageTimeline.ts. */
export const cameraOutageTimelineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/cameras/outages/timeline',
    {
      schema: {
        tags: ['cameras'],
        summary: 'A grid’s camera outages as columns (playback)',
        description:
          'One entry per outage, sorted by `startAt` (epoch ms): from a camera going offline to its coming back online (`endAt` null while still offline), from the audited status changes; a camera offline with no recorded change is down since it was last seen. `from`/`to` keep the outages that meet [from, to), checked as in GET /api/cases/timeline.' +
          SCOPED_LIST_RULE,
        querystring: CameraOutageTimelineQuery,
        response: { 200: CameraOutageTimeline, ...gridErrorReplies },
      },
    },
    async (request, reply) => {
      const target = scopedGrid(request, await currentGrid(app.db.sql, request.query.grid));
      const window = await historyWindowParameters(app.db.sql, request.query);
      const columns = await cameraOutageTimelineJson(app.db.sql, target.scope, window);
      const head = JSON.stringify({
        grid: target.code,
        from: window.from?.toISOString() ?? null,
        to: window.to?.toISOString() ?? null,
      });
      return sendJsonText(reply, `${head.slice(0, -1)},${columns.slice(1)}`);
    },
  );
};
