import { Value } from 'typebox/value';
import {
  reservedPayloadKeys,
  SubscribeMessage,
  type ClientMessage,
  type EventKind,
  type LiveEventEnvelope,
  type LiveEventMessage as TypedLiveEventMessage,
} from '../contract/live.js';

/** The `/live` websocket's pure functions: reading a client frame and building an `event` message (schemas: contract/live.ts). */

export type ClientMessageResult = { ok: true; message: ClientMessage } | { ok: false; error: string };

/** Reads one client text frame; the error says what is wrong in terms the sender can act on. */
export function parseClientMessage(text: string): ClientMessageResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'message is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'message must be a JSON object with a "type"' };
  }
  const type = (value as { type?: unknown }).type;
  if (type === 'subscribe') {
    if (Value.Check(SubscribeMessage, value)) return { ok: true, message: value };
    return { ok: false, error: subscribeProblem(value as Record<string, unknown>) };
  }
  if (type === 'ping') return { ok: true, message: { type: 'ping' } };
  return { ok: false, error: `unknown message type ${JSON.stringify(type ?? null)}; expected "subscribe" or "ping"` };
}

function subscribeProblem(value: Record<string, unknown>): string {
  if (typeof value.scope !== 'string' || value.scope.length === 0 || value.scope.length > 32) {
    return 'subscribe needs "scope": a grid code (string)';
  }
  if (!('after' in value)) return 'subscribe needs "after": the last event id seen, or null';
  const after = value.after;
  if (after !== null && !(typeof after === 'number' && Number.isSafeInteger(after) && after >= 0)) {
    return '"after" must be a non-negative integer event id or null';
  }
  const extra = Object.keys(value).filter((key) => !['type', 'scope', 'after'].includes(key));
  return `subscribe has unknown field ${JSON.stringify(extra[0] ?? '?')}`;
}

/**
 * The `event` message of an outbox row: its own fields first, then the payload's. The row's
 * payload is what `publishEvent` stored, which the compiler checked against the row's kind; the
 * reserved keys are dropped all the same.
 */
export function liveEventMessage(event: {
  id: number;
  kind: EventKind;
  at: Date;
  townCode: string | null;
  villageCode: string | null;
  groupCode: string | null;
  payload: Record<string, unknown>;
}): TypedLiveEventMessage {
  const message: LiveEventEnvelope & Record<string, unknown> = {
    type: 'event',
    id: event.id,
    kind: event.kind,
    at: event.at.toISOString(),
  };
  if (event.townCode) message.townCode = event.townCode;
  if (event.villageCode) message.villageCode = event.villageCode;
  if (event.groupCode) message.groupCode = event.groupCode;
  for (const [key, value] of Object.entries(event.payload)) {
    if (!reservedPayloadKeys.includes(key)) message[key] = value;
  }
  return message as TypedLiveEventMessage;
}
