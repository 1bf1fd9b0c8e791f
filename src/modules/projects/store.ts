import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { ProjectKind } from '../funding/domain/programme.js';
import type { BudgetLine, FundingLine } from './domain/budget.js';
import type { Criterion, ProjectFacts, Status } from './domain/lifecycle.js';
import { type Audience, type Counts, type Dimension, emptyCounts, totalOf } from './domain/participants.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ProjectRow {
  id: string;
  title: string;
  kind: ProjectKind;
  status: Status;
  summary: string;
  objectives: string;
  starts_on: string | null;
  ends_on: string | null;
  abandon_reason: string | null;
  publication: 'private' | 'requested' | 'published';
  created_at: Date;
  updated_at: Date;
}

export interface Partner {
  id: string;
  organisation_id: string | null;
  name: string;
  kind: string;
  level: string | null;
  country: string | null;
  role: string;
}

export interface ProjectView {
  project: ProjectRow;
  partners: Partner[];
  countries: string[];
  milestones: { id: string; title: string; due_on: string; done_on: string | null }[];
  budget: (BudgetLine & { id: string })[];
  funding: (FundingLine & { id: string; programmeName: string | null })[];
  participants: Counts;
  assessments: { criterion: Criterion; level: number; comment: string }[];
  history: { id: number; at: Date; actor_label: string; action: string; details: Record<string, unknown> }[];
  documents: {
    id: string;
    file_name: string;
    size_bytes: number;
    uploaded_by_name: string;
    created_at: Date;
  }[];
}

export async function loadProject(db: Queryable, id: string): Promise<ProjectView | null> {
  if (!UUID.test(id)) return null;
  const project = await db.maybeOne<ProjectRow>(sql`SELECT * FROM projects WHERE id = ${id}`);
  if (!project) return null;
  const partners = await db.many<Partner>(sql`SELECT pp.id, pp.organisation_id,
      coalesce(o.name, pp.foreign_name) AS name, coalesce(o.kind, 'foreign_partner') AS kind, o.level,
      pp.country, pp.role
    FROM project_partners pp LEFT JOIN organisations o ON o.id = pp.organisation_id
    WHERE pp.project_id = ${id} ORDER BY pp.organisation_id IS NULL, name`);
  const countries = (
    await db.many<{ country: string }>(
      sql`SELECT country FROM project_countries WHERE project_id = ${id} ORDER BY country`,
    )
  ).map((r) => r.country);
  const milestones = await db.many<ProjectView['milestones'][number]>(
    sql`SELECT id, title, due_on, done_on FROM project_milestones WHERE project_id = ${id} ORDER BY due_on, title`,
  );
  const budget = (
    await db.many<{ id: string; label: string; amount: number }>(
      sql`SELECT id, label, amount FROM project_budget_lines WHERE project_id = ${id} ORDER BY label`,
    )
  ).map((b) => ({ ...b, amount: Number(b.amount) }));
  const funding = (
    await db.many<any>(sql`SELECT f.id, f.source, f.programme_id, p.name AS programme_name, f.requested, f.obtained, f.status
      FROM project_funding_lines f LEFT JOIN funding_programmes p ON p.id = f.programme_id
      WHERE f.project_id = ${id} ORDER BY f.source`)
  ).map((f) => ({
    id: f.id as string,
    source: f.source as string,
    programmeId: f.programme_id as string | null,
    programmeName: f.programme_name as string | null,
    requested: Number(f.requested),
    obtained: f.obtained === null ? null : Number(f.obtained),
    status: f.status,
  }));
  const participants = emptyCounts();
  for (const r of await db.many<{
    audience: Audience;
    dimension: Dimension;
    category: string;
    count: number;
  }>(sql`SELECT audience, dimension, category, count FROM project_participants WHERE project_id = ${id}`))
    participants[r.audience][r.dimension][r.category] = r.count;
  const assessments = await db.many<ProjectView['assessments'][number]>(
    sql`SELECT criterion, level, comment FROM project_assessments WHERE project_id = ${id}`,
  );
  const history = (
    await db.many<any>(
      sql`SELECT id, at, actor_label, action, details FROM project_history WHERE project_id = ${id} ORDER BY id DESC`,
    )
  ).map((h) => ({ ...h, id: Number(h.id) }));
  const documents = await db.many<
    ProjectView['documents'][number]
  >(sql`SELECT id, file_name, size_bytes, uploaded_by_name,
      created_at FROM project_documents WHERE project_id = ${id} ORDER BY created_at DESC`);
  return {
    project,
    partners,
    countries,
    milestones,
    budget,
    funding,
    participants,
    assessments,
    history,
    documents,
  };
}

/** The facts the lifecycle guards read. */
export function factsOf(v: ProjectView): ProjectFacts {
  return {
    status: v.project.status,
    kind: v.project.kind,
    startsOn: v.project.starts_on,
    endsOn: v.project.ends_on,
    partnerKinds: v.partners.map((p) => p.kind),
    foreignPartners: v.partners.filter((p) => p.kind === 'foreign_partner').length,
    countries: v.countries,
    obtainedFundingLines: v.funding.filter((f) => f.status === 'obtained').length,
    youngParticipants: totalOf(v.participants, 'young'),
    staffParticipants: totalOf(v.participants, 'staff'),
    assessedCriteria: v.assessments.map((a) => a.criterion),
  };
}

/** Organisations whose members edit the project. */
export const partnerOrgIds = (db: Queryable, projectId: string) =>
  db
    .many<{ organisation_id: string }>(
      sql`SELECT organisation_id FROM project_partners WHERE project_id = ${projectId} AND organisation_id IS NOT NULL`,
    )
    .then((rs) => rs.map((r) => r.organisation_id));

export interface ListItem {
  id: string;
  title: string;
  kind: ProjectKind;
  status: Status;
  publication: string;
  starts_on: string | null;
  ends_on: string | null;
  partners: string[];
  countries: string[];
  updated_at: Date;
}

/** Projects the viewer may see: published ones, their organisations' ones, or all for network admins. */
export async function listProjects(
  db: Queryable,
  viewer: { all: boolean; orgIds: string[] },
  f: { status?: string; kind?: string; publication?: string } = {},
): Promise<ListItem[]> {
  return db.many<ListItem>(sql`SELECT p.id, p.title, p.kind, p.status, p.publication, p.starts_on, p.ends_on, p.updated_at,
      coalesce((SELECT array_agg(coalesce(o.name, pp.foreign_name) ORDER BY coalesce(o.name, pp.foreign_name))
        FROM project_partners pp LEFT JOIN organisations o ON o.id = pp.organisation_id WHERE pp.project_id = p.id), '{}') AS partners,
      coalesce((SELECT array_agg(country ORDER BY country) FROM project_countries WHERE project_id = p.id), '{}') AS countries
    FROM projects p
    WHERE (${viewer.all} OR p.publication = 'published'
      OR EXISTS (SELECT 1 FROM project_partners pp WHERE pp.project_id = p.id AND pp.organisation_id = ANY(${viewer.orgIds}::uuid[])))
      ${f.status ? sql`AND p.status = ${f.status}` : sql.empty}
      ${f.kind ? sql`AND p.kind = ${f.kind}` : sql.empty}
      ${f.publication ? sql`AND p.publication = ${f.publication}` : sql.empty}
    ORDER BY p.updated_at DESC, p.title`);
}
