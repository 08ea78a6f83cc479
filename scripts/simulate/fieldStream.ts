/**
 * The field side of the simulation, on a compressed clock: cameras dropping offline and coming
 * back hours later (a few percent offline at any time), and each village's morning and afternoon
 * online patrol (探头站岗、鼠标巡逻) at a realistic time of day. Pure: the caller gives the real
 * time and the random source, and sends the actions it takes to the API.
 */
export type FieldAction =
  | { type: 'camera'; id: string; status: 'online' | 'offline' }
  | { type: 'patrol'; villageCode: string; slot: 'am' | 'pm'; day: string };

export interface FieldCamera {
  id: string;
  status: 'online' | 'offline';
}

/** Share of the cameras offline in the long run (the seed has 2–7 %). */
export const OFFLINE_SHARE = 0.03;
/** Mean simulated hours a camera stays offline before it is reported back. */
export const MEAN_OFFLINE_HOURS = 3;
/** Share of the patrol slots the villages do (the seed's last 30 days: about 90 %). */
export const PATROL_DONE_SHARE = 0.9;
/** Patrol windows, China time, in hours: a slot is done at a uniform time inside its window. */
export const PATROL_WINDOWS = { am: [8, 11.5], pm: [14, 17.5] } as const;

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const chinaOffsetMs = 8 * hourMs;

interface Scheduled {
  simMs: number;
  action: FieldAction;
}

export class FieldStream {
  readonly #offline = new Set<string>();
  readonly #online: string[] = [];
  readonly #queue: Scheduled[] = [];
  #nextFailureSimMs: number;
  /** The last China day (index since the epoch) whose patrols are planned. */
  #plannedDay: number;

  /**
   * @param startMs real time the simulation starts; the simulated clock starts there too
   * @param timeScale simulated milliseconds per real millisecond
   */
  constructor(
    cameras: readonly FieldCamera[],
    private readonly villageCodes: readonly string[],
    private readonly startMs: number,
    private readonly timeScale: number,
    private readonly random: () => number,
  ) {
    for (const camera of cameras) {
      if (camera.status === 'offline') {
        this.#offline.add(camera.id);
        this.#schedule(startMs + this.#offlineSpellMs(), { type: 'camera', id: camera.id, status: 'online' });
      } else {
        this.#online.push(camera.id);
      }
    }
    this.#nextFailureSimMs = startMs + this.#failureGapMs();
    const today = chinaDay(startMs);
    this.#planPatrols(today, startMs);
    this.#planPatrols(today + 1, startMs);
    this.#plannedDay = today + 1;
  }

  /** The simulated time at a real time. */
  simulatedAt(realMs: number): number {
    return this.startMs + (realMs - this.startMs) * this.timeScale;
  }

  /** The real time the next action is due (Infinity when there is none). */
  nextDueMs(): number {
    const next = Math.min(
      this.#nextFailureSimMs,
      this.#queue[0]?.simMs ?? Infinity,
      this.#plannedDay * dayMs - chinaOffsetMs,
    );
    return Number.isFinite(next) ? this.startMs + (next - this.startMs) / this.timeScale : Infinity;
  }

  /** The actions due by real time `realMs`, in simulated-time order; the stream's state moves on. */
  takeDue(realMs: number): FieldAction[] {
    const simNow = this.simulatedAt(realMs);
    while (this.#plannedDay * dayMs - chinaOffsetMs <= simNow) {
      this.#plannedDay += 1;
      this.#planPatrols(this.#plannedDay, simNow);
    }
    while (this.#nextFailureSimMs <= simNow) {
      this.#failOne(this.#nextFailureSimMs);
      this.#nextFailureSimMs += this.#failureGapMs();
    }
    const due: FieldAction[] = [];
    while (this.#queue.length > 0 && this.#queue[0]!.simMs <= simNow) {
      const { action } = this.#queue.shift()!;
      if (action.type === 'camera' && action.status === 'online') {
        this.#offline.delete(action.id);
        this.#online.push(action.id);
      }
      due.push(action);
    }
    return due;
  }

  get offlineCount(): number {
    return this.#offline.size;
  }

  #failOne(simMs: number): void {
    if (this.#online.length === 0) return;
    const index = Math.floor(this.random() * this.#online.length);
    const id = this.#online[index]!;
    this.#online[index] = this.#online[this.#online.length - 1]!;
    this.#online.pop();
    this.#offline.add(id);
    this.#schedule(simMs, { type: 'camera', id, status: 'offline' });
    this.#schedule(simMs + this.#offlineSpellMs(), { type: 'camera', id, status: 'online' });
  }

  /**
   * Failures across the whole fleet are a Poisson stream. Per online camera the rate is chosen so
   * that offline / all settles at OFFLINE_SHARE: rate × mean spell = share / (1 − share).
   */
  #failureGapMs(): number {
    if (this.#online.length === 0) return this.#offline.size === 0 ? Infinity : MEAN_OFFLINE_HOURS * hourMs;
    const perCameraPerMs = OFFLINE_SHARE / (1 - OFFLINE_SHARE) / (MEAN_OFFLINE_HOURS * hourMs);
    return -Math.log(1 - this.random()) / (perCameraPerMs * this.#online.length);
  }

  #offlineSpellMs(): number {
    return -Math.log(1 - this.random()) * MEAN_OFFLINE_HOURS * hourMs;
  }

  /** Plans a China day's patrols, leaving out those whose time is before `fromSimMs` (already past). */
  #planPatrols(day: number, fromSimMs: number): void {
    const dayStart = day * dayMs - chinaOffsetMs;
    const date = new Date(day * dayMs).toISOString().slice(0, 10);
    for (const villageCode of this.villageCodes) {
      for (const slot of ['am', 'pm'] as const) {
        const done = this.random() < PATROL_DONE_SHARE;
        const [from, to] = PATROL_WINDOWS[slot];
        const at = dayStart + (from + this.random() * (to - from)) * hourMs;
        if (done && at >= fromSimMs) this.#schedule(at, { type: 'patrol', villageCode, slot, day: date });
      }
    }
  }

  #schedule(simMs: number, action: FieldAction): void {
    let index = this.#queue.length;
    while (index > 0 && this.#queue[index - 1]!.simMs > simMs) index--;
    this.#queue.splice(index, 0, { simMs, action });
  }
}

/** The China-time day (days since 1970-01-01) of an instant. */
function chinaDay(ms: number): number {
  return Math.floor((ms + chinaOffsetMs) / dayMs);
}
