import { fieldCacheNames } from './fieldCaches.js';

const ownerKey = 'gridmap.field.cacheOwner';

type OwnerStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * Makes the field caches the signed-in account's: tiles and grids hold what a scope may see, so
 * when another account (or the same one with another scope) signs in on the phone, what the last
 * one cached is deleted before anything is read from it. Returns true when it cleared them.
 */
export async function claimFieldCaches(
  owner: string,
  storage: OwnerStorage | undefined = globalThis.localStorage,
  cacheStorage: Pick<CacheStorage, 'delete'> | undefined = globalThis.caches,
): Promise<boolean> {
  const previous = safely(() => storage?.getItem(ownerKey) ?? null);
  if (previous === owner) return false;
  if (cacheStorage) {
    await Promise.all([cacheStorage.delete(fieldCacheNames.tiles), cacheStorage.delete(fieldCacheNames.reads)]);
  }
  safely(() => storage?.setItem(ownerKey, owner));
  return previous !== null;
}

function safely<T>(work: () => T): T | null {
  try {
    return work();
  } catch {
    return null;
  }
}
