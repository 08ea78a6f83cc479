import { Type, type Static } from 'typebox';
import { CalendarSource } from './calendar.js';
import { CASE_LEVELS, CASE_STATUSES } from './vocabulary.js';

/**
 * The `/live` websocket contract (DESIGN.md "Live"). Outside tools rely on these shapes exactly.
 * Every message is one JSON object with a `type`.
 *
 * Client → server: `subscribe` (a scope and the last event id seen, or null for live-only) and
 * `ping`. Server → client: `event` (in id order, no gap, no duplicate), `subscribed` (where the
 * client stands), `error` (a bad message; nothing changed), `ping` (heartbeat every ~15 s: a client
 * that hears nothing for ~2 intervals should treat the link as dead and reconnect with its last id)
 * and `pong`. A slow client is closed with code {@link resyncCloseCode} and reason "resync": it
 * reconnects and subscribes with `after` = its last event id. Every close code: see
 * {@link resyncCloseCode}'s table below.
 *
 * An `event` carries its kind's payload fields beside its own (ids and changed fields, never
 * personal data): {@link LiveEventMessage} is a union discriminated by `kind`, and
 * `outbox/publishEvent.ts` only takes a payload that matches its kind.
 */

export const EventKind = Type.Union([
  Type.Literal('case'),
  Type.Literal('camera'),
  Type.Literal('patrol'),
  Type.Literal('grid'),
  Type.Literal('calendar'),
  Type.Literal('alert'),
]);
export type EventKind = Static<typeof EventKind>;

const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);

/** A case was reported, took a step, or its deadline moved (repos/cases/caseChange.ts `publishCase`). */
export const CaseEventPayload = Type.Object({
  serial: Type.String({ description: 'county code + YYYYMMDD + 5-digit sequence' }),
  action: Type.String({
    description: 'the step taken (register, accept, escalate …), or deadline_shift when a calendar change moved it',
  }),
  category: Type.String({ description: 'case category code' }),
  status: Type.Enum([...CASE_STATUSES]),
  level: Type.Enum([...CASE_LEVELS], { description: 'level now handling the case' }),
  major: Type.Boolean(),
  deadlineState: Type.Union([Type.Enum(['green', 'yellow', 'red']), Type.Null()], {
    description: 'stage clock of an open case; null when not open',
  }),
  stageWarnAt: NullableDateTime,
  stageDueAt: NullableDateTime,
  lon: Type.Number(),
  lat: Type.Number(),
});
export type CaseEventPayload = Static<typeof CaseEventPayload>;

/** A camera went online or offline (repos/cameras/cameraWriteRepo.ts). */
export const CameraEventPayload = Type.Object({
  cameraId: Type.String({ description: '20-digit GB/T 28181 device id' }),
  status: Type.Enum(['online', 'offline']),
  lastSeen: DateTime,
});
export type CameraEventPayload = Static<typeof CameraEventPayload>;

/** A village's online patrol was recorded (repos/cameras/patrolRepo.ts). */
export const PatrolEventPayload = Type.Object({
  patrolId: Type.Integer(),
  day: Type.String({ description: 'China-time date YYYY-MM-DD' }),
  slot: Type.Enum(['am', 'pm']),
  doneAt: DateTime,
  camerasViewed: Type.Integer(),
});
export type PatrolEventPayload = Static<typeof PatrolEventPayload>;

/** A plan was published: a new grid version (repos/plans/planPublishRepo.ts). */
export const GridEventPayload = Type.Object({
  scope: Type.String({ description: 'the town or village the plan redrew' }),
  gridVersion: Type.Integer({ description: 'the new published grid version' }),
});
export type GridEventPayload = Static<typeof GridEventPayload>;

/** A working-day calendar year was loaded or withdrawn (repos/calendar/calendarChange.ts). */
export const CalendarEventPayload = Type.Object({
  year: Type.Integer(),
  source: CalendarSource,
  movedCases: Type.Integer({ description: 'how many open cases had their deadline moved' }),
});
export type CalendarEventPayload = Static<typeof CalendarEventPayload>;

/** A town's early-warning alerts changed (jobs/alertRecompute.ts): no personal data, codes only. */
export const AlertEventPayload = Type.Object({
  day: Type.String({ description: 'China-time date YYYY-MM-DD the alerts were computed for' }),
  villages: Type.Array(Type.String(), {
    maxItems: 40,
    description: 'the town’s villages with an alert on that day (at most 40)',
  }),
});
export type AlertEventPayload = Static<typeof AlertEventPayload>;

/** The payload schema of each event kind. */
export const LivePayloadSchemas = {
  case: CaseEventPayload,
  camera: CameraEventPayload,
  patrol: PatrolEventPayload,
  grid: GridEventPayload,
  calendar: CalendarEventPayload,
  alert: AlertEventPayload,
} as const satisfies Record<EventKind, unknown>;

/** The payload of an event of kind `K`. */
export type LivePayload<K extends EventKind> = Static<(typeof LivePayloadSchemas)[K]>;

/** The fields every event has; its kind's payload fields sit beside them. */
const eventFields = {
  type: Type.Literal('event'),
  id: Type.Integer({ minimum: 1 }),
  /** When the event was committed, ISO 8601 UTC. */
  at: Type.String(),
  townCode: Type.Optional(Type.String()),
  villageCode: Type.Optional(Type.String()),
  groupCode: Type.Optional(Type.String()),
};

