-- 网格通 domain schema. Append-only: later changes go in new migrations.
-- Times are INTEGER unix seconds (UTC); days and months are computed in Asia/Shanghai (+08:00).
-- Coordinates are WGS-84 decimal degrees.

-- Key/value facts about the loaded data set (e.g. demo = '1' while demo data is loaded).
CREATE TABLE site_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- ── Administrative tree ────────────────────────────────────────────────────
CREATE TABLE districts (
  id        TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  city      TEXT NOT NULL,
  min_lat   REAL NOT NULL, min_lng REAL NOT NULL, max_lat REAL NOT NULL, max_lng REAL NOT NULL,
  outline   TEXT NOT NULL            -- GeoJSON geometry of the district outline
);

CREATE TABLE streets (
  id          TEXT PRIMARY KEY,
  district_id TEXT NOT NULL REFERENCES districts(id),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL DEFAULT 'street' CHECK (kind IN ('street', 'town', 'township')),
  pinyin      TEXT NOT NULL DEFAULT '',  -- full pinyin without tones or spaces, for search
  initials    TEXT NOT NULL DEFAULT ''   -- pinyin initials, for search
);
CREATE INDEX streets_district_id_idx ON streets(district_id);

CREATE TABLE communities (
  id          TEXT PRIMARY KEY,
  street_id   TEXT NOT NULL REFERENCES streets(id),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL DEFAULT 'community' CHECK (kind IN ('community', 'village')),
  households  INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
  population  INTEGER NOT NULL DEFAULT 0 CHECK (population >= 0),
  lat         REAL NOT NULL,
  lng         REAL NOT NULL,
  pinyin      TEXT NOT NULL DEFAULT '',
  initials    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX communities_street_id_idx ON communities(street_id);

-- Grids: level 1 = street, level 2 = community, level 3 = block of ~300–500 households.
CREATE TABLE grids (
  id            TEXT PRIMARY KEY,
  level         INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
  parent_id     TEXT REFERENCES grids(id),
  district_id   TEXT NOT NULL REFERENCES districts(id),
  street_id     TEXT NOT NULL REFERENCES streets(id),
  community_id  TEXT REFERENCES communities(id),
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  households    INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
  boundary      TEXT NOT NULL,        -- GeoJSON Polygon/MultiPolygon geometry
  min_lat REAL NOT NULL, min_lng REAL NOT NULL, max_lat REAL NOT NULL, max_lng REAL NOT NULL,
  centroid_lat  REAL NOT NULL,
  centroid_lng  REAL NOT NULL,
  pinyin        TEXT NOT NULL DEFAULT '',
  initials      TEXT NOT NULL DEFAULT '',
  CHECK (min_lat <= max_lat AND min_lng <= max_lng),
  CHECK ((level = 1) = (community_id IS NULL))
);
CREATE INDEX grids_parent_id_idx ON grids(parent_id);
CREATE INDEX grids_community_id_idx ON grids(community_id);
CREATE INDEX grids_street_id_level_idx ON grids(street_id, level);
-- Bbox prefilter for point-in-polygon: range on min_lat, then the other three bounds.
CREATE INDEX grids_level_min_lat_idx ON grids(level, min_lat);

-- Roads and residential compounds (小区) a level-3 grid covers.
CREATE TABLE grid_places (
  id        INTEGER PRIMARY KEY,
  grid_id   TEXT NOT NULL REFERENCES grids(id),
  kind      TEXT NOT NULL CHECK (kind IN ('road', 'compound')),
  name      TEXT NOT NULL,
  pinyin    TEXT NOT NULL DEFAULT '',
  initials  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX grid_places_grid_id_idx ON grid_places(grid_id);

-- ── Departments, people, positions ─────────────────────────────────────────
CREATE TABLE departments (
  id          TEXT PRIMARY KEY,
  district_id TEXT NOT NULL REFERENCES districts(id),
  name        TEXT NOT NULL,
  phone       TEXT NOT NULL DEFAULT ''
);

-- Staff of the grids. Only the work phone and office hours are ever published.
CREATE TABLE people (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL
);

CREATE TABLE positions (
  id             INTEGER PRIMARY KEY,
  person_id      TEXT NOT NULL REFERENCES people(id),
  grid_id        TEXT NOT NULL REFERENCES grids(id),
  role           TEXT NOT NULL CHECK (role IN ('leader', 'specialist', 'supervisor', 'sunk')),
  title          TEXT NOT NULL DEFAULT '',   -- e.g. 社区民警, 城管队员
  department_id  TEXT REFERENCES departments(id),
  work_phone     TEXT NOT NULL,
  office_hours   TEXT NOT NULL DEFAULT '',
  sort           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX positions_grid_id_role_idx ON positions(grid_id, role);
CREATE INDEX positions_person_id_idx ON positions(person_id);

-- ── Cases ──────────────────────────────────────────────────────────────────
CREATE TABLE case_categories (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('problem', 'service', 'consultation')),
  grp            TEXT NOT NULL DEFAULT '',   -- group shown to residents, e.g. 城市管理
  description    TEXT NOT NULL DEFAULT '',
  department_id  TEXT REFERENCES departments(id),
  resident       INTEGER NOT NULL DEFAULT 1 CHECK (resident IN (0, 1)),  -- selectable by residents
  due_hours      INTEGER NOT NULL DEFAULT 72 CHECK (due_hours > 0),
  sort           INTEGER NOT NULL DEFAULT 0
);

-- Special campaigns (专项排查).
CREATE TABLE campaigns (
  id           TEXT PRIMARY KEY,
  district_id  TEXT NOT NULL REFERENCES districts(id),
  name         TEXT NOT NULL,
  category_id  TEXT REFERENCES case_categories(id),
  start_day    TEXT NOT NULL,   -- YYYY-MM-DD
  end_day      TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  CHECK (start_day <= end_day)
);

CREATE TABLE cases (
  id               INTEGER PRIMARY KEY,
  public_id        TEXT NOT NULL UNIQUE,          -- opaque id for open data; not the tracking code
  tracking_code    TEXT NOT NULL UNIQUE,          -- unguessable; given only to the reporter
  channel          TEXT NOT NULL CHECK (channel IN ('web', 'patrol', 'hotline', 'wechat', 'open311')),
  category_id      TEXT NOT NULL REFERENCES case_categories(id),
  district_id      TEXT NOT NULL REFERENCES districts(id),
  street_id        TEXT NOT NULL REFERENCES streets(id),
  community_id     TEXT NOT NULL REFERENCES communities(id),
  grid_id          TEXT NOT NULL REFERENCES grids(id),
  campaign_id      TEXT REFERENCES campaigns(id),
  lat              REAL,
  lng              REAL,
  address          TEXT NOT NULL DEFAULT '',
  description      TEXT NOT NULL DEFAULT '',      -- resident free text: never published
  public_summary   TEXT NOT NULL DEFAULT '',      -- staff-written, scrubbed; the only published text
  status           TEXT NOT NULL DEFAULT 'reported' CHECK (status IN (
                     'reported', 'accepted', 'dispatched', 'in_progress', 'disposed', 'closed',
                     'rejected', 'duplicate', 'reopened')),
  department_id    TEXT REFERENCES departments(id),
  duplicate_of     INTEGER REFERENCES cases(id),
  reject_reason    TEXT NOT NULL DEFAULT '',
  escalated        INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0, 1)),
  escalation_due_at INTEGER,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  due_at           INTEGER NOT NULL,
  disposed_at      INTEGER,
  closed_at        INTEGER,
  CHECK (disposed_at IS NULL OR disposed_at >= created_at),
  CHECK (status NOT IN ('disposed', 'closed') OR disposed_at IS NOT NULL),
  CHECK (status <> 'duplicate' OR duplicate_of IS NOT NULL)
);
CREATE INDEX cases_created_at_idx ON cases(created_at);
CREATE INDEX cases_grid_id_created_at_idx ON cases(grid_id, created_at);
CREATE INDEX cases_community_id_created_at_idx ON cases(community_id, created_at);
CREATE INDEX cases_status_due_at_idx ON cases(status, due_at);
CREATE INDEX cases_category_id_status_lat_idx ON cases(category_id, status, lat);
CREATE INDEX cases_department_id_status_idx ON cases(department_id, status);

