import type { CaseTimeline } from '@contract/caseTimeline.js';
import type { CameraOutageTimeline } from '@contract/cameraOutageTimeline.js';
import type { PatrolTimeline } from '@contract/patrolTimeline.js';
import { deadlineColors, type Rgba } from './palette.js';

/**
 * Playback data as GPU buffers, built once per load (issue #15 part 3). Every item is an interval
 * [start, end) of the one clock; the layers keep it iff start ≤ t < end by a filter range uniform,
 * so a frame uploads nothing.
 *
 * Times are whole seconds from `origin` (the middle of the history), rounded up: for a clock at a
 * whole second k, `at ≤ t` ⟺ ⌈(at − origin) / 1000⌉ ≤ k and `t < end` ⟺ k < ⌈(end − origin) / 1000⌉,
 * so the integer test on the GPU is the open-at rule exactly. Integers up to 2²⁴ are exact in a
 * float32: a history of up to 388 days around the origin keeps every second.
 */
export const OPEN_END = 2 ** 24;
/** The longest history the clock spans: 2 × 2²⁴ s less a day's margin (≈ 387 days). */
const MAX_HISTORY_MS = (2 * 2 ** 24 - 86_400) * 1000;

export interface IntervalBuffers {
  length: number;
  /**
   * lon, lat per item, in float32 (≈ 0.7 m at this longitude, finer than a point's pixels): half
   * the memory of float64, and no 64-bit low part for deck.gl to upload. Measured with
   * bench:playback under the same load, frame time barely moves (1.85 s → 1.77 s p50 on SwiftShader).
   */
  positions: Float32Array;
  /** start, end per item: seconds from the origin (OPEN_END: not ended). */
  times: Float32Array;
  /** RGBA per item. */
  colors: Uint8Array;
}

export interface PlaybackBuffers {
  /** Epoch ms of second 0 (a whole second). */
  origin: number;
  /** The history the clock runs over, epoch ms. */
  first: number;
  last: number;
  /**
   * Cases within their stage's time at t, 临期 at t (past its warning, not yet due) and overdue at
   * t: one interval each, disjoint, so a case is drawn once at any instant.
   */
  withinDeadline: IntervalBuffers;
  warning: IntervalBuffers;
  overdue: IntervalBuffers;
  outages: IntervalBuffers;
  patrols: IntervalBuffers;
}

export type LevelBand = 'group' | 'village' | 'town';
export const levelBand = (level: string): LevelBand =>
  level === 'group' ? 'group' : level === 'village' ? 'village' : 'town';

/** Case fill by the level handling it: group green-blue, village amber, town purple. */
export const levelColors: Record<LevelBand, Rgba> = {
  group: [40, 140, 200, 230],
  village: [230, 150, 30, 235],
  town: [140, 60, 170, 240],
};
export const outageColor: Rgba = [70, 70, 70, 230];
export const patrolColor: Rgba = [20, 150, 170, 200];
/** The ring of a case past its deadline at the clock. */
export const overdueRing: Rgba = [214, 40, 40, 255];
/** The ring of a case 临期 at the clock: the live markers' 临期 yellow, so both maps say it alike. */
export const warningRing: Rgba = deadlineColors.yellow;

export const secondOf = (origin: number, at: number): number => Math.ceil((at - origin) / 1000);
/** The clock second of an instant (the clock moves in whole seconds). */
export const clockSecond = (origin: number, at: number): number => Math.round((at - origin) / 1000);

interface Interval {
  lon: number;
  lat: number;
  start: number;
  end: number | null;
  color: Rgba;
}

function intervalBuffers(origin: number, items: Interval[]): IntervalBuffers {
  const length = items.length;
  const positions = new Float32Array(length * 2);
  const times = new Float32Array(length * 2);
  const colors = new Uint8Array(length * 4);
  items.forEach((item, i) => {
    positions[2 * i] = item.lon;
    positions[2 * i + 1] = item.lat;
    times[2 * i] = secondOf(origin, item.start);
    times[2 * i + 1] = item.end === null ? OPEN_END : secondOf(origin, item.end);
    colors.set(item.color, 4 * i);
  });
  return { length, positions, times, colors };
}

