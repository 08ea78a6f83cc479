import { describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { EditHistory, type HistoryEntry } from '../../../../web/src/features/plan/editing/editHistory.js';

const shape = (x: number): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [x, 0],
        [1, 0],
        [1, 1],
        [x, 0],
      ],
    ],
  ],
});
const move = (label: string, before: number, after: number): HistoryEntry => ({
  label,
  redo: [{ kind: 'edit', changes: [{ code: 'A', geometry: shape(after) }] }],
  undo: [{ kind: 'edit', changes: [{ code: 'A', geometry: shape(before) }] }],
});

describe('EditHistory', () => {
  it('undoes the last change first and redoes it again', () => {
    const history = new EditHistory();
    const first = move('first', 0, 1);
    const second = move('second', 1, 2);
    history.record(first);
    history.record(second);
    expect(history.undo()).toBe(second);
    expect(history.undo()).toBe(first);
    expect(history.undo()).toBeNull();
    expect(history.canRedo).toBe(true);
    expect(history.redo()).toBe(first);
    expect(history.canUndo).toBe(true);
  });

  it('clears the redo stack when a new change is made', () => {
    const history = new EditHistory();
    history.record(move('first', 0, 1));
    history.undo();
    history.record(move('other', 0, 3));
    expect(history.canRedo).toBe(false);
  });

  it('puts an entry back when sending it failed, so nothing is lost', () => {
    const history = new EditHistory();
    const entry = move('first', 0, 1);
    history.record(entry);
    history.restoreAfterFailedUndo(history.undo()!);
    expect(history.canUndo).toBe(true);
    expect(history.canRedo).toBe(false);
    history.undo();
    history.restoreAfterFailedRedo(history.redo()!);
    expect(history.canRedo).toBe(true);
  });

  it('follows a grid that came back under a new code in every entry', () => {
    const history = new EditHistory();
    history.record(move('first', 0, 1));
    history.record({
      label: 'delete',
      redo: [{ kind: 'delete', code: 'A' }],
      undo: [{ kind: 'add', geometry: shape(1), parentCode: 'P', name: null }],
    });
    history.record({
      label: 'merge',
      redo: [{ kind: 'merge', codes: ['B', 'A'] }],
      undo: [{ kind: 'assign', households: [7], streets: [], to: 'A' }],
    });
    history.renameCode('A', 'A2');
    const merge = history.undo()!;
    expect(merge.redo).toEqual([{ kind: 'merge', codes: ['B', 'A2'] }]);
    expect(merge.undo).toEqual([{ kind: 'assign', households: [7], streets: [], to: 'A2' }]);
    expect(history.undo()!.redo).toEqual([{ kind: 'delete', code: 'A2' }]);
    const edit = history.undo()!;
    expect(edit.redo[0]).toMatchObject({ kind: 'edit', changes: [{ code: 'A2' }] });
  });

  it('keeps at most `limit` entries', () => {
    const history = new EditHistory(2);
    for (let i = 0; i < 5; i++) history.record(move(String(i), i, i + 1));
    expect(history.undo()!.label).toBe('4');
    expect(history.undo()!.label).toBe('3');
    expect(history.undo()).toBeNull();
  });
});
