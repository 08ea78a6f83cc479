import { mapData } from '../api/mapData.js';
import type { AlertOutline } from '../map/alertLayer.js';

/**
 * The outlines of alerted villages for a map's alert layer, each read once (`GET /api/grids/:code`)
 * and kept: a day's alerted villages are few and change little from one event to the next. A
 * village whose outline failed is left out and asked for again next time.
 */
export class AlertOutlines {
  private readonly outlines = new Map<string, Promise<AlertOutline | null>>();

  /** The outlines of `codes` (duplicates once), in their order. */
  async of(codes: readonly string[]): Promise<AlertOutline[]> {
    const shown = await Promise.all([...new Set(codes)].map((code) => this.outlineOf(code)));
    return shown.filter((outline) => outline !== null);
  }

  private outlineOf(code: string): Promise<AlertOutline | null> {
    let outline = this.outlines.get(code);
    if (!outline) {
      outline = mapData.grid(code).then(
        (feature) => ({ code, geometry: feature.geometry }),
        (error: unknown) => {
          this.outlines.delete(code);
          console.warn(`gridmap alerts: no outline for ${code}`, error);
          return null;
        },
      );
      this.outlines.set(code, outline);
    }
    return outline;
  }
}
