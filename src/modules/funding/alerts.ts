import { randomBytes } from 'node:crypto';
import type { AuditContext } from '../../audit/audit.js';
import { audit } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { formatDate } from '../../i18n/i18n.js';
import { queueMail } from '../../mail/mail.js';
import { dueAlerts } from './domain/alerts.js';
import type { ApplicantType, ProgrammeFilter, ProjectKind } from './domain/programme.js';
import { loadProgrammes } from './store.js';

export interface SavedSearch {
  id: string;
  user_id: string;
  q: string;
  project_kind: ProjectKind | null;
  applicant_type: ApplicantType | null;
  unsubscribe_token: string;
  created_at: Date;
}

export const filterOfSearch = (s: SavedSearch): ProgrammeFilter => ({
  q: s.q || undefined,
  projectKind: s.project_kind ?? undefined,
  applicantType: s.applicant_type ?? undefined,
});

export async function saveSearch(
  tx: Queryable,
  ctx: AuditContext,
  userId: string,
  f: ProgrammeFilter,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('hex');
  const { id } = await tx.one<{ id: string }>(sql`INSERT INTO funding_saved_searches
      (user_id, q, project_kind, applicant_type, unsubscribe_token, created_at)
    VALUES (${userId}, ${f.q ?? ''}, ${f.projectKind ?? null}, ${f.applicantType ?? null}, ${token}, ${now}) RETURNING id`);
  await audit(tx, ctx, {
    action: 'funding.search.save',
    entityType: 'funding_saved_search',
    entityId: id,
    after: f,
  });
  return id;
}

export async function deleteSearch(tx: Queryable, ctx: AuditContext, id: string): Promise<boolean> {
  const row = await tx.maybeOne(sql`DELETE FROM funding_saved_searches WHERE id = ${id} RETURNING id`);
  if (row)
    await audit(tx, ctx, {
      action: 'funding.search.delete',
      entityType: 'funding_saved_search',
      entityId: id,
    });
  return !!row;
}

export const searchesOf = (db: Queryable, userId: string) =>
  db.many<SavedSearch>(
    sql`SELECT * FROM funding_saved_searches WHERE user_id = ${userId} ORDER BY created_at`,
  );

/**
 * Daily job: one e-mail per saved search that has new calls or calls closing within 7 days,
 * each call alerted once per kind (recorded in the transaction that queues the mail).
 */
export async function sendFundingAlerts(deps: Deps): Promise<number> {
  const now = deps.now();
  const today = now.toISOString().slice(0, 10);
  const programmes = await loadProgrammes(deps.db);
  const createdAt = new Map(
    (await deps.db.many<{ id: string; created_at: Date }>(sql`SELECT id, created_at FROM funding_calls`)).map(
      (r) => [r.id, r.created_at],
    ),
  );
  const searches = await deps.db.many<
    SavedSearch & { email: string }
  >(sql`SELECT s.*, u.email FROM funding_saved_searches s
    JOIN users u ON u.id = s.user_id ORDER BY s.created_at`);
  let mails = 0;
  for (const s of searches) {
    const sent = new Set(
      (
        await deps.db.many<{ call_id: string; kind: string }>(
          sql`SELECT call_id, kind FROM funding_alerts_sent WHERE search_id = ${s.id}`,
        )
      ).map((r) => `${r.call_id}:${r.kind}`),
    );
    const items = dueAlerts(
      programmes,
      { ...filterOfSearch(s), savedAt: s.created_at },
      createdAt,
      sent,
      today,
    );
    if (items.length === 0) continue;
    const lines = items.map(
      (i) =>
        `- ${i.kind === 'new' ? 'Nouvel appel' : 'Clôture proche'} : ${i.programme.name} — ${i.call.title}, ` +
        `du ${formatDate(i.call.opensOn)} au ${formatDate(i.call.closesOn)}\n  ${deps.config.BASE_URL}/financements/${i.programme.id}`,
    );
    await deps.db.transaction(async (tx) => {
      await queueMail(tx, deps.config, {
        to: s.email,
        subject: `Financements : ${items.length} appel(s) à suivre`,
        text: `Bonjour,\n\nSelon votre recherche enregistrée sur Passerelle :\n\n${lines.join('\n')}\n\nVérifiez toujours la page officielle du programme.`,
        category: 'notification',
        unsubscribeUrl: `${deps.config.BASE_URL}/financements/alertes/desabonner/${s.unsubscribe_token}`,
      });
      for (const i of items)
        await tx.run(sql`INSERT INTO funding_alerts_sent (search_id, call_id, kind, sent_at)
          VALUES (${s.id}, ${i.call.id}, ${i.kind}, ${now}) ON CONFLICT DO NOTHING`);
    });
    mails++;
  }
  return mails;
}
