import { describe, expect, it } from 'vitest';
import { TileCache } from '../../../server/src/tiles/tileCache.js';

const tile = (bytes: number) => new Uint8Array(bytes);

describe('TileCache', () => {
  it('keys a tile by tile set, z/x/y and the data version', () => {
    const cache = new TileCache();
    expect(cache.key('grids', { z: 3, x: 5, y: 2 })).toBe('0/grids/3/5/2');
  });

  it('returns what was stored and nothing for another tile', () => {
    const cache = new TileCache();
    const key = cache.key('households', { z: 14, x: 1, y: 2 });
    const stored = tile(10);
    cache.set(key, stored);
    expect(cache.get(key)).toBe(stored);
    expect(cache.get(cache.key('households', { z: 14, x: 1, y: 3 }))).toBeUndefined();
  });

  it('evicts the least recently used tile when it holds too many', () => {
    const cache = new TileCache({ maxEntries: 2 });
    const [a, b, c] = [1, 2, 3].map((x) => cache.key('grids', { z: 5, x, y: 0 })) as [string, string, string];
    cache.set(a, tile(1));
    cache.set(b, tile(1));
    cache.get(a); // a is now more recent than b
    cache.set(c, tile(1));
    expect(cache.get(a)).toBeDefined();
    expect(cache.get(b)).toBeUndefined();
    expect(cache.get(c)).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('evicts old tiles to stay under its byte budget and never keeps a tile larger than the budget', () => {
    const cache = new TileCache({ maxBytes: 100 });
    const [a, b, big] = [1, 2, 3].map((x) => cache.key('streets', { z: 14, x, y: 0 })) as [string, string, string];
    cache.set(a, tile(60));
    cache.set(b, tile(60));
    expect(cache.get(a)).toBeUndefined();
    expect(cache.get(b)).toBeDefined();
    cache.set(big, tile(101));
    expect(cache.get(big)).toBeUndefined();
    expect(cache.get(b)).toBeDefined();
  });

  it('forgets every tile on invalidate and refuses a tile rendered before it', () => {
    const cache = new TileCache();
    const before = cache.key('grids', { z: 8, x: 1, y: 1 });
    cache.set(before, tile(5));
    cache.invalidate();
    expect(cache.size).toBe(0);
    expect(cache.version).toBe(1);
    cache.set(before, tile(5)); // a render that started before the write finishes after it
    expect(cache.size).toBe(0);
    const after = cache.key('grids', { z: 8, x: 1, y: 1 });
    cache.set(after, tile(5));
    expect(cache.get(after)).toBeDefined();
  });
});
