import { audit } from '../../audit/audit.js';
import type { Config } from '../../config.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import { queueMail } from '../../mail/mail.js';
import type { OpContext } from './op-context.js';

/** Checks list keys against the reference data (régions, themes). */
export async function checkListKeys(op: Pick<OpContext, 'tx'>, keys: string[]) {
  if (!keys.length) throw new AppError('validation', undefined, { lists: 'Choisissez au moins une lettre.' });
  for (const k of keys) {
    const [kind, code] = k.split(':');
    const ok =
      k === 'national' ||
      (kind === 'region' &&
        !!(await op.tx.maybeOne(sql`SELECT 1 FROM regions WHERE code = ${code ?? ''}`))) ||
      (kind === 'theme' && !!(await op.tx.maybeOne(sql`SELECT 1 FROM themes WHERE code = ${code ?? ''}`)));
    if (!ok) throw new AppError('validation', undefined, { lists: `Lettre inconnue : ${k}.` });
  }
}

/**
 * Double opt-in: the address is recorded as pending for each list and receives one
 * confirmation link; nothing is sent to it before it confirms. Already active lists are left
 * as they are. The answer is the same whether the address was known or not.
 */
export async function subscribeNewsletter(
  op: OpContext,
  config: Pick<Config, 'SMTP_URL' | 'BASE_URL'>,
  email: string,
  listKeys: string[],
) {
  await checkListKeys(op, listKeys);
  const token = randomToken();
  const hash = sha256(token);
  let pending = 0;
  for (const key of listKeys) {
    const row = await op.tx.maybeOne<{
      id: string;
    }>(sql`INSERT INTO newsletter_subscriptions (list_key, email, confirm_token_hash, created_at)
      VALUES (${key}, ${email}, ${hash}, ${op.now})
      ON CONFLICT (list_key, email) DO UPDATE SET status = 'pending', confirm_token_hash = ${hash}, unsubscribed_at = NULL
        WHERE newsletter_subscriptions.status <> 'active'
      RETURNING id`);
    if (row) pending++;
  }
  if (pending === 0) return { pending };
  await queueMail(op.tx, config, {
    to: email,
    subject: 'Confirmez votre inscription aux lettres d’information Passerelle',
    text: `Bonjour,\n\nVous avez demandé à recevoir les lettres d’information de l’UNML et de Cités Unies France.\nPour confirmer, ouvrez ce lien :\n${config.BASE_URL}/lettres/confirmer/${token}\n\nSi vous n’avez rien demandé, ignorez ce message : vous ne recevrez rien.`,
  });
  await audit(op.tx, op.audit, {
    action: 'newsletter.subscribe',
    entityType: 'email',
    entityId: email,
    after: { lists: listKeys },
  });
  return { pending };
}

/** The confirmation link: pending subscriptions of that request become active. */
export async function confirmNewsletter(op: OpContext, token: string) {
  const rows = await op.tx.many<{ email: string; list_key: string }>(sql`UPDATE newsletter_subscriptions
    SET status = 'active', confirmed_at = ${op.now}, confirm_token_hash = NULL
    WHERE confirm_token_hash = ${sha256(token)} AND status = 'pending' RETURNING email, list_key`);
  if (!rows.length) return null;
  await audit(op.tx, op.audit, {
    action: 'newsletter.confirm',
    entityType: 'email',
    entityId: rows[0].email,
    after: { lists: rows.map((r) => r.list_key) },
  });
  return { email: rows[0].email, lists: rows.map((r) => r.list_key) };
}

/** Per-list unsubscribe (idempotent). */
export async function unsubscribeNewsletter(op: OpContext, email: string, listKey: string) {
  const row = await op.tx.maybeOne(sql`UPDATE newsletter_subscriptions
    SET status = 'unsubscribed', unsubscribed_at = ${op.now}, confirm_token_hash = NULL
    WHERE email = ${email} AND list_key = ${listKey} AND status <> 'unsubscribed' RETURNING id`);
  if (row)
    await audit(op.tx, op.audit, {
      action: 'newsletter.unsubscribe',
      entityType: 'email',
      entityId: email,
      after: { list: listKey },
    });
}
