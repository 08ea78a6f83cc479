import { loadPlaybackColumns, type PlaybackFilters } from '../../lib/api/playbackData.js';
import type { MapPort } from '../../lib/map/mapPort.js';
import {
  clockSecond,
  intervalsAt,
  playbackBuffers,
  reportHistogram,
  type PlaybackBuffers,
} from '../../lib/map/playbackBuffers.js';
import { playbackSpeeds, type PlaybackSpeed, type PlaybackUrlState } from '../../lib/routing/playbackQuery.js';

/** What the clock needs of a map: the desk map's MapPort and the wall's WallMapPort both have it. */
export type PlaybackPort = Pick<MapPort, 'setPlayback' | 'setPlaybackSecond'>;

const HISTOGRAM_BINS = 120;
const dayMs = 86_400_000;
/** While playing, the URL follows the clock this often (a reload lands near where it was). */
const URL_EVERY_MS = 1000;

/**
 * One clock for the cases, camera outages and patrols of a grid (issue #15 part 3): the current
 * time, the speed and whether it plays. The clock moves in whole seconds of history (the GPU test
 * is exact there, see playbackBuffers.ts); each frame only hands the map a new second.
 */
export class PlaybackSession {
  buffers: PlaybackBuffers | null = $state.raw(null);
  histogram: number[] = $state.raw([]);
  /** Epoch ms, a whole second. */
  at = $state(0);
  speed: PlaybackSpeed = $state('1d');
  playing = $state(false);
  loading = $state(false);
  failure: string | null = $state(null);
  /** The wall plays the last N days round and round; null: stop at the end. */
  loopDays: number | null = $state(null);
  private port: PlaybackPort | null = null;
  private frame = 0;
  private lastFrame = 0;
  private precise = 0;
  private lastUrl = 0;
  private abort: AbortController | null = null;

  constructor(private readonly onState: (state: PlaybackUrlState) => void = () => {}) {}

  /** The earliest instant the clock may show (the loop's start on the wall). */
  get first(): number {
    const buffers = this.buffers;
    if (!buffers) return 0;
    return this.loopDays === null ? buffers.first : Math.max(buffers.first, buffers.last - this.loopDays * dayMs);
  }
  get last(): number {
    return this.buffers?.last ?? 0;
  }

  /** Cases drawn at the clock (within deadline + 临期 + overdue), counted on the CPU by the GPU's test. */
  get openCount(): number {
    const buffers = this.buffers;
    if (!buffers) return 0;
    const k = clockSecond(buffers.origin, this.at);
    return intervalsAt(buffers.withinDeadline, k) + intervalsAt(buffers.warning, k) + intervalsAt(buffers.overdue, k);
  }

  state(): PlaybackUrlState {
    return { at: this.at, speed: this.speed, playing: this.playing, loopDays: this.loopDays };
  }

  /** Loads the grid's columns with the case filters; keeps the clock where it was (or at `initial`). */
  async load(grid: string, filters: PlaybackFilters, initial: PlaybackUrlState | null): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.loading = true;
    try {
      const columns = await loadPlaybackColumns(grid, filters, abort.signal);
      if (abort.signal.aborted) return;
      const buffers = playbackBuffers(columns.cases, columns.outages, columns.patrols, Date.now());
      const hadClock = this.buffers !== null;
      this.buffers = buffers;
      if (!hadClock && initial) this.loopDays = initial.loopDays;
      // Over the span the clock runs (the wall's loop, or the whole history).
      this.histogram = reportHistogram(columns.cases, this.first, this.last, HISTOGRAM_BINS);
      if (!hadClock && initial) {
        this.speed = initial.speed;
        this.seek(initial.at ?? this.first, false);
        if (initial.playing) this.play();
      } else {
        this.seek(hadClock ? this.at : this.first, false);
      }
      this.port?.setPlayback(buffers);
      this.pushSecond();
      this.failure = null;
    } catch (error) {
      if (abort.signal.aborted) return;
      this.failure = error instanceof Error ? error.message : String(error);
    } finally {
      if (!abort.signal.aborted) this.loading = false;
    }
  }

  /** Draws on `port` (null: nothing to draw on yet). */
  attach(port: PlaybackPort | null): void {
    if (this.port && this.port !== port) this.port.setPlayback(null);
    this.port = port;
    if (port && this.buffers) {
      port.setPlayback(this.buffers);
      this.pushSecond();
    }
  }

  /** The map goes (or is about to be replaced): it returns to live; the loaded history is kept. */
  detach(): void {
    this.pause();
    this.attach(null);
  }

  play(): void {
    if (this.playing || !this.buffers) return;
    if (this.at >= this.wholeSecond(this.last)) this.seek(this.first, false);
    this.playing = true;
    this.precise = this.at;
    this.lastFrame = performance.now();
    this.frame = requestAnimationFrame(this.tick);
    this.report();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.frame);
    this.pushSecond();
    this.report();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** One second of playback at the chosen speed, back (-1) or forward (1). */
  step(direction: -1 | 1): void {
    this.pause();
    this.seek(this.at + direction * playbackSpeeds[this.speed]);
  }

  setSpeed(speed: PlaybackSpeed): void {
    this.speed = speed;
    this.report();
  }

  seek(at: number, report = true): void {
    this.at = this.wholeSecond(at);
    this.precise = this.at;
    this.pushSecond();
    if (report) this.report();
  }

  /** Playback ends: the map returns to live and the history is dropped (a reopening loads anew). */
  stop(): void {
    this.detach();
    this.abort?.abort();
    this.buffers = null;
    this.histogram = [];
    this.loading = false;
    this.failure = null;
  }

  private readonly tick = (now: number) => {
    if (!this.playing) return;
    const elapsed = Math.min(250, now - this.lastFrame);
    this.lastFrame = now;
    this.precise += (elapsed / 1000) * playbackSpeeds[this.speed];
    if (this.precise >= this.last) {
      if (this.loopDays !== null) this.precise = this.first;
      else {
        this.seek(this.last, false);
        this.pause();
        return;
      }
    }
    this.at = this.wholeSecond(this.precise);
    this.pushSecond();
    if (now - this.lastUrl > URL_EVERY_MS) this.report();
    this.frame = requestAnimationFrame(this.tick);
  };

  /**
   * The nearest whole second inside the history: rounding the first report's instant down would
   * show (and ask open-at for) a time before the history.
   */
  private wholeSecond(at: number): number {
    const [first, last] = [Math.ceil(this.first / 1000) * 1000, Math.floor(this.last / 1000) * 1000];
    return Math.min(last, Math.max(first, Math.round(at / 1000) * 1000));
  }

  private pushSecond(): void {
    const buffers = this.buffers;
    // Counted on the GPU only while still: a read-back every frame would slow playing down.
    if (buffers) this.port?.setPlaybackSecond(clockSecond(buffers.origin, this.at), !this.playing);
  }

  private report(): void {
    this.lastUrl = performance.now();
    this.onState(this.state());
  }
}
