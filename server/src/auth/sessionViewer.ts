import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { parseGridCode } from '../domain/gridCode.js';
import type { Viewer } from '../domain/accessRole.js';
import { ForbiddenError, UnauthorizedError } from './requestViewer.js';
import { csrfHeaderName, sessionCookieName } from './sessionPolicy.js';
import { liveSessionOf, liveSessions } from './liveSession.js';
import { auditTokenUse, authenticateBearer } from './bearerViewer.js';

export interface SessionViewerOptions {
  /** Mark the session cookie `Secure` (only sent over HTTPS): set behind a TLS proxy. */
  secureCookies?: boolean;
}

/** The session behind a request, for sign-out and the CSRF check. */
export interface RequestSession {
  idHash: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The valid session the request's cookie names; null when there is none. */
    session: RequestSession | null;
  }
  interface FastifyInstance {
    /** Whether session cookies are marked Secure (routes/session.ts sets them). */
    secureCookies: boolean;
  }
}

/** SHA-256 hex of a session id: what the sessions table stores. */
export function sessionIdHash(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** A session id is 32 random bytes in base64url (43 characters); anything else is not looked up. */
const sessionIdPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * Sets `request.viewer` from an `Authorization: Bearer` API token (auth/bearerViewer.ts) or else
 * the `gridmap_session` cookie, and enforces these rules for every route:
 * - the API, tiles, the OGC API (`/ogc`) and the live channel need a session or a token (401
 *   otherwise), except the ones anyone may reach: `/health`, signing in and asking who is signed
 *   in (`/api/session`), a village's public page data (`/api/public/villages/:code`, 一村一码)
 *   and a resident's 投诉建议 through it (`/api/public/villages/:code/feedback`), a case's progress
 *   for its reporter (`/api/public/cases/:serial`, 一案一码), and the API docs;
 *   the web app's static files are public too (the sign-in page is one of them);
 * - a signed-in request that may change something (not GET/HEAD/OPTIONS) carries the session's CSRF
 *   token in `x-csrf-token` (403 otherwise). The cookie is SameSite=Strict already; the token also
 *   covers browsers and proxies that do not honour it. Signing in is exempt (it makes the token).
 *   A bearer request needs none: it has no cookie a forged page could make the browser send, and
 *   no page of another origin can set the header (CORS stays closed);
 * - a token does not open the live channel: a socket outlives the request, and only a session is
 *   checked again on it (live/liveRoutes.ts).
 */
export const sessionViewer = fp<SessionViewerOptions>(
  async (app, options) => {
    await app.register(cookie);
    await app.register(liveSessions);
    app.decorate('secureCookies', options.secureCookies ?? false);
    app.decorateRequest('viewer', null);
    app.decorateRequest('session', null);
    app.decorateRequest('apiToken', null);
    auditTokenUse(app);
    app.addHook('onRequest', async (request, reply) => {
      const id = request.cookies[sessionCookieName];
      const authorization = request.headers.authorization;
      if (authorization !== undefined) {
        await authenticateBearer(app, request, reply, authorization);
      } else if (id && sessionIdPattern.test(id)) {
        const idHash = sessionIdHash(id);
        const found = await liveSessionOf(app, idHash);
        const scope = found ? parseGridCode(found.scopeCode) : null;
        if (found && scope) {
          const viewer: Viewer = {
            accountId: found.accountId,
            username: found.username,
            role: found.role,
            scope,
            memberId: found.memberId,
            ip: request.ip,
          };
          request.viewer = viewer;
          request.session = { idHash, csrfToken: found.csrfToken };
        }
      }
      // The matched route's pattern, not the raw URL: the router decodes `%61pi/…` to `api/…`, a
      // prefix check on the raw text would not. No route matched: the not-found reply, no data.
      const path = request.routeOptions.url ?? '';
      if (!request.viewer) {
        if (needsSession(path)) throw new UnauthorizedError('sign in first (POST /api/session)');
        return;
      }
      if (!request.session) {
        if (path === '/live') throw new UnauthorizedError('the live channel needs a signed-in session, not a token');
        return;
      }
      if (isWrite(request.method) && !(path === '/api/session' && request.method === 'POST')) {
        if (!csrfMatches(request, request.session.csrfToken)) {
          throw new ForbiddenError(`missing or wrong ${csrfHeaderName} header (the csrfToken of the session)`);
        }
      }
    });
    // A websocket upgrade refused here (401) never reaches @fastify/websocket's own hooks, which
    // would end its socket: end it after the reply, or it stays open and holds the server's close.
    app.addHook('onResponse', async (request) => {
      if (!request.session && request.headers.upgrade?.toLowerCase() === 'websocket') request.raw.socket.destroy();
    });
  },
  { name: 'gridmap-session-viewer', decorators: { fastify: ['db'] } },
);

/** Routes of the API anyone may read: exact patterns, never a prefix (a prefix would open what is added under it). */
const openApiRoutes = new Set([
  '/api/session',
  '/api/public/villages/:code',
  '/api/public/villages/:code/feedback',
  '/api/public/cases/:serial',
]);

function needsSession(path: string): boolean {
  if (openApiRoutes.has(path)) return false;
  return (
    path.startsWith('/api/') ||
    path === '/api' ||
    path.startsWith('/tiles/') ||
    path === '/ogc' ||
    path.startsWith('/ogc/') ||
    path === '/live' ||
    path === '/style.json'
  );
}

function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

function csrfMatches(request: FastifyRequest, expected: string): boolean {
  const given = request.headers[csrfHeaderName];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
