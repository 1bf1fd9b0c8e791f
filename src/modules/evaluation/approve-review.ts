import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { loadAgreement } from '../agreements/index.js';
import { isReviewApproved } from './domain/review.js';
import type { OpContext } from './op-context.js';
import { parisToday } from './request.js';
import { loadReview } from './review-store.js';
import { actorLabel, lockReview } from './save-review-section.js';

/**
 * Art. 4 : each party approves the review like an amendment, the exact content (hash). A
 * hash that is not the current one → 409, nothing written. When every party approved the
 * same hash, the content is frozen as approved.
 */
export async function approveReview(
  op: OpContext,
  agreementId: string,
  year: number,
  input: { organisationId: string; hash: string },
) {
  const loaded = await loadAgreement(op.tx, agreementId);
  const partyIds = loaded.terms.partyIds;
  if (!partyIds.includes(input.organisationId))
    throw new AppError('validation', undefined, {
      organisationId: 'Cette organisation n’est pas partie à la convention.',
    });
  const review = await lockReview(op, agreementId, year);
  if (review.frozen_hash)
    throw new AppError('conflict', 'Ce bilan est déjà approuvé par toutes les parties.');
  const current = await loadReview(op.tx, agreementId, year, op.now);
  if (input.hash !== current.hash)
    throw new AppError(
      'conflict',
      `Le bilan a changé : approuvez la version actuelle (empreinte ${current.hash}).`,
    );
  if (current.approvals.some((a) => a.organisationId === input.organisationId && a.hash === current.hash))
    throw new AppError('conflict', 'Cette partie a déjà approuvé cette version du bilan.');
  const on = parisToday(op.now);
  const actor = op.audit.actor;
  await op.tx.run(sql`INSERT INTO evaluation_review_approvals (review_id, organisation_id, hash, approved_on, approved_by, approved_by_label)
    VALUES (${review.id}, ${input.organisationId}, ${current.hash}, ${on}, ${actor.kind === 'user' ? actor.user.id : null}, ${actorLabel(op)})`);
  const approved = isReviewApproved(
    partyIds,
    [...current.approvals, { organisationId: input.organisationId, hash: current.hash }],
    current.hash,
  );
  if (approved)
    await op.tx.run(sql`UPDATE evaluation_reviews SET frozen_content = ${JSON.stringify(current.content)}::jsonb,
      frozen_hash = ${current.hash}, frozen_on = ${on} WHERE id = ${review.id}`);
  await audit(op.tx, op.audit, {
    action: 'evaluation.review.approve',
    entityType: 'agreement',
    entityId: agreementId,
    organisationId: input.organisationId,
    after: { year, hash: current.hash, approved },
  });
  return { hash: current.hash, approved };
}
