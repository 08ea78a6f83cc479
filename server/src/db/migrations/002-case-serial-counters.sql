-- Case serial sequences: one row per county and China-local report day. A report takes the next
-- number with one INSERT … ON CONFLICT DO UPDATE on this row in its own transaction, so concurrent
-- reports on several server instances wait for each other on the row lock instead of colliding
-- on the cases primary key; a rolled-back report leaves no number behind.
CREATE TABLE case_serial_counters (
  county_code   text NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
  day           date NOT NULL,
  last_sequence integer NOT NULL CHECK (last_sequence BETWEEN 1 AND 99999),
  PRIMARY KEY (county_code, day)
);