/**
 * A case's life [reportedAt, end) cut at its warning and its deadline: within [reportedAt, warn),
 * 临期 [warn, deadline), overdue [deadline, end), each clipped to the life and empty ones left out.
 * Cuts are taken in order (a warning after the deadline counts from the deadline), so the parts
 * stay disjoint and cover the life; without a warning the case has the within and overdue parts.
 */
function caseIntervals(cases: CaseTimeline): { within: Interval[]; warning: Interval[]; overdue: Interval[] } {
  const within: Interval[] = [];
  const warning: Interval[] = [];
  const overdue: Interval[] = [];
  const part = (into: Interval[], base: Omit<Interval, 'start' | 'end'>, start: number, end: number | null) => {
    if (end === null || end > start) into.push({ ...base, start, end });
  };
  for (let i = 0; i < cases.count; i++) {
    const reported = cases.reportedAt[i]!;
    const ended = cases.endedAt[i] ?? null;
    const deadline = cases.deadlineAt[i] ?? null;
    const warn = cases.warnAt[i] ?? null;
    const base = { lon: cases.lon[i]!, lat: cases.lat[i]!, color: levelColors[levelBand(cases.level[i]!)] };
    /** The earlier of the life's end and a cut (null: no cut, or not ended). */
    const until = (cut: number | null) => (cut === null ? ended : ended === null ? cut : Math.min(ended, cut));
    const deadlineCut = deadline === null ? null : Math.max(reported, deadline);
    const warnCut =
      warn === null ? null : Math.max(reported, deadlineCut === null ? warn : Math.min(warn, deadlineCut));
    part(within, base, reported, until(warnCut ?? deadlineCut));
    if (warnCut !== null) part(warning, base, warnCut, until(deadlineCut));
    if (deadlineCut !== null) part(overdue, base, deadlineCut, ended);
  }
  return { within, warning, overdue };
}

export function playbackBuffers(
  cases: CaseTimeline,
  outages: CameraOutageTimeline,
  patrols: PatrolTimeline,
  now: number,
): PlaybackBuffers {
  // The axis starts at the earliest report or patrol, so a narrower case filter keeps the year's
  // axis the patrols span (outages are left out: an offline camera's "last seen" may predate any
  // record); at most MAX_HISTORY_MS back, where every second is still exact in a float32.
  const first = Math.max(now - MAX_HISTORY_MS, Math.min(cases.reportedAt[0] ?? now, patrols.startAt[0] ?? now, now));
  const last = now;
  const origin = Math.round((first + last) / 2000) * 1000;
  const { within, warning, overdue } = caseIntervals(cases);
  const outageItems = outages.cameraId.map((_, i) => ({
    lon: outages.lon[i]!,
    lat: outages.lat[i]!,
    start: outages.startAt[i]!,
    end: outages.endAt[i] ?? null,
    color: outageColor,
  }));
  const patrolItems = patrols.villageCode.map((_, i) => ({
    lon: patrols.lon[i]!,
    lat: patrols.lat[i]!,
    start: patrols.startAt[i]!,
    end: patrols.endAt[i]!,
    color: patrolColor,
  }));
  return {
    origin,
    first,
    last,
    withinDeadline: intervalBuffers(origin, within),
    warning: intervalBuffers(origin, warning),
    overdue: intervalBuffers(origin, overdue),
    outages: intervalBuffers(origin, outageItems),
    patrols: intervalBuffers(origin, patrolItems),
  };
}

/** The items of `buffers` the GPU keeps at clock second k (the same test, on the CPU). */
export function intervalsAt(buffers: IntervalBuffers, k: number): number {
  let count = 0;
  for (let i = 0; i < buffers.length; i++) {
    if (buffers.times[2 * i]! <= k && k < buffers.times[2 * i + 1]!) count++;
  }
  return count;
}

/** Cases reported in each of `bins` equal slices of [first, last] (others left out): the time bar's histogram. */
export function reportHistogram(cases: CaseTimeline, first: number, last: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const span = Math.max(1, last - first);
  for (const at of cases.reportedAt) {
    if (at < first || at > last) continue;
    const bin = Math.min(bins - 1, Math.floor(((at - first) / span) * bins));
    counts[bin]! += 1;
  }
  return counts;
}
