import type { GridCode } from '../domain/gridCode.js';

/**
 * What a tile shows of the county to a viewer whose scope is `scope` (null: the whole county).
 * Households, streets and village and group outlines only inside the scope (and the village
 * around a group); county and town outlines for everyone: they are the published administrative
 * divisions (NBS codes, names, boundaries on any official map), carry no personal or operational
 * data, and a town leader's map needs its neighbours' outlines to read where it is.
 */
export type TileScope = GridCode | null;
