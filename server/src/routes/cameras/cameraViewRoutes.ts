import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { kpiPeriod, patrolSlotAt } from '../../domain/kpiPeriod.js';
import { camerasOutsideVillage, findPatrol, recordPatrol } from '../../repos/cameras/patrolRepo.js';
import { requireRole } from '../../auth/requestViewer.js';
import { FIELD_ROLES, viewerCoversGrid } from '../../domain/accessRole.js';
import { NotFoundError } from '../../http/errorReplies.js';
import { currentGrid } from '../../http/currentGrid.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { CameraView, CameraViewBody } from '../../contract/cameraViews.js';

/**
 * Looking at a village's cameras is the online patrol: the slot's patrol is recorded by the look
 * itself, with the number of cameras opened, and a second look in the same slot records nothing
 * new. No person is clocked: the record belongs to the village's cameras, as `POST /api/patrols`'s.
 */
export const cameraViewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/cameras/views',
    {
      bodyLimit: 32 * 1024,
      schema: {
        tags: ['patrols'],
        summary: 'Looked at a village’s cameras: records the slot’s online patrol (视频巡查) as a by-product',
        description:
          'The slot is the China-time half day of now (am until 11:30, pm after). 201 when this look recorded the patrol, 200 when the slot was done already (nothing stored). Publishes a live `patrol` event when it records.',
        body: CameraViewBody,
        response: {
          200: CameraView,
          201: CameraView,
          400: ErrorReply('a field is invalid; the message names it'),
          403: ErrorReply('the role only reads (planner, auditor, wall)'),
          404: ErrorReply('no current village has this code inside the caller’s scope'),
          422: ErrorReply('a camera named is not one of the village’s'),
        },
      },
    },
    async (request, reply) => {
      const { villageCode, cameraIds } = request.body;
      const viewer = requireRole(request, FIELD_ROLES);
      // As for POST /api/patrols: anyone whose scope covers the village, and the grid staff of its groups.
      if (!viewerCoversGrid(viewer, villageCode) && !viewer.scope.code.startsWith(villageCode)) {
        throw new NotFoundError(`no village with code ${villageCode}`);
      }
      const grid = await currentGrid(app.db.sql, villageCode).catch(() => null);
      if (grid?.level !== 'village') throw new NotFoundError(`no village with code ${villageCode}`);
      const outside = await camerasOutsideVillage(app.db.sql, villageCode, cameraIds);
      if (outside.length > 0) {
        return reply.code(422).send({
          error: 'Unprocessable Entity',
          message: `camera ${outside[0]} is not a camera of village ${villageCode}`,
        });
      }
      const now = new Date();
      const day = kpiPeriod(now).today;
      const slot = patrolSlotAt(now);
      const result = await recordPatrol(app.db, {
        villageCode,
        slot,
        day,
        camerasViewed: cameraIds.length,
        doneAt: now,
        viewer,
      });
      if (result.ok) return reply.code(201).send({ villageCode, day, slot, recorded: true, patrol: result.patrol });
      if (result.problem === 'unknown_village') throw new NotFoundError(`no village with code ${villageCode}`);
      const patrol = await findPatrol(app.db.sql, villageCode, day, slot);
      if (!patrol) throw new Error(`patrol of ${villageCode} ${day} ${slot} vanished`);
      return { villageCode, day, slot, recorded: false, patrol };
    },
  );
};
