import { AppError } from '../../http/errors.js';
import { DISPUTE_STAGES, type DisputeStage } from './domain/lifecycle.js';
import type { OpContext } from './op-context.js';
import { loadAgreement, pastOrTodayDate, recordEvent, requireParty } from './store.js';

/** Art. 8 : a dispute moves amicable → mediation → arbitration → settled (table in domain/). */
export async function advanceDispute(
  op: OpContext,
  agreementId: string,
  input: { organisationId: string; disputeId: string; stage: string; on: string },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  requireParty(loaded, input.organisationId, 'organisationId');
  if (!(DISPUTE_STAGES as readonly string[]).includes(input.stage) || input.stage === 'amicable') {
    throw new AppError('validation', undefined, { stage: 'Choisissez médiation, arbitrage ou règlement.' });
  }
  const on = pastOrTodayDate(input.on, 'stageOn', op.now, 'la date');
  await recordEvent(
    op.tx,
    op.audit,
    loaded,
    { type: 'dispute_advanced', on, disputeId: input.disputeId, stage: input.stage as DisputeStage },
    op.now,
    { action: 'agreement.dispute.advance', organisationId: input.organisationId },
  );
}
