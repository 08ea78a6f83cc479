import type { Sql } from '../db/database.js';
import type { EventKind } from '../contract/live.js';
import type { EventPlace } from '../domain/liveScope.js';

/** The NOTIFY channel; the payload is the (highest) new event id as text. */
export const eventsChannel = 'gridmap_events';

export interface NewEvent extends EventPlace {
  kind: EventKind;
  payload: Record<string, unknown>;
}

/**
 * Appends one event and notifies listeners (the payload goes as text cast to jsonb: postgres.js
 * would JSON-encode a string sent as a jsonb parameter a second time), inside the caller's transaction: PostgreSQL delivers
 * the NOTIFY at commit (never for a rollback), so a listener never sees an uncommitted id. On PGlite
 * the NOTIFY stays in this process. Returns the event id.
 */
export async function insertEvent(sql: Sql, event: NewEvent): Promise<number> {
  await holdTransactionId(sql);
  const rows = await sql<{ id: number }>`
    WITH e AS (
      INSERT INTO events (kind, town_code, village_code, group_code, payload)
      VALUES (${event.kind}, ${event.townCode}, ${event.villageCode}, ${event.groupCode}, ${JSON.stringify(event.payload)}::text::jsonb)
      RETURNING id)
    SELECT id, pg_notify(${eventsChannel}, id::text) FROM e`;
  return rows[0]!.id;
}

/** Appends many events in one statement (a grid publish, a bulk reassignment) and one NOTIFY. */
export async function insertEvents(sql: Sql, events: readonly NewEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  await holdTransactionId(sql);
  const records = JSON.stringify(
    events.map((e) => ({
      kind: e.kind,
      town_code: e.townCode,
      village_code: e.villageCode,
      group_code: e.groupCode,
      payload: e.payload,
    })),
  );
  // The parameter is cast from text: postgres.js would JSON-encode a string sent as jsonb again.
  // WITH ORDINALITY keeps the caller's order in the ids.
  const rows = await sql<{ id: number }>`
    INSERT INTO events (kind, town_code, village_code, group_code, payload)
    SELECT e->>'kind', e->>'town_code', e->>'village_code', e->>'group_code', e->'payload'
    FROM jsonb_array_elements(${records}::text::jsonb) WITH ORDINALITY AS r(e, n)
    ORDER BY n
    RETURNING id`;
  const ids = rows.map((r) => r.id).sort((a, b) => a - b);
  await sql`SELECT pg_notify(${eventsChannel}, ${String(ids[ids.length - 1])})`;
  return ids;
}

/**
 * Gives the caller's transaction its id before it takes event ids: a write that took an event id
 * before it had a transaction id could be missed by the hub's horizon rule.
 */
async function holdTransactionId(sql: Sql): Promise<void> {
  await sql`SELECT pg_current_xact_id()`;
}
