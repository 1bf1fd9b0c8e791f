-- No request is lost (issue 9 §3; convention art. 3: each network informs of local
-- opportunities and facilitates connections and first contacts). Forward-only.
-- Depends on 0001 (organisations, users, email_tokens) and 0030 (connections).

-- Who a connection request reached, one row per (request, kind, organisation, address):
--   member          the receiving organisation's members (organisation_id = the receiver);
--   network_staff   the network that supports the receiver under the convention, when the
--                   receiver has no member: CUF national staff for a local authority, UNML
--                   (and the regional association of the Missions Locales when known) for a
--                   Mission Locale (organisation_id = the network's organisation);
--   invited_contact an address of the receiver reached by e-mail with a personal answer link:
--                   its public address from the directory, a contact a network forwarded the
--                   request to, or a person invited to join it (organisation_id = the receiver).
-- An open request always has at least one row (written in the request's transaction; the
-- hourly sweep relays older requests that have none).
CREATE TABLE connection_deliveries (
  id bigserial PRIMARY KEY,
  connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('member', 'network_staff', 'invited_contact')),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  -- How: members notified; directory address; relayed to a network; forwarded; invitation.
  via text NOT NULL CHECK (via IN ('members', 'directory', 'relay', 'forward', 'invitation')),
  -- The address reached (invited_contact only): never shown to the requester before acceptance.
  email text CHECK (email IS NULL OR (email = lower(email) AND position('@' in email) > 1)),
  -- The auth module's invitation to join the receiver (via = 'invitation').
  invitation_id uuid REFERENCES email_tokens (id) ON DELETE SET NULL,
  -- How many people were notified (members or staff) at the time.
  recipients integer NOT NULL DEFAULT 0 CHECK (recipients >= 0),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  -- An address belongs to invited contacts only; an invitation is a delivery by invitation.
  CONSTRAINT connection_deliveries_email CHECK ((kind = 'invited_contact') = (email IS NOT NULL)),
  CONSTRAINT connection_deliveries_invitation CHECK (invitation_id IS NULL OR via = 'invitation')
);
-- The same address (or the same staff/members) is recorded once per request.
CREATE UNIQUE INDEX connection_deliveries_once ON connection_deliveries
  (connection_id, kind, organisation_id, coalesce(email, ''));
-- Network staff list their relays: by network organisation.
CREATE INDEX connection_deliveries_staff_idx ON connection_deliveries (organisation_id, connection_id)
  WHERE kind = 'network_staff';

-- The request's history also says when it was relayed, forwarded or an invitation was sent.
ALTER TABLE connection_events DROP CONSTRAINT connection_events_kind_check;
ALTER TABLE connection_events ADD CONSTRAINT connection_events_kind_check
  CHECK (kind IN ('requested', 'reminded', 'accepted', 'declined', 'expired', 'relayed', 'forwarded', 'invited'));
