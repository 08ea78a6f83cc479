-- Rollups (#12 part 3): what the dossier, the KPIs, the thematic map and the trends count, kept per
-- grid code of every level (group, village, town, county, prefecture) so a read touches the grid's
-- row and its children's rows, never every row below it.
--
-- Kept current by statement-level triggers with transition tables on the base tables, in the same
-- transaction as the write: a write of one row costs a few upserts, a bulk insert of 20,000 rows
-- (the seed) one aggregate per statement. Each trigger adds the contribution of the rows as they
-- are now and subtracts it as they were (contribution(new) − contribution(old)), so it is exact
-- for any insert, update or delete, whoever writes it (routes, jobs, plan publishes, seeds, SQL by
-- hand); TRUNCATE clears what the truncated table contributed. gridmap_rebuild_rollups() recounts
-- everything from the base tables (after a restore, or to check): the API test holds the triggers'
-- state equal to it after a randomised run of writes.
--
-- A row's codes come from its scope columns (the same columns the readers' scope conditions use):
-- its group, village and town code, the county (first 6 digits) and the prefecture (first 4).
--
-- Locks: every upsert takes its rows in key order, so two writers whose rows share ancestors (every
-- case write of a county updates the county's and the prefecture's rows) wait for each other
-- instead of deadlocking within one statement; the shared rows are held until the writer commits.
--
-- Time. Counts that depend on "now" (overdue, yellow, resolved today / this month, trends) are kept
-- as a timeline: per code and series, how many instants fall in each UTC hour, China day and China
-- month (UTC+8, no daylight saving, as domain/kpiPeriod.ts). A count up to `now` is exact: whole
-- months before this month + whole days of this month before today + whole hours of today before
-- this hour (at most 12 + 31 + 24 rows) + the instants of the current hour read from the base table
-- through an index on the instant (domain/rollupWindow.ts, repos/rollups/rollupTimelineRepo.ts).
-- Overdue is "open and stage_due_at < now": the open cases' deadlines are a series whose rows move
-- when a deadline moves (an action, an escalation, a calendar shift) or the case closes; whatever
-- instant `now` is, the sum up to now is the number of open cases already past their deadline.

CREATE TABLE grid_rollups (
  code                  text PRIMARY KEY,
  households            bigint NOT NULL DEFAULT 0,
  population            bigint NOT NULL DEFAULT 0,
  linked                bigint NOT NULL DEFAULT 0,
  open_cases            bigint NOT NULL DEFAULT 0,
  cameras               bigint NOT NULL DEFAULT 0,
  cameras_online        bigint NOT NULL DEFAULT 0,
  streets               bigint NOT NULL DEFAULT 0,
  streets_without_chief bigint NOT NULL DEFAULT 0,
  -- numeric: a sum of doubles would depend on the order rows were added.
  street_length_m       numeric NOT NULL DEFAULT 0,
  -- Current village grids (patrols are due per village).
  villages              bigint NOT NULL DEFAULT 0
);

