-- Rapprochement (issue 4): connection requests between organisations, single-use answer
-- links, in-app notifications, e-mail preferences and opt-outs, weekly opportunity digests.
-- Forward-only. Depends on 0001 (organisations, users) and 0011 (themes).

-- A request from one organisation to another (convention art. 3: "faciliter la mise en
-- lien et la prise de contact"). Lifecycle in src/modules/connections/domain/lifecycle.ts:
-- pending → accepted | declined | expired.
CREATE TABLE connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  requester_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  receiver_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
  requested_by_name text NOT NULL,
  requested_by_email text NOT NULL,
  message text NOT NULL CHECK (length(trim(message)) > 0),
  -- Optional project idea: one of the convention's three kinds (art. 1), countries, themes.
  project_kind text CHECK (project_kind IN ('youth_mobility', 'ecsi', 'staff_mobility')),
  project_countries text[] NOT NULL DEFAULT '{}',
  project_themes text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'expired')),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- 30 days after the request; the hourly sweep expires it then.
  expires_at timestamptz NOT NULL,
  reminded_at timestamptz,
  answered_at timestamptz,
  answered_by uuid REFERENCES users (id) ON DELETE SET NULL,
  answered_by_name text,
  answered_by_email text,
  decline_reason text,
  -- An organisation does not ask itself.
  CONSTRAINT connections_not_self CHECK (requester_id <> receiver_id),
  -- An answered request says when; a declined one says why.
  CONSTRAINT connections_answered CHECK ((status IN ('accepted', 'declined')) = (answered_at IS NOT NULL)),
  CONSTRAINT connections_decline_reason CHECK (status <> 'declined' OR length(trim(coalesce(decline_reason, ''))) > 0)
);
-- At most one open request between two organisations, whichever asked.
CREATE UNIQUE INDEX connections_one_open_pair ON connections
  (least(requester_id, receiver_id), greatest(requester_id, receiver_id)) WHERE status = 'pending';
CREATE INDEX connections_requester_idx ON connections (requester_id, created_at DESC);
CREATE INDEX connections_receiver_idx ON connections (receiver_id, created_at DESC);
CREATE INDEX connections_pending_idx ON connections (created_at) WHERE status = 'pending';

-- What happened to a request, in order (both sides read it; the audit log has the same).
CREATE TABLE connection_events (
  id bigserial PRIMARY KEY,
  connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('requested', 'reminded', 'accepted', 'declined', 'expired')),
  actor_label text NOT NULL,
  note text
);
CREATE INDEX connection_events_connection_idx ON connection_events (connection_id, at, id);

-- Single-use links to answer a request from the e-mail, without an account. Only the
-- SHA-256 of the token is stored; a link dies when used, when it expires, or when the
-- request is no longer pending.
CREATE TABLE connection_answer_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  email text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX connection_answer_tokens_connection_idx ON connection_answer_tokens (connection_id);

-- In-app notifications. The header shows the unread count: one indexed COUNT per page.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text,
  url text,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- E-mail preferences per user; no row = the defaults (both on).
CREATE TABLE notification_preferences (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  connection_emails boolean NOT NULL DEFAULT true,
  digest_emails boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Addresses without an account that unsubscribed (one-click link in a non-transactional mail).
CREATE TABLE email_optouts (
  email text NOT NULL CHECK (email = lower(email)),
  category text NOT NULL CHECK (category IN ('connections', 'digest')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (email, category)
);

-- Weekly digests already sent: one per user and ISO week (idempotent whatever the runs).
CREATE TABLE opportunity_digests (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  week text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
  items integer NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, week)
);

-- When an organisation became engaged or open to partnership, as the digest sees it:
-- recorded by the weekly scan the first time it sees the organisation so (the directory
-- does not keep that date itself).
CREATE TABLE opportunity_signals (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  engaged boolean NOT NULL,
  open_to_partnership boolean NOT NULL,
  first_seen_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL
);
CREATE INDEX opportunity_signals_changed_idx ON opportunity_signals (changed_at);
