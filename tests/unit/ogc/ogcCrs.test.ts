import { describe, expect, it } from 'vitest';
import {
  contentCrsHeader,
  CRS84,
  EPSG_3857,
  EPSG_4326,
  EPSG_4490,
  ogcCrsOf,
  OGC_CRS_URIS,
} from '../../../server/src/domain/ogc/ogcCrs.js';

describe('ogcCrsOf', () => {
  it('reads CRS84 when no CRS is named, and every advertised URI', () => {
    expect(ogcCrsOf(undefined)?.uri).toBe(CRS84);
    for (const uri of OGC_CRS_URIS) expect(ogcCrsOf(uri)?.uri).toBe(uri);
  });

  it('orders CGCS2000 and WGS 84 latitude first, as their EPSG definitions do, and CRS84 longitude first', () => {
    expect(ogcCrsOf(EPSG_4490)).toMatchObject({ srid: 4326, axisOrder: 'latLon' });
    expect(ogcCrsOf(EPSG_4326)).toMatchObject({ srid: 4326, axisOrder: 'latLon' });
    expect(ogcCrsOf(CRS84)).toMatchObject({ srid: 4326, axisOrder: 'lonLat' });
    expect(ogcCrsOf(EPSG_3857)).toMatchObject({ srid: 3857, axisOrder: 'eastNorth', decimals: 2 });
  });

  it.each(['EPSG:4490', 'http://www.opengis.net/def/crs/EPSG/0/4549', '', CRS84.toUpperCase()])(
    'refuses %j, which is not an advertised URI',
    (uri) => {
      expect(ogcCrsOf(uri)).toBeNull();
    },
  );

  it('writes Content-Crs as the URI in angle brackets', () => {
    expect(contentCrsHeader(ogcCrsOf(EPSG_4490)!)).toBe('<http://www.opengis.net/def/crs/EPSG/0/4490>');
  });
});
