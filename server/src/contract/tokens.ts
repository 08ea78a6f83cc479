import { Type, type Static } from 'typebox';
/** API tokens for non-browser clients (`/api/tokens`, issue #16 part 1). */

/**
 * A token lives at least a day and at most a year: every token ends by itself, none is forever.
 * Here rather than in domain/apiToken.ts (which re-exports them): the domain may read the contract,
 * not the other way round.
 */
export const TOKEN_EXPIRY_DAYS = { min: 1, max: 365 } as const;

/** Longest token name, e.g. "QGIS 规划科 工作站". */
export const TOKEN_NAME_MAX = 80;

export const TokenCreateBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: TOKEN_NAME_MAX,
      // At least one visible character: a name of spaces names nothing in the list.
      pattern: '\\S',
      description: 'what the token is for, e.g. "QGIS 规划科"',
    }),
    expiresInDays: Type.Integer({
      minimum: TOKEN_EXPIRY_DAYS.min,
      maximum: TOKEN_EXPIRY_DAYS.max,
      description: `days until the token stops working (${TOKEN_EXPIRY_DAYS.min}–${TOKEN_EXPIRY_DAYS.max})`,
    }),
  },
  { additionalProperties: false },
);
export type TokenCreateBody = Static<typeof TokenCreateBody>;

export const TokenCreatedReply = Type.Object({
  id: Type.Integer(),
  token: Type.String({
    description: 'the secret, shown this once (only its hash is kept): send it as `Authorization: Bearer <token>`',
  }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type TokenCreatedReply = Static<typeof TokenCreatedReply>;

const Timestamp = Type.String({ format: 'date-time' });

export const TokenSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()], { description: 'the last use, to the hour; null: never used' }),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
  active: Type.Boolean({ description: 'neither revoked nor expired' }),
});
export type TokenSummary = Static<typeof TokenSummary>;

export const TokenList = Type.Array(TokenSummary, { description: 'the caller’s tokens, newest first; never a secret' });
export type TokenList = Static<typeof TokenList>;

export const TokenIdParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'token id' }),
});
export type TokenIdParams = Static<typeof TokenIdParams>;

export const TokenRevokedReply = Type.Null({ description: 'revoked' });
export type TokenRevokedReply = Static<typeof TokenRevokedReply>;
