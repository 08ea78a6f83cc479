import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { kpiPeriod } from '../../domain/kpiPeriod.js';
import { patrolDay, recordPatrol } from '../../repos/cameras/patrolRepo.js';
import { currentGrid } from '../../http/currentGrid.js';
import { requireRole, scopedGrid } from '../../auth/requestViewer.js';
import { FIELD_ROLES, viewerCoversGrid } from '../../domain/accessRole.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { BadRequestError, NotFoundError } from '../../http/errorReplies.js';
import { ErrorReply, gridErrorReplies } from '../../contract/errorReply.js';
import { Patrol, PatrolBody, PatrolDay, PatrolDayQuery } from '../../contract/patrols.js';

/** A real calendar date (the pattern alone lets 2026-02-30 through). */
function checkedDay(day: string | undefined, name: string): string {
  if (day === undefined) return kpiPeriod(new Date()).today;
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new BadRequestError(`${name} parameter "day" is not a calendar date: ${day}`);
  }
  return day;
}

/** Online patrols (探头站岗、鼠标巡逻): each village twice a day (DOMAIN.md "Online patrols"). */
export const patrolRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/patrols',
    {
      bodyLimit: 4 * 1024, // four small fields
      schema: {
        tags: ['patrols'],
        summary: 'Record a village’s online patrol (视频巡查记录), for tools outside gridmap',
        description:
          'One per village, day and slot. Publishes a live `patrol` event. In gridmap itself a patrol is recorded by looking at the village’s cameras (`POST /api/cameras/views`), never by a button of its own.',
        body: PatrolBody,
        response: {
          201: Patrol,
          400: ErrorReply('a field is invalid; the message names it'),
          403: ErrorReply('the role only reads (planner, auditor, wall)'),
          404: ErrorReply('no current village has this code inside the caller’s scope'),
          409: ErrorReply('this village’s slot of that day is already recorded'),
        },
      },
    },
    async (request, reply) => {
      const { villageCode, slot, camerasViewed } = request.body;
      const viewer = requireRole(request, FIELD_ROLES);
      // The village's own staff record its patrols: anyone whose scope covers it, and the grid
      // staff of its groups (their scope is a group of the village).
      if (!viewerCoversGrid(viewer, villageCode) && !viewer.scope.code.startsWith(villageCode)) {
        throw new NotFoundError(`no village with code ${villageCode}`);
      }
      const day = checkedDay(request.body.day, 'body');
      const result = await recordPatrol(app.db, { villageCode, slot, day, camerasViewed, doneAt: new Date(), viewer });
      if (result.ok) return reply.code(201).send(result.patrol);
      if (result.problem === 'unknown_village') throw new NotFoundError(`no village with code ${villageCode}`);
      return reply.code(409).send({
        error: 'Conflict',
        message: `the ${slot} patrol of village ${villageCode} on ${day} is already recorded`,
      });
    },
  );

  app.get(
    '/api/patrols',
    {
      schema: {
        tags: ['patrols'],
        summary: 'A day’s patrol slots of a grid’s villages (巡查完成情况)',
        description:
          'Every current village of the grid (a group: its village) with its am / pm patrol, or null when not done.' +
          SCOPED_LIST_RULE,
        querystring: PatrolDayQuery,
        response: { 200: PatrolDay, ...gridErrorReplies },
      },
    },
    async (request) => {
      const day = checkedDay(request.query.day, 'querystring');
      const target = scopedGrid(request, await currentGrid(app.db.sql, request.query.grid));
      const villages = await patrolDay(app.db.sql, target, day);
      const slotsDone = villages.reduce((n, v) => n + (v.am ? 1 : 0) + (v.pm ? 1 : 0), 0);
      return { grid: target.code, day, slotsDone, slots: villages.length * 2, villages };
    },
  );
};
