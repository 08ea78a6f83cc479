import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { expandBounds, geometryBounds } from './geometryBounds.js';
import { openMap } from './openMap.js';
import { gridColors } from './palette.js';

export interface VillageOutlineInput {
  container: HTMLElement;
  outline: MultiPolygon;
  groups: readonly { code: string; outline: MultiPolygon }[];
}

export interface VillageOutlineMap {
  destroy(): void;
}

/**
 * The village page's small map (一村一码): the village outline and its groups from the public
 * reply over a plain background. No tiles and no style from the server: those need a session,
 * and the page is opened by residents who have none. Pan and zoom only, never rotated.
 */
export function openVillageOutlineMap({ container, outline, groups }: VillageOutlineInput): VillageOutlineMap {
  const bounds = geometryBounds(outline);
  const groupCollection: FeatureCollection<MultiPolygon, { code: string }> = {
    type: 'FeatureCollection',
    features: groups.map((group) => ({ type: 'Feature', geometry: group.outline, properties: { code: group.code } })),
  };
  const style: StyleSpecification = {
    version: 8,
    name: 'gridmap public village',
    sources: {
      village: { type: 'geojson', data: { type: 'Feature', geometry: outline, properties: {} } },
      groups: { type: 'geojson', data: groupCollection },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef0ea' } },
      { id: 'village-fill', type: 'fill', source: 'village', paint: { 'fill-color': '#f7efe1' } },
      {
        id: 'group-lines',
        type: 'line',
        source: 'groups',
        paint: { 'line-color': gridColors.group, 'line-width': 1.2, 'line-dasharray': [3, 2] },
      },
      {
        id: 'village-line',
        type: 'line',
        source: 'village',
        paint: { 'line-color': gridColors.village, 'line-width': 2.5 },
      },
    ],
  };
  const { map } = openMap({
    container,
    style,
    view: { bounds, padding: 16 },
    maxBounds: expandBounds(bounds, 2),
    maxZoom: 18,
    interaction: 'pan',
  });
  return { destroy: () => map.remove() };
}
