import type { GridCollection } from '@contract/grids.js';
import { parseGridCode, type GridLevel } from '@domain/gridCode.js';
import { getJson } from '../../lib/api/getJson.js';
import { mapData } from '../../lib/api/mapData.js';
import { geometryBounds, type Bbox } from '../../lib/map/geometryBounds.js';

/** A place the wall can show: the whole scope or, when rotating, one town or county in it. */
export interface WallPlace {
  code: string;
  name: string;
  bbox: Bbox | null;
}

/** What a wall covers: the places it shows in turn and the names its ticker gives villages. */
export interface WallPlaces {
  /** The first is the wall's own scope; the rest, one level down, are toured when rotating. */
  places: WallPlace[];
  placeNames: ReadonlyMap<string, string>;
}

/** The level a wall tours through: a prefecture's counties, a county's towns; nothing below. */
export function touredLevel(level: GridLevel): 'county' | 'town' | null {
  if (level === 'prefecture') return 'county';
  if (level === 'county') return 'town';
  return null;
}

/** Outlines simplified to ~300 m: the wall needs names and frames, not survey lines. */
const gridsWithin = (parent: string, level: GridLevel) =>
  getJson<GridCollection>(`/api/grids?parent=${encodeURIComponent(parent)}&level=${level}&simplify=300`);

/**
 * The places of a wall showing `scope`. The viewer's own scope is shown unnamed and unframed (the
 * map opens on it, the header names the centre); a narrower one (`?county=`, `?town=`) is read, named
 * and framed — an unknown or out-of-scope code fails here with the API's 404.
 */
export async function loadWallPlaces(scope: string, viewerScope: string): Promise<WallPlaces> {
  const grid = parseGridCode(scope);
  if (!grid) throw new Error(`not a grid code: ${scope}`);
  const level = touredLevel(grid.level);
  const [own, toured, villages] = await Promise.all([
    grid.code === parseGridCode(viewerScope)?.code ? null : mapData.grid(scope),
    level ? gridsWithin(scope, level) : null,
    grid.level === 'village' || grid.level === 'group' ? null : gridsWithin(scope, 'village'),
  ]);
  const placeNames = new Map<string, string>();
  for (const feature of [...(toured?.features ?? []), ...(villages?.features ?? [])]) {
    placeNames.set(feature.properties.code, feature.properties.name);
  }
  const first: WallPlace = own
    ? { code: scope, name: own.properties.name, bbox: geometryBounds(own.geometry) }
    : { code: scope, name: '', bbox: null };
  const rest = (toured?.features ?? []).map((feature) => ({
    code: feature.properties.code,
    name: feature.properties.name,
    bbox: geometryBounds(feature.geometry),
  }));
  return { places: [first, ...rest], placeNames };
}
