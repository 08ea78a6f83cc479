-- Working-day calendar years loaded by administrators (issue #17): the State Council's arrangement
-- for a year the bundled data does not cover yet, or a correction of one it does. A loaded year
-- replaces the bundled data for that whole year. Dates are checked by the domain
-- (domain/calendarArrangement.ts) before they are stored; the CHECKs keep the shape honest.
CREATE TABLE calendar_years (
  year       integer PRIMARY KEY CHECK (year BETWEEN 2004 AND 2100),
  holidays   jsonb NOT NULL CHECK (jsonb_typeof(holidays) = 'array' AND jsonb_array_length(holidays) > 0),
  workdays   jsonb NOT NULL CHECK (jsonb_typeof(workdays) = 'array'),
  loaded_at  timestamptz NOT NULL DEFAULT now(),
  loaded_by  text
);

-- Every instance reloads its calendar on a `calendar` event (a year loaded or withdrawn).
ALTER TABLE events DROP CONSTRAINT events_kind_check;
ALTER TABLE events ADD CONSTRAINT events_kind_check CHECK (kind IN ('case', 'camera', 'patrol', 'grid', 'calendar'));
