import type { Db, Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { translator } from '../../i18n/i18n.js';
import { enqueue, type Job } from '../../jobs/queue.js';
import { queueMail } from '../../mail/mail.js';
import { isoWeek } from './domain/csv.js';
import { allMissionLocaleMatches, explain } from './find-matches.js';
import { addNotification, unsubscribeUrl } from './notify.js';
import type { OpportunityRow } from './pages.js';

const t = translator('fr');

/** Engaged internationally: CUF member, or partner countries, country groups or partners abroad. */
const ENGAGED = sql`(o.cuf_member
  OR EXISTS (SELECT 1 FROM organisation_countries x WHERE x.organisation_id = o.id)
  OR EXISTS (SELECT 1 FROM organisation_country_groups x WHERE x.organisation_id = o.id)
  OR EXISTS (SELECT 1 FROM organisation_partners x WHERE x.organisation_id = o.id))`;

/**
 * Opportunities for network admins (art. 3, "informer chaque réseau des opportunités de
 * rapprochement à l'échelle locale"): engaged authorities and the Missions Locales of the
 * same territory that have never been in contact through Passerelle, best score first,
 * by région and département of the Mission Locale.
 */
export async function listOpportunities(
  db: Queryable,
  now: Date,
  filter: { region?: string } = {},
): Promise<OpportunityRow[]> {
  const engaged = new Set(
    (
      await db.many<{ id: string }>(
        sql`SELECT o.id FROM organisations o WHERE o.kind = 'local_authority' AND (${ENGAGED} OR o.open_to_partnership)`,
      )
    ).map((r) => r.id),
  );
  if (engaged.size === 0) return [];
  const contacted = new Set(
    (
      await db.many<{ a: string; b: string }>(
        sql`SELECT requester_id AS a, receiver_id AS b FROM connections`,
      )
    ).flatMap((r) => [`${r.a}|${r.b}`, `${r.b}|${r.a}`]),
  );
  const pairs = (await allMissionLocaleMatches(db, now)).filter(
    (p) =>
      p.group === 'suggested' &&
      engaged.has(p.authorityId) &&
      !contacted.has(`${p.missionLocaleId}|${p.authorityId}`),
  );
  if (pairs.length === 0) return [];
  const ids = [...new Set(pairs.flatMap((p) => [p.missionLocaleId, p.authorityId]))];
  const orgs = new Map(
    (
      await db.many<{
        id: string;
        name: string;
        departement_code: string | null;
        departement_name: string | null;
        region_code: string | null;
        region_name: string | null;
      }>(sql`SELECT o.id, o.name, o.departement_code, d.name AS departement_name,
          coalesce(o.region_code, d.region_code) AS region_code, r.name AS region_name
        FROM organisations o LEFT JOIN departements d ON d.code = o.departement_code
        LEFT JOIN regions r ON r.code = coalesce(o.region_code, d.region_code)
        WHERE o.id = ANY(${ids}::uuid[])`)
    ).map((o) => [o.id, o]),
  );
  const rows: (OpportunityRow & { region_code: string | null })[] = [];
  for (const p of pairs) {
    const ml = orgs.get(p.missionLocaleId);
    const au = orgs.get(p.authorityId);
    if (!ml || !au) continue;
    if (filter.region && ml.region_code !== filter.region) continue;
    rows.push({
      region_code: ml.region_code,
      region_name: ml.region_name,
      departement_code: ml.departement_code,
      departement_name: ml.departement_name,
      ml_id: ml.id,
      ml_name: ml.name,
      authority_id: au.id,
      authority_name: au.name,
      share: p.share,
      score: p.score,
      reasons: explain(t, p.reasons),
    });
  }
  const cmp = (a: string | null, b: string | null) => (a ?? '\uffff').localeCompare(b ?? '\uffff', 'fr');
  return rows.sort(
    (a, b) =>
      cmp(a.region_name, b.region_name) ||
      cmp(a.departement_code, b.departement_code) ||
      cmp(a.ml_name, b.ml_name) ||
      b.score - a.score ||
      cmp(a.authority_name, b.authority_name),
  );
}

/**
 * The weekly scan: records which authorities and Missions Locales are engaged or open to
 * partnership, and returns those that became so since the last scan. The very first scan
 * only records the baseline (nothing is "new" then).
 */
export async function scanSignals(
  tx: Queryable,
  now: Date,
): Promise<{ id: string; kind: string; name: string; what: 'engaged' | 'open' }[]> {
  const first = !(await tx.maybeOne(sql`SELECT 1 AS x FROM opportunity_signals LIMIT 1`));
  const current = await tx.many<{
    id: string;
    kind: string;
    name: string;
    engaged: boolean;
    open: boolean;
  }>(sql`
    SELECT o.id, o.kind, o.name, (o.kind = 'local_authority' AND ${ENGAGED}) AS engaged, o.open_to_partnership AS open
    FROM organisations o
    WHERE o.kind IN ('local_authority', 'mission_locale') AND (${ENGAGED} OR o.open_to_partnership
      OR EXISTS (SELECT 1 FROM opportunity_signals s WHERE s.organisation_id = o.id))`);
  const before = new Map(
    (
      await tx.many<{ organisation_id: string; engaged: boolean; open_to_partnership: boolean }>(
        sql`SELECT organisation_id, engaged, open_to_partnership FROM opportunity_signals`,
      )
    ).map((r) => [r.organisation_id, r]),
  );
  const news: { id: string; kind: string; name: string; what: 'engaged' | 'open' }[] = [];
  for (const o of current) {
    const b = before.get(o.id);
    if (b && b.engaged === o.engaged && b.open_to_partnership === o.open) continue;
    if (!first) {
      if (o.engaged && !b?.engaged) news.push({ id: o.id, kind: o.kind, name: o.name, what: 'engaged' });
      else if (o.open && !b?.open_to_partnership)
        news.push({ id: o.id, kind: o.kind, name: o.name, what: 'open' });
    }
    await tx.run(sql`INSERT INTO opportunity_signals (organisation_id, engaged, open_to_partnership, first_seen_at, changed_at)
      VALUES (${o.id}, ${o.engaged}, ${o.open}, ${now}, ${now})
      ON CONFLICT (organisation_id) DO UPDATE SET engaged = EXCLUDED.engaged,
        open_to_partnership = EXCLUDED.open_to_partnership, changed_at = EXCLUDED.changed_at`);
  }
  return news;
}

/**
 * The weekly digest job: scans the signals, finds for each new counterpart the
 * organisations of the same territory (authority → Missions Locales, ML → authorities),
 * and enqueues one `connections.digest.user` job per member who wants the digest, keyed
 * by user and ISO week (dedupeKey), so a second run in the same week sends nothing more.
 */
export async function runWeeklyDigest(deps: Deps): Promise<{ users: number; news: number }> {
  const now = deps.now();
  const week = isoWeek(now);
  return deps.db.transaction(async (tx) => {
    const news = await scanSignals(tx, now);
    if (news.length === 0) return { users: 0, news: 0 };
    const ids = news.map((n) => n.id);
    // Organisations of the same territory, of the other kind.
    const pairs = await tx.many<{ news_id: string; org_id: string }>(sql`
      SELECT DISTINCT n.organisation_id AS news_id, other.organisation_id AS org_id
      FROM organisation_communes n
      JOIN organisations no ON no.id = n.organisation_id
      JOIN organisation_communes other ON other.commune_insee = n.commune_insee AND other.organisation_id <> n.organisation_id
      JOIN organisations oo ON oo.id = other.organisation_id
      WHERE n.organisation_id = ANY(${ids}::uuid[])
        AND ((no.kind = 'local_authority' AND oo.kind = 'mission_locale') OR (no.kind = 'mission_locale' AND oo.kind = 'local_authority'))`);
    const byOrg = new Map<string, Set<string>>();
    for (const p of pairs) byOrg.set(p.org_id, (byOrg.get(p.org_id) ?? new Set()).add(p.news_id));
    if (byOrg.size === 0) return { users: 0, news: news.length };
    const members = await tx.many<{ user_id: string; organisation_id: string }>(sql`
      SELECT m.user_id, m.organisation_id FROM memberships m JOIN users u ON u.id = m.user_id
      LEFT JOIN notification_preferences p ON p.user_id = u.id
      WHERE m.organisation_id = ANY(${[...byOrg.keys()]}::uuid[]) AND u.disabled_at IS NULL`);
    const byUser = new Map<string, { items: Set<string>; orgs: Set<string> }>();
    for (const m of members) {
      const u = byUser.get(m.user_id) ?? { items: new Set<string>(), orgs: new Set<string>() };
      for (const n of byOrg.get(m.organisation_id) ?? []) u.items.add(n);
      u.orgs.add(m.organisation_id);
      byUser.set(m.user_id, u);
    }
    const newsById = new Map(news.map((n) => [n.id, n]));
    for (const [userId, u] of byUser) {
      const items = [...u.items]
        .map((id) => newsById.get(id)!)
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
      await enqueue(
        tx,
        'connections.digest.user',
        { userId, week, orgId: [...u.orgs][0], items: items.map((i) => ({ name: i.name, what: i.what })) },
        { dedupeKey: `digest:${userId}:${week}` },
      );
    }
    return { users: byUser.size, news: news.length };
  });
}

/** One user's digest: once per ISO week (opportunity_digests), in-app and by e-mail per preference. */
export async function sendUserDigest(deps: Deps, db: Db, job: Job): Promise<void> {
  const { userId, week, orgId, items } = job.payload as {
    userId: string;
    week: string;
    orgId: string;
    items: { name: string; what: 'engaged' | 'open' }[];
  };
  const now = deps.now();
  await db.transaction(async (tx) => {
    const fresh = await tx.maybeOne(sql`INSERT INTO opportunity_digests (user_id, week, items, sent_at)
      VALUES (${userId}, ${week}, ${items.length}, ${now}) ON CONFLICT DO NOTHING RETURNING user_id`);
    if (!fresh) return;
    const user = await tx.maybeOne<{ email: string; digest: boolean }>(sql`
      SELECT u.email, coalesce(p.digest_emails, true) AS digest FROM users u
      LEFT JOIN notification_preferences p ON p.user_id = u.id WHERE u.id = ${userId} AND u.disabled_at IS NULL`);
    if (!user) return;
    const page = `/organisations/${orgId}/rapprochements`;
    const lines = items.map((i) =>
      t(i.what === 'engaged' ? 'connections.digest.item_engaged' : 'connections.digest.item_open', {
        name: i.name,
      }),
    );
    await addNotification(tx, {
      userId,
      kind: 'connection.digest',
      title: t('connections.notification.digest'),
      body: lines.join('\n'),
      url: page,
      now,
    });
    if (!user.digest) return;
    await queueMail(tx, deps.config, {
      to: user.email,
      subject: t('connections.mail.digest_subject', { week }),
      text: t('connections.mail.digest_text', {
        items: lines.map((l) => `- ${l}`).join('\n'),
        page: `${deps.config.BASE_URL}${page}`,
      }),
      category: 'digest',
      unsubscribeUrl: unsubscribeUrl(deps.config, user.email, 'digest'),
    });
  });
}
