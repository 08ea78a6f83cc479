import type { GeoJSONSource, MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry, LineString, Point, Polygon, Position } from 'geojson';
import type { RegionCollection } from '../../../lib/api/mapFeatures.js';
import type { PlanGridCollection } from '../../../lib/api/plansTypes.js';
import { asMultiPolygon, indexVertices, moveVertex, type EditableGrid } from '../editing/sharedEdges.js';
import { snapPosition, type Pixel } from '../editing/snapPosition.js';
import { expandBounds, type Bbox } from '../../../lib/map/geometryBounds.js';
import { offlineStyle } from '../../../lib/map/offlineStyle.js';
import { hiddenTileLayers, planEditorLayers, planSources, selectionFilter } from './planEditorLayers.js';
import type { PlanEditorPort, PlanTool } from './planEditorPort.js';
import { homeBounds, homeCounties, type ViewerScope } from '../../../lib/map/homeCounties.js';
import { openMap } from '../../../lib/map/openMap.js';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export interface PlanEditorMapOptions {
  container: HTMLElement;
  region: RegionCollection;
  attribution: { data: string; boundary: string };
  /** The plan's scope: the map opens on it. */
  bounds: Bbox;
  /** The plan's scope grid: its county is home on the basemap (and bounds the panning). */
  scope: ViewerScope;
}

/**
 * The plan editor's map: the offline basemap (households and streets for painting, published grid
 * tiles hidden) with the draft's grids as GeoJSON on top. Vertex dragging and line/polygon drawing
 * are done here rather than with terra-draw: terra-draw edits one feature at a time, while a shared
 * vertex must move in every grid that has it (sharedEdges.ts), with snapping (snapPosition.ts).
 */
