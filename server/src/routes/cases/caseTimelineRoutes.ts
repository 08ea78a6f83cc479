import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { caseTimelineJson, casesOpenAt, type CaseTimelineFilters } from '../../repos/cases/caseTimelineRepo.js';
import { listCaseCategories } from '../../repos/cases/caseCategoryRepo.js';
import { currentGrid } from '../../http/currentGrid.js';
import { scopedGrid } from '../../auth/requestViewer.js';
import { sendJsonText } from '../../http/jsonText.js';
import { BadRequestError } from '../../http/errorReplies.js';
import { instantParameter, requireInCaseHistory } from '../../http/historyInstant.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import type { Sql } from '../../db/database.js';
import {
  CaseOpenAt,
  CaseOpenAtQuery,
  CaseTimeline,
  CaseTimelineQuery,
  TIMELINE_MAX,
} from '../../contract/caseTimeline.js';

async function filtersOf(sql: Sql, query: CaseOpenAtQuery | CaseTimelineQuery): Promise<CaseTimelineFilters> {
  const filters: CaseTimelineFilters = { status: query.status ?? 'all' };
  if (query.category !== undefined) {
    const known = await listCaseCategories(sql);
    if (!known.some((category) => category.code === query.category)) {
      throw new BadRequestError(`querystring parameter "category" is not a case category: ${query.category}`);
    }
    filters.category = query.category;
  }
  if (query.level !== undefined) filters.level = query.level;
  return filters;
}

/** Case history as columns for playback (issue #15 part 2); the rules are in contract/caseTimeline.ts. */
export const caseTimelineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/cases/timeline',
    {
      schema: {
        tags: ['cases'],
        summary: 'A grid’s case history as columns (playback)',
        description:
          'Every column has one entry per case, sorted by `reportedAt` (epoch ms). `endedAt` is when the case was closed, voided or transferred to a department (null while none of them; a resolved case awaiting its follow-up visit has not ended). `from`/`to` keep the cases alive at some time in [from, to): reported before `to`, not ended by `from`; both must lie in the case history (not before the first report, not in the future) and `from` before `to`. No personal data.' +
          SCOPED_LIST_RULE,
        querystring: CaseTimelineQuery,
        response: { 200: CaseTimeline, ...gridErrorReplies },
      },
    },
    async (request, reply) => {
      const { grid, limit = TIMELINE_MAX } = request.query;
      const from = request.query.from === undefined ? undefined : instantParameter(request.query.from, 'from');
      const to = request.query.to === undefined ? undefined : instantParameter(request.query.to, 'to');
      if (from && to && from >= to) {
        throw new BadRequestError('querystring parameter "from" must be before "to"');
      }
      const target = scopedGrid(request, await currentGrid(app.db.sql, grid));
      await requireInCaseHistory(app.db.sql, { from, to }, new Date());
      const filters = await filtersOf(app.db.sql, request.query);
      const columns = await caseTimelineJson(app.db.sql, target.scope, filters, {
        limit,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      const head = JSON.stringify({
        grid: target.code,
        from: from?.toISOString() ?? null,
        to: to?.toISOString() ?? null,
      });
      return sendJsonText(reply, `${head.slice(0, -1)},${columns.slice(1)}`);
    },
  );

  app.get(
    '/api/cases/open-at',
    {
      schema: {
        tags: ['cases'],
        summary: 'How many of a grid’s cases were open at an instant',
        description:
          'Cases with reportedAt ≤ at < endedAt (not yet ended counts as open), by the rule of /api/cases/timeline: the count equals the timeline entries alive at `at`. `at` must lie in the case history.' +
          SCOPED_LIST_RULE,
        querystring: CaseOpenAtQuery,
        response: { 200: CaseOpenAt, ...gridErrorReplies },
      },
    },
    async (request) => {
      const at = instantParameter(request.query.at, 'at');
      const target = scopedGrid(request, await currentGrid(app.db.sql, request.query.grid));
      await requireInCaseHistory(app.db.sql, { at }, new Date());
      const filters = await filtersOf(app.db.sql, request.query);
      return {
        grid: target.code,
        at: at.toISOString(),
        count: await casesOpenAt(app.db.sql, target.scope, filters, at),
      };
    },
  );
};