-- The public timeline of a case: every transition, note and escalation.
CREATE TABLE case_events (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES cases(id),
  kind         TEXT NOT NULL CHECK (kind IN ('transition', 'note', 'escalation', 'summary')),
  from_status  TEXT CHECK (from_status IS NULL OR from_status IN (
                 'reported', 'accepted', 'dispatched', 'in_progress', 'disposed', 'closed',
                 'rejected', 'duplicate', 'reopened')),
  to_status    TEXT CHECK (to_status IS NULL OR to_status IN (
                 'reported', 'accepted', 'dispatched', 'in_progress', 'disposed', 'closed',
                 'rejected', 'duplicate', 'reopened')),
  actor_role   TEXT NOT NULL DEFAULT 'system',   -- published as a role, never a person
  actor_id     INTEGER REFERENCES staff_accounts(id),
  public_note  TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  CHECK (kind <> 'transition' OR to_status IS NOT NULL)
);
CREATE INDEX case_events_case_id_created_at_idx ON case_events(case_id, created_at);

-- Reporter contact: private. Never read by any public page, feed, export or API.
CREATE TABLE case_contacts (
  case_id  INTEGER PRIMARY KEY REFERENCES cases(id),
  name     TEXT NOT NULL DEFAULT '',
  phone    TEXT NOT NULL DEFAULT '',
  email    TEXT NOT NULL DEFAULT ''
);

