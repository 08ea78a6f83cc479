import type { MultiPolygon, Polygon, Position } from 'geojson';

/** A grid as the editor edits it: always a MultiPolygon (a Polygon is wrapped on load). */
export interface EditableGrid {
  code: string;
  geometry: MultiPolygon;
}

/** Where one vertex sits inside a grid's MultiPolygon. */
export interface VertexRef {
  code: string;
  polygon: number;
  ring: number;
  index: number;
}

/**
 * The key of a position: its exact coordinates. The seed (and every save of the editor) nodes
 * shared boundaries with identical vertices, so equality — not a tolerance — finds the neighbours;
 * a tolerance would glue vertices that are merely close.
 */
export function vertexKey(position: Position): string {
  return `${position[0]},${position[1]}`;
}

export function asMultiPolygon(geometry: Polygon | MultiPolygon): MultiPolygon {
  return geometry.type === 'MultiPolygon' ? geometry : { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
}

/**
 * Every vertex of every grid by its key. A ring's closing position repeats its first one and is
 * left out, so one vertex of a ring is listed once.
 */
export function indexVertices(grids: readonly EditableGrid[]): Map<string, VertexRef[]> {
  const index = new Map<string, VertexRef[]>();
  for (const grid of grids) {
    grid.geometry.coordinates.forEach((polygon, p) =>
      polygon.forEach((ring, r) => {
        for (let i = 0; i < ring.length - 1; i++) {
          const key = vertexKey(ring[i]!);
          const refs = index.get(key);
          const ref = { code: grid.code, polygon: p, ring: r, index: i };
          if (refs) refs.push(ref);
          else index.set(key, [ref]);
        }
      }),
    );
  }
  return index;
}

/** The codes of the grids that have a vertex exactly at `position`, in the order given. */
export function gridsSharingVertex(grids: readonly EditableGrid[], position: Position): string[] {
  const key = vertexKey(position);
  const codes: string[] = [];
  for (const grid of grids) {
    if (grid.geometry.coordinates.some((polygon) => polygon.some((ring) => ring.some((p) => vertexKey(p) === key)))) {
      codes.push(grid.code);
    }
  }
  return codes;
}

/**
 * Moves the vertex at `from` to `to` in every grid that has it — the shared edge moves once, not
 * as two copies drifting apart. Returns the new geometries of the grids that changed (the input is
 * not modified); a ring's closing position follows its first.
 */
export function moveVertex(grids: readonly EditableGrid[], from: Position, to: Position): Map<string, MultiPolygon> {
  const key = vertexKey(from);
  const target: Position = [to[0]!, to[1]!];
  const changed = new Map<string, MultiPolygon>();
  for (const grid of grids) {
    let touched = false;
    const coordinates = grid.geometry.coordinates.map((polygon) =>
      polygon.map((ring) =>
        ring.map((position) => {
          if (vertexKey(position) !== key) return position;
          touched = true;
          return target;
        }),
      ),
    );
    if (touched) changed.set(grid.code, { type: 'MultiPolygon', coordinates });
  }
  return changed;
}

/** The undirected edges of a grid, keyed so that a neighbour's reversed copy has the same key. */
function edgeKeys(geometry: MultiPolygon): Set<string> {
  const keys = new Set<string>();
  for (const polygon of geometry.coordinates) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = vertexKey(ring[i]!);
        const b = vertexKey(ring[i + 1]!);
        if (a !== b) keys.add(a < b ? `${a};${b}` : `${b};${a}`);
      }
    }
  }
  return keys;
}

/** Whether two grids share at least one whole edge (touching at a single point is not adjacent). */
export function shareAnEdge(a: MultiPolygon, b: MultiPolygon): boolean {
  const edges = edgeKeys(a);
  for (const key of edgeKeys(b)) if (edges.has(key)) return true;
  return false;
}

/** The codes of the grids sharing an edge with `code`. */
export function neighboursOf(grids: readonly EditableGrid[], code: string): string[] {
  const grid = grids.find((candidate) => candidate.code === code);
  if (!grid) return [];
  return grids.filter((other) => other.code !== code && shareAnEdge(grid.geometry, other.geometry)).map((g) => g.code);
}