export function openPlanEditorMap(options: PlanEditorMapOptions): PlanEditorPort {
  const home = homeCounties(options.region, options.scope);
  const style = offlineStyle({
    origin: location.origin,
    region: options.region,
    home: home.map((county) => county.properties.code),
    attribution: options.attribution,
  });
  for (const id of Object.values(planSources)) style.sources[id] = { type: 'geojson', data: empty };
  style.sources[planSources.grids] = { type: 'geojson', data: empty, promoteId: 'code' };
  style.layers = [
    ...style.layers.map((layer) =>
      hiddenTileLayers.includes(layer.id)
        ? { ...layer, layout: { ...layer.layout, visibility: 'none' as const } }
        : layer,
    ),
    ...planEditorLayers(),
  ] as typeof style.layers;

  const { map } = openMap({
    container: options.container,
    style,
    view: { bounds: options.bounds, padding: 40 },
    maxBounds: expandBounds(homeBounds(home), 1.5),
    maxZoom: 19,
    interaction: 'pan',
    controls: true,
    attribution: { parts: [options.attribution.data, options.attribution.boundary], compact: true },
  });

  let grids: EditableGrid[] = [];
  let collection: PlanGridCollection = { type: 'FeatureCollection', features: [] };
  let parent: Geometry | null = null;
  let selection: string[] = [];
  let tool: PlanTool = 'select';
  let drawing: Position[] = [];
  let dragging: { from: Position; to: Position } | null = null;
  // Rendered features carry tile-rounded coordinates; the exact vertex is looked up by its key.
  const shownVertices = new Map<string, Position>();
  const listeners = {
    click: new Set<(code: string | null) => void>(),
    vertex: new Set<(from: Position, to: Position) => void>(),
    line: new Set<(line: LineString) => void>(),
    polygon: new Set<(polygon: Polygon) => void>(),
    paint: new Set<(target: { household?: number; street?: number; at: Position }) => void>(),
  };
  const subscribe = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => void set.delete(listener);
  };

  let loaded = false;
  const pending: (() => void)[] = [];
  const whenLoaded = (apply: () => void) => (loaded ? apply() : pending.push(apply));
  const source = (id: string) => map.getSource(id) as GeoJSONSource | undefined;
  const setData = (id: string, data: FeatureCollection) => whenLoaded(() => source(id)?.setData(data));

  const project = (position: Position): Pixel => {
    const point = map.project([position[0]!, position[1]!]);
    return [point.x, point.y];
  };
  const unproject = (pixel: Pixel): Position => {
    const lngLat = map.unproject(pixel);
    return [lngLat.lng, lngLat.lat];
  };

  /** The selected grids' vertices; `shared` counts the grids that have each one. */
  const drawVertices = () => {
    if (tool !== 'vertex' || selection.length === 0) return setData(planSources.vertices, empty);
    const index = indexVertices(grids);
    const seen = new Set<string>();
    const features: Feature<Point, { shared: number; key: string }>[] = [];
    shownVertices.clear();
    for (const grid of grids) {
      if (!selection.includes(grid.code)) continue;
      for (const polygon of grid.geometry.coordinates) {
        for (const ring of polygon) {
          for (const position of ring.slice(0, -1)) {
            const key = `${position[0]},${position[1]}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const shared = new Set((index.get(key) ?? []).map((ref) => ref.code)).size;
            shownVertices.set(key, position);
            features.push({
              type: 'Feature',
              geometry: { type: 'Point', coordinates: position },
              properties: { shared, key },
            });
          }
        }
      }
    }
    setData(planSources.vertices, { type: 'FeatureCollection', features });
  };

  const drawGrids = (current: EditableGrid[]) => {
    const byCode = new Map(current.map((grid) => [grid.code, grid.geometry]));
    setData(planSources.grids, {
      type: 'FeatureCollection',
      features: collection.features.map((feature) => ({
        ...feature,
        geometry: byCode.get(feature.properties.code) ?? feature.geometry,
      })),
    });
  };

  const drawDraft = (pointer?: Position) => {
    const points = pointer ? [...drawing, pointer] : drawing;
    const features: Feature[] = points.map((coordinates) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates },
      properties: {},
    }));
    if (points.length > 1) {
      const line = tool === 'add' && points.length > 2 ? [...points, points[0]!] : points;
      features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: {} });
    }
    setData(planSources.draft, { type: 'FeatureCollection', features });
  };

  const snapRings = (): Position[][] => {
    const rings = grids.flatMap((grid) => grid.geometry.coordinates.flat());
    if (parent && (parent.type === 'Polygon' || parent.type === 'MultiPolygon')) {
      rings.push(...asMultiPolygon(parent).coordinates.flat());
    }
    return rings;
  };
  const snapped = (pointer: Position, moving?: Position) =>
    snapPosition({ pointer, rings: snapRings(), project, unproject, ...(moving ? { moving } : {}) }).position;

  const finishDrawing = () => {
    const points = drawing.filter(
      (point, index) => index === 0 || point[0] !== drawing[index - 1]![0] || point[1] !== drawing[index - 1]![1],
    );
    drawing = [];
    drawDraft();
    if (tool === 'split' && points.length >= 2) {
      const line: LineString = { type: 'LineString', coordinates: points };
      listeners.line.forEach((listener) => listener(line));
    }
    if (tool === 'add' && points.length >= 3) {
      const polygon: Polygon = { type: 'Polygon', coordinates: [[...points, points[0]!]] };
      listeners.polygon.forEach((listener) => listener(polygon));
    }
  };

  const onClick = (event: MapMouseEvent) => {
    if (dragging) return;
    const at: Position = [event.lngLat.lng, event.lngLat.lat];
    if (tool === 'split' || tool === 'add') {
      drawing.push(snapped(at));
      drawDraft();
      return;
    }
    if (tool === 'paint') {
      const [hit] = map.queryRenderedFeatures(event.point, { layers: ['household-point', 'street-line'] });
      if (hit) {
        const id = Number(hit.properties['id'] ?? hit.id);
        if (Number.isInteger(id) && id > 0)
          listeners.paint.forEach((listener) =>
            listener(hit.layer.id === 'street-line' ? { street: id, at } : { household: id, at }),
          );
        return;
      }
    }
    const [grid] = map.queryRenderedFeatures(event.point, { layers: ['plan-grid-fill'] });
    const code = grid ? String(grid.properties['code']) : null;
    listeners.click.forEach((listener) => listener(code));
  };

  const onVertexDown = (event: MapLayerMouseEvent) => {
    const feature = event.features?.[0];
    const from = shownVertices.get(String(feature?.properties['key']));
    if (tool !== 'vertex' || !from) return;
    // Keeps MapLibre from panning: this drag moves the vertex.
    event.preventDefault();
    dragging = { from, to: from };
    map.getCanvas().style.cursor = 'grabbing';
    const onMove = (move: MapMouseEvent) => {
      if (!dragging) return;
      dragging.to = snapped([move.lngLat.lng, move.lngLat.lat], from);
      const moved = moveVertex(grids, from, dragging.to);
      drawGrids(grids.map((grid) => ({ code: grid.code, geometry: moved.get(grid.code) ?? grid.geometry })));
    };
    map.on('mousemove', onMove);
    map.once('mouseup', () => {
      map.off('mousemove', onMove);
      map.getCanvas().style.cursor = '';
      const done = dragging;
      // The click that follows a mouseup must not count as a click on the map.
      setTimeout(() => (dragging = null), 0);
      if (done && (done.to[0] !== done.from[0] || done.to[1] !== done.from[1])) {
        listeners.vertex.forEach((listener) => listener(done.from, done.to));
      } else {
        drawGrids(grids);
      }
    });
  };

  const onMouseMove = (event: MapMouseEvent) => {
    if ((tool === 'split' || tool === 'add') && drawing.length > 0) drawDraft([event.lngLat.lng, event.lngLat.lat]);
  };
  const onDoubleClick = (event: MapMouseEvent) => {
    if (tool !== 'split' && tool !== 'add') return;
    event.preventDefault();
    finishDrawing();
  };
  const onKey = (event: KeyboardEvent) => {
    if (tool !== 'split' && tool !== 'add') return;
    if (event.key === 'Enter') finishDrawing();
    if (event.key === 'Escape') {
      drawing = [];
      drawDraft();
    }
  };

  const loadedPromise = new Promise<void>((resolve) =>
    map.once('load', () => {
      loaded = true;
      pending.splice(0).forEach((apply) => apply());
      resolve();
    }),
  );
  let gridsArrived: () => void = () => {};
  const gridsPromise = new Promise<void>((resolve) => (gridsArrived = resolve));
  const ready = Promise.all([loadedPromise, gridsPromise]).then(
    () =>
      new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );

  map.on('click', onClick);
  map.on('dblclick', onDoubleClick);
  map.on('mousemove', onMouseMove);
  map.on('mousedown', 'plan-vertex', onVertexDown);
  map.on('mouseenter', 'plan-vertex', () => (map.getCanvas().style.cursor = 'grab'));
  map.on('mouseleave', 'plan-vertex', () => (map.getCanvas().style.cursor = ''));
  options.container.addEventListener('keydown', onKey);

  const testHandle = {
    map,
    /** Screen position (CSS px of the map container) of a longitude/latitude. */
    pixelOf: (position: Position) => project(position),
  };
  (window as unknown as { __gridmapPlan?: typeof testHandle }).__gridmapPlan = testHandle;

  return {
    ready,
    setGrids(next) {
      collection = next;
      grids = next.features.map((feature) => ({
        code: feature.properties.code,
        geometry: asMultiPolygon(feature.geometry),
      }));
      drawGrids(grids);
      drawVertices();
      gridsArrived();
    },
    setParentOutline(outline) {
      parent = outline;
      setData(
        planSources.parent,
        outline
          ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: outline, properties: {} }] }
          : empty,
      );
    },
    setSelection(codes) {
      selection = [...codes];
      whenLoaded(() => {
        map.setFilter('plan-grid-selected-fill', selectionFilter(selection));
        map.setFilter('plan-grid-selected-line', selectionFilter(selection));
      });
      drawVertices();
    },
    setProblems(problems) {
      setData(planSources.problems, problems);
    },
    setReference(reference) {
      setData(planSources.reference, reference?.grids ?? empty);
    },
    setTool(next) {
      tool = next;
      drawing = [];
      drawDraft();
      drawVertices();
      // A double click finishes a drawing instead of zooming.
      if (tool === 'split' || tool === 'add') map.doubleClickZoom.disable();
      else map.doubleClickZoom.enable();
      map.getCanvas().style.cursor = tool === 'split' || tool === 'add' ? 'crosshair' : '';
    },
    onGridClick: (listener) => subscribe(listeners.click, listener),
    onVertexMove: (listener) => subscribe(listeners.vertex, listener),
    onLineDrawn: (listener) => subscribe(listeners.line, listener),
    onPolygonDrawn: (listener) => subscribe(listeners.polygon, listener),
    onPaint: (listener) => subscribe(listeners.paint, listener),
    fitBounds(bbox, { animate = true } = {}) {
      map.fitBounds(bbox, { padding: 40, animate, maxZoom: 17 });
    },
    destroy() {
      Object.values(listeners).forEach((set) => set.clear());
      options.container.removeEventListener('keydown', onKey);
      const handle = window as unknown as { __gridmapPlan?: typeof testHandle };
      if (handle.__gridmapPlan === testHandle) delete handle.__gridmapPlan;
      map.remove();
    },
  };
}
