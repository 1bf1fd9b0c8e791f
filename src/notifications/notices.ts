import type { Config } from '../config.js';
import type { Queryable } from '../db/client.js';
import { sql } from '../db/sql.js';
import { enqueue, type JobHandler } from '../jobs/queue.js';
import { queueMail } from '../mail/mail.js';

/**
 * One notification mechanism for every module: an in-app notification (the `notifications`
 * table the header counts) and an e-mail, sent at most once per event key and recipient
 * (`notices_sent`), written in the caller's transaction. Operations do not hold the
 * configuration (the public address for links, the mail transport): the e-mail is queued as
 * a `notice.mail` job in the same transaction, which puts it in the outbox with the link.
 */
export interface NoticeRecipient {
  userId: string;
  email: string;
}

export interface Notice {
  /** Idempotency key of the event, e.g. `agreement:<id>:event:<seq>`. */
  key: string;
  /** Notification kind, e.g. `agreement.withdrawal_notified`. */
  kind: string;
  title: string;
  body: string;
  /** Path of the page the notice is about (links are made absolute when mailed). */
  path: string;
  subject: string;
  now: Date;
}

/** Sends the notice to each recipient not told yet; returns who was told now. */
export async function sendNotice(tx: Queryable, recipients: NoticeRecipient[], n: Notice): Promise<string[]> {
  const told: string[] = [];
  const seen = new Set<string>();
  for (const r of recipients) {
    if (seen.has(r.userId)) continue;
    seen.add(r.userId);
    const fresh = await tx.maybeOne<{ user_id: string }>(sql`
      INSERT INTO notices_sent (key, user_id, sent_at) VALUES (${n.key}, ${r.userId}, ${n.now})
      ON CONFLICT DO NOTHING RETURNING user_id`);
    if (!fresh) continue;
    await tx.run(sql`INSERT INTO notifications (user_id, kind, title, body, url, created_at)
      VALUES (${r.userId}, ${n.kind}, ${n.title}, ${n.body}, ${n.path}, ${n.now})`);
    await enqueue(
      tx,
      'notice.mail',
      { to: r.email, subject: n.subject, text: n.body, path: n.path },
      { dedupeKey: `notice:${n.key}:${r.userId}` },
    );
    told.push(r.userId);
  }
  return told;
}

/** The job that turns a queued notice into an outbox e-mail (transactional: a legal notice). */
export function noticeMailHandler(config: Pick<Config, 'SMTP_URL' | 'BASE_URL'>): JobHandler {
  return async (job, db) => {
    const p = job.payload as { to: string; subject: string; text: string; path: string };
    await db.transaction((tx) =>
      queueMail(tx, config, {
        to: p.to,
        subject: p.subject,
        text: `Bonjour,\n\n${p.text}\n\nVoir la page : ${config.BASE_URL}${p.path}\n\nPasserelle — Missions Locales × Cités Unies France\n`,
      }),
    );
  };
}
