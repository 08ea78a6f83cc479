import { ACCESS_ROLES } from '../contract/vocabulary.js';
import { parseGridCode, type GridCode, type GridLevel } from './gridCode.js';

/**
 * The roles of gridmap's accounts (DOMAIN.md, trust issue). Each account has one role and one scope:
 * the grid it answers for. Pure: no I/O.
 *
 * - county_admin: the whole county (or prefecture, when scoped to one), everything.
 * - town_leader: a town (cases at every level inside it, the dossier, personal data when needed).
 * - village_cadre: a village.
 * - grid_staff: a villager group (reports and handles group-level cases).
 * - planner: a town, the county or the prefecture; draws plans, publishes them; sees no personal data.
 * - auditor: the county or the prefecture, read-only, browses the audit trail; sees no personal data.
 * - wall: a kiosk in a public hall; read-only counts and positions, never personal data.
 */
export { ACCESS_ROLES };
export type AccessRole = (typeof ACCESS_ROLES)[number];

/**
 * The levels an account of each role may answer for (the list above). The county-wide roles answer
 * for a county, or for a prefecture when the command centre sits there (市级综治中心).
 */
export const ROLE_SCOPE_LEVELS: Readonly<Record<AccessRole, readonly GridLevel[]>> = {
  county_admin: ['prefecture', 'county'],
  town_leader: ['town'],
  village_cadre: ['village'],
  grid_staff: ['group'],
  planner: ['prefecture', 'county', 'town'],
  auditor: ['prefecture', 'county'],
  wall: ['prefecture', 'county'],
};

/** Why `role` cannot answer for `scope`, or null when it can (new accounts are checked by it). */
export function roleScopeProblem(role: AccessRole, scope: GridCode): string | null {
  const levels = ROLE_SCOPE_LEVELS[role];
  if (levels.includes(scope.level)) return null;
  return `a ${role} answers for a ${levels.join(' or a ')}, not a ${scope.level} (${scope.code})`;
}

/** Who is asking: the signed-in account behind a request (or a websocket). */
export interface Viewer {
  accountId: number;
  username: string;
  role: AccessRole;
  /** The grid the account answers for; the county (or prefecture) for county-wide roles. */
  scope: GridCode;
  /** The member (party member, cadre) behind the account, when there is one. */
  memberId: number | null;
  /** The client's address, for the audit trail (set by the session plugin). */
  ip?: string;
}

/** True when the grid `code` lies inside the viewer's scope (the scope itself included). */
export function viewerCoversGrid(viewer: Viewer, code: string): boolean {
  return gridCovers(viewer.scope, code);
}

/** True when the grid `code` lies inside `outer` (outer itself included). */
export function gridCovers(outer: GridCode, code: string): boolean {
  const grid = parseGridCode(code);
  if (!grid) return false;
  if (outer.level === 'prefecture') return grid.code.slice(0, 4) === outer.code.slice(0, 4);
  if (outer.level === 'county') return grid.level !== 'prefecture' && grid.code.slice(0, 6) === outer.code.slice(0, 6);
  if (outer.level === 'town')
    return (
      (grid.level === 'town' || grid.level === 'village' || grid.level === 'group') &&
      grid.code.slice(0, 9) === outer.code.slice(0, 9)
    );
  if (outer.level === 'village')
    return (grid.level === 'village' || grid.level === 'group') && grid.code.slice(0, 12) === outer.code;
  return grid.code === outer.code;
}

/**
 * The part of the grid `asked` a viewer may read, by one rule for every list (grids, streets,
 * households, cameras, cases, patrols, KPIs, live subscriptions): a grid inside the viewer's scope
 * is read as asked; a grid that contains the scope (the county asked by a town leader) is read as
 * the viewer's own scope — the county list shows only their town; any other grid is null (the
 * route answers 404, exactly as for a grid that does not exist).
 */
export function viewerPartOf(viewer: Viewer, asked: GridCode): GridCode | null {
  if (gridCovers(viewer.scope, asked.code)) return asked;
  if (gridCovers(asked, viewer.scope.code)) return viewer.scope;
  return null;
}

/** Roles that may see a resident's or a party's name, phone and ID number unmasked (each time audited). */
export const PERSONAL_DATA_ROLES: readonly AccessRole[] = [
  'county_admin',
  'town_leader',
  'village_cadre',
  'grid_staff',
];

/** Roles that work cases, patrols and camera reports (the others only read: planner, auditor, wall). */
export const FIELD_ROLES: readonly AccessRole[] = ['county_admin', 'town_leader', 'village_cadre', 'grid_staff'];

/** Roles that may browse and export the audit trail. */
export const AUDIT_ROLES: readonly AccessRole[] = ['auditor', 'county_admin'];
/** Who loads and withdraws working-day calendar years (the State Council's arrangement). */
export const CALENDAR_ROLES: readonly AccessRole[] = ['county_admin'];
