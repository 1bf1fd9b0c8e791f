import { type AuditContext, audit } from '../../audit/audit.js';
import type { Db, Queryable } from '../../db/client.js';
import { type Sql, sql } from '../../db/sql.js';
import { AppError, invalid } from '../../http/errors.js';
import type { Actor } from '../../policy/actor.js';
import {
  type ContactInput,
  diffSnapshots,
  type ProfilePatch,
  type ProfileSnapshot,
  parisDay,
} from './domain/profile.js';
import { type Reader, type SharingLevel, visibleLevels, visibleSharingLevels } from './domain/sharing.js';

export interface OrganisationRow {
  id: string;
  kind: string;
  level: string | null;
  name: string;
  short_name: string | null;
  code: string | null;
  siret: string | null;
  email: string | null;
  website: string | null;
  description: string | null;
  country: string | null;
  city: string | null;
  partner_type: string | null;
  open_to_partnership: boolean;
  partnership_wanted: string | null;
  last_verified_on: string | null;
  cuf_member: boolean;
  updated_at: Date;
}

export const isUuid = (s: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export async function findOrganisation(
  q: Queryable,
  id: string,
  lock = false,
): Promise<OrganisationRow | null> {
  if (!isUuid(id)) return null;
  return q.maybeOne<OrganisationRow>(sql`SELECT id, kind, level, name, short_name, code, siret, email, website,
      description, country, city, partner_type, open_to_partnership, partnership_wanted, last_verified_on,
      cuf_member, updated_at
    FROM organisations WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql.empty}`);
}

export interface ContactRow extends ContactInput {
  id: string;
}

export async function contactsOf(q: Queryable, id: string, levels?: SharingLevel[]): Promise<ContactRow[]> {
  return q.many<ContactRow>(sql`SELECT id, name, role_title AS "roleTitle", email, phone, sharing_level AS "sharingLevel"
    FROM organisation_contacts WHERE organisation_id = ${id}
    ${levels ? sql`AND sharing_level = ANY(${levels})` : sql.empty}
    ORDER BY position, created_at`);
}

/**
 * The contacts of an organisation that these readers may see (the union of what each may
 * see), through the one sharing rule of `domain/sharing.ts`. Every page, API route, export
 * and e-mail that shows contacts of an organisation reads them here.
 */
export async function readContacts(
  q: Queryable,
  organisationId: string,
  ...readers: Reader[]
): Promise<ContactRow[]> {
  const levels = [...new Set(readers.flatMap((r) => visibleLevels(r, organisationId)))];
  return contactsOf(q, organisationId, levels);
}

export interface PartnerRow {
  id: string;
  name: string;
  country: string | null;
  city: string | null;
  partnerType: string | null;
}

export async function partnersOf(q: Queryable, id: string): Promise<PartnerRow[]> {
  return q.many<PartnerRow>(sql`SELECT o.id, o.name, o.country, o.city, o.partner_type AS "partnerType"
    FROM organisation_partners p JOIN organisations o ON o.id = p.partner_id
    WHERE p.organisation_id = ${id} ORDER BY o.name`);
}

/** French organisations that list this foreign partner (the reverse link). */
export async function partneredBy(q: Queryable, id: string): Promise<{ id: string; name: string }[]> {
  return q.many(sql`SELECT o.id, o.name FROM organisation_partners p JOIN organisations o ON o.id = p.organisation_id
    WHERE p.partner_id = ${id} ORDER BY o.name`);
}

const codes = async (q: Queryable, query: Sql) => (await q.many<{ c: string }>(query)).map((r) => r.c);

export async function snapshot(q: Queryable, org: OrganisationRow): Promise<ProfileSnapshot> {
  const id = org.id;
  return {
    description: org.description,
    website: org.website,
    email: org.email,
    openToPartnership: org.open_to_partnership,
    partnershipWanted: org.partnership_wanted,
    lastVerifiedOn: org.last_verified_on,
    cufMember: org.cuf_member,
    country: org.country,
    city: org.city,
    partnerType: org.partner_type,
    countries: await codes(
      q,
      sql`SELECT country AS c FROM organisation_countries WHERE organisation_id = ${id} ORDER BY country`,
    ),
    countryGroups: await codes(
      q,
      sql`SELECT group_code AS c FROM organisation_country_groups WHERE organisation_id = ${id} ORDER BY group_code`,
    ),
    themes: await codes(
      q,
      sql`SELECT t.code AS c FROM organisation_themes ot JOIN themes t ON t.code = ot.theme_code
        WHERE ot.organisation_id = ${id} ORDER BY t.position`,
    ),
    partners: (await partnersOf(q, id)).map((p) => ({ id: p.id, name: p.name, country: p.country })),
    contacts: (await contactsOf(q, id)).map(({ id: _id, ...c }) => c),
  };
}

export interface TerritorySummary {
  communes: number;
  approximate: boolean;
  departements: { code: string; name: string }[];
  regions: { code: string; name: string }[];
}

/** Communes served or governed, and the départements/régions they lie in (when geography is imported). */
export async function territorySummary(db: Queryable, id: string): Promise<TerritorySummary> {
  const counts = await db.one<{ n: number; approx: number }>(sql`SELECT count(*)::int AS n,
      count(*) FILTER (WHERE coverage = 'approximate')::int AS approx
    FROM organisation_communes WHERE organisation_id = ${id}`);
  const departements = await db.many<{ code: string; name: string }>(sql`
    SELECT d.code, d.name FROM departements d
    WHERE d.code IN (SELECT c.departement_code FROM organisation_communes oc JOIN communes c ON c.insee = oc.commune_insee
                     WHERE oc.organisation_id = ${id}
                     UNION SELECT departement_code FROM organisations WHERE id = ${id})
    ORDER BY d.code`);
  const regions = await db.many<{ code: string; name: string }>(sql`
    SELECT r.code, r.name FROM regions r
    WHERE r.code IN (SELECT d.region_code FROM departements d WHERE d.code = ANY(${departements.map((d) => d.code)})
                     UNION SELECT region_code FROM organisations WHERE id = ${id})
    ORDER BY r.name`);
  return { communes: counts.n, approximate: counts.approx > 0, departements, regions };
}

export interface HistoryEntry {
  at: Date;
  action: string;
  actorLabel: string;
  changed: string[];
}

/** The profile's history, newest first, from the audit log. */
export async function profileHistory(q: Queryable, id: string, limit = 50): Promise<HistoryEntry[]> {
  const rows = await q.many<{ at: Date; action: string; actor_label: string; after: any }>(sql`
    SELECT at, action, actor_label, after FROM audit_log
    WHERE organisation_id = ${id} AND entity_type = 'organisation' AND entity_id = ${id}
    ORDER BY at DESC, id DESC LIMIT ${limit}`);
  return rows.map((r) => ({
    at: r.at,
    action: r.action,
    actorLabel: r.actor_label,
    changed: r.after && typeof r.after === 'object' ? Object.keys(r.after) : [],
  }));
}

/** Everything the organisation page and GET /api/v1/organisations/{id} show to this caller. */
export async function loadProfile(db: Db, id: string, actor: Actor) {
  const org = await findOrganisation(db, id);
  if (!org) throw new AppError('not_found', 'Cette organisation n’existe pas.');
  const levels = visibleSharingLevels(actor, id);
  const snap = await snapshot(db, org);
  const contacts = (await readContacts(db, id, { kind: 'actor', actor })).map(({ id: _id, ...c }) => c);
  const groupNames = await db.many<{ code: string; name: string }>(
    sql`SELECT code, name FROM country_groups WHERE code = ANY(${snap.countryGroups}) ORDER BY name`,
  );
  return {
    org,
    // The snapshot holds every contact (for the owner's form); callers get the readable ones only.
    snapshot: { ...snap, contacts },
    contacts,
    levels,
    countryGroups: groupNames,
    partners: await partnersOf(db, id),
    partneredBy: org.kind === 'foreign_partner' ? await partneredBy(db, id) : [],
    territory: await territorySummary(db, id),
    history: await profileHistory(db, id),
  };
}

export interface UpdateOptions {
  /** Only platform admins record CUF membership. */
  mayRecordCufMembership: boolean;
}

/**
 * Edits a profile in one transaction: the organisation's fields and lists, the foreign
 * partners it names (created when new), and one audit entry with what changed before
 * and after — or nothing at all when the input is refused.
 */
export async function updateProfile(
  db: Db,
  ctx: AuditContext,
  id: string,
  patch: ProfilePatch,
  now: Date,
  opts: UpdateOptions,
): Promise<{ changed: string[] }> {
  return db.transaction(async (tx) => {
    const org = await findOrganisation(tx, id, true);
    if (!org) throw new AppError('not_found', 'Cette organisation n’existe pas.');
    const errors: Record<string, string> = {};
    if (org.kind !== 'foreign_partner') {
      if (patch.country != null) errors.country = 'Le pays ne s’indique que pour un partenaire étranger.';
      if (patch.partnerType != null)
        errors.partnerType = 'Le type ne s’indique que pour un partenaire étranger.';
    } else if (patch.country === null) errors.country = 'Indiquez le pays du partenaire étranger.';
    if (patch.cufMember !== undefined) {
      if (org.kind !== 'local_authority')
        errors.cufMember = 'L’adhésion à Cités Unies France ne concerne que les collectivités.';
      else if (!opts.mayRecordCufMembership)
        errors.cufMember = 'Seule l’équipe de la plateforme enregistre l’adhésion à Cités Unies France.';
    }
    if (patch.countryGroups?.length) {
      const known = await codes(
        tx,
        sql`SELECT code AS c FROM country_groups WHERE code = ANY(${patch.countryGroups})`,
      );
      const unknown = patch.countryGroups.filter((g) => !known.includes(g));
      if (unknown.length) errors.countryGroups = `Groupe pays inconnu : ${unknown.join(', ')}.`;
    }
    const partnerIds: string[] = [];
    for (const [i, p] of (patch.partners ?? []).entries()) {
      if ('id' in p) {
        const row = await tx.maybeOne<{ kind: string }>(
          sql`SELECT kind FROM organisations WHERE id = ${p.id}`,
        );
        if (row?.kind !== 'foreign_partner')
          errors[`partners.${i}`] = 'Ce partenaire n’existe pas ou n’est pas un partenaire étranger.';
        else if (p.id === id) errors[`partners.${i}`] = 'Une organisation n’est pas sa propre partenaire.';
        else partnerIds.push(p.id);
      }
    }
    if (Object.keys(errors).length) throw invalid(errors);

    const before = await snapshot(tx, org);

    const sets: Sql[] = [];
    const set = (col: string, v: unknown) => sets.push(sql`${sql.raw(col)} = ${v}`);
    if (patch.description !== undefined) set('description', patch.description);
    if (patch.website !== undefined) set('website', patch.website);
    if (patch.email !== undefined) set('email', patch.email);
    if (patch.openToPartnership !== undefined) set('open_to_partnership', patch.openToPartnership);
    if (patch.partnershipWanted !== undefined) set('partnership_wanted', patch.partnershipWanted);
    if (patch.country !== undefined) set('country', patch.country);
    if (patch.city !== undefined) set('city', patch.city);
    if (patch.partnerType !== undefined) set('partner_type', patch.partnerType);
    if (patch.cufMember !== undefined) set('cuf_member', patch.cufMember);
    if (patch.verified) set('last_verified_on', parisDay(now));
    if (sets.length) {
      set('updated_at', now);
      await tx.run(sql`UPDATE organisations SET ${sql.join(sets)} WHERE id = ${id}`);
    }

    if (patch.countries) {
      await tx.run(sql`DELETE FROM organisation_countries WHERE organisation_id = ${id}`);
      for (const c of new Set(patch.countries))
        await tx.run(sql`INSERT INTO organisation_countries (organisation_id, country) VALUES (${id}, ${c})`);
    }
    if (patch.countryGroups) {
      await tx.run(sql`DELETE FROM organisation_country_groups WHERE organisation_id = ${id}`);
      for (const g of new Set(patch.countryGroups))
        await tx.run(
          sql`INSERT INTO organisation_country_groups (organisation_id, group_code) VALUES (${id}, ${g})`,
        );
    }
    if (patch.themes) {
      await tx.run(sql`DELETE FROM organisation_themes WHERE organisation_id = ${id}`);
      for (const th of new Set(patch.themes))
        await tx.run(
          sql`INSERT INTO organisation_themes (organisation_id, theme_code) VALUES (${id}, ${th})`,
        );
    }
    if (patch.contacts) {
      await tx.run(sql`DELETE FROM organisation_contacts WHERE organisation_id = ${id}`);
      for (const [i, c] of patch.contacts.entries())
        await tx.run(sql`INSERT INTO organisation_contacts (organisation_id, name, role_title, email, phone, sharing_level, position)
          VALUES (${id}, ${c.name}, ${c.roleTitle}, ${c.email}, ${c.phone}, ${c.sharingLevel}, ${i})`);
    }
    if (patch.partners) {
      for (const p of patch.partners) {
        if ('id' in p) continue;
        const existing = await tx.maybeOne<{ id: string }>(sql`SELECT id FROM organisations
          WHERE kind = 'foreign_partner' AND country = ${p.country}
            AND f_unaccent(lower(name)) = f_unaccent(lower(${p.name})) LIMIT 1`);
        if (existing) {
          partnerIds.push(existing.id);
          continue;
        }
        const created = await tx.one<{
          id: string;
        }>(sql`INSERT INTO organisations (kind, name, country, city, partner_type)
          VALUES ('foreign_partner', ${p.name}, ${p.country}, ${p.city}, ${p.type ?? null}) RETURNING id`);
        await audit(tx, ctx, {
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: created.id,
          organisationId: created.id,
          after: {
            kind: 'foreign_partner',
            name: p.name,
            country: p.country,
            city: p.city,
            partnerType: p.type ?? null,
            namedBy: id,
          },
        });
        partnerIds.push(created.id);
      }
      await tx.run(sql`DELETE FROM organisation_partners WHERE organisation_id = ${id}
        AND NOT (partner_id = ANY(${partnerIds}::uuid[]))`);
      for (const pid of new Set(partnerIds))
        await tx.run(sql`INSERT INTO organisation_partners (organisation_id, partner_id) VALUES (${id}, ${pid})
          ON CONFLICT DO NOTHING`);
    }

    const after = await snapshot(tx, (await findOrganisation(tx, id))!);
    const diff = diffSnapshots(before, after);
    if (diff.keys.length) {
      await audit(tx, ctx, {
        action: 'organisation.profile_updated',
        entityType: 'organisation',
        entityId: id,
        organisationId: id,
        before: diff.before,
        after: diff.after,
      });
    }
    return { changed: diff.keys };
  });
}