/** The `event` message fields without the payload (what every kind has). */
export const LiveEventEnvelope = Type.Object({ ...eventFields, kind: EventKind });
export type LiveEventEnvelope = Static<typeof LiveEventEnvelope>;

export const CaseEventMessage = Type.Object({
  ...eventFields,
  kind: Type.Literal('case'),
  ...CaseEventPayload.properties,
});
export type CaseEventMessage = Static<typeof CaseEventMessage>;

export const CameraEventMessage = Type.Object({
  ...eventFields,
  kind: Type.Literal('camera'),
  ...CameraEventPayload.properties,
});
export type CameraEventMessage = Static<typeof CameraEventMessage>;

export const PatrolEventMessage = Type.Object({
  ...eventFields,
  kind: Type.Literal('patrol'),
  ...PatrolEventPayload.properties,
});
export type PatrolEventMessage = Static<typeof PatrolEventMessage>;

export const GridEventMessage = Type.Object({
  ...eventFields,
  kind: Type.Literal('grid'),
  ...GridEventPayload.properties,
});
export type GridEventMessage = Static<typeof GridEventMessage>;

export const CalendarEventMessage = Type.Object({
  ...eventFields,
  kind: Type.Literal('calendar'),
  ...CalendarEventPayload.properties,
});
export type CalendarEventMessage = Static<typeof CalendarEventMessage>;

export const AlertEventMessage = Type.Object({
  ...eventFields,
  kind: Type.Literal('alert'),
  ...AlertEventPayload.properties,
});
export type AlertEventMessage = Static<typeof AlertEventMessage>;

/** An outbox event as sent: discriminated by `kind`, its payload's fields beside the event's own. */
export const LiveEventMessage = Type.Union([
  CaseEventMessage,
  CameraEventMessage,
  PatrolEventMessage,
  GridEventMessage,
  CalendarEventMessage,
  AlertEventMessage,
]);
export type LiveEventMessage = Static<typeof LiveEventMessage>;

export const SubscribeMessage = Type.Object(
  {
    type: Type.Literal('subscribe'),
    /** A prefecture or county (`620700`, `620724` or its 12-digit code) or a town, village or group grid code. */
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
export type ServerPing = Static<typeof ServerPing>;
export const ServerPong = Type.Object({ type: Type.Literal('pong') });
export type ServerPong = Static<typeof ServerPong>;

export const ServerMessage = Type.Union([LiveEventMessage, SubscribedMessage, ErrorMessage, ServerPing, ServerPong]);
export type ServerMessage = Static<typeof ServerMessage>;

/**
 * Close codes of `/live` (#13 "Bad input"). A bad message that can be answered is answered with an
 * `error` message and the socket stays open (not JSON, not an object, an unknown type, a subscribe
 * of the wrong shape, a binary frame, an unknown scope). The server closes a socket only for:
 *
 * | code | reason               | why                                                        | the client should |
 * |------|----------------------|------------------------------------------------------------|-------------------|
 * | 4000 | `resync`             | it fell behind: over {@link maxUnsentBytes} unsent (it does not read), or too many live events queued during its replay | reconnect and subscribe with `after` = its last id (a replay), or reload its data and subscribe with `after: null` (the web client: a replay to a slow reader could drop it again) |
 * | 4001 | `sign in again`      | a subscribe after its session ended (an `error` message comes first) | sign in, then reconnect |
 * | 4429 | `too many messages`  | it went on sending after {@link tooManyMessagesRefused} messages in a row were refused for its rate (an `error` each) | reconnect after its backoff, and send one subscribe per connection |
 * | 1009 | (none)               | a frame over {@link maxClientFrameBytes} (closed by `ws` itself: "Message Too Big") | send smaller messages (a subscribe is ~80 bytes) |
 * | 1006 | (none, not sent)     | it answered no ping frame for a heartbeat interval: the server drops the TCP connection | reconnect with its last id |
 *
 * `ws` closes a socket that breaks the protocol itself (1002; 1007 for text that is not UTF-8).
 */
/** Close code telling a client it fell behind: reconnect and subscribe with `after` = last id. */
export const resyncCloseCode = 4000;
export const resyncCloseReason = 'resync';

/** Close code of a subscribe after the session ended. */
export const signInAgainCloseCode = 4001;
export const signInAgainCloseReason = 'sign in again';

/** Close code of a client that floods the server with messages (as HTTP 429). */
export const tooManyMessagesCloseCode = 4429;
export const tooManyMessagesCloseReason = 'too many messages';

/** Messages a socket may send at once, and a second after that; the rest are refused with an `error`. */
export const clientMessageBurst = 20;
export const clientMessagesPerSecond = 5;
/** Refused messages in a row after which the socket is closed with {@link tooManyMessagesCloseCode}. */
export const tooManyMessagesRefused = 20;

/** The largest client frame accepted, in bytes (a subscribe is ~80): larger ones close with 1009. */
export const maxClientFrameBytes = 4 * 1024;

/** Default bound of a client's unsent data, in bytes: past it the client is closed with 4000. */
export const maxUnsentBytes = 1024 * 1024;

/** The largest payload accepted, in bytes of JSON: events are ids and changed fields. */
export const maxPayloadBytes = 1024;

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
