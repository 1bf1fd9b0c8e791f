import type { OpContext } from './op-context.js';
import { loadAgreement, notBeforeEntry, pastOrTodayDate, recordEvent, requireParty } from './store.js';

/**
 * Art. 5 : a party withdraws (dénonciation) with the agreement's notice (1 month by
 * default), notified to the others. In force through the end of the notice.
 */
export async function notifyWithdrawal(
  op: OpContext,
  agreementId: string,
  input: { organisationId: string; notifiedOn: string },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  requireParty(loaded, input.organisationId, 'organisationId');
  const notifiedOn = pastOrTodayDate(input.notifiedOn, 'notifiedOn', op.now, 'la date de notification');
  notBeforeEntry(loaded, notifiedOn, 'notifiedOn', op.now);
  const { atEvent } = await recordEvent(
    op.tx,
    op.audit,
    loaded,
    { type: 'withdrawal_notified', on: notifiedOn, organisationId: input.organisationId },
    op.now,
    { action: 'agreement.withdrawal', organisationId: input.organisationId },
  );
  return atEvent.withdrawal!;
}
