import { untrack } from 'svelte';
import { VillageAlertFeed } from '../../lib/alerts/villageAlertFeed.svelte.js';
import { mapData } from '../../lib/api/mapData.js';
import type { PageLive } from '../../lib/live/pageLive.svelte.js';
import type { AlertOutline } from '../../lib/map/alertLayer.js';
import type { MapSession } from './mapSession.svelte.js';

/**
 * Outlines the villages of the viewer's scope with an alert today on the map (call while a
 * component initialises: the effects live as long as it). The alerts follow the page's live link,
 * so an `alert` event redraws the layer without a reload; the legend's toggle shows or hides it.
 * Each village's outline is read once (`GET /api/grids/:code`) and kept: the alerted villages of a
 * day are few, and they change little from one event to the next.
 */
export function bindAlertLayer(session: MapSession, live: PageLive, scope: () => string | null): void {
  const feed = new VillageAlertFeed();
  const outlines = new Map<string, Promise<AlertOutline | null>>();
  const outlineOf = (code: string) => {
    let outline = outlines.get(code);
    if (!outline) {
      outline = mapData.grid(code).then(
        (feature) => ({ code, geometry: feature.geometry }),
        (error: unknown) => {
          // Asked again with the next change of the alerts.
          outlines.delete(code);
          console.warn(`gridmap alerts: no outline for ${code}`, error);
          return null;
        },
      );
      outlines.set(code, outline);
    }
    return outline;
  };

  $effect(() => {
    const code = scope();
    if (!code) return;
    // Followed anew per scope only: the feed's own state and the link's are not this effect's inputs.
    return untrack(() => feed.follow(code, live));
  });
  $effect(() => {
    const port = session.port;
    const codes = [...new Set(feed.todays.map((alert) => alert.village))];
    if (!port) return;
    let current = true;
    void Promise.all(codes.map(outlineOf)).then((shown) => {
      if (current) port.setAlertVillages(shown.filter((outline) => outline !== null));
    });
    return () => {
      current = false;
    };
  });
}
