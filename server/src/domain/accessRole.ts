import { parseGridCode, type GridCode } from './gridCode.js';

/**
 * The roles of gridmap's accounts (DOMAIN.md, trust issue). Each account has one role and one scope:
 * the grid it answers for. Pure: no I/O.
 *
 * - county_admin: the whole county, everything.
 * - town_leader: a town (cases at every level inside it, the dossier, personal data when needed).
 * - village_cadre: a village.
 * - grid_staff: a villager group (reports and handles group-level cases).
 * - planner: a town or the county; draws plans, publishes them; sees no personal data.
 * - auditor: the county, read-only, browses the audit trail; sees no personal data.
 * - wall: a kiosk in a public hall; read-only counts and positions, never personal data.
 */
export const ACCESS_ROLES = [
  'county_admin',
  'town_leader',
  'village_cadre',
  'grid_staff',
  'planner',
  'auditor',
  'wall',
] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** Who is asking: the signed-in account behind a request (or a websocket). */
export interface Viewer {
  accountId: number;
  username: string;
  role: AccessRole;
  /** The grid the account answers for; the county for county-wide roles. */
  scope: GridCode;
  /** The member (party member, cadre) behind the account, when there is one. */
  memberId: number | null;
}

/** True when the grid `code` lies inside the viewer's scope (the scope itself included). */
export function viewerCoversGrid(viewer: Viewer, code: string): boolean {
  const grid = parseGridCode(code);
  if (!grid) return false;
  const own = viewer.scope;
  if (own.level === 'county') return grid.code.slice(0, 6) === own.code.slice(0, 6);
  if (own.level === 'town') return grid.level !== 'county' && grid.code.slice(0, 9) === own.code.slice(0, 9);
  if (own.level === 'village')
    return (grid.level === 'village' || grid.level === 'group') && grid.code.slice(0, 12) === own.code;
  return grid.code === own.code;
}
