import type { FastifyRequest } from 'fastify';
import { FIELD_ROLES, type Viewer } from '../../domain/accessRole.js';
import type { CaseActor } from '../../domain/caseLifecycle.js';
import type { CaseActorRole } from '../../domain/caseRoles.js';
import { requireRole } from '../../auth/requestViewer.js';

/**
 * Who is acting on a case: the signed-in account, as the lifecycle's role (its own role name for
 * the field roles) and the member behind it. Planners, auditors and wall displays only read: 403.
 * The case's place is checked against the viewer's scope where the case is read (caseWriteRepo).
 */
export function actorOf(request: FastifyRequest): { actor: CaseActor; viewer: Viewer } {
  const viewer = requireRole(request, FIELD_ROLES);
  return { actor: { role: viewer.role as CaseActorRole, memberId: viewer.memberId }, viewer };
}
