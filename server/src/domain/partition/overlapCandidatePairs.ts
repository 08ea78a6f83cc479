import type { BBox } from 'geojson';

/**
 * Index pairs whose bounding boxes intersect (touching counts), by sort-and-sweep on the west edge:
 * O(n log n + pairs) instead of comparing all n² pairs. In a tiling each grid meets only its
 * handful of neighbours, so the pairs stay ~3n.
 */
export function overlapCandidatePairs(boxes: readonly BBox[]): Array<[number, number]> {
  const order = boxes.map((_, index) => index).sort((a, b) => west(boxes[a]) - west(boxes[b]));
  const pairs: Array<[number, number]> = [];
  let active: number[] = [];
  for (const index of order) {
    const box = boxes[index];
    if (!box) continue;
    active = active.filter((other) => east(boxes[other]) >= box[0]);
    for (const other of active) {
      const otherBox = boxes[other];
      if (otherBox && otherBox[1] <= box[3] && box[1] <= otherBox[3]) {
        pairs.push(other < index ? [other, index] : [index, other]);
      }
    }
    active.push(index);
  }
  return pairs;
}

function west(box: BBox | undefined): number {
  return box?.[0] ?? Infinity;
}

function east(box: BBox | undefined): number {
  return box?.[2] ?? -Infinity;
}
