import { shortGridCode } from '../../lib/routing/shortGridCode.js';
import { carryPlaybackQuery } from '../../lib/routing/playbackQuery.js';

/**
 * The path of a grid on the map, with a street to highlight or a case to open. A prefecture or
 * county is written with its 6 digits, however the API named it, so one grid has one address.
 */
export function mapPath(code: string, focus: { street?: number; caseSerial?: string } = {}): string {
  const base = `/map/${shortGridCode(code)}`;
  const query = new URLSearchParams();
  if (focus.street !== undefined) query.set('street', String(focus.street));
  if (focus.caseSerial !== undefined) query.set('case', focus.caseSerial);
  const search = query.toString();
  return search ? `${base}?${search}` : base;
}

/**
 * Moves to `path` as a new history entry, so Back returns. The app's router (CurrentRoute) follows
 * `popstate`; dispatching one lets components outside the view (the search box in the title bar)
 * navigate without holding the router.
 */
export function goTo(path: string, { keepTime = true }: { keepTime?: boolean } = {}): void {
  // While the map plays its history back, moving to another grid keeps the clock (keepTime: false leaves it).
  const next =
    keepTime && path.startsWith('/map') ? carryPlaybackQuery(new URLSearchParams(location.search), path) : path;
  if (`${location.pathname}${location.search}` === next) return;
  history.pushState(null, '', next);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