-- Series: reported (reported_at), resolved (resolved_at), resolved_in_village (resolved at group or
-- village level), transferred (the transfer step's instant, for cases still transferred), and of the
-- open cases: due (stage_due_at), warn (stage_warn_at), due_warned (stage_due_at of those with a
-- warning instant, so yellow = warn reached − due_warned passed).
CREATE TABLE grid_rollup_timeline (
  code   text NOT NULL,
  series text NOT NULL CHECK (series IN ('reported', 'resolved', 'resolved_in_village', 'transferred', 'due', 'warn', 'due_warned')),
  grain  text NOT NULL CHECK (grain IN ('hour', 'day', 'month')),
  bucket timestamptz NOT NULL,
  n      bigint NOT NULL,
  PRIMARY KEY (code, series, grain, bucket)
);
-- Rows whose count fell to zero are deleted after each change (a moved deadline leaves one behind).
CREATE INDEX grid_rollup_timeline_zero ON grid_rollup_timeline (code) WHERE n = 0;

-- Patrols done per code (village and above), day and slot.
CREATE TABLE grid_patrol_days (
  code text NOT NULL,
  day  date NOT NULL,
  slot text NOT NULL,
  n    bigint NOT NULL,
  PRIMARY KEY (code, day, slot)
);
CREATE INDEX grid_patrol_days_zero ON grid_patrol_days (code) WHERE n = 0;

-- Active members per code (town and above), link role and number of linked households: the link
-- quota verdicts (domain/linkQuota.ts) are read from this histogram, the quotas stay in TypeScript.
CREATE TABLE grid_link_loads (
  code      text NOT NULL,
  link_role text NOT NULL,
  linked    integer NOT NULL,
  n         bigint NOT NULL,
  PRIMARY KEY (code, link_role, linked)
);
CREATE INDEX grid_link_loads_zero ON grid_link_loads (code) WHERE n = 0;

-- The instants the current hour's exact part is read through (cases_open_due and cases_reported exist).
CREATE INDEX cases_resolved ON cases (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX cases_open_warn ON cases (stage_warn_at) WHERE status IN ('registered', 'accepted', 'mediating');
CREATE INDEX case_steps_transferred ON case_steps (at) WHERE to_status = 'transferred';
CREATE INDEX patrols_done ON patrols (done_at);
-- The dossier's lists in display order, so a county lists its first rows without sorting all of them.
CREATE INDEX streets_name ON streets (name, id);
CREATE INDEX cameras_offline_seen ON cameras (last_seen, id) WHERE status = 'offline';

-- The codes a row counts in (NULLs dropped: patrols have no group, members no group and maybe no village).
CREATE FUNCTION gridmap_rollup_codes(town text, village text, grp text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT array_remove(ARRAY[grp, village, town, left(town, 6) || '000000', left(town, 4) || '00000000'], NULL)
$$;

-- The bucket an instant falls in: its UTC hour, or its China (UTC+8) day or month, as an instant.
CREATE FUNCTION gridmap_rollup_bucket(grain text, at timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE grain
    WHEN 'hour' THEN date_trunc('hour', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
    ELSE (date_trunc(grain, (at AT TIME ZONE 'UTC') + interval '8 hours') - interval '8 hours') AT TIME ZONE 'UTC'
  END
$$;

-- The changed rows of the firing statement, signed: -1 as they were, +1 as they are.
CREATE FUNCTION gridmap_rollup_changes(op text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
    ELSE 'SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1 AS sign, * FROM new_rows'
  END
$$;

-- The statement adding signed per-code deltas (a query returning code + some grid_rollups columns) to
-- grid_rollups. Built here, EXECUTEd by the trigger function: only it sees the transition tables.
CREATE FUNCTION gridmap_rollup_add(deltas text, columns text[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'INSERT INTO grid_rollups AS r (code, %s) SELECT * FROM (%s) AS d WHERE %s ORDER BY 1
     ON CONFLICT (code) DO UPDATE SET %s',
    array_to_string(columns, ', '),
    deltas,
    (SELECT string_agg(format('d.%I <> 0', c), ' OR ') FROM unnest(columns) AS c),
    (SELECT string_agg(format('%1$I = r.%1$I + excluded.%1$I', c), ', ') FROM unnest(columns) AS c))
$$;

-- The statement adding signed (code, series, instant) contributions to the timeline at every grain
-- (the caller then deletes the rows that fell to zero).
CREATE FUNCTION gridmap_timeline_add(contributions text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'INSERT INTO grid_rollup_timeline AS t (code, series, grain, bucket, n)
     SELECT code, series, grain, gridmap_rollup_bucket(grain, at), sum(sign)
     FROM (%s) AS c CROSS JOIN unnest(ARRAY[''hour'', ''day'', ''month'']) AS grain
     GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4
     ON CONFLICT (code, series, grain, bucket) DO UPDATE SET n = t.n + excluded.n',
    contributions)
$$;

-- What a set of case rows ("x", with sign) adds to the timeline. A transfer is timed by its step;
-- a transferred case has one (转办 is a final state: nothing leaves it).
CREATE FUNCTION gridmap_case_timeline(x text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH x AS (%s)
    SELECT x.sign, code, s.series, s.at
    FROM x
    CROSS JOIN LATERAL (
      SELECT 'reported' AS series, x.reported_at AS at
      UNION ALL SELECT 'resolved', x.resolved_at WHERE x.resolved_at IS NOT NULL
      UNION ALL SELECT 'resolved_in_village', x.resolved_at
        WHERE x.resolved_at IS NOT NULL AND x.resolved_level IN ('group', 'village')
      UNION ALL SELECT 'due', x.stage_due_at
        WHERE x.status IN ('registered', 'accepted', 'mediating') AND x.stage_due_at IS NOT NULL
      UNION ALL SELECT 'warn', x.stage_warn_at
        WHERE x.status IN ('registered', 'accepted', 'mediating') AND x.stage_warn_at IS NOT NULL
      UNION ALL SELECT 'due_warned', x.stage_due_at
        WHERE x.status IN ('registered', 'accepted', 'mediating') AND x.stage_due_at IS NOT NULL AND x.stage_warn_at IS NOT NULL
      UNION ALL SELECT 'transferred', st.at FROM case_steps st
        WHERE x.status = 'transferred' AND st.serial = x.serial AND st.to_status = 'transferred'
    ) AS s
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(x.town_code, x.village_code, x.group_code)) AS code
  $q$, x)
$$;

CREATE FUNCTION gridmap_roll_cases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  x text := gridmap_rollup_changes(TG_OP);
BEGIN
  EXECUTE gridmap_rollup_add(format($q$
    SELECT code, sum(x.sign) AS open_cases FROM (%s) AS x
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(x.town_code, x.village_code, x.group_code)) AS code
    WHERE x.status IN ('registered', 'accepted', 'mediating') GROUP BY code $q$, x), ARRAY['open_cases']);
  EXECUTE gridmap_timeline_add(gridmap_case_timeline(x));
  DELETE FROM grid_rollup_timeline WHERE n = 0;
  RETURN NULL;
END $$;

-- A transfer step of a case that is (still) transferred; steps are append-only, so inserts only.
CREATE FUNCTION gridmap_roll_case_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE gridmap_timeline_add($q$
    SELECT 1 AS sign, code, 'transferred' AS series, s.at
    FROM new_rows s JOIN cases k ON k.serial = s.serial
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(k.town_code, k.village_code, k.group_code)) AS code
    WHERE s.to_status = 'transferred' AND k.status = 'transferred' $q$);
  DELETE FROM grid_rollup_timeline WHERE n = 0;
  RETURN NULL;
END $$;

-- Households and population; linked for households that have a link (a household's link rows do not
-- change in a statement on households). A deleted household's link is subtracted before it goes
-- (gridmap_household_unlinked): the cascade removes the link before this statement trigger runs.
CREATE FUNCTION gridmap_roll_households() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE gridmap_rollup_add(format($q$
    SELECT code, sum(x.sign) AS households, sum(x.sign * x.size) AS population,
      sum(x.sign * (EXISTS (SELECT 1 FROM household_links l WHERE l.household_id = x.id))::int) AS linked
    FROM (%s) AS x
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(x.town_code, x.village_code, x.group_code)) AS code
    GROUP BY code $q$, gridmap_rollup_changes(TG_OP)), ARRAY['households', 'population', 'linked']);
  RETURN NULL;
END $$;

CREATE FUNCTION gridmap_household_unlinked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM household_links l WHERE l.household_id = OLD.id) THEN
    UPDATE grid_rollups SET linked = linked - 1
    WHERE code = ANY (gridmap_rollup_codes(OLD.town_code, OLD.village_code, OLD.group_code));
  END IF;
  RETURN OLD;
END $$;

-- Links: linked per household's codes (a link whose household is gone was subtracted with it), and
-- each affected member's place in the link-load histogram: its count now, and before this statement
-- (now − links added + links removed).
CREATE FUNCTION gridmap_roll_household_links() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  x text := gridmap_rollup_changes(TG_OP);
BEGIN
  EXECUTE gridmap_rollup_add(format($q$
    SELECT code, sum(x.sign) AS linked FROM (%s) AS x
    JOIN households h ON h.id = x.household_id
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(h.town_code, h.village_code, h.group_code)) AS code
    GROUP BY code $q$, x), ARRAY['linked']);
  EXECUTE format($q$
    WITH x AS (%s),
    changed AS (SELECT member_id, sum(sign) AS added FROM x GROUP BY member_id HAVING sum(sign) <> 0),
    loads AS (
      SELECT m.town_code, m.link_role, now_linked.n AS after, now_linked.n - c.added AS before
      FROM changed c JOIN members m ON m.id = c.member_id AND m.active
      CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM household_links l WHERE l.member_id = c.member_id) AS now_linked),
    deltas AS (
      SELECT town_code, link_role, after AS linked, 1 AS sign FROM loads
      UNION ALL SELECT town_code, link_role, before, -1 FROM loads)
    INSERT INTO grid_link_loads AS g (code, link_role, linked, n)
    SELECT code, link_role, linked, sum(sign) FROM deltas
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(town_code, NULL, NULL)) AS code
    GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (code, link_role, linked) DO UPDATE SET n = g.n + excluded.n $q$, x);
  DELETE FROM grid_link_loads WHERE n = 0;
  RETURN NULL;
