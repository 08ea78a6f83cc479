import type { GridCode } from '../domain/gridCode.js';

/**
 * What a tile shows to a viewer whose scope is `scope` (null: everything, for tools that render
 * the whole database). Households, streets and village and group outlines only inside the scope
 * (and the village around a group); the town and county outlines of the viewer's own county (a
 * town leader's map needs its neighbours' outlines to read where it is) and its prefecture's
 * outline: published administrative divisions with no personal or operational data. Nothing of
 * another county.
 */
export type TileScope = GridCode | null;
