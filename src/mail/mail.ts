import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Queryable } from '../db/client.js';
import { sql } from '../db/sql.js';
import { enqueue, type JobHandler } from '../jobs/queue.js';

export interface MailMessage {
  to: string;
  subject: string;
  /** The plain-text part: every e-mail has one. */
  text: string;
  html?: string;
  /** 'transactional' mails (sign-in links…) have no unsubscribe link; others must give one. */
  category?: 'transactional' | 'notification' | 'digest' | 'reminder';
  unsubscribeUrl?: string;
  /** Text attachments kept with the mail (a calendar file, for instance). */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  /** e.g. 'text/calendar; method=REQUEST; charset=utf-8' */
  contentType: string;
  content: string;
}

/**
 * Queues an e-mail in the caller's transaction: it is written to the outbox and a
 * `mail.send` job is enqueued; it leaves only after the transaction commits.
 */
export async function queueMail(
  tx: Queryable,
  config: Pick<Config, 'SMTP_URL'>,
  m: MailMessage,
): Promise<string> {
  const category = m.category ?? 'transactional';
  if (category !== 'transactional' && !m.unsubscribeUrl) {
    throw new Error(`Un e-mail « ${category} » doit proposer un lien de désabonnement`);
  }
  const text = m.unsubscribeUrl ? `${m.text}\n\n--\nSe désabonner : ${m.unsubscribeUrl}` : m.text;
  const transport = config.SMTP_URL ? 'smtp' : 'outbox';
  const row = await tx.one<{ id: string }>(sql`
    INSERT INTO mail_outbox (to_address, subject, text_body, html_body, category, transport, attachments)
    VALUES (${m.to}, ${m.subject}, ${text}, ${m.html ?? null}, ${category}, ${transport},
      ${m.attachments?.length ? JSON.stringify(m.attachments) : null}) RETURNING id`);
  await enqueue(tx, 'mail.send', { mailId: row.id, unsubscribeUrl: m.unsubscribeUrl ?? null });
  return row.id;
}

/**
 * Removes the SMTP credentials from a text (an error message that may quote the URL or
 * the password): it ends up in jobs.last_error, on the admin pages and in the logs.
 */
export function redactSmtpSecrets(text: string, smtpUrl: string | undefined): string {
  if (!smtpUrl) return text;
  let out = text.split(smtpUrl).join('[SMTP_URL masquée]');
  try {
    const u = new URL(smtpUrl);
    for (const secret of [u.password, decodeURIComponent(u.password)]) {
      if (secret.length >= 3) out = out.split(secret).join('[masqué]');
    }
  } catch {
    /* not a URL: nothing more to hide */
  }
  return out;
}

/** The `mail.send` job: SMTP when configured, otherwise the mail stays in the outbox for admins. */
export function mailSendHandler(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): JobHandler {
  // logger: false — nodemailer's own logs would print the SMTP dialogue (AUTH included).
  const transporter = config.SMTP_URL
    ? nodemailer.createTransport(config.SMTP_URL, { logger: false, debug: false } as any)
    : null;
  return async (job, db) => {
    const mail = await db.maybeOne<{
      id: string;
      to_address: string;
      subject: string;
      text_body: string;
      html_body: string | null;
      status: string;
      attachments: MailAttachment[] | null;
    }>(
      sql`SELECT id, to_address, subject, text_body, html_body, status, attachments FROM mail_outbox WHERE id = ${job.payload.mailId}`,
    );
    if (!mail || mail.status === 'sent' || mail.status === 'kept') return;
    if (!transporter) {
      await db.run(
        sql`UPDATE mail_outbox SET status = 'kept', sent_at = now(), job_id = ${job.id} WHERE id = ${mail.id}`,
      );
      return;
    }
    const unsubscribe = job.payload.unsubscribeUrl as string | null;
    try {
      await transporter.sendMail({
        from: config.MAIL_FROM,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body ?? undefined,
        attachments: mail.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
        headers: unsubscribe
          ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : undefined,
      });
    } catch (e) {
      const message = redactSmtpSecrets(e instanceof Error ? e.message : String(e), config.SMTP_URL);
      if (job.attempts >= job.max_attempts) {
        await db.run(sql`UPDATE mail_outbox SET status = 'failed', job_id = ${job.id} WHERE id = ${mail.id}`);
      }
      throw new Error(`Envoi SMTP impossible : ${message}`);
    }
    await db.run(
      sql`UPDATE mail_outbox SET status = 'sent', sent_at = now(), job_id = ${job.id} WHERE id = ${mail.id}`,
    );
  };
}
