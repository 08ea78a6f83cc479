import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import type { Sql } from '../../server/src/db/database.js';
import { PublicVillageReply } from '../../server/src/contract/publicVillage.js';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';
import { backends, testDatabase } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { privateAccount } from '../support/privateAccount.js';
import { leakedValues } from '../support/leakedValues.js';
import { replySchemaErrors } from '../support/replySchema.js';

/**
 * 一村一码 (issue #16 part 5): `GET /api/public/villages/:code` without a session, and the mark that
 * publishes a member's phone there (`PUT /api/members/:id/phone-public`, county administrators,
 * audited). The reply carries the village's groups and people, a phone only where marked, and
 * nothing else: no household name or phone, no ID number, no unmarked phone, no code of another
 * grid. Other API routes stay closed to anonymous callers.
 */

interface VillageFacts {
  code: string;
  townCode: string;
  countyCode: string;
  groups: string[];
  /** A grid staff member of the village with a phone that is not public (the one this file marks). */
  privateMember: { id: number; name: string; phone: string };
}

/** A village of the seed with published phones and an unpublished grid staff member, read from the database. */
async function villageFacts(sql: Sql): Promise<VillageFacts> {
  const [village] = await sql<{ code: string; town: string; county: string }>`
    SELECT v.code, t.code AS town, t.parent_code AS county
    FROM grids v JOIN grids t ON t.code = v.parent_code AND t.valid_to IS NULL
    WHERE v.level = 'village' AND v.valid_to IS NULL
      AND EXISTS (SELECT 1 FROM members m JOIN member_private p ON p.member_id = m.id
                  WHERE m.village_code = v.code AND p.phone_public)
    ORDER BY v.code LIMIT 1`;
  expect(village, 'the seed publishes some phones').toBeDefined();
  const groups = await sql<{ code: string }>`
    SELECT code FROM grids WHERE parent_code = ${village!.code} AND valid_to IS NULL ORDER BY code`;
  // The highest id: members of other files' tests are taken from the low end, if at all.
  const [member] = await sql<{ id: number; name: string; phone: string }>`
    SELECT m.id, p.name, p.phone
    FROM members m JOIN member_private p ON p.member_id = m.id
      JOIN grid_roles r ON r.member_id = m.id AND r.until IS NULL AND r.role = 'grid_staff'
    WHERE m.village_code = ${village!.code} AND m.active AND p.phone IS NOT NULL AND NOT p.phone_public
    ORDER BY m.id DESC LIMIT 1`;
  return {
    code: village!.code,
    townCode: village!.town,
    countyCode: village!.county,
    groups: groups.map((row) => row.code),
    privateMember: { ...member!, id: Number(member!.id) },
  };
}

/** The published phones of the village's members, as the database holds them now. */
async function publicPhones(sql: Sql, village: string): Promise<string[]> {
  const rows = await sql<{ phone: string }>`
    SELECT DISTINCT p.phone FROM member_private p JOIN members m ON m.id = p.member_id
    WHERE m.village_code = ${village} AND p.phone_public AND m.active`;
  return rows.map((row) => row.phone).sort();
}

