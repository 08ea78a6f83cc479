import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';

/** A repository or route throws this for a missing resource; the reply is a clear 404. */
export class NotFoundError extends Error {
  readonly statusCode = 404;
}

/** A request that is well-formed but not acceptable (e.g. a point outside the county). */
export class BadRequestError extends Error {
  readonly statusCode = 400;
}

/**
 * One shape for every error reply: `{ error, message }`. 4xx messages say what is wrong (for
 * schema errors, which parameter); 5xx replies say nothing of internals, the log has everything.
 */
export const errorReplies = fp(async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply
        .code(500)
        .send({ error: 'Internal Server Error', message: 'the server could not complete the request' });
    }
    const message = error.validation ? validationMessage(error) : error.message;
    return reply.code(status).send({ error: reasonPhrase(status), message });
  });
});

function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0];
  const where = error.validationContext ?? 'request';
  if (!first) return error.message;
  const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = (first.params as { missingProperty?: string }).missingProperty;
  const unknown = (first.params as { additionalProperty?: string }).additionalProperty;
  const allowed = (first.params as { allowedValues?: unknown[] }).allowedValues;
  if (unknown !== undefined) return `${where} parameter "${unknown}" is not defined for this route`;
  const name = missing ?? path;
  const detail = allowed ? `must be one of ${allowed.join(', ')}` : (first.message ?? 'is invalid');
  return name ? `${where} parameter "${name}" ${detail}` : `${where} ${detail}`;
}

function reasonPhrase(status: number): string {
  return (
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      409: 'Conflict',
      413: 'Payload Too Large',
      415: 'Unsupported Media Type',
      422: 'Unprocessable Entity',
      429: 'Too Many Requests',
    }[status] ?? 'Error'
  );
}
