import { describe, expect, inject, it } from 'vitest';
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const baseUrl = inject('baseUrl');

/** The raw bytes and headers of a GET, without the decoding fetch would do. */
function rawGet(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    get(`${baseUrl}${path}`, { headers }, (reply) => {
      const chunks: Buffer[] = [];
      reply.on('data', (chunk: Buffer) => chunks.push(chunk));
      reply.on('end', () =>
        resolve({ status: reply.statusCode ?? 0, headers: reply.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

/**
 * The built app's scripts go out compressed once at build time (issue #12, part 4: the main script
 * was 1.9 MB uncompressed, to phones too): brotli or gzip as the browser asks, the same bytes decoded.
 */
describe('the web app’s files', () => {
  it('are served precompressed with brotli or gzip, and plain to a client that asks for neither', async () => {
    const page = await rawGet('/');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body.toString())?.[1];
    expect(script).toBeDefined();
    const plain = await rawGet(script!);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();

    const br = await rawGet(script!, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.byteLength).toBeLessThan(plain.body.byteLength / 3);

    const gz = await rawGet(script!, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });
});
