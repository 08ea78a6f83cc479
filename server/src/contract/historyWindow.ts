import { Type } from 'typebox';
import { GridCodeString } from './gridCode.js';

/**
 * The query of the playback's interval columns besides cases (camera outages, patrols): one clock
 * for every layer, so the same grid and [from, to) window rule as GET /api/cases/timeline.
 */
const Instant = (description: string) =>
  Type.String({
    description: `${description}: an ISO 8601 instant with its offset, e.g. 2026-11-30T12:00:00+08:00 or 2026-11-30T04:00:00Z`,
  });

export const HistoryWindowQuery = (what: string) =>
  Type.Object({
    grid: GridCodeString(`the grid whose ${what} are played back`),
    from: Type.Optional(Instant(`only ${what} not ended by this instant`)),
    to: Type.Optional(Instant(`only ${what} begun before this instant`)),
  });

export const WindowBound = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const IntervalColumn = <T extends Parameters<typeof Type.Array>[0]>(item: T, description: string) =>
  Type.Array(item, { description });
