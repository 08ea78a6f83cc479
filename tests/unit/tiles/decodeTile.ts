import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

export interface DecodedFeature {
  id: number | undefined;
  type: 1 | 2 | 3;
  properties: Record<string, string | number | boolean>;
  /** Tile units (0–4096, buffer outside). */
  geometry: { x: number; y: number }[][];
}

/** An MVT decoded to plain objects: layer name → its features (and the layer's extent). */
export function decodeTile(
  bytes: Uint8Array,
): Record<string, { extent: number; version: number; features: DecodedFeature[] }> {
  const tile = new VectorTile(new Pbf(bytes));
  const layers: ReturnType<typeof decodeTile> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i);
      features.push({
        id: feature.id,
        type: feature.type,
        properties: feature.properties,
        geometry: feature.loadGeometry(),
      });
    }
    layers[name] = { extent: layer.extent, version: layer.version, features };
  }
  return layers;
}

/** `layer → sorted "id|properties"` — what two renderers of the same tile must agree on. */
export function tileSummary(bytes: Uint8Array): Record<string, string[]> {
  const summary: Record<string, string[]> = {};
  for (const [name, layer] of Object.entries(decodeTile(bytes))) {
    summary[name] = layer.features
      .map(
        (f) =>
          `${f.id}|${JSON.stringify(Object.fromEntries(Object.entries(f.properties).sort(([a], [b]) => a.localeCompare(b))))}`,
      )
      .sort();
  }
  return summary;
}
