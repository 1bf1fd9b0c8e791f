import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { dueReminders } from './domain/lifecycle.js';
import { mailRegistrant } from './notify.js';
import type { OpContext } from './op-context.js';
import { loadEvent } from './store.js';

/**
 * The reminder job (hourly): D-7 and D-1 mails with the calendar file to confirmed
 * registrations. Each reminder is written to event_reminders (primary key registration +
 * kind) in the same transaction as its mail: it goes once, whatever the runs or instances.
 */
export async function sendEventReminders(deps: Pick<Deps, 'db' | 'config' | 'now'>): Promise<number> {
  const now = deps.now();
  const horizon = new Date(now.getTime() + 7 * 86_400_000);
  const regs = await deps.db.many<{ id: string; event_id: string; requested_at: Date; starts_at: Date }>(sql`
    SELECT r.id, r.event_id, r.requested_at, e.starts_at FROM event_registrations r JOIN events e ON e.id = r.event_id
    WHERE r.status = 'confirmed' AND e.status = 'scheduled' AND e.starts_at > ${now} AND e.starts_at <= ${horizon}`);
  let sent = 0;
  for (const r of regs) {
    for (const kind of dueReminders(new Date(r.starts_at), now, new Date(r.requested_at))) {
      await deps.db.transaction(async (tx) => {
        const claimed = await tx.maybeOne(sql`INSERT INTO event_reminders (registration_id, kind, sent_at)
          VALUES (${r.id}, ${kind}, ${now}) ON CONFLICT DO NOTHING RETURNING kind`);
        if (!claimed) return;
        const op: OpContext = {
          tx,
          audit: { actor: { kind: 'system', label: 'rappels d’événements' } },
          now,
          config: deps.config,
        };
        const e = await loadEvent(tx, r.event_id);
        const reg = await tx.one<{ name: string; email: string }>(
          sql`SELECT name, email FROM event_registrations WHERE id = ${r.id}`,
        );
        await mailRegistrant(
          op,
          e,
          { ...reg, status: 'confirmed' },
          kind === 'd7' ? 'reminder_d7' : 'reminder_d1',
        );
        sent++;
      });
    }
  }
  return sent;
}
