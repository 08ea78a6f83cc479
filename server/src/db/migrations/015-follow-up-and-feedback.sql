-- 回访 (issue #14 part 6): the follow-up visit of a resolved case is a `follow_up` step that records
-- what the resident said — 满意 satisfied, 基本满意 basically satisfied (the case closes), 不满意
-- dissatisfied (it reopens at the level that resolved it). Only follow-up steps carry it.
ALTER TABLE case_steps ADD COLUMN satisfaction text
  CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied'));
ALTER TABLE case_steps ADD CONSTRAINT case_steps_follow_up_satisfaction
  CHECK ((action = 'follow_up') = (satisfaction IS NOT NULL));

-- 投诉建议 (issue #14 part 6; the 2026 rules make a feedback channel mandatory on every view): a
-- signed-in person's complaint or suggestion about the platform or the work, answered by the
-- administrators of its grid. scope_code is the grid it concerns (the one the sender named, else
-- the sender's scope), which decides which administrators and auditors read it, as audit_log's
-- scope_code does. contact is an optional phone for a call back, masked on every list read.
CREATE TABLE feedback (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('complaint', 'suggestion')),
  text        text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
  contact     text CHECK (contact ~ '^1[3-9][0-9]{9}$'),
  page        text CHECK (char_length(page) BETWEEN 1 AND 200),
  scope_code  text NOT NULL CHECK (scope_code ~ '^[0-9]{12}$' OR scope_code ~ '^[0-9]{15}$'),
  sender_id   bigint NOT NULL REFERENCES accounts (id),
  status      text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'answered', 'closed')),
  reply       text CHECK (char_length(reply) BETWEEN 1 AND 2000),
  replied_by  bigint REFERENCES accounts (id),
  replied_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((reply IS NULL) = (replied_at IS NULL))
);
CREATE INDEX feedback_scope ON feedback (scope_code text_pattern_ops, id);
CREATE INDEX feedback_status ON feedback (status, id);
