/** Reading a roadmap with its actions, approvals, hash, validation and progress. */
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { isValidated, type RoadmapAction, roadmapHash, rollUp } from './domain/roadmap.js';

export interface LoadedRoadmap {
  id: string;
  agreementId: string;
  year: number;
  previousRoadmapId: string | null;
  actions: (RoadmapAction & { carriedFromActionId: string | null; position: number })[];
  approvals: {
    organisationId: string;
    hash: string;
    approvedOn: string;
    /** The person's name; null when the platform recorded it (seed, import): no internal label shown. */
    approvedByLabel: string | null;
  }[];
  hash: string;
  validated: boolean;
  progress: number | null;
}

export async function findRoadmap(db: Queryable, agreementId: string, year: number, partyIds: string[]) {
  const r = await db.maybeOne<{ id: string; previous_roadmap_id: string | null }>(
    sql`SELECT id, previous_roadmap_id FROM agreement_roadmaps WHERE agreement_id = ${agreementId} AND year = ${year}`,
  );
  if (!r) return null;
  const rows =
    await db.many<any>(sql`SELECT id, title, description, engagement, owner_organisation_id, co_owner_ids,
      indicator, target_value, due_on, status, progress, weight, carried_from_action_id, position
    FROM roadmap_actions WHERE roadmap_id = ${r.id} ORDER BY position, created_at`);
  const actions = rows.map((a) => ({
    id: a.id,
    title: a.title,
    description: a.description,
    engagement: a.engagement,
    ownerOrganisationId: a.owner_organisation_id,
    coOwnerIds: (a.co_owner_ids ?? []) as string[],
    indicator: a.indicator,
    targetValue: a.target_value === null ? null : Number(a.target_value),
    dueOn: a.due_on,
    status: a.status,
    progress: a.progress,
    weight: a.weight,
    carriedFromActionId: a.carried_from_action_id,
    position: a.position,
  }));
  const approvals = (
    await db.many<{
      organisation_id: string;
      hash: string;
      approved_on: string;
      approved_by_label: string | null;
    }>(
      sql`SELECT organisation_id, hash, approved_on,
        CASE WHEN approved_by IS NULL THEN NULL ELSE approved_by_label END AS approved_by_label FROM roadmap_approvals WHERE roadmap_id = ${r.id} ORDER BY created_at`,
    )
  ).map((a) => ({
    organisationId: a.organisation_id,
    hash: a.hash,
    approvedOn: a.approved_on,
    approvedByLabel: a.approved_by_label,
  }));
  const hash = roadmapHash(year, actions);
  return {
    id: r.id,
    agreementId,
    year,
    previousRoadmapId: r.previous_roadmap_id,
    actions,
    approvals,
    hash,
    validated: actions.length > 0 && isValidated(partyIds, approvals, hash),
    progress: rollUp(actions),
  } satisfies LoadedRoadmap;
}

export async function loadRoadmap(db: Queryable, agreementId: string, year: number, partyIds: string[]) {
  const r = await findRoadmap(db, agreementId, year, partyIds);
  if (!r) throw new AppError('not_found', 'Feuille de route introuvable.');
  return r;
}

export async function roadmapYears(db: Queryable, agreementId: string) {
  return db.many<{ year: number }>(
    sql`SELECT year FROM agreement_roadmaps WHERE agreement_id = ${agreementId} ORDER BY year`,
  );
}
