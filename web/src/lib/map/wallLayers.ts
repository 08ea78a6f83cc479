import { ScatterplotLayer } from '@deck.gl/layers';
import type { DeadlineState } from '../api/mapFeatures.js';
import { deadlineColors, type Rgba } from './palette.js';

/** A case as the wall draws it: a position and its deadline colour, nothing personal. */
export interface WallCasePoint {
  serial: string;
  position: [number, number];
  deadlineState: DeadlineState;
}

/** Where a live case just happened, drawn as an expanding ring for `pulseMs`. */
export interface WallPulse {
  position: [number, number];
  startedAt: number;
  state: DeadlineState;
}

export const pulseMs = 2_400;

/**
 * How many times deck.gl initialised each layer id (a new layer state, buffers and all). deck.gl
 * matches layers by id and keeps their state across `setProps`, so on a healthy wall each id is
 * initialised once however many events arrive; the e2e test reads this to prove it.
 */
export const layerInitializations = new Map<string, number>();

class WallPointLayer<D> extends ScatterplotLayer<D> {
  static override layerName = 'WallPointLayer';
  override initializeState(): void {
    super.initializeState();
    layerInitializations.set(this.id, (layerInitializations.get(this.id) ?? 0) + 1);
  }
}

const urgency: Record<DeadlineState, number> = { green: 0, yellow: 1, red: 2 };

/** Open cases, big enough to read across a room; red drawn last so it stays on top. */
export function wallCaseLayer(data: WallCasePoint[], version: number) {
  const ordered = [...data].sort((a, b) => urgency[a.deadlineState] - urgency[b.deadlineState]);
  return new WallPointLayer<WallCasePoint>({
    id: 'wall-cases',
    data: ordered,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    stroked: true,
    getPosition: (item) => item.position,
    getRadius: (item) => (item.deadlineState === 'red' ? 9 : 7),
    getFillColor: (item) => deadlineColors[item.deadlineState],
    getLineColor: [10, 16, 26, 255],
    getLineWidth: 2,
    // Deadline colours change without new data when the clock advances.
    updateTriggers: { getFillColor: version, getRadius: version },
  });
}

/** Rings that grow and fade where live cases happened; `now` drives the animation. */
export function wallPulseLayer(pulses: WallPulse[], now: number) {
  const progress = (pulse: WallPulse) => Math.min(1, (now - pulse.startedAt) / pulseMs);
  return new WallPointLayer<WallPulse>({
    id: 'wall-pulses',
    data: pulses,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    stroked: true,
    filled: false,
    getPosition: (pulse) => pulse.position,
    getRadius: (pulse) => 10 + 50 * progress(pulse),
    getLineColor: (pulse): Rgba => {
      const [r, g, b] = deadlineColors[pulse.state];
      return [r, g, b, Math.round(255 * (1 - progress(pulse)))];
    },
    getLineWidth: 4,
    updateTriggers: { getRadius: now, getLineColor: now },
  });
}
