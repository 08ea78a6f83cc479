import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../../web/src/lib/routing/appRoute.js';
import { mapPath } from '../../../../web/src/features/map/mapNavigation.js';
import { maskAround } from '../../../../web/src/lib/map/drillLayers.js';
import { monthLabel, niceCeiling } from '../../../../web/src/features/map/dossier/trendScale.js';

describe('drill-down links', () => {
  it('round-trips a grid, a street and a case through the URL', () => {
    expect(mapPath('620724100201')).toBe('/map/620724100201');
    expect(mapPath('620724000000')).toBe('/map/620724');
    expect(mapPath('620724')).toBe('/map/620724');
    // A prefecture has one address too (#12: the map drills from the prefecture down).
    expect(mapPath('620700000000')).toBe('/map/620700');
    expect(matchRoute('/map/620700', '')).toEqual({ view: 'map', code: '620700' });
    const street = mapPath('620724100201003', { street: 42 });
    expect(matchRoute(street.split('?')[0]!, `?${street.split('?')[1]}`)).toEqual({
      view: 'map',
      code: '620724100201003',
      street: 42,
    });
    const withCase = mapPath('620724100201', { caseSerial: '6207242026112000001' });
    expect(matchRoute('/map/620724100201', `?${withCase.split('?')[1]}`)).toEqual({
      view: 'map',
      code: '620724100201',
      caseSerial: '6207242026112000001',
    });
  });

  it('ignores a malformed street or case in the query', () => {
    expect(matchRoute('/map/620724100201', '?street=abc&case=12')).toEqual({ view: 'map', code: '620724100201' });
  });
});

describe('maskAround', () => {
  it('cuts every part of the selected grid out of a world-covering polygon', () => {
    const square = (x: number) => [
      [
        [x, 0],
        [x + 1, 0],
        [x + 1, 1],
        [x, 1],
        [x, 0],
      ],
    ];
    const mask = maskAround({ type: 'MultiPolygon', coordinates: [square(0), square(5)] });
    expect(mask.geometry.coordinates).toHaveLength(3);
    expect(mask.geometry.coordinates[1]).toEqual(square(0)[0]);
    expect(mask.geometry.coordinates[2]).toEqual(square(5)[0]);
  });
});

describe('trend chart scale', () => {
  it('rounds the axis top up to 1, 2 or 5 × 10^n and labels months', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(13)).toBe(20);
    expect(niceCeiling(41)).toBe(50);
    expect(monthLabel('2026-03', true)).toBe('3月');
    expect(monthLabel('2026-03', false)).toBe('03/26');
  });
});
