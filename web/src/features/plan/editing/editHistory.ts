import type { LineString, MultiPolygon } from 'geojson';

/**
 * One request the editor can send, without versions: versions are taken from the grids as loaded
 * when the operation is (re-)sent, so an undo an hour later still saves over the latest draft and a
 * change by someone else in between is a 409, not an overwrite.
 */
export type PlanOperation =
  | { kind: 'edit'; changes: { code: string; geometry: MultiPolygon }[] }
  /** `formerCode`: the code this grid had before (undoing a delete or a merge, redoing an add). */
  | { kind: 'add'; geometry: MultiPolygon; parentCode: string | null; name: string | null; formerCode?: string }
  | { kind: 'delete'; code: string }
  /** `formerCodes`: the codes the new parts had the last time this split ran (redo). */
  | { kind: 'split'; code: string; line: LineString; formerCodes?: string[] }
  | { kind: 'merge'; codes: [string, string] }
  | { kind: 'assign'; households: number[]; streets: number[]; to: string };

/** A change the user made, with what undoes it. Both lists run in order. */
export interface HistoryEntry {
  label: string;
  redo: PlanOperation[];
  undo: PlanOperation[];
}

/**
 * Undo/redo as two stacks of entries with inverses. A new change clears the redo stack. Grids that
 * come back through `add` get a new code (codes are never reused), so `renameCode` rewrites the
 * entries still on the stacks to follow the grid under its new code.
 */
export class EditHistory {
  private done: HistoryEntry[] = [];
  private undone: HistoryEntry[] = [];

  constructor(private readonly limit = 100) {}

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  record(entry: HistoryEntry): void {
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  /** The entry to undo (moved onto the redo stack), or null. */
  undo(): HistoryEntry | null {
    const entry = this.done.pop() ?? null;
    if (entry) this.undone.push(entry);
    return entry;
  }

  /** The entry to redo (moved back onto the undo stack), or null. */
  redo(): HistoryEntry | null {
    const entry = this.undone.pop() ?? null;
    if (entry) this.done.push(entry);
    return entry;
  }

  /** Puts an entry back where it was when sending it failed (a 409): nothing was saved. */
  restoreAfterFailedUndo(entry: HistoryEntry): void {
    if (this.undone.at(-1) === entry) this.done.push(this.undone.pop()!);
  }

  restoreAfterFailedRedo(entry: HistoryEntry): void {
    if (this.done.at(-1) === entry) this.undone.push(this.done.pop()!);
  }

  renameCode(from: string, to: string): void {
    for (const entry of [...this.done, ...this.undone]) {
      entry.redo = entry.redo.map((operation) => renamed(operation, from, to));
      entry.undo = entry.undo.map((operation) => renamed(operation, from, to));
    }
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}

function renamed(operation: PlanOperation, from: string, to: string): PlanOperation {
  const swap = (code: string) => (code === from ? to : code);
  switch (operation.kind) {
    case 'edit':
      return { ...operation, changes: operation.changes.map((change) => ({ ...change, code: swap(change.code) })) };
    case 'add': {
      const next = { ...operation, parentCode: operation.parentCode === null ? null : swap(operation.parentCode) };
      if (operation.formerCode) next.formerCode = swap(operation.formerCode);
      return next;
    }
    case 'delete':
      return { ...operation, code: swap(operation.code) };
    case 'split': {
      const next = { ...operation, code: swap(operation.code) };
      if (operation.formerCodes) next.formerCodes = operation.formerCodes.map(swap);
      return next;
    }
    case 'merge':
      return { ...operation, codes: [swap(operation.codes[0]), swap(operation.codes[1])] };
    case 'assign':
      return { ...operation, to: swap(operation.to) };
  }
}
