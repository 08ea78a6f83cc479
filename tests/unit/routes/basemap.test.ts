import { afterAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorReplies } from '../../../server/src/http/errorReplies.js';
import { basemapRoutes } from '../../../server/src/routes/tiles/basemapRoutes.js';
import { basemapRepo } from '../../../server/src/repos/tiles/basemapRepo.js';

// The basemap route reads a committed file and never the database, so it is tested on a bare app.
async function appWith(repo = basemapRepo()) {
  const app = Fastify();
  await app.register(errorReplies);
  await app.register(basemapRoutes, { repo });
  return app;
}

const scratch = mkdtempSync(join(tmpdir(), 'gridmap-basemap-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('GET /api/basemap/region', () => {
  it('serves Gaotai and its neighbours as a GeoJSON FeatureCollection with an ETag', async () => {
    const app = await appWith();
    const reply = await app.inject('/api/basemap/region');
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(reply.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const body = reply.json() as { type: string; features: { properties: { code: string; name: string } }[] };
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(9);
    expect(body.features.find((feature) => feature.properties.code === '620724000000')?.properties.name).toBe('高台县');
  });

  it('answers 304 with no body when the client already has this version', async () => {
    const app = await appWith();
    const first = await app.inject('/api/basemap/region');
    const etag = String(first.headers.etag);
    const again = await app.inject({ url: '/api/basemap/region', headers: { 'if-none-match': `"stale", W/${etag}` } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await app.inject({ url: '/api/basemap/region', headers: { 'if-none-match': '"stale"' } });
    expect(stale.statusCode).toBe(200);
  });

  it('changes the ETag when the file changes between deployments', async () => {
    const path = join(scratch, 'region.geojson');
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [] }));
    const before = await (await appWith(basemapRepo({ region: path }))).inject('/api/basemap/region');
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [], note: 'v2' }));
    const after = await (await appWith(basemapRepo({ region: path }))).inject('/api/basemap/region');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('fails with a plain 500 when the file is missing, and serves it once it is there', async () => {
    const path = join(scratch, 'late.geojson');
    const app = await appWith(basemapRepo({ region: path }));
    const missing = await app.inject('/api/basemap/region');
    expect(missing.statusCode).toBe(500);
    expect(missing.json()).toEqual({
      error: 'Internal Server Error',
      message: 'the server could not complete the request',
    });
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expect((await app.inject('/api/basemap/region')).statusCode).toBe(200);
  });
});
