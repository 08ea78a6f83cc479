import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { currentGrid } from '../../http/currentGrid.js';
import { requireRole, scopedGrid } from '../../auth/requestViewer.js';
import { BadRequestError } from '../../http/errorReplies.js';
import { instantParameter, requireInCaseHistory } from '../../http/historyInstant.js';
import type { AccessRole } from '../../domain/accessRole.js';
import { descendantCodeRange, type GridCode } from '../../domain/gridCode.js';
import { addCalendarDays, chinaDate } from '../../domain/workingDays.js';
import { listAlerts } from '../../repos/alerts/villageAlertRepo.js';
import { recomputeAlerts } from '../../jobs/alertRecompute.js';
import { ErrorReply, gridErrorReplies } from '../../contract/errorReply.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { AlertQuery, AlertRecomputeQuery, AlertRecomputeReply, AlertReply } from '../../contract/alerts.js';

/** Who may recompute alerts on demand: the administrators. */
const RECOMPUTE_ROLES: readonly AccessRole[] = ['county_admin'];

/** The villages of an area: its descendants, or itself for a village; null for a group. */
function villagesOf(grid: GridCode): { from: string; to: string } | null {
  if (grid.level === 'village') return { from: grid.code, to: grid.code };
  return descendantCodeRange(grid, 'village');
}

const HOW =
  'A daily Poisson CUSUM per village over its own history (domain/alerts/villageAlert.ts): the 364 days up to the day, the last 35 monitored against the mean daily count of the days before them (at least one case in four weeks); Lucas’s reference value k = (μ1 − μ0) / ln(μ1/μ0) for a 30 % rise, decision interval h = 4 cases. A day whose statistic reaches h is an alert, explained in words (zh-CN and English) from the data.';

/** Early-warning alerts of villages (issue #15 part 5). */
export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/alerts',
    {
      schema: {
        tags: ['cases'],
        summary: 'Early-warning alerts (预警): villages whose cases rose suddenly',
        description: `${HOW} Recomputed nightly and by POST /api/alerts/recompute.${SCOPED_LIST_RULE}`,
        querystring: AlertQuery,
        response: { 200: AlertReply, ...gridErrorReplies },
      },
    },
    async (request) => {
      const now = new Date();
      const to = request.query.to === undefined ? now : instantParameter(request.query.to, 'to');
      const from =
        request.query.from === undefined
          ? new Date(to.getTime() - 6 * 86_400_000)
          : instantParameter(request.query.from, 'from');
      if (from > to) {
        throw new BadRequestError(
          `querystring parameters "from" and "to" are inverted: from ${from.toISOString()} is after to ${to.toISOString()}`,
        );
      }
      const target = scopedGrid(request, await currentGrid(app.db.sql, request.query.grid));
      await requireInCaseHistory(
        app.db.sql,
        { ...(request.query.from !== undefined ? { from } : {}), ...(request.query.to !== undefined ? { to } : {}) },
        now,
      );
      const [fromDay, toDay] = [chinaDate(from), chinaDate(to)];
      return {
        grid: target.code,
        from: fromDay,
        to: toDay,
        alerts: await listAlerts(app.db.sql, target.scope, fromDay, toDay),
      };
    },
  );

  app.post(
    '/api/alerts/recompute',
    {
      schema: {
        tags: ['cases'],
        summary: 'Recompute the early-warning alerts of an area now (administrators; audited)',
        description: `${HOW} Replaces the area’s alerts of the last 35 days, sends an \`alert\` live event per town whose alerts changed, and answers the alerts now stored.`,
        querystring: AlertRecomputeQuery,
        response: {
          200: AlertRecomputeReply,
          ...gridErrorReplies,
          401: ErrorReply('not signed in'),
          403: ErrorReply('only administrators recompute alerts'),
        },
      },
    },
    async (request) => {
      const viewer = requireRole(request, RECOMPUTE_ROLES);
      const target = scopedGrid(request, await currentGrid(app.db.sql, request.query.grid));
      const villages = villagesOf(target);
      if (!villages) {
        throw new BadRequestError(
          `querystring parameter "grid" must be a village or an area above one: ${target.level} ${target.code} is below the villages alerts are computed for`,
        );
      }
      const run = await recomputeAlerts(app.db, { code: target.code, villages }, { actor: viewer });
      const windowDay = addCalendarDays(run.day, -34);
      return {
        grid: target.code,
        day: run.day,
        villages: run.villages,
        alerts: await listAlerts(app.db.sql, target.scope, windowDay, run.day),
      };
    },
  );
};
