import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { formatDate } from '../../i18n/i18n.js';
import { conventionYear } from './domain/dates.js';
import { snapshotOn } from './domain/lifecycle.js';
import { unfinished } from './domain/roadmap.js';
import type { OpContext } from './op-context.js';
import { findRoadmap } from './roadmap-store.js';
import { appendHistory, loadAgreement, today } from './store.js';

const actorLabel = (op: OpContext) =>
  op.audit.actor.kind === 'user'
    ? op.audit.actor.user.name
    : op.audit.actor.kind === 'system'
      ? op.audit.actor.label
      : 'anonyme';

/**
 * Art. 3 and 5 : the roadmap of convention year k. Renewal: it starts from the unfinished
 * actions of year k − 1, carried over with a link to their history.
 */
export async function createRoadmap(op: OpContext, agreementId: string, year: number) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  const s = snapshotOn(loaded.terms, loaded.history, today(op.now));
  if (!s.inForceFrom || !s.lastDayInForce) {
    throw new AppError(
      'conflict',
      "La convention n'est pas encore entrée en vigueur : pas de feuille de route annuelle.",
    );
  }
  if (!Number.isInteger(year) || year < 1)
    throw new AppError('validation', undefined, { year: 'Une année de convention (1, 2, 3…).' });
  const cy = conventionYear(s.inForceFrom, year);
  if (cy.start > s.lastDayInForce) {
    throw new AppError('validation', undefined, {
      year: `La convention prend fin le ${formatDate(s.lastDayInForce)} : pas d'année ${year}.`,
    });
  }
  if (await findRoadmap(op.tx, agreementId, year, loaded.terms.partyIds)) {
    throw new AppError('conflict', `La feuille de route de l'année ${year} existe déjà.`);
  }
  const previous = year > 1 ? await findRoadmap(op.tx, agreementId, year - 1, loaded.terms.partyIds) : null;
  const actorId = op.audit.actor.kind === 'user' ? op.audit.actor.user.id : null;
  const row = await op.tx.one<{
    id: string;
  }>(sql`INSERT INTO agreement_roadmaps (agreement_id, year, previous_roadmap_id, created_by)
    VALUES (${agreementId}, ${year}, ${previous?.id ?? null}, ${actorId}) RETURNING id`);
  const carried = previous ? unfinished(previous.actions) : [];
  for (const [i, a] of carried.entries()) {
    const copy = await op.tx.one<{
      id: string;
    }>(sql`INSERT INTO roadmap_actions (roadmap_id, title, description, engagement,
        owner_organisation_id, co_owner_ids, indicator, target_value, due_on, status, progress, weight, carried_from_action_id, position)
      VALUES (${row.id}, ${a.title}, ${a.description}, ${a.engagement}, ${a.ownerOrganisationId}, ${a.coOwnerIds}, ${a.indicator},
        ${a.targetValue}, ${a.dueOn}, ${a.status}, ${a.progress}, ${a.weight}, ${a.id}, ${i + 1})
      RETURNING id`);
    await op.tx.run(sql`INSERT INTO roadmap_action_history (action_id, actor_label, change)
      VALUES (${copy.id}, ${actorLabel(op)}, ${JSON.stringify({ carriedOverFromYear: year - 1, fromActionId: a.id })})`);
  }
  await appendHistory(op.tx, op.audit, agreementId, 'roadmap_event', today(op.now), {
    event: 'created',
    year,
    carried: carried.length,
  });
  await audit(op.tx, op.audit, {
    action: 'agreement.roadmap.create',
    entityType: 'agreement',
    entityId: agreementId,
    after: { year, roadmapId: row.id, carried: carried.length },
  });
  return { id: row.id, year, carried: carried.length };
}
