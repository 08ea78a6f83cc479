import { Type, type Static } from 'typebox';

/**
 * The `Idempotency-Key` request header of the case writes (draft-ietf-httpapi-idempotency-key-header,
 * issue #14 part 3). The draft makes the value a structured-field string; a key wrapped in double
 * quotes is taken as the text inside them, so `"abc"` and `abc` are one key.
 */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/** How long a key is remembered; after that it is treated as never seen. */
export const IDEMPOTENCY_KEY_LIFETIME_HOURS = 24;

export const IdempotencyKeyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: IDEMPOTENCY_KEY_MAX_LENGTH,
      // Printable ASCII (space to tilde), as a structured-field string allows.
      pattern: '^[\\x20-\\x7E]+$',
      description: `1–${IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters the client makes once per intended change (a UUID is a good key). A retry with the same key and body gets the first reply again (same status and body, header \`idempotent-replayed: true\`) and stores nothing new; the same key with another body or path gets 422; while the first request with the key is still running, 409 \`idempotency_key_in_use\`. Keys are the sender account’s own, kept ${IDEMPOTENCY_KEY_LIFETIME_HOURS} hours; only successful replies are kept, so after a 4xx the key may be used again.`,
    }),
  ),
});
export type IdempotencyKeyHeaders = Static<typeof IdempotencyKeyHeaders>;

/** The 409 of a key whose first request has not finished. */
export const IdempotencyKeyInUse = Type.Object(
  {
    error: Type.Literal('idempotency_key_in_use'),
    message: Type.String(),
  },
  { description: 'another request with this Idempotency-Key is still being handled; retry once it has answered' },
);
export type IdempotencyKeyInUse = Static<typeof IdempotencyKeyInUse>;
