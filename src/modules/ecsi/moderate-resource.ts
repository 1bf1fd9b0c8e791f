import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { type ModerationDecision, ModerationError, moderate } from './domain/moderation.js';
import type { OpContext } from './op-context.js';
import { findResource } from './store.js';

/** Network staff publish, reject (with a reason) or withdraw a resource. */
export async function moderateResource(
  op: OpContext,
  moderatorId: string,
  id: string,
  decision: ModerationDecision,
  reason?: string,
) {
  const r = await findResource(op.tx, id, { forUpdate: true });
  if (!r) throw new AppError('not_found', 'Cette ressource n’existe pas.');
  let to: string;
  try {
    to = moderate(r.status, decision);
  } catch (e) {
    if (e instanceof ModerationError) throw new AppError('conflict', e.message);
    throw e;
  }
  if (decision === 'reject' && !reason?.trim())
    throw new AppError('validation', undefined, { reason: 'Indiquez pourquoi la proposition est refusée.' });
  await op.tx.run(sql`UPDATE ecsi_resources SET status = ${to}, moderated_by = ${moderatorId}, moderated_at = ${op.now},
      rejection_reason = ${decision === 'reject' ? reason!.trim() : null} WHERE id = ${id}`);
  await audit(op.tx, op.audit, {
    action: `ecsi.resource.${decision}`,
    entityType: 'ecsi_resource',
    entityId: id,
    before: { status: r.status },
    after: { status: to, reason: reason ?? null },
  });
  return to;
}
