import { describe, expect, it } from 'vitest';
import { SearchReply } from '../../server/src/contract/search.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

interface Reply {
  statusCode: number;
  body: string;
  json<T>(): T;
}

const matchOrder = { exact: 0, prefix: 1, substring: 2 } as const;

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);

  async function search(q: string, as = 'admin'): Promise<SearchReply> {
    const res = (await seeded.get(`/api/search?q=${encodeURIComponent(q)}`, as)) as Reply;
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<SearchReply>();
    expect(replySchemaErrors(SearchReply, body)).toEqual([]);
    return body;
  }

  describe('GET /api/search', () => {
    it('finds a town by its full name first, with its context and a bbox', async () => {
      const [town] = await seeded.db.sql<{ code: string; name: string }>`
        SELECT code, name FROM grids WHERE level = 'town' AND valid_to IS NULL ORDER BY code LIMIT 1`;
      const { results } = await search(town!.name);
      expect(results[0]).toMatchObject({
        kind: 'grid',
        key: town!.code,
        match: 'exact',
        level: 'town',
        context: '高台县',
      });
      const [west, south, east, north] = results[0]!.bbox;
      expect(west!).toBeLessThan(east!);
      expect(south!).toBeLessThan(north!);
    });

    it('ranks exact before prefix before substring, at most 20 results', async () => {
      // 一组 is the name of a group in nearly every village, and a substring of 十一组.
      const { results } = await search('一组');
      expect(results.length).toBe(20);
      const ranks = results.map((r) => matchOrder[r.match]);
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
      expect(results[0]!.match).toBe('exact');
      expect(results[0]!.context.split(' › ')).toHaveLength(3);
    });

    it('puts a prefix match before a substring match of the same kind', async () => {
      const [town] = await seeded.db.sql<{ name: string }>`
        SELECT name FROM grids WHERE level = 'town' AND valid_to IS NULL ORDER BY code LIMIT 1`;
      const stem = town!.name.slice(0, 1);
      const { results } = await search(stem);
      const grids = results.filter((r) => r.kind === 'grid');
      const firstSubstring = grids.findIndex((r) => r.match === 'substring');
      const lastPrefix = grids.map((r) => r.match).lastIndexOf('prefix');
      if (firstSubstring >= 0) expect(lastPrefix).toBeLessThan(firstSubstring);
      for (const r of results) {
        if (r.match === 'prefix') expect(r.label.startsWith(stem)).toBe(true);
        else expect(r.label).toContain(stem);
      }
    });

    it('finds grids by code prefix and a case by its serial', async () => {
      const [village] = await seeded.db.sql<{ code: string }>`
        SELECT code FROM grids WHERE level = 'village' AND valid_to IS NULL ORDER BY code LIMIT 1`;
      const byCode = await search(village!.code);
      expect(byCode.results[0]).toMatchObject({ kind: 'grid', key: village!.code, match: 'exact' });
      expect(byCode.results.slice(1).every((r) => r.key.startsWith(village!.code))).toBe(true);

      const [found] = await seeded.db.sql<{ serial: string; group_code: string }>`
        SELECT serial, group_code FROM cases ORDER BY serial LIMIT 1`;
      const bySerial = await search(found!.serial);
      expect(bySerial.results).toHaveLength(1);
      expect(bySerial.results[0]).toMatchObject({
        kind: 'case',
        key: found!.serial,
        match: 'exact',
        gridCode: found!.group_code,
      });
      const prefix = found!.serial.slice(0, 14);
      const byPrefix = await search(prefix);
      expect(byPrefix.results.length).toBeGreaterThan(0);
      for (const r of byPrefix.results) expect(r.kind === 'case' ? r.key.startsWith(prefix) : true).toBe(true);
    });

    it('finds a street by name with its group as context', async () => {
      const [street] = await seeded.db.sql<{ id: number; name: string; group_code: string }>`
        SELECT id, name, group_code FROM streets ORDER BY id LIMIT 1`;
      const { results } = await search(street!.name);
      const hit = results.find((r) => r.kind === 'street' && r.key === String(street!.id));
      if (results.filter((r) => r.kind === 'street' && r.match === 'exact').length < 20) expect(hit).toBeDefined();
      if (hit) {
        expect(hit.gridCode).toBe(street!.group_code);
        expect(hit.context.split(' › ')).toHaveLength(4);
      }
    });

    it('treats % and _ as text, not wildcards', async () => {
      expect((await search('%')).results).toEqual([]);
      expect((await search('_')).results).toEqual([]);
    });

    it('finds nothing outside the caller’s scope', async () => {
      const towns = await seeded.db.sql<{ code: string; name: string }>`
        SELECT code, name FROM grids WHERE level = 'town' AND valid_to IS NULL ORDER BY code LIMIT 2`;
      const [own, other] = towns;
      const mine = await search(own!.name, `town-${own!.code}`);
      expect(mine.results[0]).toMatchObject({ key: own!.code });
      const theirs = await search(other!.name, `town-${own!.code}`);
      expect(theirs.results.filter((r) => r.key === other!.code)).toEqual([]);
      const byCode = await search(other!.code.slice(0, 9), `town-${own!.code}`);
      expect(byCode.results).toEqual([]);
      for (const r of (await search('一组', `town-${own!.code}`)).results) {
        expect(r.gridCode.startsWith(own!.code.slice(0, 9))).toBe(true);
      }
    });

    it.each([
      ['', 'q'],
      ['q=', 'q'],
      ['q=%20%20', 'q'],
      [`q=${'长'.repeat(65)}`, 'q'],
      ['q=abc&limit=0', 'limit'],
    ])('rejects "%s" with a 400 naming %s', async (query, name) => {
      const res = (await seeded.get(`/api/search?${query}`)) as Reply;
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ message: string }>().message).toContain(name);
    });
  });
});
