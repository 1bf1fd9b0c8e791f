-- Conventions (agreements): parties, versions of the text, approvals/signatures of a
-- specific version, the append-only history the state is computed from, annual meetings
-- (art. 4) and the reminders already sent. Forward-only.

CREATE TABLE agreements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(trim(title)) > 0),
  kind text NOT NULL CHECK (kind IN ('national_partnership', 'local_partnership', 'project_agreement')),
  summary text,
  -- Art. 5 : 3 years by default; 1 month's notice; art. 7 : 15 days after a formal notice.
  term_years integer NOT NULL DEFAULT 3 CHECK (term_years BETWEEN 1 AND 99),
  withdrawal_notice_months integer NOT NULL DEFAULT 1 CHECK (withdrawal_notice_months BETWEEN 0 AND 36),
  formal_notice_days integer NOT NULL DEFAULT 15 CHECK (formal_notice_days BETWEEN 0 AND 365),
  signed_at_place text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Two or more parties (checked by the operations, which insert them in one transaction).
CREATE TABLE agreement_parties (
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  position integer NOT NULL,
  PRIMARY KEY (agreement_id, organisation_id),
  UNIQUE (agreement_id, position)
);
CREATE INDEX agreement_parties_organisation_idx ON agreement_parties (organisation_id);

-- Versions of the text: Markdown written on the platform or an uploaded PDF, identified
-- by the SHA-256 of their content. A version is never changed once written (trigger).
CREATE TABLE agreement_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  format text NOT NULL CHECK (format IN ('markdown', 'pdf')),
  body_text text,
  body_file bytea,
  file_name text,
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  note text,
  proposed_by_organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  proposed_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  proposed_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Markdown has text and no file; a PDF has a file and no text.
  CONSTRAINT agreement_versions_body CHECK ((format = 'markdown') = (body_text IS NOT NULL AND body_file IS NULL)),
  CONSTRAINT agreement_versions_pdf CHECK (format <> 'pdf' OR body_file IS NOT NULL),
  UNIQUE (agreement_id, number),
  -- A hash names exactly one version of an agreement: approving a hash is unambiguous.
  UNIQUE (agreement_id, hash)
);

-- Each party approves or signs a specific version, once.
CREATE TABLE agreement_approvals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  version_id uuid NOT NULL REFERENCES agreement_versions (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  signer_name text NOT NULL CHECK (length(trim(signer_name)) > 0),
  signer_role text NOT NULL CHECK (length(trim(signer_role)) > 0),
  signed_on date NOT NULL,
  signed_at_place text,
  -- How: accepted on the platform, or an uploaded scan of the signed paper copy.
  method text NOT NULL CHECK (method IN ('platform_acceptance', 'signed_scan')),
  scan_file bytea,
  scan_file_name text,
  scan_hash text,
  recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  -- True when a platform admin recorded the signature from a signed paper copy.
  recorded_by_platform_admin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (version_id, organisation_id),
  CONSTRAINT agreement_approvals_scan CHECK (method <> 'signed_scan' OR scan_file IS NOT NULL OR recorded_by_platform_admin)
);
CREATE INDEX agreement_approvals_agreement_idx ON agreement_approvals (agreement_id);

-- The history: every event of the lifecycle, with its calendar date (on_date) and its order
-- (seq). The state on any date is computed from it (domain/lifecycle.ts). Append-only.
CREATE TABLE agreement_events (
  id bigserial PRIMARY KEY,
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq >= 1),
  type text NOT NULL CHECK (type IN ('created', 'version_proposed', 'approved', 'withdrawal_notified',
    'formal_notice_sent', 'formal_notice_remedied', 'termination_requested', 'automatic_termination',
    'dispute_opened', 'dispute_advanced', 'meeting_recorded', 'roadmap_event')),
  on_date date NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_user_id uuid,
  actor_label text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agreement_id, seq)
);

CREATE FUNCTION agreement_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END $$;
CREATE TRIGGER agreement_events_no_update BEFORE UPDATE OR DELETE ON agreement_events
  FOR EACH ROW WHEN (pg_trigger_depth() = 0 AND current_setting('passerelle.allow_cascade', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION agreement_history_append_only();
CREATE TRIGGER agreement_versions_no_update BEFORE UPDATE ON agreement_versions
  FOR EACH ROW EXECUTE FUNCTION agreement_history_append_only();

-- Art. 4 : the parties meet at least once a year (validate the roadmap, review the year).
CREATE TABLE agreement_meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  held_on date NOT NULL,
  attendees text NOT NULL DEFAULT '',
  minutes text NOT NULL DEFAULT '',
  decisions text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agreement_meetings_agreement_idx ON agreement_meetings (agreement_id, held_on DESC);

-- Reminders sent: one row per agreement, kind and due date, so a reminder goes out once.
CREATE TABLE agreement_reminders (
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('expiry_90', 'expiry_30', 'withdrawal_effective', 'roadmap_due', 'annual_meeting_due')),
  due_on date NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, kind, due_on)
);
