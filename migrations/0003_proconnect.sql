-- ProConnect (ADR 0005): requests to join an organisation, made by people who signed in
-- with ProConnect and whose SIRET matched no organisation of Passerelle. A request grants
-- nothing by itself: an admin of the organisation or a network admin accepts or refuses it.
-- (Pending sign-ins — state, nonce, PKCE verifier — live in a sealed short-lived cookie,
-- not in the database; users.proconnect_sub and sessions.data already exist in 0001.)
CREATE TABLE proconnect_membership_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  -- What ProConnect said about the person's organisation, for the admin who decides.
  siret text CHECK (siret IS NULL OR siret ~ '^[0-9]{14}$'),
  organization_label text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'refused')),
  decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A request is decided exactly when it is no longer pending.
  CONSTRAINT proconnect_membership_requests_decision CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- At most one pending request per person and organisation.
CREATE UNIQUE INDEX proconnect_membership_requests_pending_key
  ON proconnect_membership_requests (user_id, organisation_id) WHERE status = 'pending';
CREATE INDEX proconnect_membership_requests_org_idx
  ON proconnect_membership_requests (organisation_id) WHERE status = 'pending';
