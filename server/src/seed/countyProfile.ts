import type { Position } from 'geojson';

/**
 * What the layout of one county is drawn from besides its divisions and outline: where its town
 * seats are, the rivers its oases follow, and an industrial park carved out as a small hexagon.
 * Gaotai's is hand-placed (gaotaiProfile.ts); the prefecture's other counties get a generated one
 * (prefecture/syntheticCountyProfile.ts).
 */
export interface CountyProfile {
  /** Town seat per town code; a town without one gets a random anchor inside the county. */
  townAnchors: Readonly<Record<string, Position>>;
  /** Polylines villages cluster along (the oasis bias); empty: only the town seats attract them. */
  rivers: readonly (readonly Position[])[];
  /** A town-level unit drawn as a hexagon of this radius around its anchor (a park, not a town). */
  industrialPark?: { code: string; radiusMetres: number };
}
