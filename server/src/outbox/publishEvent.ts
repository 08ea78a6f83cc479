import type { Sql } from '../db/database.js';
import { maxPayloadBytes, reservedPayloadKeys, type EventKind, type LivePayload } from '../contract/live.js';
import { eventPlace } from '../domain/liveScope.js';
import { insertEvent, insertEvents } from './eventOutbox.js';
import { outboxSignal, outboxWritten } from './outboxSignal.js';

/** One live event of kind `K`: its payload must be that kind's (contract/live.ts). */
export interface PublishEventFields<K extends EventKind> {
  kind: K;
  /** The most specific code is enough: the levels above are derived from it. */
  townCode?: string | null;
  villageCode?: string | null;
  groupCode?: string | null;
  /** Ids and changed fields, never personal data; at most 1 KB of JSON. */
  payload: LivePayload<K>;
}

/** A live event of one of the kinds `K` (default any), its payload matching its own kind. */
export type PublishEventInput<K extends EventKind = EventKind> = { [P in K]: PublishEventFields<P> }[K];

/**
 * Records a live event in the caller's transaction (`db.transaction(async (sql) => { …write…;
 * await publishEvent(sql, {…}) })`). Clients get it after the transaction commits — never if it
 * rolls back — on every server instance. Call it last in the transaction: the id is taken here,
 * and the hub holds later ids back until this one commits. Returns the event id.
 */
export async function publishEvent<K extends EventKind>(sql: Sql, input: PublishEventInput<K>): Promise<number> {
  // One kind's input is an input of some kind (TypeScript does not see it through the generic).
  const id = await insertEvent(sql, checkedEventOf(input as PublishEventInput));
  signalEventWritten();
  return id;
}

/** {@link publishEvent} for many events at once (ids follow the given order). */
export async function publishEvents(sql: Sql, inputs: readonly PublishEventInput[]): Promise<number[]> {
  const ids = await insertEvents(sql, inputs.map(checkedEventOf));
  if (ids.length > 0) signalEventWritten();
  return ids;
}

const codePattern = { townCode: /^[0-9]{12}$/, villageCode: /^[0-9]{12}$/, groupCode: /^[0-9]{15}$/ } as const;

/**
 * For a writer that appends its event row inside a statement of its own (the case writes,
 * repos/cases/caseWriteStatement.ts): call after that statement, inside the transaction, as
 * publishEvent does (the embedded database's hub wakes on it).
 */
export function signalEventWritten(): void {
  outboxSignal.emit(outboxWritten);
}

/** An event as stored (place codes derived and checked, payload checked), or a RangeError. */
export function checkedEventOf(input: PublishEventInput) {
  for (const key of ['townCode', 'villageCode', 'groupCode'] as const) {
    const code = input[key];
    if (code != null && !codePattern[key].test(code)) throw new RangeError(`event ${key} "${code}" is not a grid code`);
  }
  const payload: Record<string, unknown> = input.payload;
  const bytes = Buffer.byteLength(JSON.stringify(payload));
  if (bytes > maxPayloadBytes) throw new RangeError(`event payload is ${bytes} bytes; the limit is ${maxPayloadBytes}`);
  const reserved = Object.keys(payload).find((key) => reservedPayloadKeys.includes(key));
  if (reserved) throw new RangeError(`event payload may not set "${reserved}"`);
  return { kind: input.kind, ...eventPlace(input), payload };
}
