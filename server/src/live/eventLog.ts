import type { Database } from '../db/database.js';
import type { GridCode } from '../domain/gridCode.js';
import {
  eventsAfter,
  latestEventId,
  scopedEventsBetween,
  transactionHorizon,
  type EventRow,
} from '../repos/events/eventRepo.js';

/** The reads the hub makes of the `events` outbox (an interface so the hub's rules test without a database). */
export interface EventLog {
  latestId(): Promise<number>;
  /** Committed events with id > afterId, in id order. */
  after(afterId: number, limit: number): Promise<EventRow[]>;
  /** A scope's committed events with afterId < id <= upToId, in id order. */
  scopedBetween(scope: GridCode, afterId: number, upToId: number, limit: number): Promise<EventRow[]>;
  /** See `transactionHorizon`. */
  horizon(): Promise<{ xmin: number; xmax: number }>;
}

export function databaseEventLog(db: Database): EventLog {
  return {
    latestId: () => latestEventId(db.sql),
    after: (afterId, limit) => eventsAfter(db.sql, afterId, limit),
    scopedBetween: (scope, afterId, upToId, limit) => scopedEventsBetween(db.sql, scope, afterId, upToId, limit),
    horizon: () => transactionHorizon(db.sql),
  };
}
