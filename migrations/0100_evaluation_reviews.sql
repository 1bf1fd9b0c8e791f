-- Annual review (bilan) of an agreement (issue 12; convention art. 4 : « un bilan … sur la base
-- des indications qui seront définies »). Forward-only. Depends on 0020 (agreements).

-- One review per agreement and convention year. Drafted from the platform's data; once every
-- party approved the same content hash it is frozen: `frozen_content` keeps exactly what was
-- approved and `frozen_hash` its SHA-256, and nothing changes it afterwards.
CREATE TABLE evaluation_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1 AND 99),
  frozen_content jsonb,
  frozen_hash text CHECK (frozen_hash ~ '^[0-9a-f]{64}$'),
  frozen_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One review per agreement and year.
  UNIQUE (agreement_id, year),
  -- Frozen means content, hash and date together.
  CONSTRAINT evaluation_reviews_frozen CHECK ((frozen_content IS NULL) = (frozen_hash IS NULL) AND (frozen_hash IS NULL) = (frozen_on IS NULL))
);

-- Each party's section (highlights, its own account of the year), edited by that party only.
CREATE TABLE evaluation_review_sections (
  review_id uuid NOT NULL REFERENCES evaluation_reviews (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  body text NOT NULL CHECK (length(body) <= 20000),
  updated_by_label text NOT NULL,
  updated_at timestamptz NOT NULL,
  -- One section per party.
  PRIMARY KEY (review_id, organisation_id)
);

-- Approvals of an exact content (hash), like an amendment; kept even when the text changes after.
CREATE TABLE evaluation_review_approvals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  review_id uuid NOT NULL REFERENCES evaluation_reviews (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  approved_on date NOT NULL,
  approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  approved_by_label text NOT NULL,
  -- A party approves a given content once.
  UNIQUE (review_id, organisation_id, hash)
);
