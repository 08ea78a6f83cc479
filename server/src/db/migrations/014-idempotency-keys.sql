-- Idempotent writes (issue #14 part 3): POST /api/cases and POST /api/cases/:serial/actions honour
-- an Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header). A row is written in the
-- same transaction as the case write it answers for, so a crash can leave neither a case without
-- its key nor a key without its case. Keys are scoped per account (the same key from two accounts
-- names two requests). Only replies that changed something (2xx) are kept: a refused request
-- rolls back with its key, and a corrected retry may use the key again.
-- A key lives 24 hours (contract/idempotencyKey.ts IDEMPOTENCY_KEY_LIFETIME_HOURS): after that it is
-- treated as unseen, and expired rows of the account are pruned by its next keyed write.
CREATE TABLE idempotency_keys (
  account_id   bigint NOT NULL REFERENCES accounts (id),
  key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  -- The method and path the key was used on, e.g. 'POST /api/cases/6207242026120700001/actions'.
  route        text NOT NULL,
  -- SHA-256 of the request body as canonical JSON: the same key with another body is refused (422).
  body_hash    text NOT NULL CHECK (body_hash ~ '^[0-9a-f]{64}$'),
  reply_status smallint NOT NULL CHECK (reply_status BETWEEN 200 AND 299),
  reply_body   jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (account_id, created_at);
