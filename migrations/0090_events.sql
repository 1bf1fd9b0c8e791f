-- Events and webinars (issue 13; convention art. 3: "établir des temps d'échanges avec
-- chaque réseau via la participation à des événements, rencontres et réunions, ainsi que
-- par l'organisation de webinaires" and "présentations des activités de chaque partie lors
-- d'événements organisés par l'UNML ou CUF"). Forward-only. Depends on 0001 (organisations,
-- users), 0010 (regions) and 0021 (roadmap_actions).

-- An event published by an organisation (UNML, CUF, a regional association, a Mission
-- Locale or an authority). Lifecycle in src/modules/events/domain/lifecycle.ts:
-- scheduled → held | cancelled.
CREATE TABLE events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 200),
  kind text NOT NULL CHECK (kind IN ('webinaire', 'rencontre', 'reunion', 'formation', 'presentation_croisee')),
  description text NOT NULL DEFAULT '',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- The organiser's IANA zone (Europe/Paris by default, overseas zones where the organiser is).
  time_zone text NOT NULL DEFAULT 'Europe/Paris',
  place text,
  -- Sent to registered people only: never shown on public pages or feeds.
  video_url text,
  audience text NOT NULL CHECK (audience IN ('both', 'unml', 'cuf', 'region')),
  region_code text CHECK (region_code IS NULL OR region_code ~ '^[0-9]{2,3}$'),
  capacity integer CHECK (capacity IS NULL OR capacity > 0),
  themes text[] NOT NULL DEFAULT '{}',
  speakers text[] NOT NULL DEFAULT '{}',
  roadmap_action_id uuid REFERENCES roadmap_actions (id) ON DELETE SET NULL,
  organiser_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
  -- iCalendar SEQUENCE: raised on every change sent to the registered people (RFC 5545).
  sequence integer NOT NULL DEFAULT 0 CHECK (sequence >= 0),
  -- After the event.
  summary text NOT NULL DEFAULT '',
  slides_url text,
  replay_url text,
  -- Art. 3 : a "présentation croisée" is one network presenting its activities at the
  -- other's event; both are named, and they differ.
  host_network text CHECK (host_network IN ('unml', 'cuf')),
  presenting_network text CHECK (presenting_network IN ('unml', 'cuf')),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_ends_after_start CHECK (ends_at > starts_at),
  -- A place, a video link, or both: people must know where to go.
  CONSTRAINT events_somewhere CHECK (place IS NOT NULL OR video_url IS NOT NULL),
  -- A regional audience names its région; other audiences do not.
  CONSTRAINT events_region_audience CHECK ((audience = 'region') = (region_code IS NOT NULL)),
  CONSTRAINT events_cross_presentation CHECK (
    (kind = 'presentation_croisee') = (host_network IS NOT NULL AND presenting_network IS NOT NULL)
    AND (host_network IS NULL OR host_network <> presenting_network))
);
CREATE INDEX events_starts_idx ON events (starts_at) WHERE status <> 'cancelled';

-- A registration: a signed-in user with their organisation, or a guest with a confirmed
-- e-mail (name, e-mail and organisation name only: data kept until one year after the
-- event, then erased by the sweep — ADR 0090). Lifecycle in domain/registration.ts:
-- pending_email → confirmed | waitlisted; waitlisted → confirmed (promotion); any → cancelled.
CREATE TABLE event_registrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  organisation_name text NOT NULL CHECK (length(trim(organisation_name)) > 0),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
  status text NOT NULL CHECK (status IN ('pending_email', 'confirmed', 'waitlisted', 'cancelled')),
  -- Order on the waiting list: the earliest request is promoted first.
  requested_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  -- SHA-256 of the single-use e-mail confirmation token (guests), and of the cancel link.
  confirm_token_hash text UNIQUE,
  cancel_token_hash text NOT NULL UNIQUE,
  attended boolean,
  CONSTRAINT event_registrations_cancelled CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
-- One live registration per person (e-mail) and event: a duplicate is refused.
CREATE UNIQUE INDEX event_registrations_one_live ON event_registrations (event_id, email) WHERE status <> 'cancelled';
CREATE INDEX event_registrations_event_idx ON event_registrations (event_id, status, requested_at);

-- What happened to an event and its registrations (append-only; the audit log has the same).
CREATE TABLE event_history (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  actor_label text NOT NULL,
  note text
);
CREATE INDEX event_history_event_idx ON event_history (event_id, at, id);

-- Reminders sent (D-7, D-1): the primary key makes each reminder go once per registration,
-- whatever the number of instances or runs of the job.
CREATE TABLE event_reminders (
  registration_id uuid NOT NULL REFERENCES event_registrations (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('d7', 'd1')),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (registration_id, kind)
);

-- Calendar files travel with the confirmation, update, cancellation and reminder mails:
-- attachments kept with the queued mail (same transaction), sent by the mail.send job.
-- [{ filename, contentType, content }] with text content (an .ics is a few kilobytes).
ALTER TABLE mail_outbox ADD COLUMN attachments jsonb;
