import type { FastifyInstance, FastifyRequest } from 'fastify';
import { viewerCoversGrid, type AccessRole, type Viewer } from '../../domain/accessRole.js';
import { requireRole } from '../../auth/requestViewer.js';
import { PlanError } from '../../domain/plan/planError.js';
import { readPlan, type PlanSummary } from '../../repos/plans/planRepo.js';

/** Planners (town or county scope) and the county administrator draw and publish plans. */
export const planWriters: readonly AccessRole[] = ['planner', 'county_admin'];
/** …and a town leader may read the plans of their town. */
export const planReaders: readonly AccessRole[] = [...planWriters, 'town_leader'];

/**
 * The plan, when the viewer's role may read (or write) plans and the plan's scope lies in the
 * viewer's: 403 for another role, 404 for a plan outside the scope (a caller of another town
 * learns nothing, not even that it exists).
 */
export async function planFor(
  app: FastifyInstance,
  request: FastifyRequest,
  id: number,
  access: 'read' | 'write',
): Promise<{ viewer: Viewer; plan: PlanSummary }> {
  const viewer = requireRole(request, access === 'write' ? planWriters : planReaders);
  const plan = await readPlan(app.db.sql, id);
  if (!plan || !viewerCoversGrid(viewer, plan.scope)) throw new PlanError(404, `no plan ${id}`);
  return { viewer, plan };
}
