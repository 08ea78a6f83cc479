// Timing of the pure partition check at planner scale. Run: npx tsx tests/unit/partition/checkPartition.bench.ts
// Prints one line per case: children, vertices, median and worst of 3 runs in milliseconds.
import type { Polygon } from 'geojson';
import { checkPartition } from '../../../server/src/domain/partition/checkPartition.js';
import { voronoiPartition, type GeneratedPartition } from './voronoiPartition.js';

function measure(label: string, { parent, children }: GeneratedPartition, runs = 3): void {
  const times: number[] = [];
  let problems = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    problems = checkPartition(parent, children).problems.length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const vertices = children.reduce((sum, child) => sum + (child.geometry as Polygon).coordinates[0]!.length, 0);
  console.log(
    `${label.padEnd(34)} children ${String(children.length).padStart(5)}  vertices ${String(vertices).padStart(7)}  ` +
      `median ${times[Math.floor(runs / 2)]!.toFixed(0).padStart(5)} ms  worst ${times[runs - 1]!.toFixed(0).padStart(5)} ms  problems ${problems}`,
  );
}

function withOverlap(partition: GeneratedPartition): GeneratedPartition {
  // Push one vertex of the first child outward: an overlap with a neighbour (the slow, pairwise path).
  const [first, ...rest] = partition.children;
  const ring = (first!.geometry as Polygon).coordinates[0]!.map((position) => [...position]);
  const centre = ring.reduce(
    (sum, position) => [sum[0]! + position[0]! / ring.length, sum[1]! + position[1]! / ring.length],
    [0, 0],
  );
  const moved = [ring[1]![0]! + (ring[1]![0]! - centre[0]!) * 0.2, ring[1]![1]! + (ring[1]![1]! - centre[1]!) * 0.2];
  ring[1] = moved;
  return {
    parent: partition.parent,
    children: [{ ...first!, geometry: { type: 'Polygon', coordinates: [ring] } }, ...rest],
  };
}

for (const [count, segments] of [
  [150, 8],
  [1000, 1],
  [1000, 10],
  [1500, 10],
] as const) {
  const partition = voronoiPartition(count, segments);
  measure(`clean, ${segments} segment(s) per edge`, partition);
  measure(`one overlap, ${segments} segment(s) per edge`, withOverlap(partition));
}
