import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { setCameraStatus } from '../../repos/cameras/cameraWriteRepo.js';
import { NotFoundError } from '../../http/errorReplies.js';
import { requireRole } from '../../auth/requestViewer.js';
import { FIELD_ROLES } from '../../domain/accessRole.js';
import { ErrorReply } from '../../contract/errorReply.js';
import { CameraIdParams, CameraStatusBody, CameraStatusReply } from '../../contract/cameras.js';

/** Device-status reports from the video platform (雪亮工程), issue "The live picture". */
export const cameraStatusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/cameras/:id/status',
    {
      bodyLimit: 1024, // {"status":"offline"}
      schema: {
        tags: ['cameras'],
        summary: 'Report a camera online or offline (设备在线状态)',
        description:
          'Stores the status; online also sets last seen to now. A change publishes a live `camera` event; a repeat of the current status does not (`changed: false`).',
        params: CameraIdParams,
        body: CameraStatusBody,
        response: {
          200: CameraStatusReply,
          400: ErrorReply('the id or the status is malformed; the message names it'),
          403: ErrorReply('the role only reads (planner, auditor, wall)'),
          404: ErrorReply('no camera has this id inside the caller’s scope'),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const viewer = requireRole(request, FIELD_ROLES);
      const result = await setCameraStatus(app.db, id, request.body.status, new Date(), viewer);
      if (!result.found) throw new NotFoundError(`no camera with id ${id}`);
      return { ...result.camera, changed: result.changed };
    },
  );
};