/** Every 12- to 20-digit run in a text: codes, serials, ID numbers, device ids. */
const longDigitRuns = (text: string) => [...text.matchAll(/\d{12,}/g)].map((match) => match[0]);

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let facts: VillageFacts;

  beforeAll(async () => {
    facts = await villageFacts(seeded.db.sql);
  });

  const read = (code: string) => seeded.get(`/api/public/villages/${code}`, null);
  const mark = (id: number, value: unknown, as: string | null = 'admin') =>
    seeded.inject({ method: 'PUT', url: `/api/members/${id}/phone-public`, payload: { public: value } }, as);

  describe('GET /api/public/villages/:code', () => {
    it('answers without a session with the village, its town and county, groups and people, cached publicly', async () => {
      const reply = await read(facts.code);
      expect(reply.statusCode, reply.body).toBe(200);
      expect(reply.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
      const body = reply.json<PublicVillageReply>();
      expect(replySchemaErrors(PublicVillageReply, body)).toEqual([]);
      expect(body.code).toBe(facts.code);
      expect(body.town.code).toBe(facts.townCode);
      expect(body.county.code).toBe(facts.countyCode);
      expect(body.outline.type).toBe('MultiPolygon');
      expect(body.groups.map((group) => group.code)).toEqual(facts.groups);
      const [heads] = await seeded.db.sql<{ n: number }>`
        SELECT count(*)::int AS n FROM grid_roles r JOIN members m ON m.id = r.member_id AND m.active
        WHERE r.until IS NULL AND r.role IN ('grid_head', 'grid_staff') AND r.grid_code = ANY(${facts.groups})`;
      expect(body.people.filter((person) => person.role !== 'street_chief')).toHaveLength(heads!.n);
      expect(body.people.every((person) => facts.groups.includes(person.grid.code))).toBe(true);
      const [streets] = await seeded.db.sql<{ n: number }>`
        SELECT count(*)::int AS n FROM streets WHERE village_code = ${facts.code}`;
      expect(body.streets).toHaveLength(streets!.n);
      expect(body.caseCountsByMonth).toHaveLength(12);
      expect(body.links.report).toBe('/report');
      expect(body.links.feedback).toBe(`/p/${facts.code}#contact`);
    });

    it('counts the village’s cases of the last 12 months by month, reported and closed, with no case detail', async () => {
      const body = (await read(facts.code)).json<PublicVillageReply>();
      const since = `${body.caseCountsByMonth[0]!.month}-01T00:00:00+08:00`;
      const [expected] = await seeded.db.sql<{ reported: number; closed: number }>`
        SELECT count(*) FILTER (WHERE reported_at >= ${since}::timestamptz AND status <> 'voided')::int AS reported,
               count(*) FILTER (WHERE closed_at >= ${since}::timestamptz AND status = 'closed')::int AS closed
        FROM cases WHERE village_code = ${facts.code}`;
      const sum = (key: 'reported' | 'closed') => body.caseCountsByMonth.reduce((total, row) => total + row[key], 0);
      expect({ reported: sum('reported'), closed: sum('closed') }).toEqual(expected);
      expect(JSON.stringify(body)).not.toMatch(/summary|serial/);
    });

    it('shows a phone (and the full name) only for members marked public, as the mark is set and withdrawn', async () => {
      const member = facts.privateMember;
      const phonesIn = (body: PublicVillageReply) =>
        [...new Set(body.people.flatMap((person) => (person.phone ? [person.phone] : [])))].sort();
      const before = (await read(facts.code)).json<PublicVillageReply>();
      expect(phonesIn(before)).toEqual(await publicPhones(seeded.db.sql, facts.code));
      expect(phonesIn(before)).not.toContain(member.phone);
      try {
        const set = await mark(member.id, true);
        expect(set.statusCode, set.body).toBe(200);
        expect(set.json()).toEqual({ id: member.id, villageCode: facts.code, phonePublic: true });
        const marked = (await read(facts.code)).json<PublicVillageReply>();
        const shown = marked.people.filter((person) => person.phone === member.phone);
        expect(shown.length).toBeGreaterThan(0);
        expect(shown.every((person) => person.name === member.name)).toBe(true);
        expect(phonesIn(marked)).toEqual(await publicPhones(seeded.db.sql, facts.code));
      } finally {
        const unset = await mark(member.id, false);
        expect(unset.statusCode, unset.body).toBe(200);
      }
      const after = (await read(facts.code)).json<PublicVillageReply>();
      expect(phonesIn(after)).not.toContain(member.phone);
      expect(JSON.stringify(after)).not.toContain(member.name);
      const audit = await seeded.db.sql<{
        after: { phonePublic: boolean };
        scope_code: string;
        actor_username: string;
      }>`
        SELECT after, scope_code, actor_username FROM audit_log
        WHERE action = 'member.phone_public' AND entity = 'member' AND entity_key = ${String(member.id)}
        ORDER BY id DESC LIMIT 2`;
      expect(audit.map((entry) => entry.after.phonePublic)).toEqual([false, true]);
      expect(audit.every((entry) => entry.scope_code === facts.code && entry.actor_username === 'admin')).toBe(true);
    });

    it('holds no household name or phone, no ID number, no unpublished phone and no code outside the village', async () => {
      const text = (await read(facts.code)).body;
      const body = JSON.parse(text) as PublicVillageReply;
      const households = await seeded.db.sql<{ head_name: string; phone: string | null; id_number: string | null }>`
        SELECT p.head_name, p.phone, p.id_number FROM households h JOIN household_private p ON p.household_id = h.id
        WHERE h.village_code = ${facts.code}`;
      expect(households.length).toBeGreaterThan(0);
      // A resident may share a published member's name (synthetic names repeat): that name is the member's.
      const publishedNames = new Set(body.people.filter((person) => person.phone).map((person) => person.name));
      expect(
        leakedValues(
          text,
          households.map((row) => row.head_name),
        ).filter((n) => !publishedNames.has(n)),
      ).toEqual([]);
      expect(
        leakedValues(
          text,
          households.flatMap((row) => [row.phone, row.id_number]),
        ),
      ).toEqual([]);
      expect(text).not.toMatch(/\d{17}[\dX]/);
      const unpublished = await seeded.db.sql<{ phone: string }>`
        SELECT p.phone FROM member_private p JOIN members m ON m.id = p.member_id
        WHERE p.phone IS NOT NULL AND NOT p.phone_public AND m.town_code = ${facts.townCode}`;
      expect(
        leakedValues(
          text,
          unpublished.map((row) => row.phone),
        ),
      ).toEqual([]);
      const outside = longDigitRuns(text).filter(
        (code) => !code.startsWith(facts.code) && code !== facts.townCode && code !== facts.countyCode,
      );
      expect(outside).toEqual([]);
      expect(longDigitRuns(text).every((code) => code.length === 12 || code.length === 15)).toBe(true);
    });

    it.each([
      ['a code of no village', '620724199999'],
      ['a town’s code', 'town'],
      ['a county’s code', 'county'],
      ['all zeros', '000000000000'],
    ])('answers 404 for %s', async (_, which) => {
      const code = which === 'town' ? facts.townCode : which === 'county' ? facts.countyCode : which;
      const reply = await read(code);
      expect(reply.statusCode).toBe(404);
      expect(reply.json().message).toMatch(/no village/);
    });

    it.each([
      ['11 digits', '62072410520'],
      ['13 digits', '6207241052011'],
      ['a group’s 15 digits', '620724105201003'],
      ['letters', 'abcdefghijkl'],
      ['SQL', "1' OR '1'='1"],
    ])('answers 400 for %s', async (_, code) => {
      const reply = await read(encodeURIComponent(code));
      expect(reply.statusCode).toBe(400);
      expect(reply.json().message).toMatch(/code/);
    });

    it('answers 429 once an address has asked too often, and other addresses still get the page', async () => {
      const limited = await buildApp({
        db: await testDatabase(kind),
        publicRateLimit: { max: 3, timeWindowMs: 60_000 },
      });
      try {
        const ask = (remoteAddress: string) =>
          limited.inject({ method: 'GET', url: `/api/public/villages/${facts.code}`, remoteAddress });
        for (let n = 0; n < 3; n++) expect((await ask('203.0.113.7')).statusCode).toBe(200);
        const refused = await ask('203.0.113.7');
        expect(refused.statusCode).toBe(429);
        expect(refused.json().message).toMatch(/too many requests.*try again/);
        expect(refused.headers['retry-after']).toBeDefined();
        expect((await ask('203.0.113.8')).statusCode).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it('opens no other route to anonymous callers', async () => {
      for (const url of [
        `/api/grids/${facts.code}`,
        `/api/grids/${facts.code}/dossier`,
        `/api/households?grid=${facts.code}`,
        `/api/streets?grid=${facts.code}`,
        `/api/members/${facts.privateMember.id}/contact`,
        '/tiles/grids.json',
        '/style.json',
      ]) {
        expect((await seeded.get(url, null)).statusCode, url).toBe(401);
      }
      expect((await seeded.get('/api/public/villages', null)).statusCode).toBe(404);
      expect((await seeded.get(`/api/public/villages/${facts.code}/households`, null)).statusCode).toBe(404);
      expect((await mark(facts.privateMember.id, true, null)).statusCode).toBe(401);
    });
  });

  describe('PUT /api/members/:id/phone-public', () => {
    let outsider: string;
    let noPhoneMember: number;

    beforeAll(async () => {
      // 临泽县's administrator: a county beside 高台县 (the account alone; the county need not be seeded).
      outsider = (await privateAccount(seeded.db, 'county_admin', '620723000000', demoPassword)).username;
      const [town] = await seeded.db.sql<{ town_code: string }>`
        SELECT town_code FROM members WHERE village_code = ${facts.code} LIMIT 1`;
      // Inactive: no page or list shows it while it exists.
      const [made] = await seeded.db.sql<{ id: number }>`
        INSERT INTO members (link_role, town_code, village_code, active)
        VALUES ('villager_rep', ${town!.town_code}, ${facts.code}, false) RETURNING id`;
      noPhoneMember = Number(made!.id);
      await seeded.db.sql`INSERT INTO member_private (member_id, name, phone) VALUES (${noPhoneMember}, '测试', NULL)`;
    });

    afterAll(async () => {
      await seeded.db.sql`DELETE FROM members WHERE id = ${noPhoneMember}`;
    });

    const unchanged = async () => {
      const [row] = await seeded.db.sql<{ phone_public: boolean }>`
        SELECT phone_public FROM member_private WHERE member_id = ${facts.privateMember.id}`;
      expect(row!.phone_public).toBe(false);
    };

    it('refuses every role but the county administrator with 403', async () => {
      for (const as of ['planner', 'auditor', `town-${facts.townCode}`, `village-${facts.code}`]) {
        const reply = await mark(facts.privateMember.id, true, as);
        expect(reply.statusCode, as).toBe(403);
        expect(reply.json().message).toMatch(/county_admin/);
      }
      await unchanged();
    });

    it('answers 404 for a member outside the administrator’s county and for one that does not exist', async () => {
      const foreign = await mark(facts.privateMember.id, true, outsider);
      expect(foreign.statusCode).toBe(404);
      expect((await mark(999_999_999, true)).statusCode).toBe(404);
      await unchanged();
    });

    it('answers 409 when the member has no phone to publish', async () => {
      const reply = await mark(noPhoneMember, true);
      expect(reply.statusCode).toBe(409);
      expect(reply.json().message).toMatch(/no phone/);
      const [row] = await seeded.db.sql<{ phone_public: boolean }>`
        SELECT phone_public FROM member_private WHERE member_id = ${noPhoneMember}`;
      expect(row!.phone_public).toBe(false);
    });

    it.each([
      ['no body member', {}, /public/],
      ['a string', { public: 'yes' }, /public/],
      ['null', { public: null }, /public/],
      ['an empty string', { public: '' }, /public/],
      ['a number', { public: 1 }, /public/],
      ['the string "true"', { public: 'true' }, /public/],
      ['an unknown member', { public: true, phone: '13800000000' }, /additional|phone/],
    ])('answers 400 for %s and stores nothing', async (_, payload, message) => {
      const reply = await seeded.inject({
        method: 'PUT',
        url: `/api/members/${facts.privateMember.id}/phone-public`,
        payload,
      });
      expect(reply.statusCode).toBe(400);
      expect(reply.json().message).toMatch(message);
      await unchanged();
    });

    it('writes no audit entry when the mark does not change', async () => {
      const count = async () =>
        (
          await seeded.db.sql<{ n: number }>`
            SELECT count(*)::int AS n FROM audit_log WHERE action = 'member.phone_public' AND entity_key = ${String(facts.privateMember.id)}`
        )[0]!.n;
      const before = await count();
      expect((await mark(facts.privateMember.id, false)).statusCode).toBe(200);
      expect(await count()).toBe(before);
    });
  });
});
