import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { tilesExactly, unmatchedEdgesBox } from '../../../server/src/domain/partition/tilesExactly.js';
import { loadPartitionFixtures } from './partitionFixtures.js';

const fixtures = loadPartitionFixtures();
const byName = (name: string) => fixtures.find((fixture) => fixture.name === name)!;
const outlines = (name: string) => byName(name).children.map((child) => child.geometry);

describe('tilesExactly', () => {
  it('proves the clean quadrants, the enclave and the parent with a hole without clipping', () => {
    for (const name of ['clean-quadrants', 'hole-filled-by-child', 'parent-with-hole', 'multipolygon-parent']) {
      expect(tilesExactly(byName(name).parent.geometry, outlines(name)), name).toBe(true);
    }
  });

  it('cancels a T-junction where one side has a vertex the other lacks', () => {
    expect(tilesExactly(byName('touching-edges-only').parent.geometry, outlines('touching-edges-only'))).toBe(true);
  });

  it('does not depend on the winding of the rings', () => {
    const reversed = outlines('clean-quadrants').map((outline) => ({
      type: 'Polygon' as const,
      coordinates: (outline as Polygon).coordinates.map((ring) => [...ring].reverse()),
    }));
    expect(tilesExactly(byName('clean-quadrants').parent.geometry, reversed)).toBe(true);
  });

  it('refuses a child listed twice, whose edges all have partners but cover the area twice', () => {
    const children = outlines('clean-quadrants');
    expect(tilesExactly(byName('clean-quadrants').parent.geometry, [...children, children[0]!])).toBe(false);
  });

  it('refuses every fixture that has a gap, an overlap or a part outside, boxing the problem', () => {
    const box = unmatchedEdgesBox(byName('gap-strip').parent.geometry, outlines('gap-strip'));
    expect(box).toEqual([99.509, 39.5, 99.51, 39.52]);
    for (const name of [
      'overlap-strip',
      'child-outside-parent',
      'hole-filled-by-no-child',
      'sliver-gap-under-tolerance',
    ]) {
      expect(tilesExactly(byName(name).parent.geometry, outlines(name)), name).toBe(false);
    }
  });
});
