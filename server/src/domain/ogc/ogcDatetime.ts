/**
 * The `datetime` parameter of OGC API – Features (Part 1 §7.15.4): an instant or an interval of
 * RFC 3339 date-times, either end open (`..` or empty): `2026-11-01T00:00:00Z`,
 * `2026-11-01T00:00:00Z/2026-12-01T00:00:00+08:00`, `../2026-12-01T00:00:00Z`. A bare date
 * (`2026-11-01`) stands for that whole UTC day. Pure: no I/O.
 */
export interface TimeInterval {
  /** Inclusive; null: open. */
  start: Date | null;
  /** Inclusive; null: open. */
  end: Date | null;
}

export type DatetimeReading = { interval: TimeInterval } | { problem: string };

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMs = 86_400_000;

export function readDatetime(text: string): DatetimeReading {
  const ends = text.split('/');
  if (ends.length > 2) return { problem: '"datetime" is an instant or one interval start/end' };
  if (ends.length === 1) {
    const instant = readInstant(ends[0]!);
    if (!instant) return { problem: `"datetime" is not an RFC 3339 date-time: ${text}` };
    return { interval: instant };
  }
  const [first, second] = ends as [string, string];
  const start = isOpen(first) ? null : readInstant(first);
  const end = isOpen(second) ? null : readInstant(second);
  if ((!isOpen(first) && !start) || (!isOpen(second) && !end)) {
    return { problem: `"datetime" is not an interval of RFC 3339 date-times: ${text}` };
  }
  const interval = { start: start?.start ?? null, end: end?.end ?? null };
  if (interval.start && interval.end && interval.start > interval.end) {
    return { problem: '"datetime" interval ends before it starts' };
  }
  return { interval };
}

function isOpen(end: string): boolean {
  return end === '' || end === '..';
}

/** An instant as a one-point interval, a date as its whole UTC day; null when neither or no such day. */
function readInstant(text: string): TimeInterval | null {
  const date = datePattern.exec(text);
  if (date) {
    const start = utcDay(Number(date[1]), Number(date[2]), Number(date[3]));
    return start ? { start, end: new Date(start.getTime() + dayMs - 1) } : null;
  }
  const match = dateTimePattern.exec(text);
  if (!match) return null;
  if (!utcDay(Number(match[1]), Number(match[2]), Number(match[3]))) return null;
  if (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6]) > 60) return null;
  const instant = new Date(text.toUpperCase());
  return Number.isNaN(instant.getTime()) ? null : { start: instant, end: instant };
}

function utcDay(year: number, month: number, day: number): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}
