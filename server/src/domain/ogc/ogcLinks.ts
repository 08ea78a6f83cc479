import type { OgcFormat } from './ogcMediaType.js';

/**
 * The links of OGC API – Features documents (Part 1 §7.2–7.16): absolute hrefs on the origin the
 * client used (`http://10.0.0.5:3000`), each resource in JSON and HTML (`self` in the format
 * returned, `alternate` in the other). Pure: no I/O.
 */
export interface OgcLink {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

export const OGC_BASE_PATH = '/ogc';
export const MEDIA_JSON = 'application/json';
export const MEDIA_GEOJSON = 'application/geo+json';
export const MEDIA_HTML = 'text/html';
export const MEDIA_OPENAPI = 'application/vnd.oai.openapi+json;version=3.0';

/** Query parameters of a link; undefined ones are left out, the rest kept in the given order. */
export type LinkQuery = Record<string, string | number | undefined>;

export function ogcHref(origin: string, path: string, query: LinkQuery = {}): string {
  const url = new URL(`${OGC_BASE_PATH}${path}`, origin);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.href;
}

/** `self` and `alternate` of a resource whose JSON is `jsonType`. */
export function selfLinks(
  origin: string,
  path: string,
  format: OgcFormat,
  jsonType: string,
  query: LinkQuery = {},
): OgcLink[] {
  const json: OgcLink = {
    href: ogcHref(origin, path, { ...query, f: 'json' }),
    rel: '',
    type: jsonType,
    title: 'JSON',
  };
  const html: OgcLink = {
    href: ogcHref(origin, path, { ...query, f: 'html' }),
    rel: '',
    type: MEDIA_HTML,
    title: 'HTML',
  };
  return format === 'json'
    ? [
        { ...json, rel: 'self' },
        { ...html, rel: 'alternate' },
      ]
    : [
        { ...html, rel: 'self' },
        { ...json, rel: 'alternate' },
      ];
}

export function landingLinks(origin: string, format: OgcFormat): OgcLink[] {
  return [
    ...selfLinks(origin, '', format, MEDIA_JSON),
    { href: ogcHref(origin, '/api'), rel: 'service-desc', type: MEDIA_OPENAPI, title: 'OpenAPI 3.0' },
    { href: ogcHref(origin, '/api', { f: 'html' }), rel: 'service-doc', type: MEDIA_HTML, title: 'API (HTML)' },
    { href: ogcHref(origin, '/conformance'), rel: 'conformance', type: MEDIA_JSON, title: 'Conformance' },
    { href: ogcHref(origin, '/collections'), rel: 'data', type: MEDIA_JSON, title: 'Collections' },
  ];
}

/** The links inside one collection's description: itself and its items in both formats. */
export function collectionLinks(origin: string, id: string, format: OgcFormat): OgcLink[] {
  const path = `/collections/${id}`;
  return [
    ...selfLinks(origin, path, format, MEDIA_JSON),
    { href: ogcHref(origin, `${path}/items`, { f: 'json' }), rel: 'items', type: MEDIA_GEOJSON, title: 'GeoJSON' },
    { href: ogcHref(origin, `${path}/items`, { f: 'html' }), rel: 'items', type: MEDIA_HTML, title: 'HTML' },
  ];
}

/**
 * The links of a page of items: self/alternate with the page's own query, the collection, and
 * `next` when more follow — the same query with `after` set to the page's last key (keyset paging:
 * stable while features are added, and as fast at the last page as at the first).
 */
export function itemsLinks(
  origin: string,
  id: string,
  format: OgcFormat,
  query: LinkQuery,
  nextAfter: string | null,
): OgcLink[] {
  const path = `/collections/${id}/items`;
  const links = [
    ...selfLinks(origin, path, format, MEDIA_GEOJSON, query),
    { href: ogcHref(origin, `/collections/${id}`), rel: 'collection', type: MEDIA_JSON, title: 'Collection' },
  ];
  if (nextAfter !== null) {
    const type = format === 'json' ? MEDIA_GEOJSON : MEDIA_HTML;
    links.push({
      href: ogcHref(origin, path, { ...query, after: nextAfter, f: format }),
      rel: 'next',
      type,
      title: 'Next page',
    });
  }
  return links;
}

export function itemLinks(
  origin: string,
  id: string,
  featureId: string,
  format: OgcFormat,
  query: LinkQuery,
): OgcLink[] {
  return [
    ...selfLinks(origin, `/collections/${id}/items/${encodeURIComponent(featureId)}`, format, MEDIA_GEOJSON, query),
    { href: ogcHref(origin, `/collections/${id}`), rel: 'collection', type: MEDIA_JSON, title: 'Collection' },
  ];
}
