-- Notices (issue 10 "Every party is told"): one row per (event key, user) a notice was sent
-- for, written in the transaction of the event with the in-app notification and the queued
-- e-mail. Forward-only. Depends on 0001 (users) and 0030 (notifications).
--
-- Invariant: a notice is sent at most once per event and recipient, whatever the retries
-- or concurrent runs — the primary key makes the second insert a no-op, and the sender only
-- writes the notification and the e-mail when its insert took effect.
CREATE TABLE notices_sent (
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 300),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (key, user_id)
);
