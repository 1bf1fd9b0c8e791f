/**
 * Reminders through the queue: a recurring scan enqueues one job per due reminder
 * (dedupeKey), and each job records the reminder (once per agreement, kind and date) and
 * e-mails the admins of every party, in one transaction.
 */
import type { Db } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { formatDate, translator } from '../../i18n/i18n.js';
import { enqueue, type JobHandler } from '../../jobs/queue.js';
import { queueMail } from '../../mail/mail.js';
import { conventionYearOf } from './domain/dates.js';
import { snapshotOn } from './domain/lifecycle.js';
import { dueReminders, type ReminderKind } from './domain/reminders.js';
import { findRoadmap } from './roadmap-store.js';
import { loadAgreement, today } from './store.js';
import { lastMeetingOn } from './view.js';

export const SCAN_KIND = 'agreements.scan-reminders';
export const SEND_KIND = 'agreements.send-reminder';

/** Finds the reminders due today and enqueues them. Returns how many were enqueued. */
export async function scanReminders(db: Db, now: Date): Promise<number> {
  const day = today(now);
  const ids = await db.many<{ id: string }>(sql`SELECT id FROM agreements ORDER BY created_at`);
  let n = 0;
  for (const { id } of ids) {
    const loaded = await loadAgreement(db, id);
    const s = snapshotOn(loaded.terms, loaded.history, day);
    const due = dueReminders(s, day, await lastMeetingOn(db, id, day));
    for (const r of due) {
      // Art. 3 : no reminder when next year's roadmap is already validated by every party.
      if (r.kind === 'roadmap_due' && s.inForceFrom) {
        const next = conventionYearOf(s.inForceFrom, r.dueOn);
        const rm = next ? await findRoadmap(db, id, next.year, loaded.terms.partyIds) : null;
        if (rm?.validated) continue;
      }
      const sent = await db.maybeOne(
        sql`SELECT 1 FROM agreement_reminders WHERE agreement_id = ${id} AND kind = ${r.kind} AND due_on = ${r.dueOn}`,
      );
      if (sent) continue;
      const job = await enqueue(
        db,
        SEND_KIND,
        { agreementId: id, kind: r.kind, dueOn: r.dueOn },
        {
          dedupeKey: `agreements.reminder:${id}:${r.kind}:${r.dueOn}`,
        },
      );
      if (job) n++;
    }
  }
  return n;
}

export async function sendReminder(
  deps: Deps,
  db: Db,
  p: { agreementId: string; kind: ReminderKind; dueOn: string },
) {
  await db.transaction(async (tx) => {
    const inserted = await tx.maybeOne(sql`INSERT INTO agreement_reminders (agreement_id, kind, due_on)
      VALUES (${p.agreementId}, ${p.kind}, ${p.dueOn}) ON CONFLICT DO NOTHING RETURNING kind`);
    if (!inserted) return; // already sent
    const a = await tx.one<{ title: string }>(sql`SELECT title FROM agreements WHERE id = ${p.agreementId}`);
    const admins = await tx.many<{ email: string; locale: 'fr' | 'en' }>(sql`
      SELECT DISTINCT u.email, u.locale FROM agreement_parties ap
      JOIN memberships m ON m.organisation_id = ap.organisation_id AND m.role = 'admin'
      JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
      WHERE ap.agreement_id = ${p.agreementId} ORDER BY u.email`);
    const url = `${deps.config.BASE_URL}/conventions/${p.agreementId}`;
    for (const admin of admins) {
      const t = translator('fr');
      const subject = t(`agreements.reminder.subject.${p.kind}`, {
        title: a.title,
        date: formatDate(p.dueOn, 'fr'),
      });
      await queueMail(tx, deps.config, {
        to: admin.email,
        subject,
        text: `${subject}.\n\n${t('agreements.reminder.body', { url })}`,
        category: 'reminder',
        unsubscribeUrl: `${deps.config.BASE_URL}/compte`,
      });
    }
  });
}

export function reminderJobs(deps: Deps): Record<string, JobHandler> {
  return {
    [SCAN_KIND]: async (_job, db) => {
      await scanReminders(db, deps.now());
    },
    [SEND_KIND]: async (job, db) => {
      await sendReminder(deps, db, job.payload as { agreementId: string; kind: ReminderKind; dueOn: string });
    },
  };
}
