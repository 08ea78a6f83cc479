import { describe, expect, it } from 'vitest';
import type { Feature, MultiPolygon } from 'geojson';
import { backends, testDatabase } from '../support/testDatabases.js';
import type { Sql } from '../../server/src/db/database.js';
import { checkStoredPartition, checkWholeHierarchy } from '../../server/src/repos/grids/partitionRepo.js';
import { checkPartition } from '../../server/src/domain/partition/checkPartition.js';
import type { ChildGridFeature, PartitionCheck } from '../../server/src/domain/partition/partitionProblem.js';
import { loadPartitionFixtures, type PartitionFixture } from '../unit/partition/partitionFixtures.js';
import { expectPartitionProblems } from '../unit/partition/expectPartitionProblems.js';

const storableFixtures = loadPartitionFixtures().filter((fixture) => fixture.storable);

describe.each(backends)('%s', (kind) => {
  describe('partitionRepo.checkWholeHierarchy', () => {
    it('finds the seeded demo county tiled exactly at every level (county→towns→villages→groups)', async () => {
      const db = await testDatabase(kind);
      const hierarchy = await checkWholeHierarchy(db.sql, { toleranceSquareMeters: 1 });
      const levels = new Set(hierarchy.parents.map((parent) => parent.parentLevel));
      expect([...levels].sort()).toEqual(['county', 'town', 'village']);
      const failing = hierarchy.parents
        .filter((parent) => !parent.ok)
        .map((parent) => ({
          parent: `${parent.parentLevel} ${parent.parentCode} (${parent.childCount} children)`,
          problems: parent.problems.map(
            (problem) =>
              `${problem.kind} ${problem.codes?.join('+') ?? ''} ${problem.areaSquareMeters?.toFixed(2) ?? ''} m² at ${problem.location.coordinates.map((n) => n.toFixed(6)).join(',')}`,
          ),
        }));
      expect(failing).toEqual([]);
      expect(hierarchy.ok).toBe(true);
    });
  });

  describe('partitionRepo.checkStoredPartition', () => {
    it('agrees with the pure checker on the county, a town and a village of the seed', async () => {
      const db = await testDatabase(kind);
      const [county] = await db.sql<{ code: string }>`
        SELECT code FROM grids WHERE valid_to IS NULL AND level = 'county' ORDER BY code LIMIT 1`;
      const [town] = await db.sql<{ code: string }>`
        SELECT code FROM grids WHERE valid_to IS NULL AND level = 'town' ORDER BY code DESC LIMIT 1`;
      const [village] = await db.sql<{ code: string }>`
        SELECT code FROM grids WHERE valid_to IS NULL AND level = 'village' ORDER BY code LIMIT 1 OFFSET 7`;
      const parents = [county, town, village].map((row) => row?.code);
      expect(parents.every((code) => typeof code === 'string')).toBe(true);
      for (const parentCode of parents as string[]) {
        const stored = await checkStoredPartition(db.sql, parentCode);
        const pure = checkPartition(...(await storedFeatures(db.sql, parentCode)));
        expect(stored).not.toBeNull();
        expect(summary(pure), parentCode).toEqual(summary(stored as PartitionCheck));
      }
    });

    it('agrees with the pure checker on the gap a retired village leaves in its town', async () => {
      const db = await testDatabase(kind);
      const [village] = await db.sql<{ code: string; parent_code: string }>`
        SELECT code, parent_code FROM grids WHERE valid_to IS NULL AND level = 'village' ORDER BY code LIMIT 1 OFFSET 3`;
      expect(village).toBeDefined();
      const { stored, pure } = await inRolledBackTransaction(db.transaction.bind(db), async (sql) => {
        await sql`UPDATE grids SET valid_to = now(), status = 'retired' WHERE code = ${village!.code} AND valid_to IS NULL`;
        return {
          stored: await checkStoredPartition(sql, village!.parent_code),
          pure: checkPartition(...(await storedFeatures(sql, village!.parent_code))),
        };
      });
      expect(summary(stored!)).toEqual(['gap ']);
      expect(summary(pure)).toEqual(['gap ']);
      const [storedArea, pureArea] = [stored!.problems[0]!.areaSquareMeters!, pure.problems[0]!.areaSquareMeters!];
      expect(Math.abs(storedArea - pureArea) / storedArea).toBeLessThan(0.005);
    });

    it('returns null for a parent code no current grid has', async () => {
      const db = await testDatabase(kind);
      expect(await checkStoredPartition(db.sql, '620724999999')).toBeNull();
    });

    describe.each(storableFixtures.map((fixture) => [fixture.name, fixture] as const))(
      'fixture %s',
      (_name, fixture) => {
        it(`finds what the pure checker's fixture expects: ${fixture.description}`, async () => {
          const db = await testDatabase(kind);
          const result = await withFixtureStored(db.transaction.bind(db), fixture, (sql) =>
            checkStoredPartition(sql, fixture.parent.properties.code),
          );
          expect(result).not.toBeNull();
          expectPartitionProblems(result as PartitionCheck, fixture.expected);
        });
      },
    );
  });
});

