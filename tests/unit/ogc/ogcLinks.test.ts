import { describe, expect, it } from 'vitest';
import { itemsLinks, landingLinks, ogcHref } from '../../../server/src/domain/ogc/ogcLinks.js';
import { ogcFeatureKeyOf, ogcCollectionOf, ogcPageSize } from '../../../server/src/domain/ogc/ogcCollections.js';

const origin = 'http://10.0.0.5:3000';

describe('OGC links', () => {
  it('builds absolute hrefs under /ogc with the query encoded', () => {
    expect(ogcHref(origin, '/collections/villages/items', { crs: 'http://x/4490', limit: 50, bbox: undefined })).toBe(
      'http://10.0.0.5:3000/ogc/collections/villages/items?crs=http%3A%2F%2Fx%2F4490&limit=50',
    );
  });

  it('gives the landing page self, alternate, service-desc, service-doc, conformance and data', () => {
    expect(landingLinks(origin, 'json').map((l) => l.rel)).toEqual([
      'self',
      'alternate',
      'service-desc',
      'service-doc',
      'conformance',
      'data',
    ]);
    expect(landingLinks(origin, 'html')[0]).toMatchObject({ rel: 'self', type: 'text/html' });
  });

  it('adds next with the same query and the page’s last key only when more follow', () => {
    const query = { limit: 50, bbox: '1,2,3,4' };
    expect(itemsLinks(origin, 'villages', 'json', query, null).some((l) => l.rel === 'next')).toBe(false);
    const next = itemsLinks(origin, 'villages', 'json', query, '620724100003').find((l) => l.rel === 'next')!;
    const url = new URL(next.href);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      limit: '50',
      bbox: '1,2,3,4',
      after: '620724100003',
      f: 'json',
    });
    expect(next.type).toBe('application/geo+json');
  });
});

describe('OGC collections', () => {
  it('caps the page size at 10,000 and defaults it to 10', () => {
    expect(ogcPageSize(undefined)).toBe(10);
    expect(ogcPageSize(20_000)).toBe(10_000);
    expect(ogcPageSize(50)).toBe(50);
  });

  it('takes digit ids of each collection’s shape only', () => {
    const households = ogcCollectionOf('households')!;
    const villages = ogcCollectionOf('villages')!;
    expect(ogcFeatureKeyOf(households, '42')).toBe('42');
    expect(ogcFeatureKeyOf(households, '0')).toBeNull();
    expect(ogcFeatureKeyOf(households, '9'.repeat(19))).toBeNull();
    expect(ogcFeatureKeyOf(villages, '620724100001')).toBe('620724100001');
    expect(ogcFeatureKeyOf(villages, '62072410000x')).toBeNull();
    expect(ogcCollectionOf('roads')).toBeNull();
  });
});
