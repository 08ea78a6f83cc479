-- Accounts, sessions and the audit trail (trust issue). Roles and scopes: server/src/domain/accessRole.ts.

-- One account per person or kiosk. The password is an argon2id PHC string (never the password);
-- the scope is the grid the account answers for (the county code for county-wide roles).
CREATE TABLE accounts (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username        text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  password_hash   text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  role            text NOT NULL CHECK (role IN
                    ('county_admin', 'town_leader', 'village_cadre', 'grid_staff', 'planner', 'auditor', 'wall')),
  scope_code      text NOT NULL CHECK (scope_code ~ '^[0-9]{12}$' OR scope_code ~ '^[0-9]{15}$'),
  member_id       bigint REFERENCES members (id),
  failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until    timestamptz,
  disabled        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Signed-in sessions. The cookie carries a random 256-bit id; only its SHA-256 is stored, so a
-- copy of this table (a backup, a leaked dump) signs nobody in. A session ends at the first of:
-- idle_seconds after last_seen (sliding), expires_at (absolute), sign-out (row deleted).
CREATE TABLE sessions (
  id_hash      text PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL CHECK (length(csrf_token) >= 32),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen    timestamptz NOT NULL DEFAULT now(),
  idle_seconds integer NOT NULL CHECK (idle_seconds > 0),
  expires_at   timestamptz NOT NULL,
  ip           text
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- The audit trail: who did what to which thing, with the state before and after. Append-only
-- like case_steps and events. The actor's username and role are copied, so an entry still says
-- who acted after the account changes; actor_id is null for the system (automatic escalation).
CREATE TABLE audit_log (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id       bigint REFERENCES accounts (id),
  actor_username text,
  actor_role     text,
  action         text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  entity         text NOT NULL CHECK (length(entity) BETWEEN 1 AND 32),
  entity_key     text NOT NULL CHECK (length(entity_key) BETWEEN 1 AND 128),
  before         jsonb,
  after          jsonb,
  ip             text,
  CHECK ((actor_id IS NULL) = (actor_username IS NULL))
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_username, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_key, id);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
