import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { translator } from '../../i18n/i18n.js';
import { EXPIRY_DAYS, REMINDER_DAYS, transition } from './domain/lifecycle.js';
import { notifyOrganisation } from './notify.js';
import { receiverMailText } from './request-connection.js';

const t = translator('fr');
const SYSTEM = { actor: { kind: 'system' as const, label: 'Passerelle (relances automatiques)' } };

/**
 * The hourly sweep: one reminder to the receiver 7 days after a request still pending,
 * and expiry after 30 days (the requester is told). Each request is handled in its own
 * transaction, locked, and checked against the transition table, so two instances or a
 * second run never remind or expire twice.
 */
export async function sweepConnections(deps: Deps): Promise<{ reminded: number; expired: number }> {
  const now = deps.now();
  const dayMs = 86_400_000;
  const due = await deps.db.many<{ id: string }>(sql`SELECT id FROM connections
    WHERE status = 'pending' AND (expires_at <= ${now}
      OR (reminded_at IS NULL AND created_at <= ${new Date(now.getTime() - REMINDER_DAYS * dayMs)}))
    ORDER BY created_at LIMIT 1000`);
  let reminded = 0;
  let expired = 0;
  for (const { id } of due) {
    const did = await deps.db.transaction(async (tx) => {
      const c = await tx.maybeOne<{
        id: string;
        status: 'pending';
        created_at: Date;
        expires_at: Date;
        reminded_at: Date | null;
        requester_id: string;
        receiver_id: string;
        requester_name: string;
        receiver_name: string;
        message: string;
      }>(sql`SELECT c.id, c.status, c.created_at, c.expires_at, c.reminded_at, c.requester_id, c.receiver_id, c.message,
          rq.name AS requester_name, rc.name AS receiver_name
        FROM connections c JOIN organisations rq ON rq.id = c.requester_id JOIN organisations rc ON rc.id = c.receiver_id
        WHERE c.id = ${id} FOR UPDATE OF c`);
      if (!c) return null;
      const state = {
        status: c.status,
        createdAt: c.created_at,
        expiresAt: c.expires_at,
        remindedAt: c.reminded_at,
      };
      if (transition(state, 'expire', now).ok) {
        await tx.run(sql`UPDATE connections SET status = 'expired' WHERE id = ${c.id}`);
        await tx.run(sql`INSERT INTO connection_events (connection_id, at, kind, actor_label)
          VALUES (${c.id}, ${now}, 'expired', 'Passerelle')`);
        await audit(tx, SYSTEM, {
          action: 'connection.expire',
          entityType: 'connection',
          entityId: c.id,
          organisationId: c.receiver_id,
          before: { status: 'pending' },
          after: { status: 'expired', afterDays: EXPIRY_DAYS },
        });
        await notifyOrganisation(tx, deps.config, {
          organisationId: c.requester_id,
          kind: 'connection.expired',
          title: t('connections.notification.expired', { receiver: c.receiver_name }),
          url: `/mises-en-relation/${c.id}`,
          now,
          subject: t('connections.mail.expired_subject', { receiver: c.receiver_name }),
          text: () =>
            t('connections.mail.expired_text', {
              receiver: c.receiver_name,
              page: `${deps.config.BASE_URL}/mises-en-relation/${c.id}`,
            }),
        });
        return 'expired' as const;
      }
      if (transition(state, 'remind', now).ok) {
        await tx.run(sql`UPDATE connections SET reminded_at = ${now} WHERE id = ${c.id}`);
        await tx.run(sql`INSERT INTO connection_events (connection_id, at, kind, actor_label)
          VALUES (${c.id}, ${now}, 'reminded', 'Passerelle')`);
        await audit(tx, SYSTEM, {
          action: 'connection.remind',
          entityType: 'connection',
          entityId: c.id,
          organisationId: c.receiver_id,
          after: { remindedAt: now.toISOString() },
        });
        await notifyOrganisation(tx, deps.config, {
          organisationId: c.receiver_id,
          kind: 'connection.reminded',
          title: t('connections.notification.reminded', { requester: c.requester_name }),
          url: `/mises-en-relation/${c.id}`,
          now,
          subject: t('connections.mail.reminder_subject', { requester: c.requester_name }),
          text: (r) =>
            receiverMailText(
              tx,
              deps,
              {
                id: c.id,
                requesterName: c.requester_name,
                message: c.message,
                expiresAt: c.expires_at,
                now,
                reminder: true,
              },
              r,
            ),
        });
        return 'reminded' as const;
      }
      return null;
    });
    if (did === 'expired') expired++;
    if (did === 'reminded') reminded++;
  }
  return { reminded, expired };
}
