/**
 * The actor's projects and their next milestones, for the signed-in home page (issue 9 §5):
 * projects of the actor's organisations that are not finished, with the first milestone
 * not done yet (overdue ones first, as they come by date).
 */
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Actor } from '../../policy/actor.js';
import type { Status } from './domain/lifecycle.js';

export interface DashboardProject {
  id: string;
  title: string;
  status: Status;
  href: string;
  nextMilestone: { title: string; dueOn: string; overdue: boolean; href: string } | null;
}

/** Finished projects leave the home page (they stay on /projets). */
const OPEN: Status[] = ['idea', 'in_preparation', 'funded', 'running', 'completed'];

export async function projectsDashboard(
  db: Queryable,
  actor: Actor,
  today: string,
): Promise<DashboardProject[]> {
  if (actor.kind !== 'user') return [];
  const orgIds = actor.memberships.map((m) => m.organisationId);
  if (orgIds.length === 0) return [];
  const rows = await db.many<{
    id: string;
    title: string;
    status: Status;
    m_title: string | null;
    m_due: string | null;
  }>(sql`SELECT p.id, p.title, p.status, m.title AS m_title, m.due_on AS m_due
    FROM projects p
    LEFT JOIN LATERAL (SELECT title, due_on FROM project_milestones
      WHERE project_id = p.id AND done_on IS NULL ORDER BY due_on, title LIMIT 1) m ON true
    WHERE p.status = ANY(${OPEN}::text[])
      AND EXISTS (SELECT 1 FROM project_partners pp WHERE pp.project_id = p.id AND pp.organisation_id = ANY(${orgIds}::uuid[]))
    ORDER BY m.due_on NULLS LAST, p.updated_at DESC, p.title
    LIMIT 50`);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    href: `/projets/${r.id}`,
    nextMilestone:
      r.m_title && r.m_due
        ? { title: r.m_title, dueOn: r.m_due, overdue: r.m_due < today, href: `/projets/${r.id}#jalons` }
        : null,
  }));
}
