-- Territory: the official geography (COG, from @etalab/decoupage-administratif), where
-- organisations sit, and which communes each organisation's territory covers.
-- Forward-only. Filled and refreshed by `passerelle import geography` (one transaction).

-- Régions and départements as geographic divisions (COG), including those that have no
-- council of their own (Corse, Paris, Martinique…): the authorities are organisations.
CREATE TABLE regions (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2,3}$'),
  name text NOT NULL,
  -- INSEE "type de nom en clair" (article/charnière), zone metro | drom | com, prefecture commune.
  type_liaison integer,
  zone text,
  chef_lieu text
);

CREATE TABLE departements (
  code text PRIMARY KEY CHECK (code ~ '^([0-9]{2}|2A|2B|9[0-9]{2})$'),
  name text NOT NULL,
  region_code text NOT NULL REFERENCES regions (code),
  type_liaison integer,
  zone text,
  chef_lieu text
);

-- EPCI à fiscalité propre (CC, CA, CU, METRO and the Métropole de Lyon, nature MET69).
CREATE TABLE epci (
  siren text PRIMARY KEY CHECK (siren ~ '^[0-9]{9}$'),
  name text NOT NULL,
  nature text NOT NULL,
  population integer
);

-- Current communes only (COG type commune-actuelle). A commune belongs to at most one EPCI.
CREATE TABLE communes (
  insee text PRIMARY KEY CHECK (insee ~ '^[0-9][0-9AB][0-9]{3}$'),
  name text NOT NULL,
  departement_code text NOT NULL REFERENCES departements (code),
  region_code text NOT NULL REFERENCES regions (code),
  epci_siren text REFERENCES epci (siren),
  population integer,
  zone text,
  siren text,
  postal_codes text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX communes_epci_idx ON communes (epci_siren);
CREATE INDEX communes_departement_idx ON communes (departement_code);
-- Autocomplete by name prefix, accents and case ignored.
CREATE INDEX communes_name_prefix_idx ON communes (f_unaccent(lower(name)) text_pattern_ops);
CREATE INDEX communes_name_trgm ON communes USING gin (f_unaccent(lower(name)) gin_trgm_ops);

-- Codes that no longer name a current commune (merged communes, municipal arrondissements
-- of Paris, Lyon and Marseille) → the current commune. A former code is never a current one.
CREATE TABLE commune_former_codes (
  former_insee text PRIMARY KEY CHECK (former_insee ~ '^[0-9][0-9AB][0-9]{3}$'),
  insee text NOT NULL REFERENCES communes (insee) ON DELETE CASCADE,
  kind text NOT NULL DEFAULT 'ancien_code' CHECK (kind IN ('ancien_code', 'arrondissement_municipal'))
);
CREATE INDEX commune_former_codes_insee_idx ON commune_former_codes (insee);

-- New authority levels: the three provinces of New Caledonia (collectivités territoriales of
-- the Republic, LO 99-209) and the établissements publics territoriaux of the Grand Paris.
ALTER TABLE organisations DROP CONSTRAINT IF EXISTS organisations_level_check;
ALTER TABLE organisations ADD CONSTRAINT organisations_level_check CHECK (level IN (
  'commune', 'epci', 'departement', 'region', 'collectivite_unique', 'collectivite_statut_particulier',
  'metropole_statut_particulier', 'collectivite_outre_mer', 'province', 'ept'));

-- Where an organisation sits: its seat commune, and its département / région (for an
-- authority: its own where it has one). Plain codes, not foreign keys: organisations may
-- exist before the geography is imported.
ALTER TABLE organisations
  ADD COLUMN seat_insee text,
  ADD COLUMN departement_code text,
  ADD COLUMN region_code text,
  -- SIREN of the legal person (authorities: from COG), for matching ProConnect SIRETs.
  ADD COLUMN siren text CHECK (siren IS NULL OR siren ~ '^[0-9]{9}$'),
  -- Which import manages the row: 'cog' (geography), 'imilo' | 'annuaire' | 'csv' (Missions
  -- Locales), 'reference' (networks and regional associations). NULL: created by hand.
  ADD COLUMN source text,
  -- Postal address as one text (imports).
  ADD COLUMN address text;
CREATE INDEX organisations_seat_idx ON organisations (seat_insee);
CREATE INDEX organisations_departement_idx ON organisations (departement_code);
CREATE INDEX organisations_region_idx ON organisations (region_code);
CREATE INDEX organisations_kind_level_idx ON organisations (kind, level);

-- The territory of every organisation that has one, as communes. 'declared': known from an
-- official or stated source (authorities, Annuaire de l'administration, the ML's admins);
-- 'approximate': inferred (a Mission Locale without known communes → its seat's EPCI).
CREATE TABLE organisation_communes (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  commune_insee text NOT NULL REFERENCES communes (insee) ON UPDATE CASCADE,
  coverage text NOT NULL CHECK (coverage IN ('declared', 'approximate')),
  PRIMARY KEY (organisation_id, commune_insee)
);
CREATE INDEX organisation_communes_commune_idx ON organisation_communes (commune_insee);
