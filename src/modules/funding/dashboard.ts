/**
 * New funding calls matching the user's saved searches, for the signed-in home page
 * (issue 9 §5): calls added in the last NEW_CALL_DAYS days that are still open or to come,
 * for any saved search (same filter as the alert e-mails, alerts.ts).
 */
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { filterOfSearch, searchesOf } from './alerts.js';
import { filterProgrammes } from './domain/programme.js';
import { loadProgrammes } from './store.js';

export const NEW_CALL_DAYS = 30;

export interface NewCall {
  callId: string;
  callTitle: string;
  programmeName: string;
  opensOn: string;
  closesOn: string;
  open: boolean;
  href: string;
}

export async function newCallsForUser(
  db: Queryable,
  userId: string,
  now: Date,
  today: string,
): Promise<{ searches: number; calls: NewCall[] }> {
  const searches = await searchesOf(db, userId);
  if (searches.length === 0) return { searches: 0, calls: [] };
  const since = new Date(now.getTime() - NEW_CALL_DAYS * 86_400_000);
  const recent = await db.many<{ programme_id: string }>(
    sql`SELECT DISTINCT programme_id FROM funding_calls WHERE created_at >= ${since} AND closes_on >= ${today}`,
  );
  if (recent.length === 0) return { searches: searches.length, calls: [] };
  const programmes = await loadProgrammes(
    db,
    recent.map((r) => r.programme_id),
  );
  const recentIds = new Set(
    (
      await db.many<{ id: string }>(
        sql`SELECT id FROM funding_calls WHERE created_at >= ${since} AND closes_on >= ${today}`,
      )
    ).map((r) => r.id),
  );
  const seen = new Set<string>();
  const calls: NewCall[] = [];
  for (const s of searches)
    for (const p of filterProgrammes(programmes, filterOfSearch(s), today))
      for (const call of p.calls) {
        if (!call.id || !recentIds.has(call.id) || seen.has(call.id)) continue;
        seen.add(call.id);
        calls.push({
          callId: call.id,
          callTitle: call.title,
          programmeName: p.name,
          opensOn: call.opensOn,
          closesOn: call.closesOn,
          open: call.opensOn <= today,
          href: `/financements/${p.id}`,
        });
      }
  calls.sort((a, b) => a.closesOn.localeCompare(b.closesOn));
  return { searches: searches.length, calls };
}
