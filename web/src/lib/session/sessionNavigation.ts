import { matchRoute, type AppRoute } from '../routing/appRoute.js';

/**
 * Moves to `url` without a history entry: the sign-in detour (/map → /login?next=/map → /map)
 * should not leave pages behind that Back would bounce through.
 */
export function replaceRoute(current: { route: AppRoute }, url: string): void {
  history.replaceState(null, '', url);
  current.route = matchRoute(location.pathname, location.search);
}

/** Path and query of the page shown now: what `?next=` keeps. */
export function hereNow(): string {
  return `${location.pathname}${location.search}`;
}
