-- API tokens (issue #16 part 1): how QGIS, GDAL and scripts call the API without a browser cookie.
-- The client keeps a random 256-bit secret; only its SHA-256 is stored. A fast unsalted hash is
-- enough here (unlike passwords, which are argon2id): the secret is 32 random bytes, so there is
-- no dictionary to try and 2^256 guesses per token, and a lookup by hash needs no per-row salt.
-- A copy of this table (a backup, a leaked dump) therefore authenticates nobody.
-- A token ends at the first of: expires_at (required, at most a year after creation), revoked_at,
-- its account disabled or locked. last_used_at is the token's last use for the audit trail (at
-- most hourly), not a person's online time (减负: no presence tracking).
CREATE TABLE api_tokens (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  secret_hash  text NOT NULL UNIQUE CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  account_id   bigint NOT NULL REFERENCES accounts (id),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  CHECK (expires_at > created_at AND expires_at <= created_at + interval '365 days')
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);

-- Tokens are checked from each server's memory like sessions (auth/tokenCache.ts): a revocation or
-- an earlier expiry NOTIFYs 't:<secret hash>' on the sessions' channel (migration 008), and every
-- server forgets the token at once. A disabled or locked account already sends 'a:<account id>'.
CREATE FUNCTION gridmap_token_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gridmap_sessions', 't:' || OLD.secret_hash);
  RETURN NULL;
END $$;

CREATE TRIGGER api_tokens_ended AFTER DELETE ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION gridmap_token_changed();
-- Writing last_used_at is not a change anyone else must hear about.
CREATE TRIGGER api_tokens_narrowed AFTER UPDATE ON api_tokens
  FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
                     OR OLD.account_id IS DISTINCT FROM NEW.account_id)
  EXECUTE FUNCTION gridmap_token_changed();
