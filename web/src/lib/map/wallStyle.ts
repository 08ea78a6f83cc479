import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';

/** Detail a wall seen from five metres does without. */
const hiddenOnWall = /^(street|household)-/;
/** Layers whose colours mean something (the early warning's orange) keep them on the dark ground. */
const keptOnWall = /^alert-/;

/**
 * The offline basemap re-coloured for a dark command-centre wall: dark ground, light labels with
 * dark halos, the grid lines as they are. The style stays gridmap's own (nothing fetched outside).
 */
export function wallStyle(style: StyleSpecification): StyleSpecification {
  return { ...style, layers: style.layers.map(darkLayer) };
}

function darkLayer(layer: LayerSpecification): LayerSpecification {
  if (hiddenOnWall.test(layer.id))
    return { ...layer, layout: { ...layer.layout, visibility: 'none' } } as LayerSpecification;
  if (keptOnWall.test(layer.id)) return layer;
  switch (layer.type) {
    case 'background':
      return { ...layer, paint: { 'background-color': '#070c14' } };
    case 'fill':
      return { ...layer, paint: { ...layer.paint, 'fill-color': '#121b29' } };
    case 'symbol':
      return {
        ...layer,
        paint: { ...layer.paint, 'text-color': '#dbe6f3', 'text-halo-color': '#070c14', 'text-halo-width': 1.5 },
      };
    default:
      return layer;
  }
}
