/** The county's codes as the API may name it; the map shows it at `/`. */
const countyCodes = new Set(['620724', '620724000000']);

/** The path of a grid on the map, with a street to highlight or a case to open. */
export function mapPath(code: string, focus: { street?: number; caseSerial?: string } = {}): string {
  const base = countyCodes.has(code) ? '/map/620724' : `/map/${code}`;
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
