import type { Config } from '../../config.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { hmac, safeEqual } from '../../lib/crypto.js';
import { queueMail } from '../../mail/mail.js';
import { visibleLevels } from '../directory/index.js';

/**
 * Notifications: in-app rows for users, e-mails per their preferences, and e-mails to an
 * organisation's public addresses when it has no member yet. Every such e-mail is
 * non-transactional: it carries a one-click unsubscribe link (a signed token naming the
 * address and the category; no sign-in needed).
 */
export type EmailCategory = 'connections' | 'digest';

/** Token for /desabonnement/:token: base64url(category:email) + '.' + HMAC. */
export function unsubscribeToken(secret: string, email: string, category: EmailCategory): string {
  const payload = Buffer.from(`${category}:${email.toLowerCase()}`).toString('base64url');
  return `${payload}.${hmac(secret, `unsubscribe:${payload}`)}`;
}

export function readUnsubscribeToken(
  secret: string,
  token: string,
): { email: string; category: EmailCategory } | null {
  const [payload, mac] = token.split('.');
  if (!payload || !mac || !safeEqual(mac, hmac(secret, `unsubscribe:${payload}`))) return null;
  const text = Buffer.from(payload, 'base64url').toString('utf8');
  const i = text.indexOf(':');
  const category = text.slice(0, i);
  if (category !== 'connections' && category !== 'digest') return null;
  return { category, email: text.slice(i + 1) };
}

export const unsubscribeUrl = (config: Config, email: string, category: EmailCategory) =>
  `${config.BASE_URL}/desabonnement/${unsubscribeToken(config.SESSION_SECRET, email, category)}`;

/**
 * Unsubscribes an address from a category: the user's preference when the address has
 * an account, an opt-out row otherwise. Idempotent.
 */
export async function unsubscribe(tx: Queryable, email: string, category: EmailCategory, now: Date) {
  const user = await tx.maybeOne<{ id: string }>(sql`SELECT id FROM users WHERE email = ${email}`);
  if (user) {
    const column = category === 'connections' ? sql`connection_emails` : sql`digest_emails`;
    await tx.run(sql`INSERT INTO notification_preferences (user_id, connection_emails, digest_emails, updated_at)
      VALUES (${user.id}, ${category !== 'connections'}, ${category !== 'digest'}, ${now})
      ON CONFLICT (user_id) DO UPDATE SET ${column} = false, updated_at = ${now}`);
  } else {
    await tx.run(sql`INSERT INTO email_optouts (email, category, created_at) VALUES (${email}, ${category}, ${now})
      ON CONFLICT DO NOTHING`);
  }
}

export interface Preferences {
  connectionEmails: boolean;
  digestEmails: boolean;
}

export async function preferencesOf(db: Queryable, userId: string): Promise<Preferences> {
  const row = await db.maybeOne<{ connection_emails: boolean; digest_emails: boolean }>(
    sql`SELECT connection_emails, digest_emails FROM notification_preferences WHERE user_id = ${userId}`,
  );
  return { connectionEmails: row?.connection_emails ?? true, digestEmails: row?.digest_emails ?? true };
}

export interface Recipient {
  email: string;
  userId: string | null;
  name: string | null;
  /** Whether an e-mail of the category may be sent (preferences / opt-outs). */
  mailable: boolean;
}

/**
 * Who hears about an organisation: its members (each with their preference), or, when it
 * has none, its public address and its contacts' addresses (minus opted-out ones). Another
 * organisation's request is a counterpart reading the contacts: confidential contacts are
 * never written to (convention art. 4; rule in directory/domain/sharing.ts `visibleLevels`).
 */
export async function recipientsOf(
  db: Queryable,
  organisationId: string,
  category: EmailCategory,
): Promise<Recipient[]> {
  const pref = category === 'connections' ? sql`p.connection_emails` : sql`p.digest_emails`;
  const members = await db.many<{ id: string; email: string; name: string; mailable: boolean }>(sql`
    SELECT u.id, u.email, u.name, coalesce(${pref}, true) AS mailable
    FROM memberships m JOIN users u ON u.id = m.user_id
    LEFT JOIN notification_preferences p ON p.user_id = u.id
    WHERE m.organisation_id = ${organisationId} AND u.disabled_at IS NULL
    ORDER BY u.email`);
  if (members.length > 0)
    return members.map((m) => ({ email: m.email, userId: m.id, name: m.name, mailable: m.mailable }));
  const addresses = await db.many<{ email: string }>(sql`
    SELECT DISTINCT lower(e.email) AS email FROM (
      SELECT email FROM organisations WHERE id = ${organisationId}
      UNION ALL SELECT email FROM organisation_contacts WHERE organisation_id = ${organisationId}
        AND sharing_level = ANY(${visibleLevels({ kind: 'counterpart' }, organisationId)})
    ) e
    WHERE e.email IS NOT NULL AND position('@' in e.email) > 1
      AND NOT EXISTS (SELECT 1 FROM email_optouts o WHERE o.email = lower(e.email) AND o.category = ${category})
    ORDER BY 1`);
  return addresses.map((a) => ({ email: a.email, userId: null, name: null, mailable: true }));
}

export async function addNotification(
  tx: Queryable,
  n: { userId: string; kind: string; title: string; body?: string | null; url?: string | null; now: Date },
) {
  await tx.run(sql`INSERT INTO notifications (user_id, kind, title, body, url, created_at)
    VALUES (${n.userId}, ${n.kind}, ${n.title}, ${n.body ?? null}, ${n.url ?? null}, ${n.now})`);
}

/**
 * In-app notification for every member, and an e-mail to every mailable recipient. The
 * text may depend on the recipient (a personal answer link, say).
 */
export async function notifyOrganisation(
  tx: Queryable,
  config: Config,
  o: {
    organisationId: string;
    kind: string;
    title: string;
    url: string;
    now: Date;
    subject: string;
    text: (r: Recipient) => Promise<string> | string;
  },
): Promise<Recipient[]> {
  const recipients = await recipientsOf(tx, o.organisationId, 'connections');
  for (const r of recipients) {
    if (r.userId)
      await addNotification(tx, { userId: r.userId, kind: o.kind, title: o.title, url: o.url, now: o.now });
    if (!r.mailable) continue;
    await queueMail(tx, config, {
      to: r.email,
      subject: o.subject,
      text: await o.text(r),
      category: 'notification',
      unsubscribeUrl: unsubscribeUrl(config, r.email, 'connections'),
    });
  }
  return recipients;
}

/** Unread count for the header: one indexed COUNT. */
export async function unreadCount(db: Queryable, userId: string): Promise<number> {
  const row = await db.one<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`,
  );
  return Number(row.n);
}
