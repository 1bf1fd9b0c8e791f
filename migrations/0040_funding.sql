-- Financements (issue 5): the catalogue of funding programmes and volunteering schemes that
-- joint projects can call on (convention art. 3: "orienter vers les financements existants"),
-- their calls, and suggestions from any signed-in user moderated by network admins.
-- Forward-only. Depends on 0001 (users).

-- A programme. `slug` is the id of the open-data catalogue entry it was seeded from (null
-- for programmes typed by a network admin). Figures are those of `facts_year`; `sources`
-- keeps every page they came from.
CREATE TABLE funding_programmes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text UNIQUE,
  name text NOT NULL CHECK (length(trim(name)) > 0),
  funder text NOT NULL CHECK (length(trim(funder)) > 0),
  summary text NOT NULL DEFAULT '',
  -- Who may apply: local_authority, authority_grouping, association, mission_locale, public_body.
  applicant_types text[] NOT NULL DEFAULT '{}'
    CHECK (applicant_types <@ ARRAY['local_authority', 'authority_grouping', 'association', 'mission_locale', 'public_body']::text[]),
  -- The convention's project kinds (art. 2) the programme pays for.
  project_kinds text[] NOT NULL DEFAULT '{}'
    CHECK (project_kinds <@ ARRAY['youth_mobility', 'ecsi', 'staff_mobility', 'reciprocal_hosting']::text[]),
  -- Where partners may be: 'world', 'oda' (countries eligible to official development
  -- assistance), 'eu' (EU and associated countries), 'eu_neighbours', or ISO alpha-2 codes.
  zones text[] NOT NULL DEFAULT '{}',
  -- Amount range in euros (per project); either end may be unknown, never negative, in order.
  amount_min numeric(14, 2) CHECK (amount_min >= 0),
  amount_max numeric(14, 2) CHECK (amount_max >= 0),
  -- Highest share of the budget the programme pays, in percent.
  cofunding_max_percent numeric(5, 2) CHECK (cofunding_max_percent > 0 AND cofunding_max_percent <= 100),
  recurrence text NOT NULL DEFAULT '',
  official_url text,
  facts_year text NOT NULL DEFAULT '',
  sources text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT funding_programmes_amounts_in_order CHECK (amount_min IS NULL OR amount_max IS NULL OR amount_min <= amount_max)
);

-- A call for applications of a programme; open from opens_on to closes_on inclusive.
CREATE TABLE funding_calls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL REFERENCES funding_programmes (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  opens_on date NOT NULL,
  closes_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT funding_calls_dates_in_order CHECK (opens_on <= closes_on)
);
CREATE INDEX funding_calls_programme_idx ON funding_calls (programme_id, closes_on DESC);

-- A suggestion: a new programme (programme_id null) or a correction of one. Network admins
-- accept (the change is applied and audited) or reject (with a reason).
CREATE TABLE funding_suggestions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id uuid REFERENCES funding_programmes (id) ON DELETE CASCADE,
  suggested_by uuid REFERENCES users (id) ON DELETE SET NULL,
  suggested_by_name text NOT NULL,
  name text NOT NULL DEFAULT '',
  funder text NOT NULL DEFAULT '',
  official_url text,
  message text NOT NULL CHECK (length(trim(message)) > 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_at timestamptz,
  reject_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A new programme names itself; a decision says when; a rejection says why.
  CONSTRAINT funding_suggestions_new_named CHECK (programme_id IS NOT NULL OR (length(trim(name)) > 0 AND length(trim(funder)) > 0)),
  CONSTRAINT funding_suggestions_decided CHECK ((status = 'pending') = (decided_at IS NULL)),
  CONSTRAINT funding_suggestions_reject_reason CHECK (status <> 'rejected' OR length(trim(coalesce(reject_reason, ''))) > 0)
);
CREATE INDEX funding_suggestions_pending_idx ON funding_suggestions (created_at) WHERE status = 'pending';