END $$;

-- Active members at their current link count (links do not change in a statement on members).
CREATE FUNCTION gridmap_roll_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO grid_link_loads AS g (code, link_role, linked, n)
    SELECT code, x.link_role, (SELECT count(*)::int FROM household_links l WHERE l.member_id = x.id), sum(x.sign)
    FROM (%s) AS x
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(x.town_code, NULL, NULL)) AS code
    WHERE x.active
    GROUP BY 1, 2, 3 HAVING sum(x.sign) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (code, link_role, linked) DO UPDATE SET n = g.n + excluded.n $q$, gridmap_rollup_changes(TG_OP));
  DELETE FROM grid_link_loads WHERE n = 0;
  RETURN NULL;
END $$;

CREATE FUNCTION gridmap_roll_cameras() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE gridmap_rollup_add(format($q$
    SELECT code, sum(x.sign) AS cameras, sum(x.sign * (x.status = 'online')::int) AS cameras_online
    FROM (%s) AS x
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(x.town_code, x.village_code, x.group_code)) AS code
    GROUP BY code $q$, gridmap_rollup_changes(TG_OP)), ARRAY['cameras', 'cameras_online']);
  RETURN NULL;
END $$;

CREATE FUNCTION gridmap_roll_streets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE gridmap_rollup_add(format($q$
    SELECT code, sum(x.sign) AS streets, sum(x.sign * (x.chief_id IS NULL)::int) AS streets_without_chief,
      sum(x.sign * x.length_m::numeric) AS street_length_m
    FROM (%s) AS x
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(x.town_code, x.village_code, x.group_code)) AS code
    GROUP BY code $q$, gridmap_rollup_changes(TG_OP)), ARRAY['streets', 'streets_without_chief', 'street_length_m']);
  RETURN NULL;
