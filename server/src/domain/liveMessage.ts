import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The `/live` websocket contract (DESIGN.md "Live"). Outside tools rely on these shapes exactly;
 * the web imports the types type-only. Every message is one JSON object with a `type`.
 *
 * Client → server: `subscribe` (a scope and the last event id seen, or null for live-only) and
 * `ping`. Server → client: `event` (in id order, no gap, no duplicate), `subscribed` (where the
 * client stands), `error` (a bad message; nothing changed), `ping` (heartbeat every ~15 s: a client
 * that hears nothing for ~2 intervals should treat the link as dead and reconnect with its last id)
 * and `pong`. A slow client is closed with code {@link resyncCloseCode} and reason "resync": it
 * reconnects and subscribes with `after` = its last event id.
 */

export const EventKind = Type.Union([
  Type.Literal('case'),
  Type.Literal('camera'),
  Type.Literal('patrol'),
  Type.Literal('grid'),
  Type.Literal('calendar'),
]);
export type EventKind = Static<typeof EventKind>;

export const SubscribeMessage = Type.Object(
  {
    type: Type.Literal('subscribe'),
    /** The county (`620724` or its 12-digit code) or a town, village or group grid code. */
    scope: Type.String({ minLength: 1, maxLength: 32 }),
    /** The last event id the client saw (replay everything after it), or null (live from now). */
    after: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type SubscribeMessage = Static<typeof SubscribeMessage>;

export const ClientPing = Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false });
export type ClientPing = Static<typeof ClientPing>;

export const ClientMessage = Type.Union([SubscribeMessage, ClientPing]);
export type ClientMessage = Static<typeof ClientMessage>;

/** An outbox event as sent: the payload's fields (ids and changed fields, never personal data) sit beside these. */
export const LiveEventMessage = Type.Object(
  {
    type: Type.Literal('event'),
    id: Type.Integer({ minimum: 1 }),
    kind: EventKind,
    /** When the event was committed, ISO 8601 UTC. */
    at: Type.String(),
    townCode: Type.Optional(Type.String()),
    villageCode: Type.Optional(Type.String()),
    groupCode: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
export type LiveEventMessage = Static<typeof LiveEventMessage> & Record<string, unknown>;

export const SubscribedMessage = Type.Object({
  type: Type.Literal('subscribed'),
  /** The scope as stored (12 or 15 digits). */
  scope: Type.String(),
  /** Everything in the scope up to this id has been sent (replayed or skipped as outside it). */
  lastEventId: Type.Integer({ minimum: 0 }),
});
export type SubscribedMessage = Static<typeof SubscribedMessage>;

export const ErrorMessage = Type.Object({ type: Type.Literal('error'), message: Type.String() });
export type ErrorMessage = Static<typeof ErrorMessage>;

export const ServerPing = Type.Object({ type: Type.Literal('ping') });
export const ServerPong = Type.Object({ type: Type.Literal('pong') });

export const ServerMessage = Type.Union([LiveEventMessage, SubscribedMessage, ErrorMessage, ServerPing, ServerPong]);
export type ServerMessage = Static<typeof ServerMessage>;

/** Close code telling a client it fell behind: reconnect and subscribe with `after` = last id. */
export const resyncCloseCode = 4000;
export const resyncCloseReason = 'resync';

/** The largest payload accepted, in bytes of JSON: events are ids and changed fields. */
export const maxPayloadBytes = 1024;

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
    return 'subscribe needs "scope": the county code or a grid code (string)';
  }
  if (!('after' in value)) return 'subscribe needs "after": the last event id seen, or null';
  const after = value.after;
  if (after !== null && !(typeof after === 'number' && Number.isSafeInteger(after) && after >= 0)) {
    return '"after" must be a non-negative integer event id or null';
  }
  const extra = Object.keys(value).filter((key) => !['type', 'scope', 'after'].includes(key));
  return `subscribe has unknown field ${JSON.stringify(extra[0] ?? '?')}`;
}

/** Payload keys the message itself uses; a payload may not set them. */
export const reservedPayloadKeys: readonly string[] = [
  'type',
  'id',
  'kind',
  'at',
  'townCode',
  'villageCode',
  'groupCode',
];

/** The `event` message of an outbox row: its own fields first, then the payload's. */
export function liveEventMessage(event: {
  id: number;
  kind: EventKind;
  at: Date;
  townCode: string | null;
  villageCode: string | null;
  groupCode: string | null;
  payload: Record<string, unknown>;
}): LiveEventMessage {
  const message: LiveEventMessage = { type: 'event', id: event.id, kind: event.kind, at: event.at.toISOString() };
  if (event.townCode) message.townCode = event.townCode;
  if (event.villageCode) message.villageCode = event.villageCode;
  if (event.groupCode) message.groupCode = event.groupCode;
  for (const [key, value] of Object.entries(event.payload)) {
    if (!reservedPayloadKeys.includes(key)) message[key] = value;
  }
  return message;
}
