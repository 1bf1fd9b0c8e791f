-- Annual roadmaps (feuilles de route, art. 3 and 4): one per agreement and convention year,
-- their actions with history, and the parties' approvals of an exact version (hash).

CREATE TABLE agreement_roadmaps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year >= 1),
  -- Renewal: the roadmap of the previous year it continues, if any.
  previous_roadmap_id uuid REFERENCES agreement_roadmaps (id) ON DELETE SET NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One roadmap per agreement and convention year.
  UNIQUE (agreement_id, year)
);

CREATE TABLE roadmap_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  roadmap_id uuid NOT NULL REFERENCES agreement_roadmaps (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 200),
  description text NOT NULL DEFAULT '',
  -- Art. 3 : the engagement the action serves (fixed list, domain/roadmap.ts).
  engagement text NOT NULL CHECK (engagement IN ('inform_networks', 'joint_communication', 'exchange_events',
    'facilitate_connections', 'ecsi_awareness', 'cross_presentations', 'partners_abroad_funding', 'annual_roadmap')),
  owner_organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  co_owner_ids uuid[] NOT NULL DEFAULT '{}',
  indicator text NOT NULL DEFAULT '',
  target_value numeric,
  due_on date,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  weight integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 0 AND 100),
  -- Renewal: the unfinished action of the previous year this one continues.
  carried_from_action_id uuid REFERENCES roadmap_actions (id) ON DELETE SET NULL,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roadmap_actions_roadmap_idx ON roadmap_actions (roadmap_id, position);

-- What happened to each action (created, progress, status, carried over). Append-only.
CREATE TABLE roadmap_action_history (
  id bigserial PRIMARY KEY,
  action_id uuid NOT NULL REFERENCES roadmap_actions (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  actor_label text NOT NULL,
  change jsonb NOT NULL
);
CREATE INDEX roadmap_action_history_action_idx ON roadmap_action_history (action_id, at);
CREATE TRIGGER roadmap_action_history_no_update BEFORE UPDATE ON roadmap_action_history
  FOR EACH ROW EXECUTE FUNCTION agreement_history_append_only();

-- Each party approves an exact version of the roadmap (its hash); validated when all did.
CREATE TABLE roadmap_approvals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  roadmap_id uuid NOT NULL REFERENCES agreement_roadmaps (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  approved_on date NOT NULL,
  approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  approved_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (roadmap_id, organisation_id, hash)
);

-- Art. 4 : the annual meeting validates the roadmap and reviews the past year.
ALTER TABLE agreement_meetings ADD COLUMN roadmap_year integer CHECK (roadmap_year IS NULL OR roadmap_year >= 1);
ALTER TABLE agreement_meetings ADD COLUMN review text NOT NULL DEFAULT '';
