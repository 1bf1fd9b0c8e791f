import { randomUUID } from 'node:crypto';
import { AppError } from '../../http/errors.js';
import type { OpContext } from './op-context.js';
import { loadAgreement, pastOrTodayDate, recordEvent, requireParty } from './store.js';

/** Art. 8 : a dispute opens at the amicable stage. */
export async function openDispute(
  op: OpContext,
  agreementId: string,
  input: { organisationId: string; subject: string; openedOn: string },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  requireParty(loaded, input.organisationId, 'organisationId');
  const subject = input.subject.trim();
  if (!subject) throw new AppError('validation', undefined, { subject: "Indiquez l'objet du litige." });
  const on = pastOrTodayDate(input.openedOn, 'openedOn', op.now, "la date d'ouverture");
  const disputeId = randomUUID();
  await recordEvent(op.tx, op.audit, loaded, { type: 'dispute_opened', on, disputeId, subject }, op.now, {
    action: 'agreement.dispute.open',
    organisationId: input.organisationId,
  });
  return { id: disputeId };
}
