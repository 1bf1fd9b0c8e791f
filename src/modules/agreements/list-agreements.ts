import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { type Actor, isNetworkAdmin, isPlatformAdmin } from '../../policy/actor.js';
import type { IsoDate } from './domain/dates.js';
import type { Deadline, Snapshot } from './domain/lifecycle.js';
import { loadAgreement } from './store.js';
import { deadlinesOf } from './view.js';

export interface ListedAgreement {
  id: string;
  title: string;
  kind: string;
  parties: string[];
  snapshot: Snapshot;
  deadlines: Deadline[];
}

/** The agreements an actor may see (same rule as policy.ts `canView`), with their state on a date. */
export async function listAgreements(db: Queryable, actor: Actor, on: IsoDate): Promise<ListedAgreement[]> {
  if (actor.kind !== 'user') return [];
  const orgIds = actor.memberships.map((m) => m.organisationId);
  const all = isPlatformAdmin(actor);
  const national = isNetworkAdmin(actor);
  const rows = await db.many<{ id: string }>(sql`
    SELECT a.id FROM agreements a
    WHERE ${
      all
        ? sql`true`
        : sql`(${national ? sql`a.kind = 'national_partnership'` : sql`false`}
      ${orgIds.length ? sql`OR EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.organisation_id IN (${sql.join(orgIds)}))` : sql``})`
    }
    ORDER BY a.created_at DESC
    LIMIT 500`);
  const out: ListedAgreement[] = [];
  for (const r of rows) {
    const loaded = await loadAgreement(db, r.id);
    const { snapshot, deadlines } = await deadlinesOf(db, loaded, on);
    out.push({
      id: r.id,
      title: loaded.agreement.title,
      kind: loaded.agreement.kind,
      parties: loaded.parties.map((p) => p.name),
      snapshot,
      deadlines,
    });
  }
  return out;
}
