import { describe, expect, it } from 'vitest';
import type { CaseTimeline } from '../../../../server/src/contract/caseTimeline.js';
import type { CameraOutageTimeline } from '../../../../server/src/contract/cameraOutageTimeline.js';
import type { PatrolTimeline } from '../../../../server/src/contract/patrolTimeline.js';
import { clockSecond, intervalsAt, playbackBuffers } from '../../../../web/src/lib/map/playbackBuffers.js';
import { mulberry32 } from '../../../../server/src/seed/seededRandom.js';

const day = 86_400_000;
const now = Date.UTC(2026, 11, 8, 0, 0, 0);

/**
 * Cases over the last 364 days at any millisecond, some ended, some 临期 or past their deadline;
 * the warning at 70 % of the way to the deadline, or missing (as a stage without one gives it).
 */
function randomCases(count: number): CaseTimeline {
  const random = mulberry32(3);
  const rows = Array.from({ length: count }, () => {
    const reportedAt = now - Math.floor(random() * 364 * day);
    const endedAt = random() < 0.8 ? Math.min(now, reportedAt + Math.floor(random() * 30 * day)) : null;
    const deadlineAt = random() < 0.9 ? reportedAt + Math.floor(random() * 20 * day) : null;
    const warnAt =
      deadlineAt !== null && random() < 0.9 ? reportedAt + Math.floor((deadlineAt - reportedAt) * 0.7) : null;
    return { reportedAt, endedAt, warnAt, deadlineAt };
  }).sort((a, b) => a.reportedAt - b.reportedAt);
  return {
    grid: '620724',
    from: null,
    to: null,
    truncated: false,
    count,
    serial: rows.map((_, i) => String(i)),
    reportedAt: rows.map((row) => row.reportedAt),
    endedAt: rows.map((row) => row.endedAt),
    warnAt: rows.map((row) => row.warnAt),
    deadlineAt: rows.map((row) => row.deadlineAt),
    level: rows.map((_, i) => (['group', 'village', 'town_centre'] as const)[i % 3]!),
    category: rows.map(() => 'land_boundary'),
    status: rows.map(() => 'closed' as const),
    lon: rows.map(() => 99.8),
    lat: rows.map(() => 39.4),
  };
}
const noOutages: CameraOutageTimeline = {
  grid: '620724',
  from: null,
  to: null,
  count: 0,
  cameraId: [],
  startAt: [],
  endAt: [],
  lon: [],
  lat: [],
};
const noPatrols: PatrolTimeline = {
  grid: '620724',
  from: null,
  to: null,
  count: 0,
  villageCode: [],
  slot: [],
  startAt: [],
  endAt: [],
  lon: [],
  lat: [],
};

describe('playbackBuffers (time playback on the GPU, #15 part 3)', () => {
  const cases = randomCases(2000);
  const buffers = playbackBuffers(cases, noOutages, noPatrols, now);
  const random = mulberry32(7);
  const instants = [
    // The clock shows whole seconds inside the history (PlaybackSession.seek).
    Math.ceil(buffers.first / 1000) * 1000,
    Math.floor(buffers.last / 1000) * 1000,
    ...cases.reportedAt.slice(0, 20).map((at) => Math.ceil(at / 1000) * 1000),
    ...cases.endedAt.slice(0, 20).flatMap((at) => (at === null ? [] : [Math.floor(at / 1000) * 1000])),
    ...Array.from({ length: 200 }, () => Math.round((buffers.first + random() * (now - buffers.first)) / 1000) * 1000),
  ];

  it('keeps at a whole second exactly the cases reported ≤ t < ended, as GET /api/cases/open-at counts them', () => {
    for (const at of instants) {
      const k = clockSecond(buffers.origin, at);
      const expected = cases.reportedAt.filter((reported, i) => reported <= at && at < (cases.endedAt[i] ?? Infinity));
      const drawn =
        intervalsAt(buffers.withinDeadline, k) + intervalsAt(buffers.warning, k) + intervalsAt(buffers.overdue, k);
      expect(drawn, new Date(at).toISOString()).toBe(expected.length);
    }
  });

  /** The cases alive at `at` whose state then is `state`, by the columns (the rule the app's markers use). */
  const inState = (at: number, state: 'within' | 'warning' | 'overdue') =>
    cases.reportedAt.filter((reported, i) => {
      if (!(reported <= at && at < (cases.endedAt[i] ?? Infinity))) return false;
      const deadline = cases.deadlineAt[i] ?? null;
      const warn = cases.warnAt[i] ?? null;
      const overdue = deadline !== null && at >= deadline;
      const warning = !overdue && warn !== null && at >= warn;
      return state === 'overdue' ? overdue : state === 'warning' ? warning : !overdue && !warning;
    }).length;

  it('draws a case within its time before its warning, 临期 from its warning, overdue from its deadline', () => {
    // The instants around the cuts too, where an off-by-one would show.
    const cuts = [...cases.warnAt.slice(0, 40), ...cases.deadlineAt.slice(0, 40)].flatMap((at) =>
      at === null ? [] : [Math.floor(at / 1000) * 1000, Math.ceil(at / 1000) * 1000],
    );
    for (const at of [...instants, ...cuts]) {
      const k = clockSecond(buffers.origin, at);
      const label = new Date(at).toISOString();
      expect(intervalsAt(buffers.withinDeadline, k), label).toBe(inState(at, 'within'));
      expect(intervalsAt(buffers.warning, k), label).toBe(inState(at, 'warning'));
      expect(intervalsAt(buffers.overdue, k), label).toBe(inState(at, 'overdue'));
    }
    expect(buffers.warning.length).toBeGreaterThan(0);
  });

  it('keeps two parts for a case without a warning, and one interval per part', () => {
    const noWarning = { ...cases, warnAt: cases.warnAt.map(() => null) };
    const two = playbackBuffers(noWarning, noOutages, noPatrols, now);
    expect(two.warning.length).toBe(0);
    for (const at of instants) {
      const k = clockSecond(two.origin, at);
      expect(intervalsAt(two.withinDeadline, k) + intervalsAt(two.overdue, k)).toBe(
        intervalsAt(buffers.withinDeadline, k) + intervalsAt(buffers.warning, k) + intervalsAt(buffers.overdue, k),
      );
    }
    // At most one interval per case in each part (the counts above show the parts are disjoint).
    expect(buffers.withinDeadline.length).toBeLessThanOrEqual(cases.count);
    expect(buffers.warning.length).toBeLessThanOrEqual(cases.count);
    expect(buffers.overdue.length).toBeLessThanOrEqual(cases.count);
  });

  it('holds every second of a year exactly in float32 around its origin', () => {
    const times = buffers.withinDeadline.times;
    for (let i = 0; i < times.length; i++) expect(Number.isInteger(times[i])).toBe(true);
    expect(Math.abs(clockSecond(buffers.origin, buffers.first))).toBeLessThan(2 ** 24);
  });
});
