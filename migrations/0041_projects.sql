-- Projets communs (issue 5): joint projects of Missions Locales and local authorities
-- (convention art. 2: youth mobility, ECSI, staff mobility, reciprocal hosting) from idea to
-- evaluation, their budget and funding plan, participants as aggregates only, the
-- self-assessment against art. 2 criteria, and a timeline of every change.
-- Forward-only. Depends on 0001 (organisations, users) and 0040 (funding_programmes).

-- Lifecycle in src/modules/projects/domain/lifecycle.ts (a table of guarded transitions):
-- idea → in_preparation → funded → running → completed → evaluated, or abandoned (with reason).
CREATE TABLE projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(trim(title)) > 0),
  kind text NOT NULL CHECK (kind IN ('youth_mobility', 'ecsi', 'staff_mobility', 'reciprocal_hosting')),
  status text NOT NULL DEFAULT 'idea'
    CHECK (status IN ('idea', 'in_preparation', 'funded', 'running', 'completed', 'evaluated', 'abandoned')),
  summary text NOT NULL DEFAULT '',
  objectives text NOT NULL DEFAULT '',
  starts_on date,
  ends_on date,
  abandon_reason text,
  -- Public showcase: partners ask, a network admin publishes (private → requested → published).
  publication text NOT NULL DEFAULT 'private' CHECK (publication IN ('private', 'requested', 'published')),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Dates in order.
  CONSTRAINT projects_dates_in_order CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on),
  -- An abandoned project says why.
  CONSTRAINT projects_abandon_reason CHECK ((status = 'abandoned') = (abandon_reason IS NOT NULL AND length(trim(abandon_reason)) > 0))
);
CREATE INDEX projects_status_idx ON projects (status, updated_at DESC);

-- Partners: French organisations of the directory (their members edit the project) or foreign
-- partners named with their country and role.
CREATE TABLE project_partners (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  organisation_id uuid REFERENCES organisations (id) ON DELETE RESTRICT,
  foreign_name text,
  country text CHECK (country ~ '^[A-Z]{2}$'),
  role text NOT NULL DEFAULT '',
  CONSTRAINT project_partners_who CHECK ((organisation_id IS NULL) <> (foreign_name IS NULL)),
  CONSTRAINT project_partners_foreign_country CHECK (foreign_name IS NULL OR country IS NOT NULL)
);
CREATE UNIQUE INDEX project_partners_org_key ON project_partners (project_id, organisation_id) WHERE organisation_id IS NOT NULL;
CREATE INDEX project_partners_org_idx ON project_partners (organisation_id);

-- Countries of the project (ISO alpha-2).
CREATE TABLE project_countries (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  PRIMARY KEY (project_id, country)
);

CREATE TABLE project_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  due_on date NOT NULL,
  done_on date
);

-- Budget lines (expenses); amounts never negative.
CREATE TABLE project_budget_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  label text NOT NULL CHECK (length(trim(label)) > 0),
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0)
);

-- Funding plan: one line per source (optionally a catalogue programme). An obtained line says
-- how much was obtained.
CREATE TABLE project_funding_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  programme_id uuid REFERENCES funding_programmes (id) ON DELETE SET NULL,
  source text NOT NULL CHECK (length(trim(source)) > 0),
  requested numeric(14, 2) NOT NULL CHECK (requested >= 0),
  obtained numeric(14, 2) CHECK (obtained >= 0),
  status text NOT NULL CHECK (status IN ('planned', 'requested', 'obtained', 'refused')),
  CONSTRAINT project_funding_obtained CHECK (status <> 'obtained' OR obtained > 0)
);

-- Participants as AGGREGATES ONLY: counts of young people or staff by age band, sex or
-- situation. No table holds an individual participant.
CREATE TABLE project_participants (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  audience text NOT NULL CHECK (audience IN ('young', 'staff')),
  dimension text NOT NULL CHECK (dimension IN ('age', 'sex', 'situation')),
  category text NOT NULL,
  count integer NOT NULL CHECK (count >= 0),
  PRIMARY KEY (project_id, audience, dimension, category)
);

-- Self-assessment against the convention's criteria (art. 2): level 0-3 and a comment.
CREATE TABLE project_assessments (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  criterion text NOT NULL CHECK (criterion IN ('horizontality', 'reciprocity', 'durability')),
  level integer NOT NULL CHECK (level BETWEEN 0 AND 3),
  comment text NOT NULL DEFAULT '',
  PRIMARY KEY (project_id, criterion)
);

-- Timeline: one row per change, written in the transaction of the change (with the audit).
CREATE TABLE project_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  actor_label text NOT NULL,
  action text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX project_history_project_idx ON project_history (project_id, id);