END $$;

-- Current village grids, under their own code and their town's, county's and prefecture's.
CREATE FUNCTION gridmap_roll_grids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE gridmap_rollup_add(format($q$
    SELECT rc.code, sum(x.sign) AS villages FROM (%s) AS x
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(left(x.code, 9) || '000', x.code, NULL)) AS rc(code)
    WHERE x.level = 'village' AND x.valid_to IS NULL GROUP BY rc.code $q$, gridmap_rollup_changes(TG_OP)), ARRAY['villages']);
  RETURN NULL;
END $$;

CREATE FUNCTION gridmap_roll_patrols() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO grid_patrol_days AS p (code, day, slot, n)
    SELECT code, x.day, x.slot, sum(x.sign) FROM (%s) AS x
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(x.town_code, x.village_code, NULL)) AS code
    GROUP BY 1, 2, 3 HAVING sum(x.sign) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (code, day, slot) DO UPDATE SET n = p.n + excluded.n $q$, gridmap_rollup_changes(TG_OP));
  DELETE FROM grid_patrol_days WHERE n = 0;
  RETURN NULL;
END $$;

-- TRUNCATE: nothing of the table is left, so nothing it contributed is.
CREATE FUNCTION gridmap_rollup_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'cases' THEN
      UPDATE grid_rollups SET open_cases = 0 WHERE open_cases <> 0;
      DELETE FROM grid_rollup_timeline;
    WHEN 'case_steps' THEN DELETE FROM grid_rollup_timeline WHERE series = 'transferred';
    WHEN 'households' THEN
      UPDATE grid_rollups SET households = 0, population = 0, linked = 0
      WHERE households <> 0 OR population <> 0 OR linked <> 0;
    WHEN 'household_links' THEN
      UPDATE grid_rollups SET linked = 0 WHERE linked <> 0;
      DELETE FROM grid_link_loads;
      INSERT INTO grid_link_loads (code, link_role, linked, n)
      SELECT code, m.link_role, 0, count(*) FROM members m
      CROSS JOIN LATERAL unnest(gridmap_rollup_codes(m.town_code, NULL, NULL)) AS code
      WHERE m.active GROUP BY 1, 2;
    WHEN 'members' THEN DELETE FROM grid_link_loads;
    WHEN 'cameras' THEN UPDATE grid_rollups SET cameras = 0, cameras_online = 0 WHERE cameras <> 0 OR cameras_online <> 0;
    WHEN 'streets' THEN
      UPDATE grid_rollups SET streets = 0, streets_without_chief = 0, street_length_m = 0
      WHERE streets <> 0 OR streets_without_chief <> 0 OR street_length_m <> 0;
    WHEN 'grids' THEN UPDATE grid_rollups SET villages = 0 WHERE villages <> 0;
    WHEN 'patrols' THEN DELETE FROM grid_patrol_days;
  END CASE;
  RETURN NULL;
