import { describe, expect, it } from 'vitest';
import type { Feature, Point } from 'geojson';
import type { CameraProperties, CaseProperties } from '../../../web/src/lib/api/mapFeatures.js';
import { cameraLayer, caseLayer } from '../../../web/src/lib/map/deckLayers.js';
import { cameraColors, deadlineColors } from '../../../web/src/lib/map/palette.js';

const point = (lon: number): Point => ({ type: 'Point', coordinates: [lon, 39.4] });
const openCase = (serial: string, deadlineState: CaseProperties['deadlineState']): Feature<Point, CaseProperties> => ({
  type: 'Feature',
  geometry: point(99.5),
  properties: {
    serial,
    category: 'neighbour_dispute',
    categoryName: '邻里纠纷',
    status: 'mediating',
    level: 'village',
    deadlineState,
    reportedAt: '2026-11-20T01:00:00Z',
    stageWarnAt: '2026-11-23T08:00:00Z',
    stageDueAt: '2026-11-24T09:30:00Z',
    summary: '邻里纠纷',
    major: false,
    groupCode: '620724100201001',
  },
});
const camera = (id: string, status: CameraProperties['status']): Feature<Point, CameraProperties> => ({
  type: 'Feature',
  geometry: point(99.6),
  properties: {
    id,
    name: `${id}号`,
    site: 'junction',
    status,
    lastSeen: '2026-11-22T00:00:00Z',
    groupCode: '620724100201001',
  },
});

describe('caseLayer', () => {
  it('colours each case by its deadline state and draws red ones on top', () => {
    const layer = caseLayer([openCase('a', 'red'), openCase('b', 'green'), openCase('c', 'yellow')], true);
    const data = layer.props.data as Feature<Point, CaseProperties>[];
    expect(data.map((item) => item.properties.serial)).toEqual(['b', 'c', 'a']);
    const fill = layer.props.getFillColor as (item: Feature<Point, CaseProperties>) => unknown;
    expect(data.map(fill)).toEqual([deadlineColors.green, deadlineColors.yellow, deadlineColors.red]);
  });

  it('is pickable and follows the legend toggle', () => {
    const layer = caseLayer([], false);
    expect(layer.id).toBe('cases');
    expect(layer.props.pickable).toBe(true);
    expect(layer.props.visible).toBe(false);
  });
});

describe('cameraLayer', () => {
  it('draws offline cameras grey with a heavier dark ring', () => {
    const layer = cameraLayer([camera('1', 'online'), camera('2', 'offline')], true);
    const [online, offline] = layer.props.data as Feature<Point, CameraProperties>[];
    const fill = layer.props.getFillColor as (item: Feature<Point, CameraProperties>) => unknown;
    const ring = layer.props.getLineColor as (item: Feature<Point, CameraProperties>) => unknown;
    const width = layer.props.getLineWidth as (item: Feature<Point, CameraProperties>) => number;
    expect(fill(online!)).toEqual(cameraColors.online);
    expect(fill(offline!)).toEqual(cameraColors.offline);
    expect(ring(offline!)).toEqual(cameraColors.offlineRing);
    expect(width(offline!)).toBeGreaterThan(width(online!));
  });
});
