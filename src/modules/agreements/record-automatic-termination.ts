import { AppError } from '../../http/errors.js';
import type { OpContext } from './op-context.js';
import { loadAgreement, notBeforeEntry, pastOrTodayDate, recordEvent, requireParty } from './store.js';

/**
 * Art. 7 : termination by law when a legislative or regulatory change makes performance
 * impossible; recorded with its legal ground, effective at once.
 */
export async function recordAutomaticTermination(
  op: OpContext,
  agreementId: string,
  input: { organisationId: string; effectiveOn: string; legalGround: string },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  requireParty(loaded, input.organisationId, 'organisationId');
  const on = pastOrTodayDate(input.effectiveOn, 'effectiveOn', op.now, "la date d'effet");
  notBeforeEntry(loaded, on, 'effectiveOn', op.now);
  const legalGround = input.legalGround.trim();
  if (!legalGround)
    throw new AppError('validation', undefined, { legalGround: 'Indiquez le fondement juridique.' });
  const { atEvent } = await recordEvent(
    op.tx,
    op.audit,
    loaded,
    { type: 'automatic_termination', on, legalGround },
    op.now,
    { action: 'agreement.automatic_termination', organisationId: input.organisationId },
  );
  return atEvent;
}
