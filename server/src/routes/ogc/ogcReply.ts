import type { FastifyReply, FastifyRequest } from 'fastify';
import { viewerOf } from '../../auth/requestViewer.js';
import type { Viewer } from '../../domain/accessRole.js';
import { ogcFormatOf, type OgcFormat } from '../../domain/ogc/ogcMediaType.js';
import { requestOrigin } from '../../http/requestOrigin.js';

/**
 * What every OGC handler starts from: the viewer (401 without a session or valid token), the
 * origin links are built on and the representation asked for.
 */
export interface OgcRequest {
  viewer: Viewer;
  origin: string;
  format: OgcFormat;
}

export function ogcRequestOf(request: FastifyRequest, f: OgcFormat | undefined): OgcRequest {
  const viewer = viewerOf(request);
  return { viewer, origin: requestOrigin(request), format: ogcFormatOf(f, request.headers.accept) };
}

/**
 * The reply differs by caller (scope), host (links) and Accept (format): no shared cache may keep
 * one for another client.
 */
const ogcHeaders = {
  'cache-control': 'private, no-cache',
  vary: 'Accept, Authorization, Cookie, Host, X-Forwarded-Host, X-Forwarded-Proto',
};

/** Sends text already serialized (JSON built by the database, or an HTML page) with its media type. */
export function sendOgc(
  reply: FastifyReply,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply
    .headers({ ...ogcHeaders, ...headers })
    .type(type.startsWith('text/') ? `${type}; charset=utf-8` : type)
    .send(body);
}
