import type { FastifyError, FastifyReply } from 'fastify';
import { PlanError } from '../../domain/plan/planError.js';

const statusText: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
};

/**
 * The plan routes' error handler: a refused plan request carries details (who changed a grid,
 * where an outline is wrong, the problems blocking a publish); anything else goes on to the app's
 * handler (routes/errorReplies.ts).
 */
export function planErrorReply(error: FastifyError | PlanError, reply: FastifyReply): FastifyReply {
  if (!(error instanceof PlanError)) throw error;
  return reply
    .code(error.statusCode)
    .send({ error: statusText[error.statusCode] ?? 'Error', message: error.message, ...error.details });
}
