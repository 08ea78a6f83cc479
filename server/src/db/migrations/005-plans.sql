-- Plans (issue #5): planners redraw grids in draft plans; publishing a plan makes a new published
-- grid version. Drafts live in their own tables: the published grids are untouched until publish.

-- Published grid versions (county-wide counter). Version 1 is the grid as first loaded (the seed
-- or an import); every publish adds one. `changed` = grids added, redrawn or removed.
CREATE TABLE grid_versions (
  version      integer PRIMARY KEY CHECK (version >= 1),
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by text,
  plan_id      bigint,
  scope_code   text,
  changed      integer NOT NULL DEFAULT 0 CHECK (changed >= 0)
);
INSERT INTO grid_versions (version, published_by, changed) VALUES (1, NULL, 0);

-- Which published version each grid row belongs to: a row is part of version V when
-- from_version <= V and (to_version IS NULL OR to_version > V). valid_from / valid_to keep the
-- times; these keep the versions, so any version can be shown and two compared.
ALTER TABLE grids ADD COLUMN from_version integer NOT NULL DEFAULT 1 CHECK (from_version >= 1);
ALTER TABLE grids ADD COLUMN to_version integer CHECK (to_version IS NULL OR to_version > from_version);
CREATE INDEX grids_code_versions ON grids (code, from_version);

CREATE TABLE plans (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scope_code             text NOT NULL CHECK (scope_code ~ '^[0-9]{12}$'),
  scope_level            text NOT NULL CHECK (scope_level IN ('town', 'village')),
  name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  -- No foreign key: accounts may be replaced; the username is what the history must keep.
  author_account_id      bigint,
  author_username        text NOT NULL,
  status                 text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'abandoned')),
  version                integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- Bumped by household / street reassignments, so cached household counts know to refresh.
  assignments_version    integer NOT NULL DEFAULT 0,
  base_grid_version      integer NOT NULL,
  published_grid_version integer,
  lock_holder            text,
  lock_expires_at        timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK ((lock_holder IS NULL) = (lock_expires_at IS NULL)),
  CHECK ((status = 'published') = (published_grid_version IS NOT NULL))
);
CREATE INDEX plans_scope ON plans (scope_code, status);

-- A plan's grids: copies of the published grids of its scope's descendants, then edited.
-- A removed grid stays as a row with deleted = true, so its code is never issued again and the
-- publish knows to retire it.
CREATE TABLE plan_grids (
  plan_id      bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  code         text NOT NULL,
  level        text NOT NULL CHECK (level IN ('village', 'group')),
  parent_code  text NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  geom         geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  -- The published grid row version this draft grid started from; null for a grid new in the plan.
  base_version integer,
  version      integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  deleted      boolean NOT NULL DEFAULT false,
  updated_by   text,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_id, code),
  CHECK ((level = 'group' AND code ~ '^[0-9]{15}$') OR (level = 'village' AND code ~ '^[0-9]{12}$'))
);
CREATE INDEX plan_grids_geom ON plan_grids USING gist (geom);

-- Explicit reassignments painted by the planner: they win over point-in-polygon.
CREATE TABLE plan_assignments (
  plan_id   bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  entity    text NOT NULL CHECK (entity IN ('household', 'street')),
  entity_id bigint NOT NULL,
  to_code   text NOT NULL CHECK (to_code ~ '^[0-9]{15}$'),
  PRIMARY KEY (plan_id, entity, entity_id)
);

-- Every code ever issued to a grid new in a plan (the primary key is the reservation: two plans
-- cannot take the same new code). Together with grids (current and historical rows) it is the
-- "never reuse a code" registry.
CREATE TABLE issued_codes (
  code      text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$' OR code ~ '^[0-9]{15}$'),
  plan_id   bigint,
  issued_at timestamptz NOT NULL DEFAULT now()
);
