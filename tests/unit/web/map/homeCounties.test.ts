import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { RegionCollection } from '../../../../web/src/lib/api/mapFeatures.js';
import { homeBounds, homeCounties } from '../../../../web/src/lib/map/homeCounties.js';
import { geometryBounds } from '../../../../web/src/lib/map/geometryBounds.js';
import { shortGridCode } from '../../../../web/src/lib/routing/shortGridCode.js';

const region = JSON.parse(
  readFileSync(new URL('../../../../data/reference/gaotai-region-counties.geojson', import.meta.url), 'utf8'),
) as RegionCollection;
const codes = (scope: { code: string; level: 'prefecture' | 'county' | 'town' | 'village' | 'group' }) =>
  homeCounties(region, scope)
    .map((county) => county.properties.code)
    .sort();

describe('homeCounties (#12: the viewer’s scope decides what the map covers)', () => {
  it('is every county of the prefecture for a prefecture viewer, none of the neighbours', () => {
    expect(codes({ code: '620700000000', level: 'prefecture' })).toEqual([
      '620702000000',
      '620721000000',
      '620722000000',
      '620723000000',
      '620724000000',
      '620725000000',
    ]);
  });

  it('is the own county alone for a county, town, village or group viewer', () => {
    expect(codes({ code: '620723000000', level: 'county' })).toEqual(['620723000000']);
    expect(codes({ code: '620724101000', level: 'town' })).toEqual(['620724000000']);
    expect(codes({ code: '620724101201', level: 'village' })).toEqual(['620724000000']);
    expect(codes({ code: '620724101201003', level: 'group' })).toEqual(['620724000000']);
  });

  it('refuses a scope the basemap has no county for, naming it', () => {
    expect(() => homeCounties(region, { code: '110101000000', level: 'county' })).toThrow(/110101000000/);
  });

  it('frames the union of the home counties', () => {
    const prefecture = homeCounties(region, { code: '620700000000', level: 'prefecture' });
    const box = homeBounds(prefecture);
    for (const county of prefecture) {
      const [west, south, east, north] = geometryBounds(county.geometry);
      expect(west).toBeGreaterThanOrEqual(box[0]);
      expect(south).toBeGreaterThanOrEqual(box[1]);
      expect(east).toBeLessThanOrEqual(box[2]);
      expect(north).toBeLessThanOrEqual(box[3]);
    }
    const gaotai = homeCounties(region, { code: '620724000000', level: 'county' });
    expect(homeBounds(gaotai)).toEqual(geometryBounds(gaotai[0]!.geometry));
  });
});

describe('shortGridCode', () => {
  it('writes a prefecture or county with its 6 digits and leaves every other code alone', () => {
    expect(shortGridCode('620700000000')).toBe('620700');
    expect(shortGridCode('620724000000')).toBe('620724');
    expect(shortGridCode('620724')).toBe('620724');
    expect(shortGridCode('620724101000')).toBe('620724101000');
    expect(shortGridCode('620724101201003')).toBe('620724101201003');
  });
});
