import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { sendOperation } from '../../../../web/src/features/plan/editing/planOperations.js';

const shape: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  ],
};

/** Records each request and answers with `reply`. */
function stubFetch(reply: unknown, status = 200) {
  const calls: { url: string; method: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined });
    return new Response(status === 204 ? null : JSON.stringify(reply), { status });
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('sendOperation', () => {
  it('sends an edit batch with the versions the grids have when it is sent', async () => {
    const calls = stubFetch({
      grids: [
        { code: 'A', version: 8 },
        { code: 'B', version: 3 },
      ],
    });
    const versions: Record<string, number> = { A: 7, B: 2 };
    await sendOperation(
      '5',
      {
        kind: 'edit',
        changes: [
          { code: 'A', geometry: shape },
          { code: 'B', geometry: shape },
        ],
      },
      (code) => versions[code]!,
    );
    expect(calls).toEqual([
      {
        url: '/api/plans/5/edits',
        method: 'POST',
        body: {
          changes: [
            { code: 'A', geometry: shape, version: 7 },
            { code: 'B', geometry: shape, version: 2 },
          ],
        },
      },
    ]);
  });

  it('reports the codes a split created, leaving out the grid that keeps its code', async () => {
    stubFetch({
      grids: [
        { code: 'A', version: 2 },
        { code: 'A2', version: 1 },
      ],
    });
    const line = {
      type: 'LineString' as const,
      coordinates: [
        [0, 0],
        [1, 1],
      ],
    };
    const outcome = await sendOperation('5', { kind: 'split', code: 'A', line }, () => 1);
    expect(outcome.created).toEqual(['A2']);
  });

  it('deletes with the stale-check version in the query', async () => {
    const calls = stubFetch(null, 204);
    await sendOperation('5', { kind: 'delete', code: 'A' }, () => 4);
    expect(calls[0]).toMatchObject({ url: '/api/plans/5/grids/A?version=4', method: 'DELETE' });
  });

  it('sends the body of an assignment without an empty list', async () => {
    const calls = stubFetch({ to: 'B', households: 1, streets: 0 });
    await sendOperation('5', { kind: 'assign', households: [11], streets: [], to: 'B' }, () => 1);
    expect(calls[0]!.body).toEqual({ households: [11], to: 'B' });
  });

  it('gives a new grid its parent and the code the server assigned', async () => {
    const calls = stubFetch({ code: '620724105201013', version: 1 }, 201);
    const outcome = await sendOperation(
      '5',
      { kind: 'add', geometry: shape, parentCode: '620724105201', name: null },
      () => 1,
    );
    expect(calls[0]!.body).toEqual({ geometry: shape, parentCode: '620724105201' });
    expect(outcome.created).toEqual(['620724105201013']);
  });
});
