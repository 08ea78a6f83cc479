-- Sessions are checked from each server's memory (auth/sessionCache.ts, issue #12). Whatever ends
-- or narrows a session must reach every server at once: these triggers NOTIFY `gridmap_sessions` at
-- commit with what changed — 's:<id hash>' for one session (sign-out, expiry moved), 'a:<account
-- id>' for every session of an account (disabled, locked, role, scope, password) — and each server
-- forgets those sessions, so its next request reads them from the database again.
CREATE FUNCTION gridmap_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('gridmap_sessions', 's:' || OLD.id_hash);
  ELSE
    PERFORM pg_notify('gridmap_sessions', 'a:' || OLD.id::text);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sessions_ended AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION gridmap_session_changed();
-- Sliding `last_seen` is not a change anyone else must hear about.
CREATE TRIGGER sessions_narrowed AFTER UPDATE ON sessions
  FOR EACH ROW WHEN (OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.idle_seconds IS DISTINCT FROM NEW.idle_seconds
                     OR OLD.account_id IS DISTINCT FROM NEW.account_id)
  EXECUTE FUNCTION gridmap_session_changed();
CREATE TRIGGER accounts_narrowed AFTER UPDATE ON accounts
  FOR EACH ROW WHEN (OLD.disabled IS DISTINCT FROM NEW.disabled OR OLD.locked_until IS DISTINCT FROM NEW.locked_until
                     OR OLD.role IS DISTINCT FROM NEW.role OR OLD.scope_code IS DISTINCT FROM NEW.scope_code
                     OR OLD.member_id IS DISTINCT FROM NEW.member_id OR OLD.password_hash IS DISTINCT FROM NEW.password_hash)
  EXECUTE FUNCTION gridmap_session_changed();
