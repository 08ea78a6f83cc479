import { ACCESS_ROLES, type AccessRole } from '@domain/accessRole.js';
import { TOKEN_ROLES } from '@domain/apiToken.js';

/**
 * Which roles may open each view. The server enforces scopes and roles on every request; this only
 * spares a user a page that would answer 403 everywhere. Views not listed (new ones) are open to
 * the roles of the map.
 */
const mapRoles = ACCESS_ROLES.filter((role) => role !== 'wall');

const viewRoles: Readonly<Record<string, readonly AccessRole[] | 'public'>> = {
  login: 'public',
  notFound: 'public',
  // 一村一码: residents scan the board's code and have no account.
  publicVillage: 'public',
  // 一案一码: the reporter reads the progress with the check code; a signed-in viewer goes on to the case.
  caseLink: 'public',
  map: mapRoles,
  report: ['grid_staff', 'village_cadre', 'town_leader', 'county_admin'],
  wall: ['wall', 'county_admin', 'town_leader'],
  audit: ['auditor', 'county_admin'],
  tokens: TOKEN_ROLES,
  // 投诉建议: the administrators answer, auditors read along (routes/feedback).
  feedback: ['county_admin', 'auditor'],
  // Plans: planners and the county admin edit, a town leader reads their town's (routes/planAccess.ts).
  plans: ['planner', 'county_admin', 'town_leader'],
  plan: ['planner', 'county_admin', 'town_leader'],
};

export function isPublicView(view: string): boolean {
  return viewRoles[view] === 'public';
}

export function mayOpen(role: AccessRole, view: string): boolean {
  const roles = viewRoles[view] ?? mapRoles;
  return roles === 'public' || roles.includes(role);
}

/** Where a role starts when no page was asked for: the wall its wall, grid staff the report page. */
export function homePath(role: AccessRole): string {
  if (role === 'wall') return '/wall';
  if (role === 'grid_staff') return '/report';
  if (role === 'auditor') return '/audit';
  return '/';
}

/**
 * The `next` of `/login?next=…` when it is a path of this app (never another origin: `//host`
 * or `/\host` would leave it) and not the sign-in page itself.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (/^\/login(?:[/?#]|$)/.test(next)) return null;
  return next;
}

/** `/login?next=<where the user was>` for a path and query of this app. */
export function loginPath(next: string | null): string {
  const safe = safeNextPath(next);
  return safe && safe !== '/' ? `/login?next=${encodeURIComponent(safe)}` : '/login';
}

/** What the app shows for a view, given where the session stands. */
export type RouteGate = 'open' | 'loading' | 'unreachable' | 'signIn' | 'signInAgain' | 'forbidden';

export function routeGate(
  view: string,
  session: { state: 'loading' | 'unreachable' | 'signedIn' | 'signedOut'; role: AccessRole | null; expired: boolean },
): RouteGate {
  if (isPublicView(view)) return 'open';
  if (session.state === 'loading' || session.state === 'unreachable') return session.state;
  if (session.state === 'signedOut' || !session.role) {
    // An unattended wall that lost its session says so full screen instead of jumping to a form.
    return view === 'wall' && session.expired ? 'signInAgain' : 'signIn';
  }
  return mayOpen(session.role, view) ? 'open' : 'forbidden';
}
