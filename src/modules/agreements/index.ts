/** Public surface of the agreements module: what other modules may use. */
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';

export {
  type AgreementDeadline,
  type AgreementsDashboard,
  type ApprovalTodo,
  agreementsDashboard,
  type RoadmapActionDue,
} from './dashboard.js';
/**
 * Approval by content hash (art. 5 and 6), shared with other two-party approvals (joint news, art. 3):
 * true once every party approved the current hash.
 */
export { isValidated as approvedByAll } from './domain/roadmap.js';
export { agreementPolicies } from './policy.js';
export { findRoadmap } from './roadmap-store.js';
export { agreementsModule } from './routes.js';
export { loadAgreement } from './store.js';

/** The local convention of a joint project (art. 2), if one was created from it. */
export async function agreementOfProject(
  db: Queryable,
  projectId: string,
): Promise<{ id: string; title: string } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(projectId)) return null;
  return db.maybeOne<{ id: string; title: string }>(sql`SELECT a.id, a.title
    FROM agreement_projects ap JOIN agreements a ON a.id = ap.agreement_id
    WHERE ap.project_id = ${projectId}`);
}

/** Where to start the convention of a joint project (both parties prefilled). */
export const newAgreementForProject = (projectId: string) => `/conventions/nouvelle?projet=${projectId}`;

/** Where to start a convention with a partner met through a connection (art. 3). */
export const newAgreementWith = (ownOrganisationId: string, partnerId: string) =>
  `/conventions/nouvelle?organisation=${ownOrganisationId}&partenaire=${partnerId}`;
