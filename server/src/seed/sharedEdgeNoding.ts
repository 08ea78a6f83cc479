import type { Polygon, Position } from 'geojson';

/**
 * Makes neighbouring and nested polygons share identical vertex chains: every vertex of any
 * polygon that lies on another polygon's edge (within `toleranceDegrees`) is inserted into that
 * edge. Why: a town edge A→B and its villages' chain A→C→B coincide in the plane, but PostGIS
 * geography reads each edge as a geodesic, so the thin sliver between A→B and A→C→B has a real
 * geodesic area (~0.1 km² along a 20 km edge) and "union of children = parent" fails when measured
 * in m². With identical chains the slivers vanish.
 */
export function nodeSharedEdges(polygons: readonly Polygon[], toleranceDegrees = 1e-9): Polygon[] {
  const cellSize = 0.002;
  const cells = new Map<string, Position[]>();
  const key = (x: number, y: number) => `${Math.floor(x / cellSize)}:${Math.floor(y / cellSize)}`;
  for (const shape of polygons) {
    for (const ring of shape.coordinates) {
      for (const vertex of ring) {
        const k = key(vertex[0]!, vertex[1]!);
        const bucket = cells.get(k);
        if (bucket) bucket.push(vertex);
        else cells.set(k, [vertex]);
      }
    }
  }
  const onSegment = (a: Position, b: Position): Position[] => {
    const [ax, ay] = a as [number, number];
    const [bx, by] = b as [number, number];
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    if (lengthSquared === 0) return [];
    const seen = new Set<string>();
    const found: { t: number; vertex: Position }[] = [];
    const steps = Math.ceil(Math.sqrt(lengthSquared) / (cellSize / 2)) + 1;
    for (let step = 0; step <= steps; step++) {
      const cx = Math.floor((ax + (dx * step) / steps) / cellSize);
      const cy = Math.floor((ay + (dy * step) / steps) / cellSize);
      for (let ox = -1; ox <= 1; ox++) {
        for (let oy = -1; oy <= 1; oy++) {
          const k = `${cx + ox}:${cy + oy}`;
          if (seen.has(k)) continue;
          seen.add(k);
          for (const vertex of cells.get(k) ?? []) {
            const px = vertex[0]! - ax;
            const py = vertex[1]! - ay;
            const t = (px * dx + py * dy) / lengthSquared;
            if (t <= 0 || t >= 1) continue;
            const distance = Math.abs(px * dy - py * dx) / Math.sqrt(lengthSquared);
            if (distance <= toleranceDegrees) found.push({ t, vertex });
          }
        }
      }
    }
    found.sort((p, q) => p.t - q.t);
    const unique: Position[] = [];
    for (const { vertex } of found) {
      const last = unique[unique.length - 1] ?? a;
      if (last[0] !== vertex[0] || last[1] !== vertex[1]) unique.push(vertex);
    }
    return unique.filter((vertex) => vertex[0] !== b[0] || vertex[1] !== b[1]);
  };
  return polygons.map((shape) => ({
    type: 'Polygon',
    coordinates: shape.coordinates.map((ring) => {
      const noded: Position[] = [ring[0]!];
      for (let index = 1; index < ring.length; index++) {
        noded.push(...onSegment(ring[index - 1]!, ring[index]!), ring[index]!);
      }
      return noded;
    }),
  }));
}
