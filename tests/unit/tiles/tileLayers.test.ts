import { describe, expect, it } from 'vitest';
import {
  GRID_LABELS_LAYER,
  HOUSEHOLD_CELLS_LAYER,
  HOUSEHOLDS_LAYER,
  STREETS_LAYER,
  gridLevelsAtZoom,
  isTileSet,
  tileCoordProblem,
  tileLayersAt,
} from '../../../server/src/tiles/tileLayers.js';

describe('gridLevelsAtZoom', () => {
  it('draws only the prefecture, counties and towns up to zoom 8', () => {
    expect(gridLevelsAtZoom(0)).toEqual(['prefecture', 'county', 'town']);
    expect(gridLevelsAtZoom(8)).toEqual(['prefecture', 'county', 'town']);
  });

  it('adds villages at zooms 9 and 10', () => {
    expect(gridLevelsAtZoom(9)).toEqual(['prefecture', 'county', 'town', 'village']);
    expect(gridLevelsAtZoom(10)).toEqual(['prefecture', 'county', 'town', 'village']);
  });

  it('adds villager groups from zoom 11', () => {
    expect(gridLevelsAtZoom(11)).toEqual(['prefecture', 'county', 'town', 'village', 'group']);
    expect(gridLevelsAtZoom(22)).toEqual(['prefecture', 'county', 'town', 'village', 'group']);
  });
});

describe('tileLayersAt', () => {
  it('puts the labels layer after the polygon layers of a grids tile', () => {
    expect(tileLayersAt('grids', 12)).toEqual(['prefecture', 'county', 'town', 'village', 'group', GRID_LABELS_LAYER]);
  });

  it('has no streets layer below zoom 12', () => {
    expect(tileLayersAt('streets', 11)).toEqual([]);
    expect(tileLayersAt('streets', 12)).toEqual([STREETS_LAYER]);
  });

  it('aggregates households into cells up to zoom 12 and shows points from zoom 13', () => {
    expect(tileLayersAt('households', 12)).toEqual([HOUSEHOLD_CELLS_LAYER]);
    expect(tileLayersAt('households', 13)).toEqual([HOUSEHOLDS_LAYER]);
  });
});

describe('isTileSet', () => {
  it('knows grids, streets and households and nothing else', () => {
    expect(['grids', 'streets', 'households', 'cameras', 'Grids'].map(isTileSet)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('tileCoordProblem', () => {
  it('accepts the corners of the pyramid', () => {
    expect(tileCoordProblem({ z: 0, x: 0, y: 0 })).toBeUndefined();
    expect(tileCoordProblem({ z: 22, x: 2 ** 22 - 1, y: 2 ** 22 - 1 })).toBeUndefined();
  });

  it('names z when the zoom is above 22, negative or fractional', () => {
    for (const z of [23, -1, 1.5]) expect(tileCoordProblem({ z, x: 0, y: 0 })?.parameter).toBe('z');
  });

  it('names x when it is outside the zoom level and says the range', () => {
    expect(tileCoordProblem({ z: 14, x: 16384, y: 0 })).toEqual({
      parameter: 'x',
      message: 'must be an integer from 0 to 16383 at zoom 14',
    });
  });

  it('names y when it is negative or outside the zoom level', () => {
    expect(tileCoordProblem({ z: 1, x: 0, y: 2 })?.parameter).toBe('y');
    expect(tileCoordProblem({ z: 1, x: 0, y: -1 })?.parameter).toBe('y');
  });
});
