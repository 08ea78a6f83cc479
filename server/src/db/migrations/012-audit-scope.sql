-- The grid each audit entry concerns (#12): with several counties under one prefecture, an
-- auditor or administrator of one county must not read another's trail (case summaries, whose
-- contact was unmasked, …). The changed thing's grid when it has one (a case's or camera's group,
-- a patrol's village, a plan's scope, an account's scope), else the actor's scope; NULL for what
-- concerns the whole deployment (the calendar) and for entries written before this migration
-- (one county then: they stay readable to every audit role, as before). Entries stay append-only:
-- nothing is back-filled.
ALTER TABLE audit_log ADD COLUMN scope_code text CHECK (scope_code ~ '^[0-9]{12}$|^[0-9]{15}$');
