/**
 * The coordinate reference systems of gridmap's OGC API – Features (Part 2, "CRS by reference",
 * https://docs.ogc.org/is/18-058r1/18-058r1.html), named by their OGC URIs. Pure: no I/O.
 *
 * Geometry is stored in EPSG:4326 longitude/latitude, which is CRS84. CGCS2000 (EPSG:4490) equals
 * it to centimetres (DESIGN.md "Storage"), so 4490 and 4326 give the same numbers — but their EPSG
 * definitions order the axes latitude first, and the standard makes a server follow the
 * definition (/req/crs/crs-uri): coordinates are swapped for them, in replies and in `bbox`.
 * EPSG:3857 (Web Mercator) is projected in metres, easting first.
 */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const EPSG_4490 = 'http://www.opengis.net/def/crs/EPSG/0/4490';
export const EPSG_4326 = 'http://www.opengis.net/def/crs/EPSG/0/4326';
export const EPSG_3857 = 'http://www.opengis.net/def/crs/EPSG/0/3857';

/** Every CRS a collection can be read in, the storage CRS first (each collection's `crs` list). */
export const OGC_CRS_URIS: readonly string[] = [CRS84, EPSG_4490, EPSG_4326, EPSG_3857];

/** Where the first two ordinates of a position point in a CRS. */
export type AxisOrder = 'lonLat' | 'latLon' | 'eastNorth';

export interface OgcCrs {
  uri: string;
  /** The SRID the database writes coordinates in (4490 is written as 4326: the same numbers). */
  srid: 4326 | 3857;
  axisOrder: AxisOrder;
  /** Decimals written per ordinate: 6 in degrees (~0.1 m), 2 in metres. */
  decimals: number;
}

const crsByUri: ReadonlyMap<string, OgcCrs> = new Map([
  [CRS84, { uri: CRS84, srid: 4326, axisOrder: 'lonLat', decimals: 6 }],
  [EPSG_4490, { uri: EPSG_4490, srid: 4326, axisOrder: 'latLon', decimals: 6 }],
  [EPSG_4326, { uri: EPSG_4326, srid: 4326, axisOrder: 'latLon', decimals: 6 }],
  [EPSG_3857, { uri: EPSG_3857, srid: 3857, axisOrder: 'eastNorth', decimals: 2 }],
]);

/** The storage CRS: what every reply is in when the client names none. */
export const STORAGE_CRS: OgcCrs = crsByUri.get(CRS84)!;

/** The CRS a `crs` or `bbox-crs` parameter names (absent: CRS84), or null when it is not one of ours. */
export function ogcCrsOf(uri: string | undefined): OgcCrs | null {
  if (uri === undefined) return STORAGE_CRS;
  return crsByUri.get(uri) ?? null;
}

/** The `Content-Crs` header value of a reply in `crs` (/req/crs/ogc-crs-header-value: the URI in angle brackets). */
export function contentCrsHeader(crs: OgcCrs): string {
  return `<${crs.uri}>`;
}
