import { Type, type Static } from 'typebox';

/** `GET /health`: the server, its database and how far ahead the working-day calendar is known. */
export const HealthReply = Type.Object({
  ok: Type.Boolean(),
  database: Type.Union([Type.Literal('postgres'), Type.Literal('embedded')]),
  calendar: Type.Object({
    coveredUntil: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    warning: Type.Optional(Type.String({ description: 'present when the next 60 days are not all covered' })),
  }),
});
export type HealthReply = Static<typeof HealthReply>;
