import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../server/src/seed/seededRandom.js';
import { CASE_LEVELS } from '../../server/src/domain/caseLevel.js';
import { applyCaseAction, CASE_STATUSES, type CaseState } from '../../server/src/domain/caseLifecycle.js';
import { GAOTAI_CASE_DEADLINES } from '../../server/src/domain/caseDeadline.js';
import { weekdayCalendar } from '../../server/src/domain/workingDays.js';
import { exponentialDelayMs, nextCaseAction, pickWeighted } from '../../scripts/simulate/caseStream.js';
import { isLoopback, parseSimulateOptions } from '../../scripts/simulate/simulateOptions.js';

describe('the simulator’s case stream', () => {
  it('only ever picks an action the real lifecycle accepts from the county at that status and level', () => {
    const random = mulberry32(7);
    const at = new Date('2026-11-23T03:00:00Z');
    const earlier = new Date('2026-11-20T03:00:00Z');
    for (const status of CASE_STATUSES) {
      for (const level of CASE_LEVELS) {
        for (let roll = 0; roll < 50; roll += 1) {
          const action = nextCaseAction(status, level, random);
          if (action === null) {
            expect(['closed', 'transferred', 'voided']).toContain(status);
            continue;
          }
          const state: CaseState = {
            status,
            level,
            category: 'neighbour_dispute',
            major: false,
            reportedAt: earlier,
            stageStartedAt: earlier,
            stageWarnAt: null,
            stageDueAt: null,
            resolvedAt: status === 'resolved' ? earlier : null,
            resolvedLevel: status === 'resolved' ? level : null,
            closedAt: null,
            escalations: 0,
            reopens: 0,
            previousLevel: null,
          };
          const type = action === 'void' ? { type: 'void' as const, reason: '重复上报' } : { type: action };
          const outcome = applyCaseAction(
            state,
            type,
            { role: 'county_admin', memberId: null },
            at,
            weekdayCalendar,
            GAOTAI_CASE_DEADLINES,
          );
          expect(outcome, `${action} on a ${status} case at ${level}`).toMatchObject({ ok: true });
        }
      }
    }
  });

  it('moves most open cases forward and escalates some, never past the town governance centre', () => {
    const random = mulberry32(11);
    const fromMediating = Array.from({ length: 2000 }, () => nextCaseAction('mediating', 'group', random));
    const escalated = fromMediating.filter((action) => action === 'escalate').length / fromMediating.length;
    expect(escalated).toBeGreaterThan(0.1);
    expect(escalated).toBeLessThan(0.3);
    const atTop = Array.from({ length: 500 }, () => nextCaseAction('mediating', 'town_centre', random));
    expect(new Set(atTop)).toEqual(new Set(['resolve']));
  });

  it('picks items in proportion to their weights', () => {
    const random = mulberry32(3);
    const counts = { a: 0, b: 0, c: 0 };
    for (let draw = 0; draw < 30_000; draw += 1)
      counts[pickWeighted(['a', 'b', 'c'] as const, (item) => ({ a: 1, b: 2, c: 0 })[item], random)] += 1;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(1.85);
    expect(counts.b / counts.a).toBeLessThan(2.15);
    expect(() => pickWeighted([], () => 1, random)).toThrow(RangeError);
    expect(() => pickWeighted(['x'], () => 0, random)).toThrow(RangeError);
  });

  it('spaces reports as a Poisson stream with the requested mean and no negative or infinite gaps', () => {
    const random = mulberry32(5);
    const gaps = Array.from({ length: 20_000 }, () => exponentialDelayMs(6000, random));
    const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
    expect(mean).toBeGreaterThan(5800);
    expect(mean).toBeLessThan(6200);
    expect(gaps.every((gap) => gap >= 0 && Number.isFinite(gap))).toBe(true);
    expect(exponentialDelayMs(1000, () => 0.999999999999)).toBeLessThan(Infinity);
  });
});

describe('parseSimulateOptions', () => {
  it('reads the rate, url, duration and seed', () => {
    const parsed = parseSimulateOptions([
      '--rate',
      '30',
      '--url',
      'http://127.0.0.1:9000',
      '--duration',
      '12',
      '--seed',
      '4',
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      options: { ratePerMinute: 30, durationS: 12, seed: 4, actionDelayS: 20 },
    });
    if (parsed.ok) expect(parsed.options.baseUrl.origin).toBe('http://127.0.0.1:9000');
  });

  it('defaults to the local server and to running until stopped', () => {
    const parsed = parseSimulateOptions(['--rate', '5']);
    expect(parsed).toMatchObject({ ok: true, options: { durationS: null } });
    if (parsed.ok) expect(parsed.options.baseUrl.origin).toBe('http://127.0.0.1:8080');
  });

  it('refuses a missing, zero or unbounded rate, a non-http url and an unknown flag, saying which', () => {
    expect(parseSimulateOptions([])).toMatchObject({ ok: false, message: expect.stringContaining('--rate') });
    expect(parseSimulateOptions(['--rate', '0'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('--rate'),
    });
    expect(parseSimulateOptions(['--rate', '100000'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('at most'),
    });
    expect(parseSimulateOptions(['--rate', '5', '--url', 'file:///etc/passwd'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('--url'),
    });
    expect(parseSimulateOptions(['--rate', '5', '--url', 'http://127.0.0.1:8080/api'])).toMatchObject({ ok: false });
    expect(parseSimulateOptions(['--rate', '5', '--duration', '-1'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('--duration'),
    });
    expect(parseSimulateOptions(['--rate', '5', '--database', 'x'])).toMatchObject({ ok: false });
  });

  it('knows loopback hosts from others', () => {
    expect(isLoopback(new URL('http://127.0.0.1:8080'))).toBe(true);
    expect(isLoopback(new URL('http://localhost:8080'))).toBe(true);
    expect(isLoopback(new URL('http://[::1]:8080'))).toBe(true);
    expect(isLoopback(new URL('http://10.0.0.5:8080'))).toBe(false);
  });
});