END $$;

-- One trigger per event: a trigger with transition tables fires for one event only.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['cases', 'households', 'household_links', 'members', 'cameras', 'streets', 'grids', 'patrols'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_rollup_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION gridmap_roll_%1$s()', t);
    EXECUTE format('CREATE TRIGGER %1$s_rollup_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION gridmap_roll_%1$s()', t);
    EXECUTE format('CREATE TRIGGER %1$s_rollup_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION gridmap_roll_%1$s()', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['cases', 'case_steps', 'households', 'household_links', 'members', 'cameras', 'streets', 'grids', 'patrols'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_rollup_truncate AFTER TRUNCATE ON %1$I
      FOR EACH STATEMENT EXECUTE FUNCTION gridmap_rollup_truncated()', t);
  END LOOP;
END $$;

CREATE TRIGGER case_steps_rollup_insert AFTER INSERT ON case_steps REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION gridmap_roll_case_steps();
CREATE TRIGGER households_rollup_unlink BEFORE DELETE ON households
  FOR EACH ROW EXECUTE FUNCTION gridmap_household_unlinked();

-- Every rollup recounted from the base tables: after a bulk load or a restore, and the reference the
-- triggers are tested against. Deletes and refills in the caller's transaction.
CREATE FUNCTION gridmap_rebuild_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM grid_rollups;
  DELETE FROM grid_rollup_timeline;
  DELETE FROM grid_patrol_days;
  DELETE FROM grid_link_loads;
  INSERT INTO grid_rollups (code, households, population, linked, open_cases, cameras, cameras_online,
    streets, streets_without_chief, street_length_m, villages)
  SELECT code, sum(households), sum(population), sum(linked), sum(open_cases), sum(cameras), sum(cameras_online),
    sum(streets), sum(streets_without_chief), sum(street_length_m), sum(villages)
  FROM (
    SELECT code, count(*) AS households, sum(h.size) AS population, count(l.household_id) AS linked,
      0 AS open_cases, 0 AS cameras, 0 AS cameras_online, 0 AS streets, 0 AS streets_without_chief,
      0::numeric AS street_length_m, 0 AS villages
    FROM households h LEFT JOIN household_links l ON l.household_id = h.id
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(h.town_code, h.village_code, h.group_code)) AS code GROUP BY code
    UNION ALL
    SELECT code, 0, 0, 0, count(*), 0, 0, 0, 0, 0, 0 FROM cases k
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(k.town_code, k.village_code, k.group_code)) AS code
    WHERE k.status IN ('registered', 'accepted', 'mediating') GROUP BY code
    UNION ALL
    SELECT code, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE c.status = 'online'), 0, 0, 0, 0 FROM cameras c
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(c.town_code, c.village_code, c.group_code)) AS code GROUP BY code
    UNION ALL
    SELECT code, 0, 0, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE s.chief_id IS NULL), sum(s.length_m::numeric), 0
    FROM streets s
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(s.town_code, s.village_code, s.group_code)) AS code GROUP BY code
    UNION ALL
    SELECT rc.code, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*) FROM grids g
    CROSS JOIN LATERAL unnest(gridmap_rollup_codes(left(g.code, 9) || '000', g.code, NULL)) AS rc(code)
    WHERE g.level = 'village' AND g.valid_to IS NULL GROUP BY rc.code
  ) AS parts
  GROUP BY code;
  EXECUTE gridmap_timeline_add(gridmap_case_timeline('SELECT 1 AS sign, * FROM cases'));
  INSERT INTO grid_patrol_days (code, day, slot, n)
  SELECT code, p.day, p.slot, count(*) FROM patrols p
  CROSS JOIN LATERAL unnest(gridmap_rollup_codes(p.town_code, p.village_code, NULL)) AS code GROUP BY 1, 2, 3;
  INSERT INTO grid_link_loads (code, link_role, linked, n)
  SELECT code, m.link_role, coalesce(l.n, 0), count(*) FROM members m
  LEFT JOIN (SELECT member_id, count(*)::int AS n FROM household_links GROUP BY member_id) AS l ON l.member_id = m.id
  CROSS JOIN LATERAL unnest(gridmap_rollup_codes(m.town_code, NULL, NULL)) AS code
  WHERE m.active GROUP BY 1, 2, 3;
END $$;

-- A database upgraded with data in it starts with its rollups counted.
SELECT gridmap_rebuild_rollups();
