import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { PlanGridFeature } from '../../lib/api/plansTypes.js';
import type { HistoryEntry, PlanOperation } from './editing/editHistory.js';
import { asMultiPolygon, moveVertex, type EditableGrid } from './editing/sharedEdges.js';
import type { EditorWords } from './editorWords.js';

/**
 * The undo stack's entries for each editing tool: what to send, and what sends it back. `after`
 * completes an entry once the server has named the grids it created.
 */
export interface PlanEdit {
  entry: HistoryEntry;
  after?: (created: string[]) => void;
}

/** A dragged vertex: every grid with it changes, saved as one batch (one transaction). */
export function vertexMoveEdit(grids: EditableGrid[], from: Position, to: Position, words: EditorWords): PlanEdit {
  const moved = moveVertex(grids, from, to);
  const before = grids.filter((grid) => moved.has(grid.code));
  return {
    entry: {
      label: words.label('move'),
      redo: [{ kind: 'edit', changes: [...moved].map(([code, geometry]) => ({ code, geometry })) }],
      undo: [{ kind: 'edit', changes: before.map(({ code, geometry }) => ({ code, geometry })) }],
    },
  };
}

/** A grid cut by a line; undo deletes the parts and restores the original shape. */
export function splitEdit(grid: PlanGridFeature, line: LineString, words: EditorWords): PlanEdit {
  const code = grid.properties.code;
  const original = asMultiPolygon(grid.geometry);
  const operation: PlanOperation & { kind: 'split' } = { kind: 'split', code, line };
  const entry: HistoryEntry = { label: words.label('split', { code }), redo: [operation], undo: [] };
  return {
    entry,
    after: (created) => {
      operation.formerCodes = created;
      entry.undo = [
        ...created.map((part): PlanOperation => ({ kind: 'delete', code: part })),
        { kind: 'edit', changes: [{ code, geometry: original }] },
      ];
    },
  };
}

/** Two adjacent grids as one (the first keeps its code); undo re-adds the second. */
export function mergeEdit(first: PlanGridFeature, second: PlanGridFeature, words: EditorWords): PlanEdit {
  const a = first.properties.code;
  const b = second.properties.code;
  return {
    entry: {
      label: words.label('merge', { a, b }),
      redo: [{ kind: 'merge', codes: [a, b] }],
      undo: [
        { kind: 'edit', changes: [{ code: a, geometry: asMultiPolygon(first.geometry) }] },
        {
          kind: 'add',
          geometry: asMultiPolygon(second.geometry),
          parentCode: second.properties.parentCode,
          name: second.properties.name,
          formerCode: b,
        },
      ],
    },
  };
}

/** A drawn polygon as a new grid; `added` gets the code the server gave it. */
export function addEdit(
  polygon: Polygon,
  parentCode: string | null,
  words: EditorWords,
  added: (code: string) => void,
): PlanEdit {
  const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [polygon.coordinates] };
  const operation: PlanOperation & { kind: 'add' } = { kind: 'add', geometry, parentCode, name: null };
  const entry: HistoryEntry = { label: words.label('add'), redo: [operation], undo: [] };
  return {
    entry,
    after: ([code]) => {
      if (!code) return;
      operation.formerCode = code;
      entry.undo = [{ kind: 'delete', code }];
      added(code);
    },
  };
}

/** A grid removed; undo adds it back as it was. */
export function deleteEdit(grid: PlanGridFeature, words: EditorWords): PlanEdit {
  const code = grid.properties.code;
  return {
    entry: {
      label: words.label('delete', { code }),
      redo: [{ kind: 'delete', code }],
      undo: [
        {
          kind: 'add',
          geometry: asMultiPolygon(grid.geometry),
          parentCode: grid.properties.parentCode,
          name: grid.properties.name,
          formerCode: code,
        },
      ],
    },
  };
}

/** Households or streets painted into grid `to`; undo sends them back to `from` (when known). */
export function paintEdit(
  target: { households: number[]; streets: number[] },
  to: string,
  from: string | null,
  words: EditorWords,
): PlanEdit {
  const { households, streets } = target;
  return {
    entry: {
      label: words.label('paint', { code: to }),
      redo: [{ kind: 'assign', households, streets, to }],
      undo: from && from !== to ? [{ kind: 'assign', households, streets, to: from }] : [],
    },
  };
}
