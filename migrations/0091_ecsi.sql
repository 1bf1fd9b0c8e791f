-- ECSI awareness (issue 13; convention art. 3: "sensibiliser les Missions Locales et les
-- collectivités territoriales à l'intérêt de l'ECSI"). Forward-only. Depends on 0001.

-- A resource of the ECSI library. Members suggest; network staff publish or reject.
-- Moderation in src/modules/ecsi/domain/moderation.ts:
-- suggested → published | rejected; published → withdrawn.
CREATE TABLE ecsi_resources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 200),
  kind text NOT NULL CHECK (kind IN ('guide', 'training', 'project_example', 'tool')),
  -- In plain language, for people who have never heard of ECSI.
  summary text NOT NULL CHECK (length(trim(summary)) > 0),
  audience text NOT NULL CHECK (audience IN ('missions_locales', 'collectivites', 'both', 'young_people')),
  themes text[] NOT NULL DEFAULT '{}',
  language text NOT NULL DEFAULT 'fr' CHECK (language ~ '^[a-z]{2}$'),
  licence text NOT NULL CHECK (length(trim(licence)) > 0),
  source text NOT NULL CHECK (length(trim(source)) > 0),
  url text CHECK (url IS NULL OR url ~ '^https?://'),
  file bytea,
  file_name text,
  file_type text,
  status text NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'published', 'rejected', 'withdrawn')),
  suggested_by uuid REFERENCES users (id) ON DELETE SET NULL,
  suggested_by_name text NOT NULL,
  moderated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  moderated_at timestamptz,
  rejection_reason text,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A file or a link: a resource people cannot open is useless.
  CONSTRAINT ecsi_resources_file_or_link CHECK (url IS NOT NULL OR file IS NOT NULL),
  CONSTRAINT ecsi_resources_file_named CHECK ((file IS NULL) = (file_name IS NULL)),
  -- A moderated resource says who decided and when; a rejected one says why.
  CONSTRAINT ecsi_resources_moderated CHECK ((status = 'suggested') = (moderated_at IS NULL)),
  CONSTRAINT ecsi_resources_rejected CHECK (status <> 'rejected' OR length(trim(coalesce(rejection_reason, ''))) > 0)
);
CREATE INDEX ecsi_resources_status_idx ON ecsi_resources (status, created_at DESC);
CREATE INDEX ecsi_resources_title_trgm ON ecsi_resources USING gin (f_unaccent(lower(title || ' ' || summary)) gin_trgm_ops);

-- An awareness action (a training, a workshop, a presentation): who organised, which
-- organisations took part. Counted in the indicators ("Missions Locales sensibilisées").
CREATE TABLE ecsi_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 200),
  kind text NOT NULL CHECK (kind IN ('training', 'workshop', 'presentation')),
  held_on date NOT NULL,
  organiser_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  description text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ecsi_actions_held_idx ON ecsi_actions (held_on);

-- Organisations that took part (not persons: aggregates only).
CREATE TABLE ecsi_action_participants (
  action_id uuid NOT NULL REFERENCES ecsi_actions (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  PRIMARY KEY (action_id, organisation_id)
);
CREATE INDEX ecsi_action_participants_org_idx ON ecsi_action_participants (organisation_id);
