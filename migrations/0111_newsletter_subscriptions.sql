-- Newsletters of the joint communication (issue 13, convention art. 3). Forward-only.
-- A list is named by a key: 'national', 'region:<INSEE code>' or 'theme:<theme code>'
-- (checked against regions/themes when subscribing, so lists follow the reference data).

-- Invariant: an address receives a list only after it confirmed (double opt-in): status moves
-- pending → active by the confirmation link, active → unsubscribed by the per-list
-- one-click unsubscribe (RFC 8058), and never back without a new confirmation.
CREATE TABLE newsletter_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  list_key text NOT NULL CHECK (list_key ~ '^(national|region:[0-9]{2,3}|theme:[a-z_]+)$'),
  email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'unsubscribed')),
  -- SHA-256 of the confirmation token sent by e-mail (the token itself is never stored).
  confirm_token_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  unsubscribed_at timestamptz,
  UNIQUE (list_key, email),
  CONSTRAINT newsletter_subscriptions_confirmed CHECK (status <> 'active' OR confirmed_at IS NOT NULL)
);
CREATE INDEX newsletter_subscriptions_token_idx ON newsletter_subscriptions (confirm_token_hash);
CREATE INDEX newsletter_subscriptions_list_idx ON newsletter_subscriptions (list_key) WHERE status = 'active';
