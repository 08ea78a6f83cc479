/**
 * The conformance classes gridmap's OGC API declares at `/ogc/conformance` (Part 1 core, OpenAPI
 * 3.0, HTML, GeoJSON; Part 2 CRS by reference). tests/api/ogcConformance.test.ts holds one test per
 * abstract test of these classes.
 */
export const OGC_CONFORMANCE_CLASSES: readonly string[] = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];
