import { untrack } from 'svelte';
import { AlertOutlines } from '../../lib/alerts/alertOutlines.js';
import { VillageAlertFeed } from '../../lib/alerts/villageAlertFeed.svelte.js';
import type { PageLive } from '../../lib/live/pageLive.svelte.js';
import type { MapSession } from './mapSession.svelte.js';

/**
 * Outlines the villages of the viewer's scope with an alert today on the map (call while a
 * component initialises: the effects live as long as it). The alerts follow the page's live link,
 * so an `alert` event redraws the layer without a reload; the legend's toggle shows or hides it.
 */
export function bindAlertLayer(session: MapSession, live: PageLive, scope: () => string | null): void {
  const feed = new VillageAlertFeed();
  const outlines = new AlertOutlines();
  $effect(() => {
    const code = scope();
    if (!code) return;
    // Followed anew per scope only: the feed's own state and the link's are not this effect's inputs.
    return untrack(() => feed.follow(code, live));
  });
  $effect(() => {
    const port = session.port;
    const codes = feed.todays.map((alert) => alert.village);
    if (!port) return;
    let current = true;
    void outlines.of(codes).then((shown) => {
      if (current) port.setAlertVillages(shown);
    });
    return () => {
      current = false;
    };
  });
}