-- Joint meetings (联席会议), joint enforcement (联合执法), inspections (督查).
CREATE TABLE work_activities (
  id           INTEGER PRIMARY KEY,
  district_id  TEXT NOT NULL REFERENCES districts(id),
  street_id    TEXT REFERENCES streets(id),
  campaign_id  TEXT REFERENCES campaigns(id),
  kind         TEXT NOT NULL CHECK (kind IN ('joint_meeting', 'joint_enforcement', 'inspection')),
  day          TEXT NOT NULL,   -- YYYY-MM-DD
  title        TEXT NOT NULL
);
CREATE INDEX work_activities_day_idx ON work_activities(day);

-- ── 15-minute service circle ───────────────────────────────────────────────
CREATE TABLE facility_categories (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  weight  REAL NOT NULL CHECK (weight >= 0),   -- weight in the community score
  sort    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE facilities (
  id            TEXT PRIMARY KEY,
  category_id   TEXT NOT NULL REFERENCES facility_categories(id),
  district_id   TEXT NOT NULL REFERENCES districts(id),
  street_id     TEXT REFERENCES streets(id),
  community_id  TEXT REFERENCES communities(id),
  name          TEXT NOT NULL,
  level         TEXT CHECK (level IS NULL OR level IN ('district', 'street', 'community')),  -- 三级
  address       TEXT NOT NULL DEFAULT '',
  lat           REAL NOT NULL,
  lng           REAL NOT NULL,
  hours         TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX facilities_category_id_lat_idx ON facilities(category_id, lat);
CREATE INDEX facilities_lat_idx ON facilities(lat);
CREATE INDEX facilities_community_id_idx ON facilities(community_id);

-- ── Volunteers and community points ────────────────────────────────────────
CREATE TABLE volunteer_teams (
  id            TEXT PRIMARY KEY,
  community_id  TEXT NOT NULL REFERENCES communities(id),
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL DEFAULT 'squad' CHECK (kind IN ('squad', 'five_elders', 'three_heads', 'art', 'general'))
);
CREATE INDEX volunteer_teams_community_id_idx ON volunteer_teams(community_id);

CREATE TABLE volunteers (
  id             INTEGER PRIMARY KEY,
  volunteer_no   TEXT NOT NULL UNIQUE,       -- printed on the volunteer card
  name           TEXT NOT NULL,              -- private: published masked only
  phone          TEXT NOT NULL DEFAULT '',   -- private
  community_id   TEXT NOT NULL REFERENCES communities(id),
  team_id        TEXT REFERENCES volunteer_teams(id),
  grp            TEXT NOT NULL DEFAULT 'resident' CHECK (grp IN ('resident', 'five_elders', 'three_heads', 'squad')),
  opt_out        INTEGER NOT NULL DEFAULT 0 CHECK (opt_out IN (0, 1)),  -- hidden from public rankings
  code_hash      TEXT NOT NULL,              -- SHA-256 of the personal lookup code
  joined_day     TEXT NOT NULL
);
CREATE INDEX volunteers_community_id_idx ON volunteers(community_id);
CREATE INDEX volunteers_team_id_idx ON volunteers(team_id);

CREATE TABLE point_rules (
  id       TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  points   INTEGER NOT NULL CHECK (points > 0),
  unit     TEXT NOT NULL DEFAULT '次',
  active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort     INTEGER NOT NULL DEFAULT 0
);

-- Append-only: awards are positive, redemptions negative, corrections are reversals.
CREATE TABLE point_ledger (
  id            INTEGER PRIMARY KEY,
  volunteer_id  INTEGER NOT NULL REFERENCES volunteers(id),
  kind          TEXT NOT NULL CHECK (kind IN ('award', 'redeem', 'reversal')),
  rule_id       TEXT REFERENCES point_rules(id),
  activity_ref  TEXT,                       -- identifies the activity; one award per volunteer
  points        INTEGER NOT NULL CHECK (points <> 0),
  day           TEXT NOT NULL,              -- YYYY-MM-DD the service took place
  recorded_by   INTEGER REFERENCES staff_accounts(id),
  reverses_id   INTEGER UNIQUE REFERENCES point_ledger(id),
  note          TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  CHECK (kind <> 'award' OR (points > 0 AND activity_ref IS NOT NULL AND rule_id IS NOT NULL)),
  CHECK (kind <> 'redeem' OR points < 0),
  CHECK (kind <> 'reversal' OR reverses_id IS NOT NULL)
);
CREATE UNIQUE INDEX point_ledger_volunteer_id_activity_ref_idx ON point_ledger(volunteer_id, activity_ref) WHERE kind = 'award';
CREATE INDEX point_ledger_day_idx ON point_ledger(day);
CREATE INDEX point_ledger_volunteer_id_day_idx ON point_ledger(volunteer_id, day);

CREATE TRIGGER point_ledger_no_update BEFORE UPDATE ON point_ledger
BEGIN SELECT RAISE(ABORT, 'point_ledger is append-only'); END;
CREATE TRIGGER point_ledger_no_delete BEFORE DELETE ON point_ledger
BEGIN SELECT RAISE(ABORT, 'point_ledger is append-only'); END;

-- ── Staff access, audit, robustness ────────────────────────────────────────
CREATE TABLE staff_accounts (
  id             INTEGER PRIMARY KEY,
  label          TEXT NOT NULL,
  person_id      TEXT REFERENCES people(id),
  role           TEXT NOT NULL CHECK (role IN ('grid_staff', 'community_leader', 'street_leader', 'specialist', 'supervisor', 'admin')),
  scope_grid_id  TEXT REFERENCES grids(id),        -- grid staff and leaders: the root of their subtree
  department_id  TEXT REFERENCES departments(id),  -- specialists
  token_hash     TEXT NOT NULL UNIQUE,             -- SHA-256 hex of the bearer token
  created_at     INTEGER NOT NULL,
  revoked_at     INTEGER
);

-- Open311 clients.
CREATE TABLE api_clients (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  key_hash    TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);

CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  actor      TEXT NOT NULL,       -- 'staff:<id>', 'public', 'system', 'script'
  action     TEXT NOT NULL,       -- e.g. case.transition, points.award
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  detail     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity_entity_id_idx ON audit_log(entity, entity_id);

CREATE TABLE idempotency_keys (
  scope         TEXT NOT NULL,      -- endpoint + client
  key           TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  status        INTEGER NOT NULL,
  response      TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE rate_limits (
  bucket        TEXT NOT NULL,
  window_start  INTEGER NOT NULL,
  count         INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (bucket, window_start)
);

-- ── Statistics rollups (kept current by every case write; rebuildable from cases) ──
-- One row per month × community × category × channel.
CREATE TABLE stat_case_month (
  month         TEXT NOT NULL,     -- YYYY-MM (Asia/Shanghai) of created_at
  street_id     TEXT NOT NULL,
  community_id  TEXT NOT NULL,
  category_id   TEXT NOT NULL,
  channel       TEXT NOT NULL,
  recorded      INTEGER NOT NULL DEFAULT 0,
  disposed      INTEGER NOT NULL DEFAULT 0,
  on_time       INTEGER NOT NULL DEFAULT 0,   -- disposed by due_at
  PRIMARY KEY (month, community_id, category_id, channel)
);
CREATE INDEX stat_case_month_street_id_month_idx ON stat_case_month(street_id, month);

-- Histogram of hours to dispose per month × street × category, for medians and percentiles.
-- bucket indexes DISPOSE_HOUR_EDGES in src/lib/stats/histogram.ts (coarse, log-like bins).
CREATE TABLE stat_dispose_hours (
  month         TEXT NOT NULL,
  street_id     TEXT NOT NULL,
  category_id   TEXT NOT NULL,
  bucket        INTEGER NOT NULL CHECK (bucket >= 0),
  count         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (month, street_id, category_id, bucket)
);

-- Per grid and year, for scorecards and the choropleth.
CREATE TABLE stat_grid_year (
  year          TEXT NOT NULL,
  grid_id       TEXT NOT NULL,
  recorded      INTEGER NOT NULL DEFAULT 0,
  disposed      INTEGER NOT NULL DEFAULT 0,
  by_patrol     INTEGER NOT NULL DEFAULT 0,
  by_resident   INTEGER NOT NULL DEFAULT 0,   -- web, hotline, wechat, open311
  PRIMARY KEY (year, grid_id)
);
