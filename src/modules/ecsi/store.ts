/** Reads of the ECSI module and row mapping. */
import type { Queryable } from '../../db/client.js';
import { type Sql, sql } from '../../db/sql.js';
import type { ResourceAudience, ResourceKind, ResourceState } from './domain/moderation.js';

export interface Resource {
  id: string;
  title: string;
  kind: ResourceKind;
  summary: string;
  audience: ResourceAudience;
  themes: string[];
  language: string;
  licence: string;
  source: string;
  url: string | null;
  fileName: string | null;
  status: ResourceState;
  suggestedBy: string | null;
  suggestedByName: string;
  rejectionReason: string | null;
  createdAt: string;
}

const map = (r: any): Resource => ({
  id: r.id,
  title: r.title,
  kind: r.kind,
  summary: r.summary,
  audience: r.audience,
  themes: r.themes ?? [],
  language: r.language,
  licence: r.licence,
  source: r.source,
  url: r.url,
  fileName: r.file_name,
  status: r.status,
  suggestedBy: r.suggested_by,
  suggestedByName: r.suggested_by_name,
  rejectionReason: r.rejection_reason,
  createdAt: new Date(r.created_at).toISOString(),
});

const COLUMNS = sql`id, title, kind, summary, audience, themes, language, licence, source, url, file_name, status,
  suggested_by, suggested_by_name, rejection_reason, created_at`;
export const isUuid = (s: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export interface ResourceFilter {
  q?: string;
  kind?: ResourceKind;
  audience?: ResourceAudience;
  theme?: string;
  language?: string;
}

/** Published resources, searched like the directory: words in the title or summary, accents and case ignored. */
export async function searchResources(db: Queryable, f: ResourceFilter): Promise<Resource[]> {
  const where: Sql[] = [sql`status = 'published'`];
  if (f.q) {
    for (const word of f.q.split(/\s+/).filter(Boolean).slice(0, 8))
      where.push(
        sql`f_unaccent(lower(title || ' ' || summary)) LIKE ${`%${word.toLowerCase().replace(/[%_\\]/g, '')}%`}`,
      );
  }
  if (f.kind) where.push(sql`kind = ${f.kind}`);
  if (f.audience) where.push(sql`(audience = ${f.audience} OR audience = 'both')`);
  if (f.theme) where.push(sql`${f.theme} = ANY (themes)`);
  if (f.language) where.push(sql`language = ${f.language}`);
  const rows = await db.many(
    sql`SELECT ${COLUMNS} FROM ecsi_resources WHERE ${sql.join(where, sql` AND `)} ORDER BY created_at DESC, title LIMIT 200`,
  );
  return rows.map(map);
}

export async function findResource(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) return null;
  const r = await db.maybeOne(
    sql`SELECT ${COLUMNS} FROM ecsi_resources WHERE id = ${id}${opts.forUpdate ? sql` FOR UPDATE` : sql``}`,
  );
  return r ? map(r) : null;
}

export async function resourceFile(db: Queryable, id: string) {
  if (!isUuid(id)) return null;
  return db.maybeOne<{
    file: Uint8Array | null;
    file_name: string | null;
    file_type: string | null;
    status: string;
  }>(sql`SELECT file, file_name, file_type, status FROM ecsi_resources WHERE id = ${id}`);
}

export async function pendingResources(db: Queryable): Promise<Resource[]> {
  return (
    await db.many(sql`SELECT ${COLUMNS} FROM ecsi_resources WHERE status = 'suggested' ORDER BY created_at`)
  ).map(map);
}

export interface AwarenessAction {
  id: string;
  title: string;
  kind: string;
  heldOn: string;
  organiserName: string;
  description: string;
  participants: { id: string; name: string; kind: string }[];
}

export async function listActions(db: Queryable): Promise<AwarenessAction[]> {
  const rows =
    await db.many<any>(sql`SELECT a.id, a.title, a.kind, a.held_on, a.description, o.name AS organiser_name,
      coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'kind', p.kind) ORDER BY p.name)
        FROM ecsi_action_participants ap JOIN organisations p ON p.id = ap.organisation_id WHERE ap.action_id = a.id), '[]') AS participants
    FROM ecsi_actions a JOIN organisations o ON o.id = a.organiser_id ORDER BY a.held_on DESC, a.created_at DESC LIMIT 200`);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    heldOn: String(r.held_on).slice(0, 10),
    organiserName: r.organiser_name,
    description: r.description,
    participants: typeof r.participants === 'string' ? JSON.parse(r.participants) : r.participants,
  }));
}

export async function themeOptions(db: Queryable) {
  return db.many<{ code: string; name: string }>(sql`SELECT code, name FROM themes ORDER BY position, name`);
}

/** Organisation names typed one per line → ids (accents and case ignored); unknown names are returned. */
export async function resolveOrganisationNames(db: Queryable, names: string[]) {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const rows = await db.many<{ id: string }>(
      sql`SELECT id FROM organisations WHERE f_unaccent(lower(name)) = f_unaccent(lower(${name})) LIMIT 2`,
    );
    if (rows.length === 1) ids.push(rows[0].id);
    else unknown.push(name);
  }
  return { ids, unknown };
}
