/**
 * What an actor has to do on agreements, for the signed-in home page (issue 9 §5): versions
 * and roadmaps waiting for their organisation's approval, deadlines ahead, roadmap actions
 * due. Read-only; the same rules as the pages that do the work (policy.ts, pages.tsx).
 */
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { type Actor, isNetworkAdmin } from '../../policy/actor.js';
import { addDays, type IsoDate } from './domain/dates.js';
import type { Deadline } from './domain/lifecycle.js';
import { roadmapPath } from './roadmap-name.js';
import { findRoadmap, roadmapYears } from './roadmap-store.js';
import { loadAgreement } from './store.js';
import { deadlinesOf } from './view.js';

export interface ApprovalTodo {
  kind: 'version' | 'roadmap';
  agreementId: string;
  agreementTitle: string;
  /** The party the actor approves for (an organisation the actor administers). */
  organisationName: string;
  /** Version number (kind version) or convention year (kind roadmap). */
  number: number;
  href: string;
}

export interface AgreementDeadline {
  agreementId: string;
  agreementTitle: string;
  kind: Deadline['kind'];
  on: IsoDate;
  href: string;
}

export interface RoadmapActionDue {
  agreementId: string;
  agreementTitle: string;
  year: number;
  title: string;
  dueOn: IsoDate;
  overdue: boolean;
  href: string;
}

export interface AgreementsDashboard {
  toApprove: ApprovalTodo[];
  deadlines: AgreementDeadline[];
  actionsDue: RoadmapActionDue[];
}

/** How far ahead deadlines and roadmap actions are shown. */
export const DEADLINE_HORIZON_DAYS = 120;
export const ACTION_HORIZON_DAYS = 60;

/**
 * The agreements the actor takes part in (a member of a party), and for network staff the
 * national convention (art. 9 : they run it). Platform admins see the others from /conventions.
 */
async function agreementIdsOf(db: Queryable, actor: Actor): Promise<string[]> {
  if (actor.kind !== 'user') return [];
  const orgIds = actor.memberships.map((m) => m.organisationId);
  const rows = await db.many<{ id: string }>(sql`
    SELECT a.id FROM agreements a
    WHERE EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.organisation_id = ANY(${orgIds}::uuid[]))
      ${isNetworkAdmin(actor) ? sql`OR a.kind = 'national_partnership'` : sql.empty}
    ORDER BY a.created_at DESC
    LIMIT 200`);
  return rows.map((r) => r.id);
}

export async function agreementsDashboard(
  db: Queryable,
  actor: Actor,
  today: IsoDate,
): Promise<AgreementsDashboard> {
  const out: AgreementsDashboard = { toApprove: [], deadlines: [], actionsDue: [] };
  if (actor.kind !== 'user') return out;
  const adminOf = new Set(actor.memberships.filter((m) => m.role === 'admin').map((m) => m.organisationId));
  const memberOf = new Set(actor.memberships.map((m) => m.organisationId));
  const deadlineLimit = addDays(today, DEADLINE_HORIZON_DAYS);
  const actionLimit = addDays(today, ACTION_HORIZON_DAYS);
  for (const id of await agreementIdsOf(db, actor)) {
    const loaded = await loadAgreement(db, id);
    const title = loaded.agreement.title;
    const href = `/conventions/${id}`;
    const { snapshot, deadlines } = await deadlinesOf(db, loaded, today);
    const myParties = loaded.parties.filter((p) => adminOf.has(p.organisation_id));

    // Art. 5 and 6 : the latest version binds only once every party approved it (same rule
    // as the approval form of the agreement page).
    const latest = loaded.versions.at(-1);
    if (latest && ['draft', 'signing', 'in_force'].includes(snapshot.state)) {
      for (const p of myParties) {
        const done = loaded.approvals.some(
          (a) => a.number === latest.number && a.organisation_id === p.organisation_id,
        );
        if (!done)
          out.toApprove.push({
            kind: 'version',
            agreementId: id,
            agreementTitle: title,
            organisationName: p.name,
            number: latest.number,
            // Straight to the approval form of the agreement page (where it is done).
            href: `${href}?action=approve#action-form`,
          });
      }
    }

    for (const d of deadlines)
      if (d.on <= deadlineLimit)
        out.deadlines.push({ agreementId: id, agreementTitle: title, kind: d.kind, on: d.on, href });

    // Art. 3 and 4 : one roadmap per convention year, validated by every party.
    if (snapshot.state !== 'in_force') continue;
    const partyIds = loaded.parties.map((p) => p.organisation_id);
    for (const { year } of await roadmapYears(db, id)) {
      const r = await findRoadmap(db, id, year, partyIds);
      if (!r) continue;
      // Roadmaps are linked by calendar period (issue 9 §4), like on the agreement page.
      const roadmapHref = roadmapPath(id, snapshot.inForceFrom, year);
      if (r.actions.length > 0 && !r.validated)
        for (const p of myParties)
          if (!r.approvals.some((a) => a.organisationId === p.organisation_id && a.hash === r.hash))
            out.toApprove.push({
              kind: 'roadmap',
              agreementId: id,
              agreementTitle: title,
              organisationName: p.name,
              number: year,
              href: roadmapHref,
            });
      for (const a of r.actions) {
        if (a.status === 'done' || a.status === 'dropped' || !a.dueOn || a.dueOn > actionLimit) continue;
        if (!memberOf.has(a.ownerOrganisationId) && !a.coOwnerIds.some((o) => memberOf.has(o))) continue;
        out.actionsDue.push({
          agreementId: id,
          agreementTitle: title,
          year,
          title: a.title,
          dueOn: a.dueOn,
          overdue: a.dueOn < today,
          href: roadmapHref,
        });
      }
    }
  }
  const byDate = <T extends { on?: string; dueOn?: string }>(a: T, b: T) =>
    (a.on ?? a.dueOn ?? '').localeCompare(b.on ?? b.dueOn ?? '');
  out.deadlines.sort(byDate);
  out.actionsDue.sort(byDate);
  return out;
}
