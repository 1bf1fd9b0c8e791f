import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { loadAgreement } from '../agreements/index.js';
import type { OpContext } from './op-context.js';

/** The review row of an agreement and year, created on first write, locked for the transaction. */
export async function lockReview(op: OpContext, agreementId: string, year: number) {
  await op.tx.run(sql`INSERT INTO evaluation_reviews (agreement_id, year) VALUES (${agreementId}, ${year})
    ON CONFLICT (agreement_id, year) DO NOTHING`);
  return op.tx.one<{ id: string; frozen_hash: string | null }>(
    sql`SELECT id, frozen_hash FROM evaluation_reviews WHERE agreement_id = ${agreementId} AND year = ${year} FOR UPDATE`,
  );
}

export const actorLabel = (op: OpContext) => {
  const a = op.audit.actor;
  return a.kind === 'user' ? a.user.name : a.kind === 'system' ? a.label : 'anonyme';
};

/** Art. 4 : each party writes its own section of the review (its highlights of the year). */
export async function saveReviewSection(
  op: OpContext,
  agreementId: string,
  year: number,
  input: { organisationId: string; body: string },
) {
  const loaded = await loadAgreement(op.tx, agreementId);
  if (!loaded.terms.partyIds.includes(input.organisationId))
    throw new AppError('validation', undefined, {
      organisationId: 'Cette organisation n’est pas partie à la convention.',
    });
  const body = input.body.trim();
  if (body.length > 20000)
    throw new AppError('validation', undefined, {
      body: 'Votre partie du bilan : 20 000 caractères au plus.',
    });
  const review = await lockReview(op, agreementId, year);
  if (review.frozen_hash)
    throw new AppError('conflict', 'Ce bilan est approuvé par toutes les parties : il ne change plus.');
  await op.tx.run(sql`INSERT INTO evaluation_review_sections (review_id, organisation_id, body, updated_by_label, updated_at)
    VALUES (${review.id}, ${input.organisationId}, ${body}, ${actorLabel(op)}, ${op.now})
    ON CONFLICT (review_id, organisation_id) DO UPDATE SET body = EXCLUDED.body,
      updated_by_label = EXCLUDED.updated_by_label, updated_at = EXCLUDED.updated_at`);
  await audit(op.tx, op.audit, {
    action: 'evaluation.review.section',
    entityType: 'agreement',
    entityId: agreementId,
    organisationId: input.organisationId,
    after: { year, length: body.length },
  });
}
