import type { AccessRole } from './accessRole.js';

/**
 * API tokens for non-browser clients (issue #16 part 1): QGIS, GDAL, scripts. Pure rules, no I/O.
 * A token is `gmt_` + 32 random bytes in base64url; the prefix lets secret scanners and people
 * recognise one in a config file or a log, and lets the server refuse anything else unread.
 */
export const TOKEN_PREFIX = 'gmt_';

const tokenPattern = /^gmt_[A-Za-z0-9_-]{43}$/;

/** True when `text` has the shape of a token (it may still be unknown, expired or revoked). */
export function isTokenShaped(text: string): boolean {
  return tokenPattern.test(text);
}

/**
 * The token of an `Authorization` header (RFC 6750 §2.1: `Bearer <token>`, the scheme
 * case-insensitive), or null when the header is not a bearer token of gridmap's shape.
 */
export function bearerToken(header: string): string | null {
  const match = /^bearer +(\S+) *$/i.exec(header);
  if (!match || !isTokenShaped(match[1]!)) return null;
  return match[1]!;
}

/** The bounds of a token's expiry and name, as the contract validates them. */
export { TOKEN_EXPIRY_DAYS, TOKEN_NAME_MAX } from '../contract/tokens.js';

/**
 * Roles that may hold tokens: everyone who works with data in desktop GIS or scripts. Not the wall:
 * a kiosk has its own long session and no one sits at it to copy a secret.
 */
export const TOKEN_ROLES: readonly AccessRole[] = [
  'county_admin',
  'town_leader',
  'village_cadre',
  'grid_staff',
  'planner',
  'auditor',
];

export function mayHoldTokens(role: AccessRole): boolean {
  return TOKEN_ROLES.includes(role);
}

/**
 * How often a request made with a token is written to the audit trail: `each` request, or once an
 * `hour` per token for map reads (tiles, TileJSON, the style) — a map view fetches dozens of tiles a
 * second, carries no personal data, and one row per tile would drown the trail. Everything else —
 * writes, lists, personal data — is recorded each time, as a signed-in person's actions are.
 */
export function tokenUseAudit(method: string, routePath: string): 'each' | 'hour' {
  const read = method === 'GET' || method === 'HEAD';
  if (read && (routePath.startsWith('/tiles/') || routePath === '/style.json')) return 'hour';
  return 'each';
}
