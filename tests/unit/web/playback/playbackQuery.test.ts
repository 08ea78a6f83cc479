import { describe, expect, it } from 'vitest';
import {
  carryPlaybackQuery,
  parsePlaybackQuery,
  writePlaybackQuery,
} from '../../../../web/src/lib/routing/playbackQuery.js';

describe('the time state in the URL (?t=&speed=&play=&loop=)', () => {
  it('reads what it writes, to the whole second', () => {
    const state = { at: Date.UTC(2026, 5, 1, 8, 30, 15, 400), speed: '1w' as const, playing: true, loopDays: null };
    const query = writePlaybackQuery(new URLSearchParams('case=1'), state);
    expect(query.get('t')).toBe('2026-06-01T08:30:15.000Z');
    expect(query.get('case')).toBe('1');
    expect(parsePlaybackQuery(query)).toEqual({ ...state, at: Date.UTC(2026, 5, 1, 8, 30, 15) });
  });

  it('has no time state without t, and falls back on a bad speed or loop', () => {
    expect(parsePlaybackQuery(new URLSearchParams('speed=1w'))).toBeNull();
    expect(parsePlaybackQuery(new URLSearchParams('t=start&speed=fast&loop=9999'))).toEqual({
      at: null,
      speed: '1d',
      playing: false,
      loopDays: null,
    });
  });

  it('carries the clock to another grid, unless the path names its own time or there is none', () => {
    const playing = new URLSearchParams('t=2026-06-01T08:30:15.000Z&speed=1h&play=1');
    expect(carryPlaybackQuery(playing, '/map/620724101000')).toBe(
      '/map/620724101000?t=2026-06-01T08%3A30%3A15.000Z&speed=1h&play=1',
    );
    expect(new URLSearchParams(carryPlaybackQuery(playing, '/map/620724?case=1').split('?')[1]).get('case')).toBe('1');
    expect(carryPlaybackQuery(playing, '/map/620724?t=start')).toBe('/map/620724?t=start');
    expect(carryPlaybackQuery(new URLSearchParams('street=3'), '/map/620724')).toBe('/map/620724');
  });
});
