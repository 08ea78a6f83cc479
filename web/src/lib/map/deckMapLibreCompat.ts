import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * deck.gl 9.4's MapboxOverlay reads `map.transform` (height, elevation), which MapLibre ≤ 5 had on
 * the map and MapLibre 6 keeps on its camera (`map._camera.transform`). Without it every frame
 * throws in `getViewport`. Remove once @deck.gl/mapbox supports MapLibre 6.
 */
export function exposeTransformForDeck(map: MapLibreMap): void {
  if ('transform' in map) return;
  const camera = (map as unknown as { _camera?: { transform?: unknown } })._camera;
  if (!camera?.transform)
    throw new Error(
      'MapLibre has neither map.transform nor map._camera.transform: check @deck.gl/mapbox compatibility',
    );
  Object.defineProperty(map, 'transform', { get: () => camera.transform, configurable: true });
}
