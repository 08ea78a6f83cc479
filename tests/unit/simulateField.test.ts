import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../server/src/seed/seededRandom.js';
import { FieldStream, OFFLINE_SHARE, PATROL_WINDOWS, type FieldAction } from '../../scripts/simulate/fieldStream.js';

const minuteMs = 60_000;
const dayMs = 86_400_000;
/** 2026-11-23 00:00 China time. */
const midnight = Date.parse('2026-11-22T16:00:00Z');

/** Runs a stream minute by minute of simulated time; each action with the simulated minute it came in. */
function run(stream: FieldStream, startMs: number, timeScale: number, simulatedDays: number) {
  const taken: { simMs: number; action: FieldAction }[] = [];
  const offlineSamples: number[] = [];
  for (let minute = 1; minute <= simulatedDays * 1440; minute++) {
    const realMs = startMs + (minute * minuteMs) / timeScale;
    for (const action of stream.takeDue(realMs)) taken.push({ simMs: stream.simulatedAt(realMs), action });
    if (minute % 60 === 0) offlineSamples.push(stream.offlineCount);
  }
  return { taken, offlineSamples };
}

const cameras = (n: number, offline: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: String(62072410000000000000n + BigInt(i)),
    status: i < offline ? ('offline' as const) : ('online' as const),
  }));

describe('the simulator’s field stream', () => {
  it('keeps a few percent of the cameras offline, each back online hours after it dropped', () => {
    const stream = new FieldStream(cameras(1500, 0), [], midnight, 60, mulberry32(3));
    const { taken, offlineSamples } = run(stream, midnight, 60, 10);
    const settled = offlineSamples.slice(48);
    const share = settled.reduce((a, b) => a + b, 0) / settled.length / 1500;
    expect(share).toBeGreaterThan(OFFLINE_SHARE * 0.6);
    expect(share).toBeLessThan(OFFLINE_SHARE * 1.4);
    const droppedAt = new Map<string, number>();
    const spells: number[] = [];
    for (const { simMs, action } of taken) {
      if (action.type !== 'camera') continue;
      if (action.status === 'offline') {
        expect(droppedAt.has(action.id), `${action.id} dropped twice`).toBe(false);
        droppedAt.set(action.id, simMs);
      } else {
        expect(droppedAt.has(action.id), `${action.id} came back without dropping`).toBe(true);
        spells.push(simMs - droppedAt.get(action.id)!);
        droppedAt.delete(action.id);
      }
    }
    const meanHours = spells.reduce((a, b) => a + b, 0) / spells.length / 3_600_000;
    expect(meanHours).toBeGreaterThan(2);
    expect(meanHours).toBeLessThan(4);
  });

  it('brings the cameras that start offline back online', () => {
    const stream = new FieldStream(cameras(20, 5), [], midnight, 60, mulberry32(5));
    const { taken } = run(stream, midnight, 60, 2);
    const back = taken
      .filter(({ action }) => action.type === 'camera' && action.status === 'online')
      .map(({ action }) => (action as { id: string }).id);
    expect(back).toEqual(expect.arrayContaining(cameras(5, 5).map((c) => c.id)));
  });

  it('has most villages patrol each slot once a day inside its window, China time', () => {
    const villages = Array.from({ length: 100 }, (_, i) => `620724${String(100 + i).padStart(6, '0')}`);
    const stream = new FieldStream([], villages, midnight, 600, mulberry32(9));
    const { taken } = run(stream, midnight, 600, 3);
    const patrols = taken.filter(
      (t): t is { simMs: number; action: Extract<FieldAction, { type: 'patrol' }> } => t.action.type === 'patrol',
    );
    const keys = patrols.map(({ action }) => `${action.villageCode}/${action.day}/${action.slot}`);
    expect(new Set(keys).size).toBe(keys.length);
    const share = patrols.length / (villages.length * 2 * 3);
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.95);
    for (const { simMs, action } of patrols) {
      const chinaMs = simMs + 8 * 3_600_000;
      expect(new Date(chinaMs).toISOString().slice(0, 10)).toBe(action.day);
      const hour = (chinaMs % dayMs) / 3_600_000;
      const [from, to] = PATROL_WINDOWS[action.slot];
      expect(hour).toBeGreaterThanOrEqual(from);
      expect(hour).toBeLessThanOrEqual(to + 1 / 60);
    }
  });

  it('compresses time: at ×60 a simulated day passes in 24 real minutes, and no patrol is planned in the past', () => {
    const noon = midnight + 12 * 3_600_000;
    const stream = new FieldStream([], ['620724100201'], noon, 60, () => 0.5);
    expect(stream.takeDue(noon + 1_000)).toEqual([]);
    // 15:45 China time today at ×60 is 3.75 h / 60 = 3.75 real minutes after noon.
    expect(stream.nextDueMs()).toBeCloseTo(noon + 3.75 * minuteMs, -1);
    expect(stream.takeDue(noon + 3.75 * minuteMs)).toEqual([
      { type: 'patrol', villageCode: '620724100201', slot: 'pm', day: '2026-11-23' },
    ]);
    // Tomorrow 16:00 China time is 28 real minutes after noon today.
    expect(stream.takeDue(noon + 28 * minuteMs)).toEqual([
      { type: 'patrol', villageCode: '620724100201', slot: 'am', day: '2026-11-24' },
      { type: 'patrol', villageCode: '620724100201', slot: 'pm', day: '2026-11-24' },
    ]);
  });
});
