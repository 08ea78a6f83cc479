import type { BBox } from 'geojson';
import { area, bbox } from '@turf/turf';
import { invalidGeometryProblem } from './invalidGeometryProblem.js';
import type { ChildGridFeature, GridOutline, PartitionProblem } from './partitionProblem.js';
import { repairedOutline } from './repairedOutline.js';

/** A child with what every check needs computed once: a usable outline, its box and area. */
export interface PreparedChild {
  code: string;
  /** The child's outline, or its repair when the original is invalid; null when unusable. */
  outline: GridOutline | null;
  invalid: PartitionProblem | null;
  bbox: BBox;
  areaSquareMeters: number;
}

export function prepareChild(child: ChildGridFeature): PreparedChild {
  const code = String(child.properties?.code ?? '');
  const invalid = invalidGeometryProblem(child.geometry, code);
  const outline = invalid ? repairedOutline(child.geometry) : child.geometry;
  return {
    code,
    outline,
    invalid,
    bbox: outline ? bbox(outline) : [Infinity, Infinity, -Infinity, -Infinity],
    areaSquareMeters: outline ? area(outline) : 0,
  };
}
