import type { AuditContext } from '../../audit/audit.js';
import { audit } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { formatDate, translator } from '../../i18n/i18n.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import type { SignedInUser } from '../../policy/actor.js';
import { expiryOf } from './domain/lifecycle.js';
import type { OrgKind } from './domain/relay.js';
import { notifyOrganisation, type Recipient } from './notify.js';
import { recordRequestDeliveries } from './relay-connection.js';
import type { RequestInput } from './schemas.js';

const t = translator('fr');

/** A single-use link to answer without an account; valid until the request expires. */
export async function issueAnswerLink(
  tx: Queryable,
  config: Deps['config'],
  connectionId: string,
  email: string,
  expiresAt: Date,
  now: Date,
): Promise<string> {
  const token = randomToken(32);
  await tx.run(sql`INSERT INTO connection_answer_tokens (connection_id, token_hash, email, expires_at, created_at)
    VALUES (${connectionId}, ${sha256(token)}, ${email}, ${expiresAt}, ${now})`);
  return `${config.BASE_URL}/mise-en-relation/reponse/${token}`;
}

/** The e-mail text to a receiver: the request, and a link to answer (with or without an account). */
export async function receiverMailText(
  tx: Queryable,
  deps: Deps,
  c: { id: string; requesterName: string; message: string; expiresAt: Date; now: Date; reminder: boolean },
  r: Recipient,
) {
  const link = await issueAnswerLink(tx, deps.config, c.id, r.email, c.expiresAt, c.now);
  return t(c.reminder ? 'connections.mail.reminder_text' : 'connections.mail.request_text', {
    requester: c.requesterName,
    message: c.message,
    link,
    page: `${deps.config.BASE_URL}/mises-en-relation/${c.id}`,
    expires: formatDate(c.expiresAt.toISOString()),
  });
}

/**
 * An organisation asks another for a connection (art. 3). Refused, with nothing written:
 * a request to oneself, to an unknown organisation, or while a request between the two is
 * still open (whichever asked). The receiver's members are notified; each e-mail carries a
 * personal single-use answer link. A receiver without member is reached through its
 * network (art. 3, relay-connection.ts). One transaction; audited.
 */
export async function requestConnection(
  deps: Deps,
  ctx: AuditContext & { user: SignedInUser },
  input: RequestInput,
): Promise<{ id: string }> {
  if (input.requesterId === input.receiverId) {
    throw new AppError(
      'validation',
      'Une organisation ne peut pas se demander une mise en relation à elle-même.',
      {
        receiverId: 'Choisissez une autre organisation que la vôtre.',
      },
    );
  }
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const orgs = await tx.many<{ id: string; name: string; kind: string }>(
      sql`SELECT id, name, kind FROM organisations WHERE id = ANY(${[input.requesterId, input.receiverId]}::uuid[])`,
    );
    const requester = orgs.find((o) => o.id === input.requesterId);
    const receiver = orgs.find((o) => o.id === input.receiverId);
    if (!requester)
      throw new AppError('validation', undefined, { requesterId: 'Cette organisation n’existe pas.' });
    if (!receiver)
      throw new AppError('validation', 'L’organisation destinataire n’existe pas.', {
        receiverId: 'Cette organisation n’existe pas dans l’annuaire.',
      });
    if (receiver.kind === 'foreign_partner')
      throw new AppError('validation', undefined, {
        receiverId: 'Les partenaires étrangers ne reçoivent pas de demandes par Passerelle.',
      });
    if (input.projectThemes.length > 0) {
      const known = await tx.many<{ code: string }>(
        sql`SELECT code FROM themes WHERE code = ANY(${input.projectThemes}::text[])`,
      );
      const unknown = input.projectThemes.filter((x) => !known.some((k) => k.code === x));
      if (unknown.length > 0)
        throw new AppError('validation', undefined, {
          projectThemes: `Thème inconnu : ${unknown.join(', ')}.`,
        });
    }
    const open = await tx.maybeOne<{ id: string }>(sql`SELECT id FROM connections
      WHERE status = 'pending' AND least(requester_id, receiver_id) = least(${requester.id}::uuid, ${receiver.id}::uuid)
        AND greatest(requester_id, receiver_id) = greatest(${requester.id}::uuid, ${receiver.id}::uuid)`);
    if (open) throw duplicate();
    const expiresAt = expiryOf(now);
    const row = await tx.maybeOne<{ id: string }>(sql`
      INSERT INTO connections (requester_id, receiver_id, requested_by, requested_by_name, requested_by_email, message,
        project_kind, project_countries, project_themes, created_at, expires_at)
      VALUES (${requester.id}, ${receiver.id}, ${ctx.user.id}, ${ctx.user.name}, ${ctx.user.email}, ${input.message},
        ${input.projectKind ?? null}, ${input.projectCountries}::text[], ${input.projectThemes}::text[], ${now}, ${expiresAt})
      ON CONFLICT DO NOTHING RETURNING id`);
    if (!row) throw duplicate();
    await tx.run(sql`INSERT INTO connection_events (connection_id, at, kind, actor_label, note)
      VALUES (${row.id}, ${now}, 'requested', ${`${ctx.user.name} (${requester.name})`}, ${input.message})`);
    await audit(tx, ctx, {
      action: 'connection.request',
      entityType: 'connection',
      entityId: row.id,
      organisationId: requester.id,
      after: {
        requesterId: requester.id,
        receiverId: receiver.id,
        projectKind: input.projectKind ?? null,
        projectCountries: input.projectCountries,
        projectThemes: input.projectThemes,
      },
    });
    const recipients = await notifyOrganisation(tx, deps.config, {
      organisationId: receiver.id,
      kind: 'connection.requested',
      title: t('connections.notification.requested', { requester: requester.name }),
      url: `/mises-en-relation/${row.id}`,
      now,
      subject: t('connections.mail.request_subject', { requester: requester.name }),
      text: (r) =>
        receiverMailText(
          tx,
          deps,
          {
            id: row.id,
            requesterName: requester.name,
            message: input.message,
            expiresAt,
            now,
            reminder: false,
          },
          r,
        ),
    });
    // Nobody to read it at the receiver? Relayed to its network (art. 3); every delivery recorded.
    await recordRequestDeliveries(
      { tx, audit: ctx, now, config: deps.config },
      {
        id: row.id,
        requesterName: requester.name,
        receiverId: receiver.id,
        receiverName: receiver.name,
        receiverKind: receiver.kind as OrgKind,
        message: input.message,
        expiresAt,
      },
      recipients,
    );
    return { id: row.id };
  });
}

const duplicate = () =>
  new AppError(
    'conflict',
    'Une demande de mise en relation est déjà en attente entre ces deux organisations : attendez sa réponse ou son expiration.',
  );
