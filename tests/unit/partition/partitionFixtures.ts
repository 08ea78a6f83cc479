import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection } from 'geojson';
import type {
  ChildGridFeature,
  GridOutline,
  PartitionProblemKind,
} from '../../../server/src/domain/partition/partitionProblem.js';

const fixturesDir = fileURLToPath(new URL('../../fixtures/partition/', import.meta.url));

export interface ExpectedProblem {
  kind: PartitionProblemKind;
  codes?: string[];
  areaSquareMeters?: number;
}

/** A stored partition case: the input GeoJSON and the expected outcome beside it. */
export interface PartitionFixture {
  name: string;
  description: string;
  parent: Feature<GridOutline, { code: string }>;
  children: ChildGridFeature[];
  expected: { ok: boolean; problems: ExpectedProblem[] };
  /** False when PostGIS cannot store the input (the grids table refuses invalid outlines). */
  storable: boolean;
}

export function loadPartitionFixtures(): PartitionFixture[] {
  return readdirSync(fixturesDir)
    .filter((file) => file.endsWith('.geojson'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.geojson$/, '');
      const input = JSON.parse(readFileSync(fixturesDir + file, 'utf8')) as FeatureCollection<
        GridOutline,
        { role: 'parent' | 'child'; code: string }
      > & { description: string };
      const expected = JSON.parse(readFileSync(`${fixturesDir}${name}.expected.json`, 'utf8')) as {
        ok: boolean;
        postgis: boolean;
        problems: ExpectedProblem[];
      };
      const parent = input.features.find((feature) => feature.properties.role === 'parent');
      if (!parent) throw new Error(`${file} has no parent feature`);
      return {
        name,
        description: input.description,
        parent,
        children: input.features.filter((feature) => feature.properties.role === 'child'),
        expected: { ok: expected.ok, problems: expected.problems },
        storable: expected.postgis,
      };
    });
}
