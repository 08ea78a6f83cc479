import { expect } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { PartitionCheck, PartitionProblem } from '../../../server/src/domain/partition/partitionProblem.js';
import type { ExpectedProblem } from './partitionFixtures.js';

/**
 * Compares a check with an expected outcome: the same problems by kind and codes, areas within
 * 0.5 % (turf's sphere and PostGIS's spheroid differ by ~0.3 %), and every location inside its
 * problem's geometry.
 */
export function expectPartitionProblems(
  actual: PartitionCheck,
  expected: { ok: boolean; problems: ExpectedProblem[] },
): void {
  const order = (a: ExpectedProblem, b: ExpectedProblem) =>
    `${a.kind}|${(a.codes ?? []).join(',')}|${(a.areaSquareMeters ?? 0).toFixed(0).padStart(12, '0')}`.localeCompare(
      `${b.kind}|${(b.codes ?? []).join(',')}|${(b.areaSquareMeters ?? 0).toFixed(0).padStart(12, '0')}`,
    );
  const got = [...actual.problems].sort(order);
  const want = [...expected.problems].sort(order);
  expect(got.map((problem) => [problem.kind, problem.codes ?? []])).toEqual(
    want.map((problem) => [problem.kind, problem.codes ?? []]),
  );
  want.forEach((wanted, index) => {
    const problem = got[index] as PartitionProblem;
    if (wanted.areaSquareMeters !== undefined) {
      expect(problem.areaSquareMeters).toBeGreaterThan(wanted.areaSquareMeters * 0.995 - 0.01);
      expect(problem.areaSquareMeters).toBeLessThan(wanted.areaSquareMeters * 1.005 + 0.01);
    }
    if (problem.geometry) {
      expect(booleanPointInPolygon(problem.location, problem.geometry, { ignoreBoundary: true })).toBe(true);
    }
  });
  expect(actual.ok).toBe(expected.ok);
}
