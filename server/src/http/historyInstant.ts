import type { Sql } from '../db/database.js';
import { caseHistoryStart } from '../repos/cases/caseTimelineRepo.js';
import { BadRequestError } from './errorReplies.js';

/** ISO 8601 date and time with seconds optional and an explicit offset (Z or ±hh:mm). */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * A query parameter naming an instant, or a 400 that names the parameter: ISO 8601 with an offset
 * (a time without one would mean different instants on different servers), a real calendar day
 * and time (2026-02-30 and 24:00 are refused, not rolled over as Date.parse would).
 */
export function instantParameter(value: string, name: string): Date {
  const match = ISO_INSTANT.exec(value);
  const fields = match?.slice(1, 6).map(Number);
  if (match && fields) {
    const [year, month, day, hour, minute] = fields as [number, number, number, number, number];
    const calendar = new Date(Date.UTC(year, month - 1, day));
    const realDay = calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
    const realTime =
      hour < 24 &&
      minute < 60 &&
      Number(match[6] ?? 0) < 60 &&
      Number(match[7] ?? 0) < 24 &&
      Number(match[8] ?? 0) < 60;
    const time = Date.parse(value);
    if (realDay && realTime && !Number.isNaN(time)) return new Date(time);
  }
  throw new BadRequestError(
    `querystring parameter "${name}" must be an ISO 8601 instant with its offset, e.g. 2026-11-30T12:00:00+08:00 (got ${value})`,
  );
}

/**
 * 400 unless every given instant lies inside the case history: not before the deployment's first
 * report (a playback or analysis of a time nothing was recorded in is a mistake, not an empty
 * answer) and not after `now` (the future has no history yet).
 */
export async function requireInCaseHistory(
  sql: Sql,
  instants: Record<string, Date | undefined>,
  now: Date,
): Promise<void> {
  const given = Object.entries(instants).filter((entry): entry is [string, Date] => entry[1] !== undefined);
  if (given.length === 0) return;
  for (const [name, at] of given) {
    if (at > now) {
      throw new BadRequestError(
        `querystring parameter "${name}" is in the future (${at.toISOString()}; now ${now.toISOString()}): the case history ends now`,
      );
    }
  }
  const first = await caseHistoryStart(sql);
  if (!first) return;
  const start = new Date(first);
  for (const [name, at] of given) {
    if (at < start) {
      throw new BadRequestError(
        `querystring parameter "${name}" is before the case history starts (${at.toISOString()}; the first case was reported ${start.toISOString()})`,
      );
    }
  }
}
