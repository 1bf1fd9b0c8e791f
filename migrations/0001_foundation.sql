-- Foundation: extensions, organisations, people, sessions, tokens, audit log, jobs, mail.
-- Forward-only. Each invariant the database protects is commented where it is declared.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- unaccent() is only STABLE; an IMMUTABLE wrapper lets indexes use it (French search).
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE TABLE app_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Organisations of every kind. A local authority always has a level; nothing else has one.
CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('unml', 'cuf', 'regional_association', 'mission_locale', 'local_authority', 'foreign_partner')),
  level text CHECK (level IN ('commune', 'epci', 'departement', 'region', 'collectivite_unique', 'collectivite_statut_particulier', 'metropole_statut_particulier', 'collectivite_outre_mer')),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  short_name text,
  siret text CHECK (siret IS NULL OR siret ~ '^[0-9]{14}$'),
  code text,
  email text,
  website text,
  description text,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organisations_level_only_for_authorities CHECK ((kind = 'local_authority') = (level IS NOT NULL))
);
-- One organisation per SIRET (ProConnect attaches users through it).
CREATE UNIQUE INDEX organisations_siret_key ON organisations (siret) WHERE siret IS NOT NULL;
-- Official codes (INSEE, SIREN of EPCI, I-Milo id) are unique within a kind and level.
CREATE UNIQUE INDEX organisations_code_key ON organisations (kind, coalesce(level, ''), code) WHERE code IS NOT NULL;
CREATE INDEX organisations_name_trgm ON organisations USING gin (f_unaccent(lower(name)) gin_trgm_ops);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  password_hash text,
  -- network_admin: national staff of UNML or CUF (network says which); platform_admin: runs the platform.
  global_role text CHECK (global_role IN ('network_admin', 'platform_admin')),
  network text CHECK (network IN ('unml', 'cuf')),
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  proconnect_sub text,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  disabled_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_network_admin_has_network CHECK (global_role IS DISTINCT FROM 'network_admin' OR network IS NOT NULL)
);
-- One account per e-mail address.
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX users_proconnect_sub_key ON users (proconnect_sub) WHERE proconnect_sub IS NOT NULL;

CREATE TABLE memberships (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX memberships_organisation_idx ON memberships (organisation_id);

-- Sessions: the cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  absolute_expires_at timestamptz NOT NULL,
  user_agent text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Single-use e-mail links (password reset, invitation, e-mail sign-in); only the hash is stored.
CREATE TABLE email_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  purpose text NOT NULL CHECK (purpose IN ('password_reset', 'invitation', 'email_sign_in')),
  token_hash text NOT NULL UNIQUE,
  email text NOT NULL,
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
  role text CHECK (role IN ('member', 'admin')),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Personal API tokens: shown once, stored hashed, revocable.
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('read', 'write')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Fixed-window counters for rate limiting (sign-in, reset requests), shared by all instances.
CREATE TABLE rate_limits (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (key, window_start)
);

-- Audit log: who, when, what (before/after). Append-only: the trigger below refuses any
-- UPDATE or DELETE, and no code path issues one.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  organisation_id uuid,
  before jsonb,
  after jsonb,
  request_id text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Durable job queue, claimed with FOR UPDATE SKIP LOCKED (ADR 0003).
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
  last_error text,
  locked_at timestamptz,
  locked_by text,
  dedupe_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_ready_idx ON jobs (run_at) WHERE status = 'pending';
-- A recurring or idempotent job is enqueued once per key while it is not finished.
CREATE UNIQUE INDEX jobs_dedupe_key ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'running');

CREATE TABLE schedules (
  name text PRIMARY KEY,
  interval_seconds integer NOT NULL CHECK (interval_seconds > 0),
  next_run_at timestamptz NOT NULL,
  last_run_at timestamptz
);

-- Every e-mail the platform sends, kept for admins (embedded mode: this is the outbox).
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text,
  category text NOT NULL DEFAULT 'transactional',
  transport text NOT NULL CHECK (transport IN ('outbox', 'smtp')),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'kept', 'failed')),
  job_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC);
