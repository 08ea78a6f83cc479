import { parsePlaybackQuery, type PlaybackUrlState } from './playbackQuery.js';

/** The views the app knows, keyed by `location.pathname`. Later views (wall, drill, …) add cases here. */
export type AppRoute =
  | { view: 'map'; code: string | null; street?: number; caseSerial?: string; playback?: PlaybackUrlState }
  | { view: 'report' }
  | {
      view: 'wall';
      town: string | null;
      county: string | null;
      rotateSeconds: number | null;
      playback?: PlaybackUrlState;
    }
  | { view: 'login'; next: string | null }
  | { view: 'audit' }
  | { view: 'tokens' }
  | { view: 'feedback' }
  | { view: 'plans' }
  | { view: 'plan'; id: string }
  | { view: 'publicVillage'; code: string }
  | { view: 'caseLink'; serial: string; code: string | null }
  | { view: 'notFound'; path: string };

/** A prefecture or county (6), any division (12) or a group (15) code, as the API accepts them. */
const gridCodePattern = /^(?:[0-9]{6}|[0-9]{12}|[0-9]{15})$/;

/** `search` defaults to the page's query string, so callers that pass only the path keep working. */
export function matchRoute(pathname: string, search = globalThis.location?.search ?? ''): AppRoute {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/wall') return wallRoute(new URLSearchParams(search));
  if (path === '/' || path === '/map') return { view: 'map', code: null, ...mapFocus(search) };
  if (path === '/report') return { view: 'report' };
  if (path === '/login') return { view: 'login', next: new URLSearchParams(search).get('next') };
  if (path === '/audit') return { view: 'audit' };
  if (path === '/tokens') return { view: 'tokens' };
  if (path === '/feedback') return { view: 'feedback' };
  if (path === '/plan' || path === '/plans') return { view: 'plans' };
  // 一村一码: the village page a notice board's QR code opens, for anyone (12-digit village code).
  const village = /^\/p\/([0-9]{12})$/.exec(path);
  if (village?.[1]) return { view: 'publicVillage', code: village[1] };
  // 一案一码: what a case's QR code opens (the check code rides along from the reporter's slip).
  const caseLink = /^\/c\/([0-9]{19})$/.exec(path);
  if (caseLink?.[1]) return { view: 'caseLink', serial: caseLink[1], code: new URLSearchParams(search).get('code') };
  const plan = /^\/plan\/([0-9]{1,18})$/.exec(path);
  if (plan?.[1]) return { view: 'plan', id: plan[1] };
  const map = /^\/map\/([^/]+)$/.exec(path);
  if (map?.[1] && gridCodePattern.test(map[1])) return { view: 'map', code: map[1], ...mapFocus(search) };
  return { view: 'notFound', path: pathname };
}

/**
 * `/wall?town=CODE` or `?county=CODE` (6 or 12 digits) narrows the wall to one town or county of the
 * viewer's scope; `rotate=SECONDS` (10 or more) tours the places one level down.
 */
function wallRoute(query: URLSearchParams): AppRoute {
  const town = query.get('town');
  const county = query.get('county');
  const rotate = Number(query.get('rotate'));
  const playback = parsePlaybackQuery(query);
  return {
    ...(playback ? { playback } : {}),
    view: 'wall',
    town: town && /^[0-9]{12}$/.test(town) ? town : null,
    county: county && /^[0-9]{6}(?:000000)?$/.test(county) ? county : null,
    rotateSeconds: Number.isFinite(rotate) && rotate >= 10 ? rotate : null,
  };
}

/** `/map/<code>?street=<id>` highlights a street, `?case=<serial>` opens a case (search results link here). */
function mapFocus(search: string): { street?: number; caseSerial?: string; playback?: PlaybackUrlState } {
  const query = new URLSearchParams(search);
  const street = Number(query.get('street'));
  const serial = query.get('case');
  const playback = parsePlaybackQuery(query);
  return {
    ...(playback ? { playback } : {}),
    ...(Number.isInteger(street) && street > 0 ? { street } : {}),
    ...(serial && /^[0-9]{19}$/.test(serial) ? { caseSerial: serial } : {}),
  };
}
