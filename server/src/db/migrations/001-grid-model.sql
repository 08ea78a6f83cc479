-- The grid model: official divisions, the versioned three-level grid, responsible people,
-- responsibility streets, households, links, cameras, patrols, cases and the events outbox.
-- Geometry is EPSG:4326 (CGCS2000 / EPSG:4490 equals WGS84 to centimetres, treated as equal).
CREATE EXTENSION IF NOT EXISTS postgis;

-- National statistical divisions (统计用区划代码): the county, its towns and villages.
CREATE TABLE divisions (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  level       text NOT NULL CHECK (level IN ('county', 'town', 'village')),
  type        text NOT NULL,
  parent_code text NOT NULL CHECK (parent_code ~ '^[0-9]{12}$')
);
CREATE INDEX divisions_parent ON divisions (parent_code);

-- Grids (网格), versioned: a redraw retires the row (valid_to set) and inserts version + 1, so a
-- case keeps pointing at the grid it happened in. Exactly one current row per code.
CREATE TABLE grids (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('county', 'town', 'village', 'group')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  parent_code text,
  version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  status      text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'retired')),
  valid_from  timestamptz NOT NULL DEFAULT now(),
  valid_to    timestamptz,
  geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  label_point geometry(Point, 4326),
  area_m2     double precision NOT NULL DEFAULT 0,
  UNIQUE (code, version),
  CHECK ((level = 'group' AND code ~ '^[0-9]{15}$') OR (level <> 'group' AND code ~ '^[0-9]{12}$')),
  CHECK ((level = 'county') = (parent_code IS NULL)),
  CHECK ((status = 'retired') = (valid_to IS NOT NULL))
);
CREATE UNIQUE INDEX grids_current_code ON grids (code) WHERE valid_to IS NULL;
CREATE INDEX grids_current_parent ON grids (parent_code) WHERE valid_to IS NULL;
CREATE INDEX grids_current_level ON grids (level) WHERE valid_to IS NULL;
CREATE INDEX grids_geom ON grids USING gist (geom);

-- Responsible people: cadres, committee members, party members, villager representatives and grid
-- staff. Names and phones live in member_private so every read path can mask them.
CREATE TABLE members (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  link_role    text NOT NULL CHECK (link_role IN
                 ('village_head_cadre', 'committee_member', 'party_member', 'villager_rep', 'grid_staff')),
  party_member boolean NOT NULL DEFAULT false,
  town_code    text NOT NULL CHECK (town_code ~ '^[0-9]{12}$'),
  village_code text CHECK (village_code ~ '^[0-9]{12}$'),
  active       boolean NOT NULL DEFAULT true
);
CREATE INDEX members_town ON members (town_code);
CREATE INDEX members_village ON members (village_code);

CREATE TABLE member_private (
  member_id bigint PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
  name      text NOT NULL CHECK (length(name) BETWEEN 1 AND 32),
  phone     text CHECK (phone ~ '^1[3-9][0-9]{9}$')
);

-- A grid's team (网格长, 网格员, 党小组长, 包村干部, 乡贤).
CREATE TABLE grid_roles (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  grid_code text NOT NULL,
  member_id bigint NOT NULL REFERENCES members (id),
  role      text NOT NULL CHECK (role IN
              ('grid_head', 'grid_staff', 'party_group_head', 'village_cadre', 'local_worthy')),
  since     date NOT NULL DEFAULT current_date,
  until     date,
  CHECK (until IS NULL OR until >= since)
);
CREATE INDEX grid_roles_grid ON grid_roles (grid_code) WHERE until IS NULL;
CREATE INDEX grid_roles_member ON grid_roles (member_id);

-- Responsibility streets (党员包街巷, 街长制): a line with one street chief.
CREATE TABLE streets (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  chief_id     bigint REFERENCES members (id),
  town_code    text NOT NULL CHECK (town_code ~ '^[0-9]{12}$'),
  village_code text NOT NULL CHECK (village_code ~ '^[0-9]{12}$'),
  group_code   text NOT NULL CHECK (group_code ~ '^[0-9]{15}$'),
  geom         geometry(LineString, 4326) NOT NULL CHECK (ST_IsValid(geom) AND ST_NPoints(geom) >= 2),
  length_m     double precision NOT NULL DEFAULT 0
);
CREATE INDEX streets_geom ON streets USING gist (geom);
CREATE INDEX streets_town ON streets (town_code);
CREATE INDEX streets_village ON streets (village_code);
CREATE INDEX streets_group ON streets (group_code);
CREATE INDEX streets_chief ON streets (chief_id);

-- Households (户): a point in exactly one group grid. Personal fields in household_private.
CREATE TABLE households (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  house_no     text NOT NULL CHECK (length(house_no) BETWEEN 1 AND 32),
  size         smallint NOT NULL CHECK (size BETWEEN 1 AND 30),
  town_code    text NOT NULL CHECK (town_code ~ '^[0-9]{12}$'),
  village_code text NOT NULL CHECK (village_code ~ '^[0-9]{12}$'),
  group_code   text NOT NULL CHECK (group_code ~ '^[0-9]{15}$'),
  geom         geometry(Point, 4326) NOT NULL
);
CREATE INDEX households_geom ON households USING gist (geom);
CREATE INDEX households_town ON households (town_code);
CREATE INDEX households_village ON households (village_code);
CREATE INDEX households_group ON households (group_code);

CREATE TABLE household_private (
  household_id bigint PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,
  head_name    text NOT NULL CHECK (length(head_name) BETWEEN 1 AND 32),
  phone        text CHECK (phone ~ '^1[3-9][0-9]{9}$'),
  id_number    text CHECK (id_number ~ '^[0-9]{17}[0-9X]$')
);

