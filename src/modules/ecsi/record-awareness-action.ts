import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import type { OpContext } from './op-context.js';
import type { ActionInput } from './schemas.js';

/**
 * Records an ECSI awareness action (a training, a workshop, a presentation): who
 * organised it and which organisations took part — organisations, never persons.
 */
export async function recordAwarenessAction(
  op: OpContext,
  recordedBy: string | null,
  input: ActionInput & { isDemo?: boolean },
): Promise<string> {
  const ids = [...new Set([input.organiserId, ...input.participantIds])];
  const found = await op.tx.many<{ id: string }>(
    sql`SELECT id FROM organisations WHERE id = ANY(${ids}::uuid[])`,
  );
  if (!found.some((f) => f.id === input.organiserId))
    throw new AppError('validation', undefined, { organiserId: 'Cette organisation n’existe pas.' });
  const missing = input.participantIds.filter((p) => !found.some((f) => f.id === p));
  if (missing.length)
    throw new AppError('validation', undefined, {
      participantIds: 'Une organisation participante n’existe pas.',
    });
  const row = await op.tx.one<{
    id: string;
  }>(sql`INSERT INTO ecsi_actions (title, kind, held_on, organiser_id, description,
      recorded_by, is_demo, created_at)
    VALUES (${input.title}, ${input.kind}, ${input.heldOn}, ${input.organiserId}, ${input.description}, ${recordedBy},
      ${!!input.isDemo}, ${op.now}) RETURNING id`);
  for (const p of new Set(input.participantIds))
    await op.tx.run(
      sql`INSERT INTO ecsi_action_participants (action_id, organisation_id) VALUES (${row.id}, ${p})`,
    );
  await audit(op.tx, op.audit, {
    action: 'ecsi.action.record',
    entityType: 'ecsi_action',
    entityId: row.id,
    organisationId: input.organiserId,
    after: { ...input },
  });
  return row.id;
}
