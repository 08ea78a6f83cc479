import { describe, expect, it } from 'vitest';
import { CaseCategoryList } from '../../server/src/contract/caseCategories.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);

  describe('GET /api/case-categories', () => {
    it('lists every configured category in its configured order, as the schema says', async () => {
      const reply = await seeded.inject({ method: 'GET', url: '/api/case-categories' });
      expect(reply.statusCode).toBe(200);
      const body = reply.json() as CaseCategoryList;
      expect(replySchemaErrors(CaseCategoryList, body)).toEqual([]);
      const rows = await seeded.db.sql<{ code: string }>`SELECT code FROM case_categories ORDER BY sort, code`;
      expect(rows.length).toBeGreaterThan(0);
      expect(body.map((category) => category.code)).toEqual(rows.map((row) => row.code));
      expect(body.every((category) => category.nameZh.length > 0 && category.nameEn.length > 0)).toBe(true);
    });

    it('offers codes that a case report accepts', async () => {
      const [first] = (await seeded.inject({ method: 'GET', url: '/api/case-categories' })).json() as CaseCategoryList;
      const [group] = await seeded.db.sql<{ lon: number; lat: number }>`
        SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
        FROM grids WHERE level = 'group' AND valid_to IS NULL ORDER BY code LIMIT 1`;
      const reply = await seeded.inject({
        method: 'POST',
        url: '/api/cases',
        payload: { lon: group!.lon, lat: group!.lat, category: first!.code, summary: '类别接口测试' },
      });
      expect(reply.statusCode).toBe(201);
      expect(reply.json()).toMatchObject({ category: first!.code, categoryName: first!.nameZh });
    });
  });
});
