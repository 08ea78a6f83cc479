import type { TileCoord, TileSet } from './tileLayers.js';

export interface TileCacheLimits {
  /** Most tiles kept. Default 2,000. */
  maxEntries?: number;
  /** Most bytes of encoded tiles kept. Default 64 MiB. */
  maxBytes?: number;
}

/**
 * A least-recently-used cache of encoded tiles in this process, keyed by tile set, z/x/y and the
 * data version. A write that changes what tiles show calls {@link invalidate}: the version moves on,
 * so a render that started before the write can never store its stale tile under the new version.
 */
export class TileCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;
  private dataVersion = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(limits: TileCacheLimits = {}) {
    this.maxEntries = limits.maxEntries ?? 2_000;
    this.maxBytes = limits.maxBytes ?? 64 * 1024 * 1024;
  }

  get version(): number {
    return this.dataVersion;
  }

  get size(): number {
    return this.entries.size;
  }

  key(set: TileSet, { z, x, y }: TileCoord, version = this.dataVersion): string {
    return `${version}/${set}/${z}/${x}/${y}`;
  }

  get(key: string): Uint8Array | undefined {
    const tile = this.entries.get(key);
    if (tile) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, tile);
    }
    return tile;
  }

  set(key: string, tile: Uint8Array): void {
    if (!key.startsWith(`${this.dataVersion}/`) || tile.byteLength > this.maxBytes) return;
    this.remove(key);
    this.entries.set(key, tile);
    this.bytes += tile.byteLength;
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.byteLength;
    }
  }

  /** Forgets every tile: the data behind them changed. */
  invalidate(): void {
    this.dataVersion += 1;
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(key: string): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.byteLength;
    }
  }
}
