import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';

/**
 * The rule a level of grids must keep towards its parent (全覆盖、无缝隙, see DOMAIN.md "The grid"):
 * the children cover the parent with no gap, no overlap, none reaching outside it, each child one
 * contiguous piece with a valid outline.
 */
export type PartitionProblemKind = 'gap' | 'overlap' | 'outside_parent' | 'non_contiguous' | 'invalid_geometry';

export interface PartitionProblem {
  kind: PartitionProblemKind;
  /**
   * The grids involved: the two children of an overlap (sorted), the child of outside_parent /
   * non_contiguous / invalid_geometry (or the parent when its own outline is invalid). Absent for gaps.
   */
  codes?: string[];
  /** Area of the problem in square metres (geodesic); absent for invalid_geometry. */
  areaSquareMeters?: number;
  /** A point inside the problem area (for invalid_geometry: where the outline is broken). */
  location: Point;
  /** The problem area itself: the gap piece, the overlap, the part outside, the detached parts. */
  geometry?: Polygon | MultiPolygon;
}

export interface PartitionCheck {
  ok: boolean;
  problems: PartitionProblem[];
}

export interface PartitionOptions {
  /**
   * Gap pieces, overlaps, outside parts and detached parts smaller than this are digitising noise,
   * not problems. Square metres; default {@link defaultToleranceSquareMeters}.
   */
  toleranceSquareMeters?: number;
}

/** 1 m²: far below any real parcel, far above floating-point noise on shared edges. */
export const defaultToleranceSquareMeters = 1;

export type GridOutline = Polygon | MultiPolygon;

/** A child grid as the checker reads it: its outline and `properties.code`. */
export type ChildGridFeature = Feature<GridOutline, { code: string } & Record<string, unknown>>;
