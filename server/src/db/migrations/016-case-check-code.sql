-- 一案一码 (issue #14 part 5): every case has a check code (查询码) that the reporter keeps with the
-- serial to read the case's progress on the public page (GET /api/public/cases/:serial?code=…).
-- Six characters of an alphabet without 0/O, 1/I/L, read aloud or copied from a slip without doubt;
-- the report path makes them with crypto.randomInt (domain/caseCheckCode.ts holds the same
-- alphabet). The default fills every case that exists now (a volatile default is evaluated per
-- row when the column is added) and those the seed inserts by SQL.
CREATE FUNCTION gridmap_case_check_code() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT string_agg(substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + floor(random() * 31)::int, 1), '')
  FROM generate_series(1, 6)
$$;

ALTER TABLE cases ADD COLUMN check_code text NOT NULL DEFAULT gridmap_case_check_code()
  CHECK (check_code ~ '^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$');
