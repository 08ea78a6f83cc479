import { ScatterplotLayer } from '@deck.gl/layers';
import { DataFilterExtension } from '@deck.gl/extensions';
import {
  OPEN_END,
  overdueRing,
  patrolColor,
  warningRing,
  type IntervalBuffers,
  type PlaybackBuffers,
} from './playbackBuffers.js';

/** One extension instance for every frame: a new one would rebuild the shaders. */
const timeFilter = [new DataFilterExtension({ filterSize: 2, countItems: true })];

/** Deck.gl's binary data: the buffers are uploaded on the first frame and kept while `data` is the same object. */
interface BinaryData {
  length: number;
  attributes: Record<string, { value: ArrayBufferView; size: number; normalized?: boolean }>;
}
const binaryCache = new WeakMap<IntervalBuffers, BinaryData>();
/** Typed `never` for the layer's `data`: deck.gl reads `{length, attributes}` but its prop type lists only iterables and promises. */
function binary(buffers: IntervalBuffers): never {
  let data = binaryCache.get(buffers);
  if (!data) {
    data = {
      length: buffers.length,
      attributes: {
        getPosition: { value: buffers.positions, size: 2 },
        getFilterValue: { value: buffers.times, size: 2 },
        getFillColor: { value: buffers.colors, size: 4, normalized: true },
      },
    };
    binaryCache.set(buffers, data);
  }
  return data as never;
}

export type PlaybackLayerId =
  'playback-within' | 'playback-warning' | 'playback-overdue' | 'playback-outages' | 'playback-patrols';

/**
 * The playback's layers at clock second k: an item is kept iff start ≤ k < end (end ≥ k + 0.5 on
 * integers). Only `filterRange` changes from frame to frame.
 */
export function playbackLayers(
  buffers: PlaybackBuffers,
  k: number,
  visible: { cases: boolean; cameras: boolean },
  /** Told what the filter kept, per layer (null: no counting, no GPU read-back per frame: while playing). */
  onCount: ((id: PlaybackLayerId, count: number) => void) | null,
  /** The style layer drawn over the points (the desk map's town labels); null: on top (the wall). */
  beforeId: string | null = 'grid-town-label',
) {
  const filterRange: [number, number][] = [
    [-OPEN_END, k],
    [k + 0.5, OPEN_END],
  ];
  const common = {
    // Read by @deck.gl/maplibre, which does not add it to the layers' prop types.
    ...((beforeId ? { beforeId } : {}) as object),
    extensions: timeFilter,
    filterRange,
    radiusUnits: 'pixels' as const,
    lineWidthUnits: 'pixels' as const,
    onFilteredItemsChange: onCount
      ? ({ id, count }: { id: string; count: number }) => onCount(id as PlaybackLayerId, count)
      : null,
  };
  return [
    new ScatterplotLayer({
      id: 'playback-patrols',
      ...common,
      data: binary(buffers.patrols),
      visible: visible.cameras,
      stroked: true,
      filled: false,
      getRadius: 11,
      getLineColor: patrolColor,
      getLineWidth: 2,
    }),
    new ScatterplotLayer({
      id: 'playback-outages',
      ...common,
      data: binary(buffers.outages),
      visible: visible.cameras,
      stroked: true,
      getRadius: 4.5,
      getLineColor: [30, 30, 30, 255],
      getLineWidth: 1.5,
    }),
    new ScatterplotLayer({
      id: 'playback-within',
      ...common,
      data: binary(buffers.withinDeadline),
      visible: visible.cases,
      stroked: true,
      getRadius: 5,
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 1.25,
    }),
    new ScatterplotLayer({
      id: 'playback-warning',
      ...common,
      data: binary(buffers.warning),
      visible: visible.cases,
      stroked: true,
      getRadius: 6,
      getLineColor: warningRing,
      getLineWidth: 2.5,
    }),
    new ScatterplotLayer({
      id: 'playback-overdue',
      ...common,
      data: binary(buffers.overdue),
      visible: visible.cases,
      stroked: true,
      getRadius: 6,
      getLineColor: overdueRing,
      getLineWidth: 2.5,
    }),
  ];
}
