-- Joint communication (issue 13; convention art. 3: "communication conjointe dans les
-- canaux de chaque réseau"). Forward-only. Depends on 0001.

-- A news item about joint activities or results, drafted by either network's staff.
-- Invariant: published only when UNML and CUF both approved the same version (same content
-- hash), like agreement amendments; see src/modules/communication/domain/approval.ts.
CREATE TABLE news_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  drafted_by_network text NOT NULL CHECK (drafted_by_network IN ('unml', 'cuf')),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  -- The hash of the version both networks approved: what the public sees cannot drift.
  published_hash text,
  is_demo boolean NOT NULL DEFAULT false,
  CONSTRAINT news_items_published CHECK ((status = 'published') = (published_at IS NOT NULL AND published_hash IS NOT NULL))
);
CREATE INDEX news_items_published_idx ON news_items (published_at DESC) WHERE status = 'published';

-- Each edit is a new version; versions are never changed (their hash is what is approved).
CREATE TABLE news_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  news_id uuid NOT NULL REFERENCES news_items (id) ON DELETE CASCADE,
  number int NOT NULL CHECK (number >= 1),
  title text NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 200),
  -- The ready-to-paste text for newsletters and websites.
  body text NOT NULL CHECK (length(trim(body)) > 0 AND length(body) <= 20000),
  -- The short version for social networks (its character count is shown; 280 at most).
  social_text text NOT NULL CHECK (length(trim(social_text)) > 0 AND length(social_text) <= 280),
  image_alt text NOT NULL DEFAULT '' CHECK (length(image_alt) <= 500),
  link text CHECK (link IS NULL OR link ~ '^https?://'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  proposed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  proposed_by_name text NOT NULL,
  proposed_by_network text NOT NULL CHECK (proposed_by_network IN ('unml', 'cuf')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (news_id, number)
);

-- A network's approval of one version, named by its hash. One per network and version.
CREATE TABLE news_approvals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  news_id uuid NOT NULL REFERENCES news_items (id) ON DELETE CASCADE,
  version_id uuid NOT NULL REFERENCES news_versions (id) ON DELETE CASCADE,
  network text NOT NULL CHECK (network IN ('unml', 'cuf')),
  hash text NOT NULL,
  approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  approved_by_name text NOT NULL,
  approved_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (version_id, network)
);
