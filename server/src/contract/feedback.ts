import { Type, type Static } from 'typebox';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES } from './vocabulary.js';

/**
 * 投诉建议 (issue #14 part 6): any signed-in person but a wall display sends a complaint or a
 * suggestion from the view they are on (`POST /api/feedback`); the administrators of its grid list
 * it, set its status and answer it (`GET`, `PATCH /api/feedback/:id`), auditors read along.
 */
export { FEEDBACK_KINDS, FEEDBACK_STATUSES };
export const FEEDBACK_TEXT_MAX = 2000;

const Kind = Type.Enum([...FEEDBACK_KINDS], { description: 'complaint 投诉 or suggestion 建议' });
const Status = Type.Enum([...FEEDBACK_STATUSES], {
  description: 'new 新, in_progress 处理中, answered 已答复, closed 已关闭',
});
const Text = (description: string) =>
  Type.String({ minLength: 1, maxLength: FEEDBACK_TEXT_MAX, pattern: '\\S', description });
const Timestamp = Type.String({ format: 'date-time' });

export const FeedbackBody = Type.Object(
  {
    kind: Kind,
    text: Text(`what is wrong or what would help, 1–${FEEDBACK_TEXT_MAX} characters`),
    contact: Type.Optional(
      Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'a mobile number for a call back (masked on reads)' }),
    ),
    page: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'the view it was sent from, e.g. /map/620724105000' }),
    ),
    grid: Type.Optional(
      Type.String({
        pattern: '^[0-9]{12}$|^[0-9]{15}$',
        description: 'the grid it concerns, inside the sender’s scope; default the sender’s scope',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FeedbackBody = Static<typeof FeedbackBody>;

/** A resident's message through a village's public page: no account, so no grid to choose or page to name. */
export const PublicFeedbackBody = Type.Object(
  {
    kind: Kind,
    text: Text(`what is wrong or what would help, 1–${FEEDBACK_TEXT_MAX} characters`),
    contact: Type.Optional(
      Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'a mobile number for a call back (masked on reads)' }),
    ),
  },
  { additionalProperties: false },
);
export type PublicFeedbackBody = Static<typeof PublicFeedbackBody>;

export const FeedbackCreated = Type.Object({ id: Type.Integer() });
export type FeedbackCreated = Static<typeof FeedbackCreated>;

export const FeedbackIdParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'feedback id' }),
});
export type FeedbackIdParams = Static<typeof FeedbackIdParams>;

export const FeedbackQuery = Type.Object(
  {
    status: Type.Optional(Status),
    before: Type.Optional(
      Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'paging: ids below this (`next`)' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'messages per page (1–200)' }),
  },
  { additionalProperties: false },
);
export type FeedbackQuery = Static<typeof FeedbackQuery>;

export const FeedbackItem = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  text: Type.String(),
  contact: Type.Union([Type.String(), Type.Null()], {
    description: 'the call-back number masked (139****5678); GET /api/feedback/:id/contact unmasks it',
  }),
  page: Type.Union([Type.String(), Type.Null()]),
  grid: Type.String({ description: 'the grid it concerns' }),
  sender: Type.Union([Type.Object({ username: Type.String(), role: Type.String() }), Type.Null()], {
    description: 'null: a resident, through the village’s public page (一村一码), who has no account',
  }),
  status: Status,
  reply: Type.Union([Type.String(), Type.Null()]),
  repliedAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type FeedbackItem = Static<typeof FeedbackItem>;

export const FeedbackList = Type.Object({
  items: Type.Array(FeedbackItem, { description: 'newest first' }),
  next: Type.Union([Type.Integer(), Type.Null()], { description: '`before` of the next page; null on the last' }),
});
export type FeedbackList = Static<typeof FeedbackList>;

export const FeedbackChange = Type.Object(
  {
    status: Status,
    reply: Type.Optional(Text(`the answer to the sender, 1–${FEEDBACK_TEXT_MAX} characters`)),
  },
  { additionalProperties: false },
);
export type FeedbackChange = Static<typeof FeedbackChange>;

export const FeedbackContact = Type.Object({ id: Type.Integer(), contact: Type.Union([Type.String(), Type.Null()]) });
export type FeedbackContact = Static<typeof FeedbackContact>;
