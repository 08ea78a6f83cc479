import { describe, expect, it } from 'vitest';
import { fieldTileList, tileAt } from '../../../../web/src/lib/fieldCache/fieldTileList.js';

/** 高台县 and one of its villages, roughly (degrees). */
const county: [number, number, number, number] = [98.95, 39.05, 100.1, 39.85];
const village: [number, number, number, number] = [99.8, 39.37, 99.84, 39.4];

describe('tileAt', () => {
  it('finds the XYZ tile of a point', () => {
    expect(tileAt(0, 0, 1)).toEqual({ x: 1, y: 1 });
    expect(tileAt(-180, 85.06, 3)).toEqual({ x: 0, y: 0 });
    expect(tileAt(180, -85.06, 3)).toEqual({ x: 7, y: 7 });
    // The Gaotai county seat at z14 (the OSM wiki's formula with asinh, worked out in Python).
    expect(tileAt(99.8196, 39.3773, 14)).toEqual({ x: 12734, y: 6239 });
  });
});

describe('fieldTileList', () => {
  it('keeps the county at z6–10 and a village down to z14, streets from z12, every tile once', () => {
    const tiles = fieldTileList({ county, grid: village, budget: 1000 });
    const zooms = [...new Set(tiles.map((tile) => tile.z))];
    expect(zooms).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(tiles.filter((tile) => tile.set === 'streets').every((tile) => tile.z >= 12)).toBe(true);
    const keys = tiles.map((tile) => `${tile.set}/${tile.z}/${tile.x}/${tile.y}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(tiles.length).toBeLessThan(200);
  });

  it('stops at the last whole zoom level that fits the budget', () => {
    const all = fieldTileList({ county, grid: county, budget: 100_000 });
    const budget = 300;
    const kept = fieldTileList({ county, grid: county, budget });
    expect(kept.length).toBeLessThanOrEqual(budget);
    const lastZoom = Math.max(...kept.map((tile) => tile.z));
    expect(kept).toEqual(all.filter((tile) => tile.z <= lastZoom));
    expect(all.filter((tile) => tile.z <= lastZoom + 1).length).toBeGreaterThan(budget);
  });
});
