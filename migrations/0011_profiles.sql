-- Organisation profiles and international engagement (issue 3, "Profiles and international
-- engagement"). Forward-only. Depends only on 0001 (organisations, audit_log).

-- Profile fields on every organisation. description, website and email already exist (0001).
ALTER TABLE organisations
  -- Foreign partners: ISO 3166-1 alpha-2 country (upper case), city, type of body.
  ADD COLUMN country text CHECK (country IS NULL OR country ~ '^[A-Z]{2}$'),
  ADD COLUMN city text,
  ADD COLUMN partner_type text CHECK (partner_type IS NULL OR partner_type IN
    ('municipality', 'intermediate_authority', 'region', 'state_agency', 'association', 'other')),
  -- "Ouvert aux partenariats" and what the organisation looks for.
  ADD COLUMN open_to_partnership boolean NOT NULL DEFAULT false,
  ADD COLUMN partnership_wanted text,
  -- When an admin last confirmed the profile; the 12-month reminder reads it.
  ADD COLUMN last_verified_on date,
  -- Membership of Cités Unies France is recorded on local authorities only.
  ADD COLUMN cuf_member boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT organisations_cuf_member_only_authorities CHECK (NOT cuf_member OR kind = 'local_authority'),
  ADD CONSTRAINT organisations_partner_type_only_foreign CHECK (partner_type IS NULL OR kind = 'foreign_partner');

CREATE INDEX organisations_open_idx ON organisations (open_to_partnership) WHERE open_to_partnership;
CREATE INDEX organisations_kind_name_idx ON organisations (kind, level, name);
CREATE INDEX organisations_name_idx ON organisations (name);

-- Contacts of an organisation, each with a sharing level:
--   public       = everyone, signed in or not;
--   partners     = any signed-in user;
--   confidential = members of the organisation and network admins.
-- Contacts are personal data: never in the open-data export.
CREATE TABLE organisation_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(trim(name)) > 0),
  role_title text,
  email text CHECK (email IS NULL OR position('@' in email) > 1),
  phone text,
  sharing_level text NOT NULL DEFAULT 'partners' CHECK (sharing_level IN ('public', 'partners', 'confidential')),
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisation_contacts_org_idx ON organisation_contacts (organisation_id, position);

-- Partner countries (ISO 3166-1 alpha-2; French names come from i18n-iso-countries).
CREATE TABLE organisation_countries (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  PRIMARY KEY (organisation_id, country)
);
CREATE INDEX organisation_countries_country_idx ON organisation_countries (country);

-- Country groups and dynamics of Cités Unies France.
-- [U] No complete official list was found: these are the groups seen on CUF's public news
-- pages between 2021 and 2026, as summarised in the project's domain reference
-- (REFERENCE.md §1, sources cites-unies-france.org and cooperation-decentralisee.com).
-- Check with CUF before relying on it; admins may add groups later.
CREATE TABLE country_groups (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]+$'),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('groupe_pays', 'dynamique')),
  source_url text,
  uncertain boolean NOT NULL DEFAULT true
);
INSERT INTO country_groups (code, name, kind, source_url) VALUES
  ('algerie', 'Algérie', 'groupe_pays', 'https://cooperation-decentralisee.com/-Actualites-'),
  ('maroc', 'Maroc', 'groupe_pays', 'https://cites-unies-france.org/+-Actualite-+'),
  ('mauritanie', 'Mauritanie', 'groupe_pays', 'https://cooperation-decentralisee.com/-Actualites-'),
  ('senegal', 'Sénégal', 'groupe_pays', 'http://www.cooperation-decentralisee.com/-Actualites-'),
  ('japon', 'Japon', 'groupe_pays', 'https://cites-unies-france.org/+-Actualite-+'),
  ('palestine', 'Palestine', 'groupe_pays', 'https://cites-unies-france.org/+-Actualite-+'),
  ('haiti', 'Haïti', 'groupe_pays', 'https://cites-unies-france.org/+-Actualite-+'),
  ('chine', 'Chine', 'groupe_pays', 'http://www.cooperation-decentralisee.com/-Actualites-'),
  ('etats_unis', 'États-Unis', 'groupe_pays', 'http://www.cooperation-decentralisee.com/-Actualites-'),
  ('amerique_latine_caraibes', 'Dynamique Amérique latine et Caraïbes', 'dynamique', 'http://www.cooperation-decentralisee.com/-Actualites-');

CREATE TABLE organisation_country_groups (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  group_code text NOT NULL REFERENCES country_groups (code),
  PRIMARY KEY (organisation_id, group_code)
);
CREATE INDEX organisation_country_groups_group_idx ON organisation_country_groups (group_code);

-- Themes of international engagement: the three project kinds of the convention (art. 1)
-- and the thematic work of CUF (REFERENCE.md §1: crises and rehabilitation, the
-- "Monde & Europe" network, youth, economic development; the 2026 thematic waves: gender,
-- climate, development).
CREATE TABLE themes (
  code text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  name text NOT NULL,
  source text NOT NULL CHECK (source IN ('convention', 'cuf')),
  position integer NOT NULL
);
INSERT INTO themes (code, name, source, position) VALUES
  ('youth_mobility', 'Mobilité internationale des jeunes', 'convention', 1),
  ('ecsi', 'Éducation à la citoyenneté et à la solidarité internationale (ECSI)', 'convention', 2),
  ('staff_mobility', 'Mobilité des professionnels de l’insertion', 'convention', 3),
  ('youth', 'Jeunesse', 'cuf', 4),
  ('crises_rehabilitation', 'Crises et réhabilitation', 'cuf', 5),
  ('europe_world', 'Europe et monde', 'cuf', 6),
  ('economic_development', 'Développement économique international', 'cuf', 7),
  ('development', 'Développement', 'cuf', 8),
  ('climate', 'Climat', 'cuf', 9),
  ('gender', 'Égalité femmes-hommes', 'cuf', 10);

CREATE TABLE organisation_themes (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  theme_code text NOT NULL REFERENCES themes (code),
  PRIMARY KEY (organisation_id, theme_code)
);
CREATE INDEX organisation_themes_theme_idx ON organisation_themes (theme_code);

-- Partner authorities abroad: links from a French organisation to a foreign partner
-- (itself an organisation of kind foreign_partner, with its country, city and type).
CREATE TABLE organisation_partners (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  since_year integer CHECK (since_year IS NULL OR since_year BETWEEN 1900 AND 2100),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, partner_id),
  -- An organisation is not its own partner.
  CONSTRAINT organisation_partners_not_self CHECK (organisation_id <> partner_id)
);
CREATE INDEX organisation_partners_partner_idx ON organisation_partners (partner_id);

-- The partner side of the link is always a foreign partner.
CREATE FUNCTION organisation_partners_foreign_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT kind FROM organisations WHERE id = NEW.partner_id) IS DISTINCT FROM 'foreign_partner' THEN
    RAISE EXCEPTION 'partner % is not a foreign partner', NEW.partner_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER organisation_partners_foreign_only BEFORE INSERT OR UPDATE ON organisation_partners
  FOR EACH ROW EXECUTE FUNCTION organisation_partners_foreign_only();

-- Verification reminders already sent: one per organisation and month (idempotency of the
-- daily schedule, whatever the number of instances or runs).
CREATE TABLE profile_reminders (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  sent_at timestamptz NOT NULL DEFAULT now(),
  recipients integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, month)
);

-- The profile history is read from the audit log by organisation.
CREATE INDEX audit_log_organisation_idx ON audit_log (organisation_id, at DESC) WHERE organisation_id IS NOT NULL;
