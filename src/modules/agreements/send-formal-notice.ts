import { randomUUID } from 'node:crypto';
import { AppError } from '../../http/errors.js';
import type { OpContext } from './op-context.js';
import { loadAgreement, notBeforeEntry, pastOrTodayDate, recordEvent, requireParty } from './store.js';

/**
 * Art. 7 : a party puts another on notice (mise en demeure) by registered letter with
 * acknowledgement; termination may be requested from the sending date plus D days.
 */
export async function sendFormalNotice(
  op: OpContext,
  agreementId: string,
  input: { fromOrganisationId: string; toOrganisationId: string; sentOn: string; letterReference: string },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  requireParty(loaded, input.fromOrganisationId, 'fromOrganisationId');
  requireParty(loaded, input.toOrganisationId, 'toOrganisationId');
  if (input.fromOrganisationId === input.toOrganisationId) {
    throw new AppError('validation', undefined, {
      toOrganisationId: 'Choisissez une autre partie que l’expéditrice.',
    });
  }
  const sentOn = pastOrTodayDate(input.sentOn, 'sentOn', op.now, "la date d'envoi");
  notBeforeEntry(loaded, sentOn, 'sentOn', op.now);
  const noticeId = randomUUID();
  const { atEvent } = await recordEvent(
    op.tx,
    op.audit,
    loaded,
    {
      type: 'formal_notice_sent',
      on: sentOn,
      noticeId,
      fromOrganisationId: input.fromOrganisationId,
      toOrganisationId: input.toOrganisationId,
      letterReference: input.letterReference.trim(),
    },
    op.now,
    { action: 'agreement.formal_notice', organisationId: input.fromOrganisationId },
  );
  return atEvent.formalNotices.find((n) => n.id === noticeId)!;
}
