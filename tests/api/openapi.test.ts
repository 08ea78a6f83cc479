import { describe, expect, it } from 'vitest';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<string, { tags?: string[]; description?: string; summary?: string; responses: Record<string, unknown> }>
  >;
}

const readRoutes = ['/api/grids', '/api/grids/{code}', '/api/streets', '/api/households', '/api/cameras', '/api/cases'];

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);

  describe('GET /docs', () => {
    it.each(readRoutes)('documents GET %s with a tag, a description and its 200, 400 and 404 replies', async (path) => {
      const doc = (await seeded.inject({ method: 'GET', url: '/docs/json' })).json<OpenApiDocument>();
      const operation = doc.paths[path]?.get;
      expect(operation).toBeDefined();
      expect(operation!.tags?.length).toBeGreaterThan(0);
      expect(operation!.description?.length).toBeGreaterThan(0);
      expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    });

    it.each(['/docs', '/docs/'])(
      'serves the swagger-ui page at %s and its assets from this server, with no address elsewhere',
      async (docs) => {
        const page = await seeded.inject({ method: 'GET', url: docs });
        expect(page.statusCode).toBe(200);
        const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
        expect(assets.length).toBeGreaterThan(0);
        expect(assets.filter((asset) => /^(https?:)?\/\//.test(asset))).toEqual([]);
        for (const asset of assets) {
          const url = new URL(asset, `http://gridmap.local${docs}`).pathname;
          expect((await seeded.inject({ method: 'GET', url })).statusCode, url).toBe(200);
        }
        const initializer = await seeded.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
        expect(initializer.body).toMatch(/validatorUrl: null/);
      },
    );
  });
});