-- 党员联户: a household is linked to one responsible member; quotas are a guide (domain/linkQuota).
CREATE TABLE household_links (
  household_id bigint PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,
  member_id    bigint NOT NULL REFERENCES members (id),
  since        date NOT NULL DEFAULT current_date
);
CREATE INDEX household_links_member ON household_links (member_id);

-- 雪亮工程 cameras: GB/T 28181 20-digit device id.
CREATE TABLE cameras (
  id           text PRIMARY KEY CHECK (id ~ '^[0-9]{20}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  site         text NOT NULL CHECK (site IN ('road', 'junction', 'public_place', 'village_entrance', 'household')),
  status       text NOT NULL CHECK (status IN ('online', 'offline')),
  last_seen    timestamptz NOT NULL,
  town_code    text NOT NULL CHECK (town_code ~ '^[0-9]{12}$'),
  village_code text NOT NULL CHECK (village_code ~ '^[0-9]{12}$'),
  group_code   text NOT NULL CHECK (group_code ~ '^[0-9]{15}$'),
  geom         geometry(Point, 4326) NOT NULL
);
CREATE INDEX cameras_geom ON cameras USING gist (geom);
CREATE INDEX cameras_town ON cameras (town_code);
CREATE INDEX cameras_village ON cameras (village_code);
CREATE INDEX cameras_group ON cameras (group_code);

-- Online patrols (探头站岗、鼠标巡逻): each village, twice a day.
CREATE TABLE patrols (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  town_code    text NOT NULL CHECK (town_code ~ '^[0-9]{12}$'),
  village_code text NOT NULL CHECK (village_code ~ '^[0-9]{12}$'),
  day          date NOT NULL,
  slot         text NOT NULL CHECK (slot IN ('am', 'pm')),
  done_at      timestamptz NOT NULL,
  member_id    bigint REFERENCES members (id),
  cameras_viewed integer NOT NULL CHECK (cameras_viewed >= 0),
  raised_case  text,
  UNIQUE (village_code, day, slot)
);
CREATE INDEX patrols_town_day ON patrols (town_code, day);

-- Case categories (configurable list, with optional per-level deadlines in working days).
CREATE TABLE case_categories (
  code      text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,32}$'),
  name_zh   text NOT NULL,
  name_en   text NOT NULL,
  sla_days  jsonb,
  sort      integer NOT NULL DEFAULT 0
);

-- Cases (矛盾纠纷、事件). Serial = county code (6) + YYYYMMDD + 5-digit sequence.
CREATE TABLE cases (
  serial         text PRIMARY KEY CHECK (serial ~ '^[0-9]{19}$'),
  category       text NOT NULL REFERENCES case_categories (code),
  source         text NOT NULL CHECK (source IN
                   ('grid_patrol', 'walk_in', 'hotline', 'video_patrol', 'assigned', 'department')),
  summary        text NOT NULL CHECK (length(summary) BETWEEN 1 AND 200),
  status         text NOT NULL CHECK (status IN
                   ('registered', 'accepted', 'mediating', 'resolved', 'closed', 'transferred', 'voided')),
  level          text NOT NULL CHECK (level IN ('group', 'village', 'town_justice', 'town_centre')),
  town_code      text NOT NULL CHECK (town_code ~ '^[0-9]{12}$'),
  village_code   text NOT NULL CHECK (village_code ~ '^[0-9]{12}$'),
  group_code     text NOT NULL CHECK (group_code ~ '^[0-9]{15}$'),
  grid_version   integer NOT NULL DEFAULT 1,
  geom           geometry(Point, 4326) NOT NULL,
  reported_at    timestamptz NOT NULL,
  stage_started_at timestamptz NOT NULL,
  stage_warn_at  timestamptz,
  stage_due_at   timestamptz,
  resolved_at    timestamptz,
  resolved_level text CHECK (resolved_level IN ('group', 'village', 'town_justice', 'town_centre')),
  closed_at      timestamptz,
  escalations    integer NOT NULL DEFAULT 0,
  reopens        integer NOT NULL DEFAULT 0,
  major          boolean NOT NULL DEFAULT false,
  photo          bytea,
  photo_type     text,
  CHECK (stage_warn_at IS NULL OR stage_due_at IS NULL OR stage_warn_at <= stage_due_at)
);
CREATE INDEX cases_geom ON cases USING gist (geom);
CREATE INDEX cases_town_status ON cases (town_code, status);
CREATE INDEX cases_village_status ON cases (village_code, status);
CREATE INDEX cases_group_status ON cases (group_code, status);
CREATE INDEX cases_open_due ON cases (stage_due_at) WHERE status IN ('registered', 'accepted', 'mediating');
CREATE INDEX cases_reported ON cases (reported_at);

-- The append-only step log of every case transition.
CREATE TABLE case_steps (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  serial      text NOT NULL REFERENCES cases (serial),
  at          timestamptz NOT NULL,
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  from_level  text,
  to_level    text NOT NULL,
  actor_id    bigint REFERENCES members (id),
  actor_role  text,
  note        text CHECK (length(note) <= 500)
);
CREATE INDEX case_steps_serial ON case_steps (serial, at);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER case_steps_append_only BEFORE UPDATE OR DELETE ON case_steps
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The outbox: a write commits its change and its event in one transaction; ids are monotonic, so
-- a client that reconnects replays everything after the last id it saw.
CREATE TABLE events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  kind         text NOT NULL CHECK (kind IN ('case', 'camera', 'patrol', 'grid')),
  town_code    text,
  village_code text,
  group_code   text,
  payload      jsonb NOT NULL
);
CREATE INDEX events_town ON events (town_code, id);
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
