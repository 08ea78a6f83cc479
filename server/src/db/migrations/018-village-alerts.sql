-- Early warning (#15 part 5): the days on which a village's daily Poisson CUSUM of reported cases
-- (domain/alerts/villageAlert.ts) was at or above its threshold, with what it was made of and the
-- words that explain it. Rewritten for an area's villages by each recompute (nightly job, POST
-- /api/alerts/recompute): the rows of the monitored window are replaced, older days stay as history.
-- Read scoped by town_code / village_code like every other scoped table.
CREATE TABLE village_alerts (
  village_code   text NOT NULL,
  day            date NOT NULL,
  town_code      text NOT NULL,
  statistic      float8 NOT NULL,
  threshold      float8 NOT NULL,
  baseline_per_week float8 NOT NULL,
  -- Cases per category code in the five weeks ending on `day`.
  categories     jsonb NOT NULL,
  explanation_zh text NOT NULL,
  explanation_en text NOT NULL,
  computed_at    timestamptz NOT NULL,
  PRIMARY KEY (village_code, day)
);
CREATE INDEX village_alerts_town ON village_alerts (town_code, day);

-- One row per China day the nightly recompute ran: the instance that inserts it does the run
-- (INSERT … ON CONFLICT DO NOTHING), so several instances compute once.
CREATE TABLE alert_runs (
  day         date PRIMARY KEY,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

ALTER TABLE events DROP CONSTRAINT events_kind_check;
ALTER TABLE events ADD CONSTRAINT events_kind_check CHECK (kind IN ('case', 'camera', 'patrol', 'grid', 'calendar', 'alert'));
