import { ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, Point } from 'geojson';
import type { CameraProperties, CaseProperties } from '../api/mapFeatures.js';
import { cameraColors, deadlineColors } from './palette.js';

type CameraFeature = Feature<Point, CameraProperties>;
type CaseFeature = Feature<Point, CaseProperties>;

/**
 * Interleaved under the grid labels, so place names stay readable over dense points. `beforeId` is
 * read by @deck.gl/maplibre, which does not add it to the layers' prop types.
 */
const interleaving: object = { beforeId: 'grid-town-label' };

const position = (feature: Feature<Point>) => feature.geometry.coordinates as [number, number];

/** 雪亮工程 cameras: online teal, offline grey with a dark ring so a dead camera stands out. */
export function cameraLayer(data: CameraFeature[], visible: boolean) {
  return new ScatterplotLayer<CameraFeature>({
    id: 'cameras',
    ...interleaving,
    data,
    visible,
    pickable: true,
    autoHighlight: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    stroked: true,
    getPosition: position,
    getRadius: (camera) => (camera.properties.status === 'online' ? 3.5 : 4.5),
    getFillColor: (camera) => (camera.properties.status === 'online' ? cameraColors.online : cameraColors.offline),
    getLineColor: (camera) =>
      camera.properties.status === 'online' ? cameraColors.onlineRing : cameraColors.offlineRing,
    getLineWidth: (camera) => (camera.properties.status === 'online' ? 0.75 : 1.75),
  });
}

/** Open cases coloured by their stage deadline (green / yellow at 70 % / red overdue); red on top. */
export function caseLayer(data: CaseFeature[], visible: boolean) {
  const urgency = (item: CaseFeature) => ({ green: 0, yellow: 1, red: 2 })[item.properties.deadlineState ?? 'green'];
  const ordered = [...data].sort((a, b) => urgency(a) - urgency(b));
  return new ScatterplotLayer<CaseFeature>({
    id: 'cases',
    ...interleaving,
    data: ordered,
    visible,
    pickable: true,
    autoHighlight: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    stroked: true,
    getPosition: position,
    getRadius: (item) => (item.properties.deadlineState === 'red' ? 7 : 6),
    getFillColor: (item) => deadlineColors[item.properties.deadlineState ?? 'green'],
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 1.5,
  });
}
