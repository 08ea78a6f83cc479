import type { FastifyRequest } from 'fastify';
import { viewerCoversGrid, viewerPartOf, type AccessRole, type Viewer } from '../domain/accessRole.js';
import type { GridCode } from '../domain/gridCode.js';
import { NotFoundError } from '../http/errorReplies.js';

/** No valid session: the client must sign in (`POST /api/session`). */
export class UnauthorizedError extends Error {
  readonly statusCode = 401;
}

/** Signed in, but the role may not do this. */
export class ForbiddenError extends Error {
  readonly statusCode = 403;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account, set by the session plugin; null when the request carries no valid session. */
    viewer: Viewer | null;
  }
}

/** The signed-in account of a request; 401 when there is none. */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new UnauthorizedError('sign in first (POST /api/session)');
  return request.viewer;
}

/** 403 unless the viewer has one of `roles`. */
export function requireRole(request: FastifyRequest, roles: readonly AccessRole[]): Viewer {
  const viewer = viewerOf(request);
  if (!roles.includes(viewer.role)) {
    throw new ForbiddenError(`the ${viewer.role} role may not do this (needs ${roles.join(' or ')})`);
  }
  return viewer;
}

/**
 * 404 when the grid `code` is outside the viewer's scope: a caller of another town learns nothing,
 * not even that the grid exists.
 */
export function requireGridInScope(request: FastifyRequest, code: string): Viewer {
  const viewer = viewerOf(request);
  // The same message as for a grid that does not exist (routes/currentGrid.ts): nothing to tell apart.
  if (!viewerCoversGrid(viewer, code)) throw new NotFoundError(`no grid with code ${code}`);
  return viewer;
}

/**
 * The grid a list route reads for the viewer (`viewerPartOf`): as asked inside the scope, the
 * viewer's own scope when the asked grid contains it, else 404 as for a grid that does not exist.
 */
export function scopedGrid<T extends GridCode>(request: FastifyRequest, asked: T): T | GridCode {
  const part = viewerPartOf(viewerOf(request), asked);
  if (!part) throw new NotFoundError(`no grid with code ${asked.code}`);
  return part === asked ? asked : part;
}
