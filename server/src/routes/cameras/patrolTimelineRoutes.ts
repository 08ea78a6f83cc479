import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { patrolTimelineJson } from '../../repos/cameras/patrolTimelineRepo.js';
import { currentGrid } from '../../http/currentGrid.js';
import { scopedGrid } from '../../auth/requestViewer.js';
import { sendJsonText } from '../../http/jsonText.js';
import { historyWindowParameters } from '../../http/historyWindow.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { PatrolTimeline, PatrolTimelineQuery } from '../../contract/patrolTimeline.js';

/** Patrol records as columns for playback on the cases' clock; the rules are in contract/patrolTimeline.ts. */
export const patrolTimelineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/patrols/timeline',
    {
      schema: {
        tags: ['patrols'],
        summary: 'A grid’s online patrol records as columns (playback)',
        description:
          'One entry per patrol, sorted by `startAt` (when done, epoch ms), drawn until its slot’s window ends (am 11:30, pm 17:30 China time; at least an hour). A group reads its village’s patrols. No member. `from`/`to` keep the patrols that meet [from, to), checked as in GET /api/cases/timeline.' +
          SCOPED_LIST_RULE,
        querystring: PatrolTimelineQuery,
        response: { 200: PatrolTimeline, ...gridErrorReplies },
      },
    },
    async (request, reply) => {
      const target = scopedGrid(request, await currentGrid(app.db.sql, request.query.grid));
      const window = await historyWindowParameters(app.db.sql, request.query);
      const columns = await patrolTimelineJson(app.db.sql, target.scope, window);
      const head = JSON.stringify({
        grid: target.code,
        from: window.from?.toISOString() ?? null,
        to: window.to?.toISOString() ?? null,
      });
      return sendJsonText(reply, `${head.slice(0, -1)},${columns.slice(1)}`);
    },
  );
};
