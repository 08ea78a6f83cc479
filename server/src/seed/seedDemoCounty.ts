import type { MultiPolygon, Polygon } from 'geojson';
import type { Database, Sql } from '../db/database.js';
import { bulkInsert } from './bulkInsert.js';
import { demoCaseCategories } from './caseCategories.js';
import { planCounty } from './countyLayout.js';
import { readGaotaiDivisions, readGaotaiOutline, type DivisionRecord } from './gaotaiReference.js';
import { seedCases, type PlantedVillage } from './seedCases.js';
import { seedDemoAccounts } from './demoAccounts.js';
import { SeededRandom } from './seededRandom.js';
import { writeCounty, type CountyRowCounts } from './writeCounty.js';

export interface SeedOptions {
  /** County size multiplier for benchmarks (integer 1–30); 1 is the demo. */
  scale?: number;
  /** PRNG seed; the same seed gives the same county. Default 620724. */
  seed?: number;
  /** The moment the demo is generated relative to (patrols, camera last_seen, cases). Default now. */
  now?: Date;
  /**
   * Another county than Gaotai, added to whatever the database holds (bench:scale's synthetic
   * province, county after county): its divisions, outline, size and the grid above it.
   */
  county?: CountySource;
  /** Add the demo's sign-in accounts (default true). */
  accounts?: boolean;
}

/** What a county other than Gaotai is generated from. */
export interface CountySource {
  /** The county's record, then its towns and villages (gaotai-divisions.json's shape). */
  divisions: DivisionRecord[];
  outline: Polygon | MultiPolygon;
  /** Households at scale 1. */
  households: number;
  /** The grid above the county; null when the county is the top grid. */
  parentCode: string | null;
}

/** Rows written per table, plus the time taken. */
export interface SeedSummary extends CountyRowCounts {
  case_categories: number;
  cases: number;
  case_steps: number;
  /** The villages of the planted hot spot patterns and the class each got (plantedHotspots.ts). */
  planted: PlantedVillage[];
  milliseconds: number;
}

/** Households of the Gaotai demo at scale 1 (Gaotai has ~126,000 people, a little under 3 per household). */
export const demoHouseholds = 45_000;

/** The tables the seed fills, children first (for `--reset`). */
export const seededTables = [
  'village_alerts',
  'alert_runs',
  'case_steps',
  'cases',
  'case_categories',
  'patrols',
  'cameras',
  'household_links',
  'household_private',
  'households',
  'streets',
  'grid_roles',
  'member_private',
  'members',
  'grids',
  'divisions',
  'events',
] as const;

export async function hasGrids(db: Database): Promise<boolean> {
  const rows = await db.sql<{ present: boolean }>`SELECT EXISTS (SELECT 1 FROM grids) AS present`;
  return rows[0]?.present === true;
}

/** Empties every table the seed fills (identity counters restart). */
export async function clearSeededTables(db: Database): Promise<void> {
  await db.sql.exec(`TRUNCATE ${seededTables.join(', ')} RESTART IDENTITY CASCADE`);
}

/**
 * Generates the synthetic Gaotai demo county (see data/reference/README.md: real names and codes,
 * invented geometry and people) and stores it in one transaction. Deterministic for a given seed,
 * scale and `now`.
 */
export async function seedDemoCounty(db: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const scale = options.scale ?? 1;
  const now = options.now ?? new Date();
  const random = new SeededRandom(options.seed ?? 620724);
  const source: CountySource = options.county ?? {
    divisions: readGaotaiDivisions(),
    outline: readGaotaiOutline(),
    households: demoHouseholds,
    parentCode: null,
  };
  const county = source.divisions.find((record) => record.level === 'county')!;
  const plan = planCounty(source.outline, source.divisions, random.fork(), {
    scale,
    households: source.households,
  });
  const validFrom = new Date(now.getTime() - 400 * 86_400_000).toISOString();

  return db.transaction(async (sql) => {
    // Another county may be in the database already (options.county): ids continue after it.
    const [firstIds] = await sql<{ household: number; member: number }>`
      SELECT (SELECT coalesce(max(id), 0) FROM households)::int + 1 AS household,
        (SELECT coalesce(max(id), 0) FROM members)::int + 1 AS member`;
    const rows = await writeCounty(sql, plan, {
      division: county,
      parentGridCode: source.parentCode,
      people: random.fork(),
      now,
      validFrom,
      firstIds: firstIds!,
    });
    const case_categories = await insertCaseCategories(sql);
    await moveIdentitiesPastSeededIds(sql);
    const cases = await seedCases(transactionDatabase(db, sql), {
      now,
      random: random.fork().next,
      scale: (scale * source.households) / demoHouseholds,
      countyCode: plan.code,
    });
    if (options.accounts ?? true) await seedDemoAccounts(sql, plan.code); // README "Accounts"
    return {
      ...rows,
      case_categories,
      cases: cases.cases,
      case_steps: cases.steps,
      planted: cases.planted,
      milliseconds: Math.round(performance.now() - started),
    };
  });
}

export function insertCaseCategories(sql: Sql): Promise<number> {
  return bulkInsert(
    sql,
    'case_categories',
    'code, name_zh, name_en, sla_days, sort',
    'code text, name_zh text, name_en text, sla_days jsonb, sort integer',
    'code, name_zh, name_en, sla_days, sort',
    demoCaseCategories,
    // Shared by every county a database holds: the first one written stays.
    { onConflictDoNothing: true },
  );
}

/** The generator numbered members and households itself: later inserts continue after them. */
export async function moveIdentitiesPastSeededIds(sql: Sql): Promise<void> {
  await sql`SELECT setval(pg_get_serial_sequence('members', 'id'), (SELECT max(id) FROM members))`;
  await sql`SELECT setval(pg_get_serial_sequence('households', 'id'), (SELECT max(id) FROM households))`;
}

/** The seed's transaction seen as a Database, for seedCases (nested transactions join this one). */
export function transactionDatabase(db: Database, sql: Sql): Database {
  return {
    kind: db.kind,
    sql,
    transaction: (work) => work(sql),
    listen: (channel, onMessage, onListen) => db.listen(channel, onMessage, onListen),
    close: async () => {},
  };
}
