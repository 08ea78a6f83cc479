import { shortGridCode } from '../../lib/routing/shortGridCode.js';

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
export function goTo(path: string): void {
  if (`${location.pathname}${location.search}` === path) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
