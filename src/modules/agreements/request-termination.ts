import { AppError } from '../../http/errors.js';
import { snapshotOn } from './domain/lifecycle.js';
import type { OpContext } from './op-context.js';
import { loadAgreement, pastOrTodayDate, recordEvent, requireParty, today } from './store.js';

/**
 * Art. 7 : the party that sent a formal notice requests termination, from the sending
 * date plus D days (15 by default). Effective on the date of the request.
 */
export async function requestTermination(
  op: OpContext,
  agreementId: string,
  input: { organisationId: string; noticeId: string; requestedOn: string },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  requireParty(loaded, input.organisationId, 'organisationId');
  const on = pastOrTodayDate(input.requestedOn, 'requestedOn', op.now, 'la date de la demande');
  const notice = snapshotOn(loaded.terms, loaded.history, today(op.now)).formalNotices.find(
    (n) => n.id === input.noticeId,
  );
  if (!notice) throw new AppError('not_found', 'Mise en demeure introuvable.');
  if (on < notice.sentOn) {
    throw new AppError('validation', undefined, {
      requestedOn: "La date précède l'envoi de la mise en demeure.",
    });
  }
  const { atEvent } = await recordEvent(
    op.tx,
    op.audit,
    loaded,
    { type: 'termination_requested', on, noticeId: input.noticeId, organisationId: input.organisationId },
    op.now,
    { action: 'agreement.termination', organisationId: input.organisationId },
  );
  return atEvent;
}
