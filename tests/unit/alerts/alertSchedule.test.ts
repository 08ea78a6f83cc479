import { describe, expect, it } from 'vitest';
import { alertCheckAction } from '../../../server/src/domain/alerts/alertSchedule.js';

/** When the hourly check runs the early warning (server/src/jobs/alertRecompute.ts). */
describe('alertCheckAction', () => {
  // 02:00 in China is 18:00 UTC of the day before.
  const chinaAt = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00+08:00`);

  it('runs the claimed nightly recompute from the night’s hour on, at start as later', () => {
    expect(alertCheckAction(chinaAt('02:00'), 2, false)).toBe('nightly');
    expect(alertCheckAction(chinaAt('15:30'), 2, false)).toBe('nightly');
    expect(alertCheckAction(chinaAt('23:59'), 2, true)).toBe('nightly');
  });

  it('waits before the night’s hour, but recomputes unclaimed when the app starts', () => {
    expect(alertCheckAction(chinaAt('00:10'), 2, false)).toBe('wait');
    expect(alertCheckAction(chinaAt('01:59'), 2, false)).toBe('wait');
    expect(alertCheckAction(chinaAt('01:59'), 2, true)).toBe('recompute');
  });

  it('reads the hour in China time, not the machine’s', () => {
    // 17:30 UTC is 01:30 the next day in China: before the hour.
    expect(alertCheckAction(new Date('2026-12-07T17:30:00Z'), 2, false)).toBe('wait');
    expect(alertCheckAction(new Date('2026-12-07T18:00:00Z'), 2, false)).toBe('nightly');
  });
});
