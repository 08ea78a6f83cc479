import type { FeatureCollection, Geometry, LineString, Polygon, Position } from 'geojson';
import type { PlanGridCollection } from '../../../lib/api/plansTypes.js';
import type { ProblemFeatureProperties } from '../editing/problemFeatures.js';
import type { Bbox } from '../../../lib/map/geometryBounds.js';

/** What a click or drag on the editor map does. */
export type PlanTool = 'select' | 'vertex' | 'split' | 'add' | 'paint';

/** Outlines drawn under the plan for comparison: the published grids, a version, or two versions. */
export interface ReferenceOutlines {
  grids: FeatureCollection<Geometry, { code: string; highlight?: boolean }>;
}

/**
 * The plan editor's map as the view sees it (only lib/map and this folder know MapLibre is behind it). Edits are
 * reported, not applied: the view saves them and sets the grids it gets back, so the map never shows
 * a state the server did not accept.
 */
export interface PlanEditorPort {
  readonly ready: Promise<void>;
  setGrids(grids: PlanGridCollection): void;
  /** The parent's outline, drawn and used as a snapping target. */
  setParentOutline(outline: Geometry | null): void;
  setSelection(codes: readonly string[]): void;
  setProblems(problems: FeatureCollection<Geometry, ProblemFeatureProperties>): void;
  setReference(reference: ReferenceOutlines | null): void;
  setTool(tool: PlanTool): void;
  onGridClick(listener: (code: string | null) => void): () => void;
  /** A vertex dragged from `from` to `to` (snapped); every grid with that vertex should follow. */
  onVertexMove(listener: (from: Position, to: Position) => void): () => void;
  onLineDrawn(listener: (line: LineString) => void): () => void;
  onPolygonDrawn(listener: (polygon: Polygon) => void): () => void;
  /** A household (`households` tiles, z ≥ 13) or street clicked with the paint tool. */
  onPaint(listener: (target: { household?: number; street?: number; at: Position }) => void): () => void;
  fitBounds(bbox: Bbox, options?: { animate?: boolean }): void;
  destroy(): void;
}
