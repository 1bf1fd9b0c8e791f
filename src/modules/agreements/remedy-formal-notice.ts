import { AppError } from '../../http/errors.js';
import { snapshotOn } from './domain/lifecycle.js';
import type { OpContext } from './op-context.js';
import { loadAgreement, pastOrTodayDate, recordEvent, today } from './store.js';

/** Art. 7 : the breach is remedied; the notice closes (recorded by either party to it). */
export async function remedyFormalNotice(
  op: OpContext,
  agreementId: string,
  input: { organisationId: string; noticeId: string; remediedOn: string },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  const notice = snapshotOn(loaded.terms, loaded.history, today(op.now)).formalNotices.find(
    (n) => n.id === input.noticeId,
  );
  if (!notice) throw new AppError('not_found', 'Mise en demeure introuvable.');
  if (![notice.fromOrganisationId, notice.toOrganisationId].includes(input.organisationId)) {
    throw new AppError('validation', undefined, {
      organisationId: 'Seules les parties à la mise en demeure la clôturent.',
    });
  }
  const on = pastOrTodayDate(input.remediedOn, 'remediedOn', op.now, 'la date');
  if (on < notice.sentOn) {
    throw new AppError('validation', undefined, {
      remediedOn: "La date précède l'envoi de la mise en demeure.",
    });
  }
  await recordEvent(
    op.tx,
    op.audit,
    loaded,
    { type: 'formal_notice_remedied', on, noticeId: input.noticeId },
    op.now,
    {
      action: 'agreement.formal_notice.remedy',
      organisationId: input.organisationId,
    },
  );
}
