import type { FastifyReply } from 'fastify';

/**
 * Sends JSON text the database already built (large GeoJSON layers) as is: with a JSON content
 * type and a string payload, Fastify skips its serializer. The route's response schema still
 * documents the shape.
 */
export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
