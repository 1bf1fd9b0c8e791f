import { audit } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { AppError, type FieldErrors } from '../../http/errors.js';
import { isIsoDate } from './domain/dates.js';
import { ACTION_STATUSES, ENGAGEMENTS, type RoadmapAction } from './domain/roadmap.js';
import type { OpContext } from './op-context.js';
import { loadRoadmap } from './roadmap-store.js';
import { loadAgreement } from './store.js';

export type ActionInput = Omit<RoadmapAction, 'id'>;

const label = (op: OpContext) =>
  op.audit.actor.kind === 'user'
    ? op.audit.actor.user.name
    : op.audit.actor.kind === 'system'
      ? op.audit.actor.label
      : 'anonyme';

/** Checks an action against the agreement's parties and the fixed lists; 422 naming the fields. */
export function checkAction(a: ActionInput, partyIds: string[]): FieldErrors {
  const e: FieldErrors = {};
  if (!a.title?.trim()) e.title = "Indiquez l'intitulé de l'action.";
  else if (a.title.length > 200) e.title = '200 caractères au plus.';
  if (!(ENGAGEMENTS as readonly string[]).includes(a.engagement))
    e.engagement = "Choisissez l'engagement de l'article 3.";
  if (!partyIds.includes(a.ownerOrganisationId))
    e.ownerOrganisationId = 'Le porteur doit être partie à la convention.';
  if (a.coOwnerIds.some((x) => !partyIds.includes(x)))
    e.coOwnerIds = 'Les coporteurs doivent être parties à la convention.';
  if (a.targetValue !== null && !Number.isFinite(a.targetValue)) e.targetValue = 'Un nombre est attendu.';
  if (a.dueOn && !isIsoDate(a.dueOn)) e.dueOn = 'Indiquez une date au format AAAA-MM-JJ.';
  if (!(ACTION_STATUSES as readonly string[]).includes(a.status)) e.status = 'Statut inconnu.';
  if (!Number.isInteger(a.progress) || a.progress < 0 || a.progress > 100)
    e.progress = 'Un entier de 0 à 100.';
  if (!Number.isInteger(a.weight) || a.weight < 0 || a.weight > 100) e.weight = 'Un entier de 0 à 100.';
  return e;
}

export async function insertAction(
  tx: Queryable,
  roadmapId: string,
  a: ActionInput,
  actor: string,
  position: number,
) {
  const row = await tx.one<{
    id: string;
  }>(sql`INSERT INTO roadmap_actions (roadmap_id, title, description, engagement,
      owner_organisation_id, co_owner_ids, indicator, target_value, due_on, status, progress, weight, position)
    VALUES (${roadmapId}, ${a.title.trim()}, ${a.description}, ${a.engagement}, ${a.ownerOrganisationId}, ${a.coOwnerIds},
      ${a.indicator}, ${a.targetValue}, ${a.dueOn}, ${a.status}, ${a.progress}, ${a.weight}, ${position})
    RETURNING id`);
  await tx.run(sql`INSERT INTO roadmap_action_history (action_id, actor_label, change)
    VALUES (${row.id}, ${actor}, ${JSON.stringify({ created: { title: a.title, status: a.status, progress: a.progress } })})`);
  return row.id;
}

/** Adds an action to the roadmap of a year. Changing the plan changes the hash to approve. */
export async function addRoadmapAction(op: OpContext, agreementId: string, year: number, a: ActionInput) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  const r = await loadRoadmap(op.tx, agreementId, year, loaded.terms.partyIds);
  const errors = checkAction(a, loaded.terms.partyIds);
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  const id = await insertAction(op.tx, r.id, a, label(op), r.actions.length + 1);
  await audit(op.tx, op.audit, {
    action: 'agreement.roadmap.action.add',
    entityType: 'roadmap_action',
    entityId: id,
    after: { agreementId, year, ...a },
  });
  return { id };
}

/** Follows up an action: status and progress (does not change the approved plan's hash unless dropped). */
export async function updateRoadmapAction(
  op: OpContext,
  agreementId: string,
  year: number,
  actionId: string,
  input: { status: string; progress: number },
) {
  const loaded = await loadAgreement(op.tx, agreementId, { forUpdate: true });
  const r = await loadRoadmap(op.tx, agreementId, year, loaded.terms.partyIds);
  const a = r.actions.find((x) => x.id === actionId);
  if (!a) throw new AppError('not_found', 'Action introuvable.');
  const next = { ...a, status: input.status as RoadmapAction['status'], progress: input.progress };
  const errors = checkAction(next, loaded.terms.partyIds);
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  await op.tx.run(sql`UPDATE roadmap_actions SET status = ${next.status}, progress = ${next.progress}, updated_at = now()
    WHERE id = ${actionId}`);
  const change = { status: [a.status, next.status], progress: [a.progress, next.progress] };
  await op.tx.run(sql`INSERT INTO roadmap_action_history (action_id, actor_label, change)
    VALUES (${actionId}, ${label(op)}, ${JSON.stringify(change)})`);
  await audit(op.tx, op.audit, {
    action: 'agreement.roadmap.action.update',
    entityType: 'roadmap_action',
    entityId: actionId,
    before: { status: a.status, progress: a.progress },
    after: { status: next.status, progress: next.progress },
  });
}
