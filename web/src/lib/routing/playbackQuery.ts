/** History per second of playback, in ms: 1 minute to 1 month (30 days) a second. */
export const playbackSpeeds = {
  '1m': 60_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
  '1w': 7 * 86_400_000,
  '1mo': 30 * 86_400_000,
} as const;
export type PlaybackSpeed = keyof typeof playbackSpeeds;
export const playbackSpeedKeys = Object.keys(playbackSpeeds) as PlaybackSpeed[];

/** The time state a link carries: `?t=<ISO>&speed=1d&play=1` (no `t`: the live map). */
export interface PlaybackUrlState {
  /** Epoch ms, or null for "the start of the history" (`t=start`). */
  at: number | null;
  speed: PlaybackSpeed;
  playing: boolean;
  /** The wall's loop: the last N days, played round and round. */
  loopDays: number | null;
}

export function parsePlaybackQuery(query: URLSearchParams): PlaybackUrlState | null {
  const t = query.get('t');
  if (t === null) return null;
  const parsed = Date.parse(t);
  const speed = query.get('speed');
  const loop = Number(query.get('loop'));
  return {
    at: Number.isFinite(parsed) ? parsed : null,
    speed: speed && speed in playbackSpeeds ? (speed as PlaybackSpeed) : '1d',
    playing: query.get('play') === '1',
    loopDays: Number.isInteger(loop) && loop >= 1 && loop <= 366 ? loop : null,
  };
}

/** Writes the state into `query` (a whole second, UTC, so one instant has one address). */
export function writePlaybackQuery(query: URLSearchParams, state: PlaybackUrlState | null): URLSearchParams {
  for (const key of playbackKeys) query.delete(key);
  if (!state) return query;
  query.set('t', state.at === null ? 'start' : new Date(Math.round(state.at / 1000) * 1000).toISOString());
  query.set('speed', state.speed);
  if (state.playing) query.set('play', '1');
  if (state.loopDays !== null) query.set('loop', String(state.loopDays));
  return query;
}

const playbackKeys = ['t', 'speed', 'play', 'loop'];

/**
 * `path` with the time state of `current` carried over when `current` has one and `path` names none:
 * a drill, a breadcrumb or a search result while playing back stays on the clock.
 */
export function carryPlaybackQuery(current: URLSearchParams, path: string): string {
  if (!current.has('t')) return path;
  const [pathname, search = ''] = path.split('?', 2) as [string, string?];
  const query = new URLSearchParams(search);
  if (query.has('t')) return path;
  for (const key of playbackKeys) {
    const value = current.get(key);
    if (value !== null) query.set(key, value);
  }
  return `${pathname}?${query}`;
}
