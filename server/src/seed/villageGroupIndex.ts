import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { BBox, Polygon, Position } from 'geojson';

export interface CodedGroup {
  code: string;
  name: string;
  geometry: Polygon;
}

/** Finds the group grid of a village that contains a point (bbox first, then point-in-polygon). */
export class VillageGroupIndex {
  private readonly boxes: BBox[];

  constructor(
    readonly village: Polygon,
    readonly groups: readonly CodedGroup[],
  ) {
    this.boxes = groups.map((group) => bbox(group.geometry));
  }

  /** The code of the group containing the point, or null when the point is outside the village. */
  groupCodeAt(point: Position): string | null {
    const [x, y] = point as [number, number];
    for (let index = 0; index < this.groups.length; index++) {
      const [minX, minY, maxX, maxY] = this.boxes[index]!;
      if (x < minX || x > maxX || y < minY || y > maxY) continue;
      const group = this.groups[index]!;
      if (booleanPointInPolygon(point, group.geometry, { ignoreBoundary: true })) return group.code;
    }
    return null;
  }
}
