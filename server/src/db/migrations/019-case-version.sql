-- Conflicts shown, never silent (issue #14 part 4): a case's version is the number of steps in its
-- log, kept on the case row so that an action can be checked against the version its client saw
-- inside the `SELECT … FOR UPDATE` that locks the row. A subquery counting case_steps there would
-- not do: in READ COMMITTED, a second action that waited for the lock re-reads the locked row at
-- its newest version but every other table at its statement's snapshot, so it would count the
-- steps as they were before the first action committed and let a stale action through.
-- Every write that adds a step bumps it in the same transaction (repos/cases); a report starts at 1.
-- Deadline shifts and a published plan's regrid change no step and no version: they do not change
-- what an action is judged on.
ALTER TABLE cases ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
UPDATE cases k SET version = s.steps
  FROM (SELECT serial, count(*)::int AS steps FROM case_steps GROUP BY serial) s
  WHERE s.serial = k.serial AND s.steps > 1;
