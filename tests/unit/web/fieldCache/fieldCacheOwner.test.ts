import { describe, expect, it } from 'vitest';
import { claimFieldCaches } from '../../../../web/src/lib/fieldCache/fieldCacheOwner.js';
import { fieldCacheNames } from '../../../../web/src/lib/fieldCache/fieldCaches.js';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

describe('claimFieldCaches', () => {
  it('clears the tiles and reads another account cached, and only then', async () => {
    const storage = memoryStorage();
    const deleted: string[] = [];
    const caches = { delete: async (name: string) => (deleted.push(name), true) };
    await expect(claimFieldCaches('group-620724100201001@620724100201001', storage, caches)).resolves.toBe(false);
    deleted.length = 0;
    await expect(claimFieldCaches('group-620724100201001@620724100201001', storage, caches)).resolves.toBe(false);
    expect(deleted).toEqual([]);
    await expect(claimFieldCaches('village-620724100200@620724100200', storage, caches)).resolves.toBe(true);
    expect(deleted.sort()).toEqual([fieldCacheNames.reads, fieldCacheNames.tiles].sort());
  });
});
