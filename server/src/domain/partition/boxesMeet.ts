import type { BBox } from 'geojson';

/** Whether two 2-D bounding boxes intersect or touch. */
export function boxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
