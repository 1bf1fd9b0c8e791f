-- Saved searches of the funding catalogue with e-mail alerts (issue 5): new calls, and calls
-- closing within 7 days. Each (search, call, kind) is alerted once. Forward-only; depends on 0040.
CREATE TABLE funding_saved_searches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  q text NOT NULL DEFAULT '',
  project_kind text CHECK (project_kind IN ('youth_mobility', 'ecsi', 'staff_mobility', 'reciprocal_hosting')),
  applicant_type text CHECK (applicant_type IN ('local_authority', 'authority_grouping', 'association', 'mission_locale', 'public_body')),
  -- Secret of the unsubscribe link in the alert e-mails (hex, 32 bytes).
  unsubscribe_token text NOT NULL UNIQUE CHECK (unsubscribe_token ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_saved_searches_user_idx ON funding_saved_searches (user_id);

CREATE TABLE funding_alerts_sent (
  search_id uuid NOT NULL REFERENCES funding_saved_searches (id) ON DELETE CASCADE,
  call_id uuid NOT NULL REFERENCES funding_calls (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('new', 'closing')),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (search_id, call_id, kind)
);
