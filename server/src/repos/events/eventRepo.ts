import type { Sql } from '../../db/database.js';
import { sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import type { GridCode } from '../../domain/gridCode.js';
import type { EventKind } from '../../contract/live.js';
import type { EventPlace } from '../../domain/liveScope.js';

/** The reads of the `events` outbox (the live hub's); the writes are `outbox/eventOutbox.ts`. */
export interface EventRow extends EventPlace {
  id: number;
  kind: EventKind;
  at: Date;
  payload: Record<string, unknown>;
}

const eventColumns = sqlPart`id, kind, at, town_code AS "townCode", village_code AS "villageCode", group_code AS "groupCode", payload`;

/** Committed events after `afterId`, in id order (the hub's read; served by the primary key). */
export function eventsAfter(sql: Sql, afterId: number, limit: number): Promise<EventRow[]> {
  return sql.query<EventRow>(sqlPart`
    SELECT ${eventColumns} FROM events WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`);
}

/**
 * The events of a scope with `afterId < id <= upToId`, in id order (a reconnecting client's replay).
 * Must select exactly what `scopeCovers` accepts.
 */
export function scopedEventsBetween(
  sql: Sql,
  scope: GridCode,
  afterId: number,
  upToId: number,
  limit: number,
): Promise<EventRow[]> {
  return sql.query<EventRow>(sqlPart`
    SELECT ${eventColumns} FROM events
    WHERE id > ${afterId} AND id <= ${upToId} AND ${scopeCondition(scope)}
    ORDER BY id LIMIT ${limit}`);
}

function scopeCondition(scope: GridCode): SqlQuery {
  switch (scope.level) {
    case 'prefecture':
      return sqlPart`(town_code IS NULL OR left(town_code, 4) = ${scope.code.slice(0, 4)})`;
    case 'county':
      return sqlPart`(town_code IS NULL OR left(town_code, 6) = ${scope.code.slice(0, 6)})`;
    case 'town':
      return sqlPart`town_code = ${scope.code}`;
    case 'village':
      return sqlPart`village_code = ${scope.code}`;
    case 'group':
      return sqlPart`group_code = ${scope.code}`;
  }
}

export async function latestEventId(sql: Sql): Promise<number> {
  const rows = await sql<{ id: number }>`SELECT coalesce(max(id), 0)::bigint AS id FROM events`;
  return rows[0]!.id;
}

/**
 * The transaction horizon now: `xmin` = oldest transaction still running; `xmax` = an id above every
 * transaction id handed out so far (a fresh one, taken by this statement and ended at once). Once a
 * later horizon's xmin reaches an earlier xmax, every transaction that held an id then has ended.
 * The snapshot's own xmax will not do: it is one past the newest *finished* transaction, so a
 * transaction still running can hold an id at or above it (seen as a lost batch under CI load).
 */
export async function transactionHorizon(sql: Sql): Promise<{ xmin: number; xmax: number }> {
  const rows = await sql<{ xmin: number; xmax: number }>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin,
           pg_current_xact_id()::text::bigint AS xmax`;
  return rows[0]!;
}
