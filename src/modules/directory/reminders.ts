/**
 * Profiles not verified for 12 months: a daily scan enqueues one job per due profile
 * (dedupeKey per organisation and month), and each job records the reminder (once per
 * organisation and month, table profile_reminders) and e-mails the organisation's
 * admins, in one transaction.
 */
import type { Db } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { formatDate, translator } from '../../i18n/i18n.js';
import { enqueue, type JobHandler } from '../../jobs/queue.js';
import type { Schedule } from '../../jobs/scheduler.js';
import { queueMail } from '../../mail/mail.js';
import { parisDay } from './domain/profile.js';

export const SCAN_KIND = 'directory.scan-verification-reminders';
export const SEND_KIND = 'directory.send-verification-reminder';

export const reminderSchedules: Schedule[] = [
  { name: 'directory.verification-reminders', kind: SCAN_KIND, intervalSeconds: 24 * 3600 },
];

/** The reference date of a profile: its last verification, or its creation when never verified. */
const REFERENCE = sql.raw(`coalesce(o.last_verified_on, (o.created_at AT TIME ZONE 'Europe/Paris')::date)`);

/** Enqueues a reminder for every profile due this month that has admins. Returns how many. */
export async function scanVerificationReminders(db: Db, now: Date): Promise<number> {
  const today = parisDay(now);
  const month = today.slice(0, 7);
  const due = await db.many<{ id: string }>(sql`
    SELECT o.id FROM organisations o
    WHERE ${REFERENCE} <= (${today}::date - interval '1 year')::date
      AND EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                  WHERE m.organisation_id = o.id AND m.role = 'admin' AND u.disabled_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM profile_reminders pr WHERE pr.organisation_id = o.id AND pr.month = ${month})
    ORDER BY o.id`);
  let n = 0;
  for (const { id } of due) {
    const job = await enqueue(
      db,
      SEND_KIND,
      { organisationId: id, month },
      {
        dedupeKey: `directory.verification-reminder:${id}:${month}`,
      },
    );
    if (job) n++;
  }
  return n;
}

/** Records the month's reminder and mails the admins; does nothing if already sent or no longer due. */
export async function sendVerificationReminder(
  deps: Deps,
  organisationId: string,
  month: string,
): Promise<number> {
  const t = translator('fr');
  return deps.db.transaction(async (tx) => {
    const org = await tx.maybeOne<{
      id: string;
      name: string;
      last_verified_on: string | null;
      due: boolean;
    }>(sql`
      SELECT o.id, o.name, o.last_verified_on,
             ${REFERENCE} <= (${parisDay(deps.now())}::date - interval '1 year')::date AS due
      FROM organisations o WHERE o.id = ${organisationId} FOR UPDATE`);
    if (!org || !org.due) return 0;
    const admins = await tx.many<{ email: string }>(sql`
      SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.organisation_id = ${organisationId} AND m.role = 'admin' AND u.disabled_at IS NULL ORDER BY u.email`);
    const inserted =
      await tx.run(sql`INSERT INTO profile_reminders (organisation_id, month, sent_at, recipients)
      VALUES (${organisationId}, ${month}, ${deps.now()}, ${admins.length}) ON CONFLICT DO NOTHING`);
    if (inserted === 0) return 0;
    const url = `${deps.config.BASE_URL}/organisations/${organisationId}/modifier`;
    const since = org.last_verified_on ? formatDate(org.last_verified_on) : t('directory.reminder.never');
    for (const a of admins) {
      await queueMail(tx, deps.config, {
        to: a.email,
        subject: t('directory.reminder.subject', { name: org.name }),
        text: t('directory.reminder.body', { name: org.name, since, url }),
        category: 'reminder',
        unsubscribeUrl: `${deps.config.BASE_URL}/compte`,
      });
    }
    return admins.length;
  });
}

export function reminderJobs(deps: Deps): Record<string, JobHandler> {
  return {
    [SCAN_KIND]: async () => {
      await scanVerificationReminders(deps.db, deps.now());
    },
    [SEND_KIND]: async (job) => {
      await sendVerificationReminder(deps, String(job.payload.organisationId), String(job.payload.month));
    },
  };
}
