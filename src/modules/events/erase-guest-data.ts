import { audit } from '../../audit/audit.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';

/**
 * Data minimisation (ADR 0090): guests' name, e-mail and organisation are kept until one
 * year after their event, then the registration is anonymised (attendance still counts in
 * the aggregates, by organisation name "invité"). Daily job; one transaction.
 */
export async function eraseGuestData(deps: Pick<Deps, 'db' | 'now'>): Promise<number> {
  const limit = new Date(deps.now().getTime() - 365 * 86_400_000);
  return deps.db.transaction(async (tx) => {
    const n = await tx.run(sql`UPDATE event_registrations r SET name = 'invité', organisation_name = 'invité',
        email = 'efface-' || r.id || '@invalid', confirm_token_hash = NULL
      FROM events e WHERE e.id = r.event_id AND r.user_id IS NULL AND e.ends_at < ${limit} AND r.name <> 'invité'`);
    if (n > 0)
      await audit(
        tx,
        { actor: { kind: 'system', label: 'effacement des données des invités' } },
        {
          action: 'event.guests.erase',
          entityType: 'event_registration',
          after: { count: n },
        },
      );
    return n;
  });
}
