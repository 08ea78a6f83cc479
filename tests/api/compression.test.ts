import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';

/**
 * Replies are compressed for clients that ask (issue #12, part 4: phones on slow links): brotli
 * when accepted, gzip otherwise, the same bytes once decoded; nothing for a client that does not
 * ask, and nothing for replies too small to gain.
 */
describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  const grids = '/api/grids?level=town';

  it('sends JSON and GeoJSON brotli- or gzip-compressed as asked, the same bytes once decoded', async () => {
    const plain = await seeded.inject({ method: 'GET', url: grids });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.byteLength).toBeGreaterThan(10_000);

    const br = await seeded.inject({ method: 'GET', url: grids, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(br.rawPayload.byteLength).toBeLessThan(plain.rawPayload.byteLength / 3);

    const gz = await seeded.inject({ method: 'GET', url: grids, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('leaves small replies alone', async () => {
    const health = await seeded.inject({ method: 'GET', url: '/health', headers: { 'accept-encoding': 'br' } });
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
