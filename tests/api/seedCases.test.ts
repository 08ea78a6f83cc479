import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { backends } from '../support/testDatabases.js';
import { privateSeededDatabase } from '../support/privateSeededDatabase.js';

/**
 * The seeded case history, checked in SQL: serials, step logs that agree with the cases, the shape
 * of the year. On a private copy of the seeded template: the shared databases hold the cases other
 * files report meanwhile (a CI run counted 204 open where the seed leaves ~150).
 */
describe.each(backends)('%s', (kind) => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await privateSeededDatabase(kind, 'seed_cases'));
  });
  afterAll(() => drop());

  describe('seeded cases', () => {
    it('number serials by county, China report date and a sequence, each once', async () => {
      const [row] = await db.sql<{ cases: number; distinct_serials: number; bad: number }>`
        SELECT count(*)::int AS cases, count(DISTINCT serial)::int AS distinct_serials,
          count(*) FILTER (WHERE serial !~ '^620724[0-9]{13}$'
            OR substr(serial, 7, 8) <> to_char((reported_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYYMMDD'))::int AS bad
        FROM cases`;
      expect(row!.cases).toBeGreaterThan(2500);
      expect(row!.distinct_serials).toBe(row!.cases);
      expect(row!.bad).toBe(0);
    });

    it('have step logs that start with the registration and chain status and level from step to step', async () => {
      const [row] = await db.sql<{ first_not_register: number; broken_links: number }>`
        WITH ordered AS (
          SELECT serial, action, from_status, to_status, from_level, to_level,
            row_number() OVER w AS n, lag(to_status) OVER w AS prev_status, lag(to_level) OVER w AS prev_level
          FROM case_steps WINDOW w AS (PARTITION BY serial ORDER BY at, id))
        SELECT count(*) FILTER (WHERE n = 1 AND (action <> 'register' OR from_status IS NOT NULL))::int AS first_not_register,
          count(*) FILTER (WHERE n > 1 AND (from_status IS DISTINCT FROM prev_status OR from_level IS DISTINCT FROM prev_level))::int AS broken_links
        FROM ordered`;
      expect(row).toEqual({ first_not_register: 0, broken_links: 0 });
    });

    it('end in the status and level their last step reached, with escalations and reopens counted from the log', async () => {
      const [row] = await db.sql<{ disagreeing: number }>`
        SELECT count(*)::int AS disagreeing FROM cases c
        JOIN LATERAL (
          SELECT (array_agg(to_status ORDER BY at DESC, id DESC))[1] AS status,
            (array_agg(to_level ORDER BY at DESC, id DESC))[1] AS level,
            count(*) FILTER (WHERE action IN ('escalate', 'skip')) AS escalations,
            -- A follow-up visit that found the resident dissatisfied reopens the case too (回访, #14).
            count(*) FILTER (WHERE action = 'reopen' OR (action = 'follow_up' AND satisfaction = 'dissatisfied')) AS reopens
          FROM case_steps s WHERE s.serial = c.serial) l ON true
        WHERE l.status IS DISTINCT FROM c.status OR l.level IS DISTINCT FROM c.level
          OR l.escalations <> c.escalations OR l.reopens <> c.reopens`;
      expect(row!.disagreeing).toBe(0);
    });

    it('settle about four in five resolved cases without leaving the village', async () => {
      const [row] = await db.sql<{ share: number }>`
        SELECT (count(*) FILTER (WHERE resolved_level IN ('group', 'village')))::float8 / count(*) AS share
        FROM cases WHERE resolved_level IS NOT NULL`;
      expect(row!.share).toBeGreaterThan(0.72);
      expect(row!.share).toBeLessThan(0.88);
    });

    it('leave about 150 open with a running clock, and include automatic escalations, reopens, transfers and voids', async () => {
      const [row] = await db.sql<Record<string, number>>`
        SELECT
          (SELECT count(*) FROM cases WHERE status IN ('registered', 'accepted', 'mediating'))::int AS open,
          (SELECT count(*) FROM cases WHERE status IN ('registered', 'accepted', 'mediating') AND stage_due_at IS NULL)::int AS open_without_due,
          (SELECT count(*) FROM case_steps WHERE action = 'escalate' AND actor_role = 'system')::int AS automatic,
          (SELECT count(*) FROM cases WHERE reopens > 0)::int AS reopened,
          (SELECT count(*) FROM cases WHERE status = 'transferred')::int AS transferred,
          (SELECT count(*) FROM cases WHERE status = 'voided')::int AS voided`;
      expect(row!.open).toBeGreaterThanOrEqual(140);
      expect(row!.open).toBeLessThanOrEqual(200);
      expect(row!.open_without_due).toBe(0);
      for (const key of ['automatic', 'reopened', 'transferred', 'voided']) expect(row![key]).toBeGreaterThan(10);
    });

    it('lie inside the group grid their group_code names', async () => {
      const [row] = await db.sql<{ outside: number }>`
        SELECT count(*)::int AS outside FROM cases c
        JOIN grids g ON g.code = c.group_code AND g.version = c.grid_version
        WHERE NOT ST_Covers(g.geom, c.geom)`;
      expect(row!.outside).toBe(0);
    });
  });
});
