import type { MultiPolygon, Polygon, Position } from 'geojson';

/** A generated county before it is stored: its towns, villages, settlements and groups (countyLayout.ts makes it). */
export interface Settlement {
  centre: [number, number];
  households: number;
  /** Standard deviation of the houses around the centre, metres. */
  spreadMetres: number;
}

export interface GroupPlan {
  seed: Position;
  geometry: Polygon;
}

export interface VillagePlan {
  code: string;
  /** Short name (村/社区), as shown on the map. */
  name: string;
  type: string;
  townCode: string;
  households: number;
  settlements: Settlement[];
  geometry: Polygon;
  groups: GroupPlan[];
}

export interface TownPlan {
  code: string;
  name: string;
  type: string;
  geometry: Polygon;
  villages: VillagePlan[];
}

export interface CountyPlan {
  code: string;
  name: string;
  geometry: Polygon | MultiPolygon;
  towns: TownPlan[];
}
