import { FIELD_ROLES, type AccessRole } from '@domain/accessRole.js';

/**
 * The village whose cameras the dossier of `grid` offers to look at (a village, or the village of
 * a group), for the roles that patrol (the field roles; a planner, auditor or wall only reads);
 * null for every other grid or role.
 */
export function patrolVillage(grid: { code: string; level: string }, role: AccessRole | null): string | null {
  if (!role || !FIELD_ROLES.includes(role)) return null;
  if (grid.level === 'village') return grid.code;
  if (grid.level === 'group') return grid.code.slice(0, 12);
  return null;
}
