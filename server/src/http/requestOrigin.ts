import type { FastifyRequest } from 'fastify';
import { BadRequestError } from './errorReplies.js';

/** A host name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/**
 * The origin the client reached this server at (`http://10.0.0.5:3000`), for absolute URLs in
 * documents other programs fetch from (TileJSON, the style). Fastify's `request.protocol` and
 * `request.host` read X-Forwarded-Proto and X-Forwarded-Host only from the proxies of
 * GRIDMAP_TRUST_PROXY, so a client elsewhere cannot choose them. A Host that is no host is refused
 * rather than written into a URL.
 */
export function requestOrigin(request: FastifyRequest): string {
  const host = request.host;
  if (!hostPattern.test(host)) throw new BadRequestError('the Host header is not a host name');
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  return `${protocol}://${host}`;
}
