import { describe, expect, it } from 'vitest';
import { caseDeadlineState } from '../../server/src/domain/caseDeadline.js';
import { CaseCollection } from '../../server/src/contract/cases.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { rfc7946Problems } from '../support/rfc7946.js';
import { replySchemaErrors } from '../support/replySchema.js';
import { leakedValues } from '../support/leakedValues.js';

interface CaseProperties {
  serial: string;
  category: string;
  categoryName: string;
  status: string;
  level: string;
  deadlineState: 'green' | 'yellow' | 'red';
  reportedAt: string;
  stageDueAt: string | null;
  summary: string;
  major: boolean;
  groupCode: string;
}

interface CaseReply {
  type: 'FeatureCollection';
  truncated: boolean;
  features: { id: string; geometry: { type: 'Point'; coordinates: [number, number] }; properties: CaseProperties }[];
}

interface CaseRow {
  serial: string;
  category: string;
  name_zh: string;
  status: string;
  level: string;
  reported_at: Date;
  stage_warn_at: Date | null;
  stage_due_at: Date | null;
  summary: string;
  major: boolean;
  group_code: string;
}

const OPEN = ['registered', 'accepted', 'mediating'];

/** The domain's rule, the one the SQL must follow. */
function stateAt(row: CaseRow, now: Date): CaseProperties['deadlineState'] {
  return caseDeadlineState({ status: row.status, stageWarnAt: row.stage_warn_at, stageDueAt: row.stage_due_at }, now);
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  const { get } = seeded;

  async function busiestTown(): Promise<string> {
    const rows = await seeded.db.sql<{ code: string }>`
      SELECT town_code AS code FROM cases GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`;
    return rows[0]!.code;
  }

  async function casesOfTown(town: string): Promise<CaseRow[]> {
    return seeded.db.sql<CaseRow>`
      SELECT k.serial, k.category, c.name_zh, k.status, k.level, k.reported_at, k.stage_warn_at, k.stage_due_at,
        k.summary, k.major, k.group_code
      FROM cases k JOIN case_categories c ON c.code = k.category
      WHERE k.village_code IN (SELECT code FROM grids WHERE parent_code = ${town} AND valid_to IS NULL)
      ORDER BY k.reported_at DESC, k.serial DESC`;
  }

  describe('GET /api/cases', () => {
    it('lists every case of a town, newest first, with its category, level and deadline colour', async () => {
      const town = await busiestTown();
      const before = new Date();
      const res = await get(`/api/cases?grid=${town}&status=all&limit=50000`);
      const after = new Date();
      expect(res.statusCode).toBe(200);
      const reply = res.json<CaseReply>();
      const rows = await casesOfTown(town);
      expect(rows.length).toBeGreaterThan(0);
      expect(reply.truncated).toBe(false);
      expect(reply.features.map((f) => ({ ...f.properties, deadlineState: undefined }))).toEqual(
        rows.map((row) => ({
          serial: row.serial,
          category: row.category,
          categoryName: row.name_zh,
          status: row.status,
          level: row.level,
          deadlineState: undefined,
          reportedAt: row.reported_at.toISOString(),
          stageWarnAt: row.stage_warn_at?.toISOString() ?? null,
          stageDueAt: row.stage_due_at?.toISOString() ?? null,
          summary: row.summary,
          major: row.major,
          groupCode: row.group_code,
        })),
      );
      // A stage clock may change colour while the request runs: either moment's colour is right.
      const wrongColours = reply.features.filter((feature, index) => {
        const row = rows[index]!;
        return ![stateAt(row, before), stateAt(row, after)].includes(feature.properties.deadlineState);
      });
      expect(wrongColours).toEqual([]);
      expect(reply.features.map((f) => f.id)).toEqual(rows.map((row) => row.serial));
    });

    it('lists only open cases by default, the same as status=open', async () => {
      const town = await busiestTown();
      const byDefault = (await get(`/api/cases?grid=${town}&limit=50000`)).json<CaseReply>();
      const open = (await get(`/api/cases?grid=${town}&status=open&limit=50000`)).json<CaseReply>();
      const expected = (await casesOfTown(town)).filter((row) => OPEN.includes(row.status)).map((row) => row.serial);
      expect(expected.length).toBeGreaterThan(0);
      expect(byDefault.features.map((f) => f.id)).toEqual(expected);
      expect(open.features.map((f) => f.id)).toEqual(expected);
    });

    it('lists closed cases, green as no clock runs for them', async () => {
      const town = await busiestTown();
      const reply = (await get(`/api/cases?grid=${town}&status=closed&limit=50000`)).json<CaseReply>();
      const expected = (await casesOfTown(town)).filter((row) => row.status === 'closed').map((row) => row.serial);
      expect(expected.length).toBeGreaterThan(0);
      expect(reply.features.map((f) => f.id)).toEqual(expected);
      expect(reply.features.every((f) => f.properties.deadlineState === 'green')).toBe(true);
    });

    it('lists the open cases past their stage deadline as overdue, all red', async () => {
      const before = new Date();
      const reply = (await get('/api/cases?grid=620724&status=overdue&limit=50000')).json<CaseReply>();
      const after = new Date();
      const rows = await seeded.db.sql<{ serial: string; due: Date }>`
        SELECT serial, stage_due_at AS due FROM cases
        WHERE status IN ('registered', 'accepted', 'mediating') AND stage_due_at < ${after}`;
      const surelyOverdue = rows.filter((row) => row.due < before).map((row) => row.serial);
      const listed = reply.features.map((f) => f.id);
      expect(surelyOverdue.length).toBeGreaterThan(0);
      expect(listed).toEqual(expect.arrayContaining(surelyOverdue));
      expect(listed.every((serial) => rows.some((row) => row.serial === serial))).toBe(true);
      expect(reply.features.every((f) => f.properties.deadlineState === 'red')).toBe(true);
    });

    it('replies with valid RFC 7946 GeoJSON matching the documented schema', async () => {
      const reply = (await get('/api/cases?grid=620724&status=all')).json<CaseReply>();
      expect(reply.features.length).toBeGreaterThan(0);
      expect(rfc7946Problems(reply)).toEqual([]);
      expect(replySchemaErrors(CaseCollection, reply)).toEqual([]);
    });

    it('keeps the newest cases up to limit and says it truncated', async () => {
      const reply = (await get('/api/cases?grid=620724&status=all&limit=5')).json<CaseReply>();
      const rows = await seeded.db.sql<{
        serial: string;
      }>`SELECT serial FROM cases ORDER BY reported_at DESC, serial DESC LIMIT 5`;
      expect(reply.truncated).toBe(true);
      expect(reply.features.map((f) => f.id)).toEqual(rows.map((row) => row.serial));
    });

    it('carries no personal data of residents or members of the town', async () => {
      const town = await busiestTown();
      const res = await get(`/api/cases?grid=${town}&status=all&limit=50000`);
      const people = await seeded.db.sql<{ name: string; phone: string | null; id_number: string | null }>`
        SELECT p.head_name AS name, p.phone, p.id_number FROM household_private p
        JOIN households h ON h.id = p.household_id WHERE h.town_code = ${town}
        UNION ALL
        SELECT m.name, m.phone, NULL FROM member_private m JOIN members mm ON mm.id = m.member_id WHERE mm.town_code = ${town}`;
      expect(people.length).toBeGreaterThan(0);
      expect(
        leakedValues(
          res.body,
          people.flatMap((row) => [row.name, row.phone, row.id_number]),
        ),
      ).toEqual([]);
      expect(res.body).not.toMatch(/"photo|"reporter|"phone/);
    });

    it.each([
      ['', 'grid'],
      ['grid=620724&status=pending', 'status'],
      ['grid=620724&status=OPEN', 'status'],
      ['grid=620724&limit=100000', 'limit'],
    ])('rejects ?%s naming the parameter', async (query, parameter) => {
      const res = await get(`/api/cases?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'Bad Request', message: expect.stringContaining(`"${parameter}"`) });
    });

    it('replies 404 for a grid no one has', async () => {
      const res = await get('/api/cases?grid=620724105999&status=all');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'Not Found', message: 'no grid with code 620724105999' });
    });
  });
});
