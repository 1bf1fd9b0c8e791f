import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { isValidated } from './domain/roadmap.js';
import type { OpContext } from './op-context.js';
import { loadRoadmap } from './roadmap-store.js';
import { appendHistory, loadAgreement, requireParty, today } from './store.js';

/**
 * Art. 4 : each party validates the roadmap, like an amendment: it approves the exact
 * version (hash). A hash that is not the current one → 409, nothing written.
 */
export async function approveRoadmap(
  op: OpContext,
  agreementId: string,
  year: number,
  input: { organisationId: string; hash: string },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  requireParty(loaded, input.organisationId, 'organisationId');
  const r = await loadRoadmap(op.tx, agreementId, year, loaded.terms.partyIds);
  if (r.actions.length === 0)
    throw new AppError('conflict', 'La feuille de route ne contient aucune action.');
  if (input.hash !== r.hash) {
    throw new AppError(
      'conflict',
      `La feuille de route a changé : approuvez la version actuelle (empreinte ${r.hash}).`,
    );
  }
  if (r.approvals.some((a) => a.organisationId === input.organisationId && a.hash === r.hash)) {
    throw new AppError('conflict', 'Cette partie a déjà approuvé cette version de la feuille de route.');
  }
  const actor = op.audit.actor;
  const on = today(op.now);
  await op.tx.run(sql`INSERT INTO roadmap_approvals (roadmap_id, organisation_id, hash, approved_on, approved_by, approved_by_label)
    VALUES (${r.id}, ${input.organisationId}, ${r.hash}, ${on}, ${actor.kind === 'user' ? actor.user.id : null},
      ${actor.kind === 'user' ? actor.user.name : actor.kind === 'system' ? actor.label : 'anonyme'})`);
  const approvals = [...r.approvals, { organisationId: input.organisationId, hash: r.hash }];
  const validated = isValidated(loaded.terms.partyIds, approvals, r.hash);
  await appendHistory(op.tx, op.audit, agreementId, 'roadmap_event', on, {
    event: validated ? 'validated' : 'approved',
    year,
    organisationId: input.organisationId,
    hash: r.hash,
  });
  await audit(op.tx, op.audit, {
    action: 'agreement.roadmap.approve',
    entityType: 'agreement',
    entityId: agreementId,
    organisationId: input.organisationId,
    after: { year, hash: r.hash, validated },
  });
  return { hash: r.hash, validated };
}
