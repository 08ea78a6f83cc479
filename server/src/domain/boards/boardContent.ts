import type { GridLevel } from '../gridCode.js';
import type { BoardPerson } from './boardPeople.js';
import type { LonLatBbox } from './boardProjection.js';

/**
 * What one page of a notice board shows, as the repository reads it and the renderer draws it.
 * Nothing here is private beyond what boards publish: no household names, ID numbers or
 * unpublished phones ever reach it. Positions are lon/lat (EPSG:4326).
 */

/** Polygons of a MultiPolygon: rings of [lon, lat]. */
export type Outline = number[][][][];

export interface BoardGrid {
  code: string;
  name: string;
  /** From the top grid down to the direct parent (the title names them). */
  parents: { name: string; level: GridLevel }[];
  outline: Outline;
  bbox: LonLatBbox;
}

export interface BoardStreet {
  name: string;
  /** The street chief (街长) as published, or null when the street has none. */
  chief: string | null;
  line: number[][];
}

export interface BoardCamera {
  lon: number;
  lat: number;
}

export interface BoardNeighbour {
  code: string;
  /** `二组`, or `新坝村二组` when of another village. */
  label: string;
  outline: Outline;
  /** Where the label goes: a point inside the outline. */
  labelAt: [number, number];
}

/** A group's board (一格一图): its map, people and figures. */
export interface GroupBoardContent {
  grid: BoardGrid;
  neighbours: BoardNeighbour[];
  streets: BoardStreet[];
  cameras: BoardCamera[];
  households: number;
  people: BoardPerson[];
}

export interface VillageGroupSummary {
  code: string;
  name: string;
  outline: Outline;
  labelAt: [number, number];
  households: number;
  streets: number;
  cameras: number;
}

/** A village's cover page: its groups on one map, the village cadres and each group's grid head. */
export interface VillageBoardContent {
  grid: BoardGrid;
  groups: VillageGroupSummary[];
  households: number;
  people: BoardPerson[];
}
