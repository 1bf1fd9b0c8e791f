/** Reads of the communication module and row mapping. */
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Network } from './domain/approval.js';

export interface NewsVersion {
  id: string;
  number: number;
  title: string;
  body: string;
  socialText: string;
  imageAlt: string;
  link: string | null;
  hash: string;
  proposedByName: string;
  proposedByNetwork: Network;
  createdAt: string;
}
export interface NewsApproval {
  versionNumber: number;
  network: Network;
  hash: string;
  approvedByName: string;
  approvedAt: string;
}
export interface NewsItem {
  id: string;
  status: 'draft' | 'published';
  draftedByNetwork: Network;
  createdAt: string;
  publishedAt: string | null;
  publishedHash: string | null;
  versions: NewsVersion[];
  approvals: NewsApproval[];
  /** The latest version (what is under review, or what was published). */
  current: NewsVersion;
}

export const isUuid = (s: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
const iso = (d: unknown) => new Date(d as string).toISOString();

const mapVersion = (r: any): NewsVersion => ({
  id: r.id,
  number: Number(r.number),
  title: r.title,
  body: r.body,
  socialText: r.social_text,
  imageAlt: r.image_alt,
  link: r.link,
  hash: r.hash,
  proposedByName: r.proposed_by_name,
  proposedByNetwork: r.proposed_by_network,
  createdAt: iso(r.created_at),
});

export async function loadNews(
  db: Queryable,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<NewsItem | null> {
  if (!isUuid(id)) return null;
  const item = await db.maybeOne<any>(
    sql`SELECT * FROM news_items WHERE id = ${id}${opts.forUpdate ? sql` FOR UPDATE` : sql``}`,
  );
  if (!item) return null;
  const versions = (
    await db.many(sql`SELECT * FROM news_versions WHERE news_id = ${id} ORDER BY number`)
  ).map(mapVersion);
  const approvals = (
    await db.many<any>(sql`SELECT a.network, a.hash, a.approved_by_name, a.approved_at, v.number
      FROM news_approvals a JOIN news_versions v ON v.id = a.version_id WHERE a.news_id = ${id} ORDER BY a.approved_at`)
  ).map((r) => ({
    versionNumber: Number(r.number),
    network: r.network,
    hash: r.hash,
    approvedByName: r.approved_by_name,
    approvedAt: iso(r.approved_at),
  }));
  return {
    id: item.id,
    status: item.status,
    draftedByNetwork: item.drafted_by_network,
    createdAt: iso(item.created_at),
    publishedAt: item.published_at ? iso(item.published_at) : null,
    publishedHash: item.published_hash,
    versions,
    approvals,
    current: versions.at(-1)!,
  };
}

export interface NewsSummary {
  id: string;
  status: 'draft' | 'published';
  title: string;
  body: string;
  link: string | null;
  imageAlt: string;
  publishedAt: string | null;
  createdAt: string;
  versionNumber: number;
  hash: string;
  approvedBy: Network[];
}

const summaryQuery = (where: ReturnType<typeof sql>, order: ReturnType<typeof sql>) => sql`
  SELECT n.id, n.status, n.published_at, n.created_at, v.title, v.body, v.link, v.image_alt, v.number, v.hash,
    coalesce((SELECT array_agg(a.network ORDER BY a.network) FROM news_approvals a WHERE a.version_id = v.id), '{}') AS approved_by
  FROM news_items n
  JOIN LATERAL (SELECT * FROM news_versions WHERE news_id = n.id ORDER BY number DESC LIMIT 1) v ON true
  WHERE ${where} ORDER BY ${order} LIMIT 200`;

const mapSummary = (r: any): NewsSummary => ({
  id: r.id,
  status: r.status,
  title: r.title,
  body: r.body,
  link: r.link,
  imageAlt: r.image_alt,
  publishedAt: r.published_at ? iso(r.published_at) : null,
  createdAt: iso(r.created_at),
  versionNumber: Number(r.number),
  hash: r.hash,
  approvedBy: r.approved_by ?? [],
});

/** Published news, most recent first (the public list and the feeds). */
export async function publishedNews(db: Queryable, limit = 50): Promise<NewsSummary[]> {
  const rows = await db.many(summaryQuery(sql`n.status = 'published'`, sql`n.published_at DESC`));
  return rows.slice(0, limit).map(mapSummary);
}

/** Drafts waiting for approval (network staff). */
export async function draftNews(db: Queryable): Promise<NewsSummary[]> {
  return (await db.many(summaryQuery(sql`n.status = 'draft'`, sql`n.created_at DESC`))).map(mapSummary);
}