/** The parent and its current children as GeoJSON features, the way a planner's client gets them. */
async function storedFeatures(sql: Sql, parentCode: string): Promise<[Feature<MultiPolygon>, ChildGridFeature[]]> {
  const rows = await sql<{ code: string; is_parent: boolean; geometry: MultiPolygon }>`
    SELECT code, code = ${parentCode} AS is_parent, ST_AsGeoJSON(geom)::jsonb AS geometry
    FROM grids
    WHERE valid_to IS NULL AND (code = ${parentCode} OR parent_code = ${parentCode})
    ORDER BY code`;
  const toFeature = (row: (typeof rows)[number]) => ({
    type: 'Feature' as const,
    properties: { code: row.code },
    geometry: row.geometry,
  });
  const parent = rows.find((row) => row.is_parent);
  if (!parent) throw new Error(`no grid ${parentCode}`);
  return [toFeature(parent), rows.filter((row) => !row.is_parent).map(toFeature)];
}

function summary(check: PartitionCheck): string[] {
  return check.problems.map((problem) => `${problem.kind} ${problem.codes?.join('+') ?? ''}`).sort();
}

class RollBack<T> {
  constructor(readonly value: T) {}
}

/**
 * Stores the fixture as a town with village children inside a transaction, runs `work` in it and
 * rolls back, so the shared PostgreSQL test database is left as it was.
 */
async function withFixtureStored<T>(
  transaction: Transaction,
  fixture: PartitionFixture,
  work: (sql: Sql) => Promise<T>,
): Promise<T> {
  return inRolledBackTransaction(transaction, async (sql) => {
    const parentCode = fixture.parent.properties.code;
    await sql`
      INSERT INTO grids (code, level, name, parent_code, geom)
      VALUES (${parentCode}, 'town', ${fixture.name}, '620724000000',
              ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(fixture.parent.geometry)}::text), 4326)))`;
    for (const child of fixture.children) {
      await sql`
        INSERT INTO grids (code, level, name, parent_code, geom)
        VALUES (${child.properties.code}, 'village', ${child.properties.code}, ${parentCode},
                ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(child.geometry)}::text), 4326)))`;
    }
    return work(sql);
  });
}

type Transaction = <R>(work: (sql: Sql) => Promise<R>) => Promise<R>;

/** Runs `work` in a transaction that is always rolled back, returning what `work` returned. */
async function inRolledBackTransaction<T>(transaction: Transaction, work: (sql: Sql) => Promise<T>): Promise<T> {
  try {
    await transaction(async (sql) => {
      throw new RollBack(await work(sql));
    });
  } catch (error) {
    if (error instanceof RollBack) return error.value as T;
    throw error;
  }
  throw new Error('the transaction was not rolled back');
}
