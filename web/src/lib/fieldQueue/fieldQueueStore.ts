import { openDB, type IDBPDatabase } from 'idb';
import { readQueuedOperation, type QueueEntry, type QueuedOperation } from './queuedOperation.js';

/**
 * The queue's IndexedDB store (through `idb`): one object store, keyed by the operation's id. It
 * outlives reloads, a closed browser and a new service worker (a deploy replaces the precache,
 * never this database). Writes are `strict`: the promise resolves once the entry is on disk, so a
 * phone switched off right after "已存入" still has it.
 */
const databaseName = 'gridmap-field';
const storeName = 'operations';

export interface FieldQueueStore {
  entries(): Promise<QueueEntry[]>;
  put(operation: QueuedOperation): Promise<void>;
  remove(key: string): Promise<void>;
}

export function indexedDbQueueStore(): FieldQueueStore {
  let opened: Promise<IDBPDatabase> | null = null;
  const database = () =>
    (opened ??= openDB(databaseName, 1, {
      upgrade(db) {
        // Out-of-line keys: an entry that lost its id (or never had one) can still be listed and deleted.
        db.createObjectStore(storeName);
      },
    }));
  return {
    async entries() {
      const db = await database();
      const transaction = db.transaction(storeName, 'readonly');
      const [keys, values] = await Promise.all([
        transaction.store.getAllKeys(),
        transaction.store.getAll(),
        transaction.done,
      ]);
      return keys.map((key, index): QueueEntry => {
        const operation = readQueuedOperation(values[index]);
        const name = String(key);
        return operation && operation.id === name
          ? { key: name, readable: true, operation }
          : { key: name, readable: false, reason: 'corrupt' };
      });
    },
    async put(operation) {
      const db = await database();
      const transaction = db.transaction(storeName, 'readwrite', { durability: 'strict' });
      await Promise.all([transaction.store.put(operation, operation.id), transaction.done]);
    },
    async remove(key) {
      const db = await database();
      const transaction = db.transaction(storeName, 'readwrite', { durability: 'strict' });
      await Promise.all([transaction.store.delete(key), transaction.done]);
    },
  };
}
