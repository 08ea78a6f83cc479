import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Resolves on the first frame drawn after `loaded` has settled: once the style and the first data
 * are in, the next `idle` is the first frame with tiles and points on screen.
 */
export function firstDrawnFrame(map: MapLibreMap, loaded: Promise<unknown>): Promise<void> {
  return loaded.then(
    () =>
      new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}
