import { createHash } from 'node:crypto';
import { type AuditContext, audit } from '../../audit/audit.js';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import { AppError } from '../../http/errors.js';
import { checkDocument } from './domain/documents.js';
import { type CRITERIA, checkTransition, type Status } from './domain/lifecycle.js';
import { AUDIENCES, type Counts, checkCounts, DIMENSIONS } from './domain/participants.js';
import type { DetailsInput, FundingLineInput } from './schemas.js';
import { resolveCountries } from './schemas.js';
import { factsOf, loadProject } from './store.js';

export interface Op {
  tx: Queryable;
  audit: AuditContext;
  now: Date;
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/** One change: a timeline row and an audit entry, in the caller's transaction. */
async function record(
  op: Op,
  projectId: string,
  action: string,
  details: Record<string, unknown>,
  before?: unknown,
) {
  const a = op.audit.actor;
  const label = a.kind === 'user' ? a.user.name : a.kind === 'system' ? a.label : 'anonyme';
  await op.tx.run(sql`INSERT INTO project_history (project_id, at, actor_user_id, actor_label, action, details)
    VALUES (${projectId}, ${op.now}, ${a.kind === 'user' ? a.user.id : null}, ${label}, ${action}, ${JSON.stringify(details)})`);
  await op.tx.run(sql`UPDATE projects SET updated_at = ${op.now} WHERE id = ${projectId}`);
  await audit(op.tx, op.audit, {
    action: `projects.${action}`,
    entityType: 'project',
    entityId: projectId,
    before,
    after: details,
  });
}

async function lockProject(op: Op, id: string) {
  const row = await op.tx.maybeOne<{ status: Status }>(
    sql`SELECT status FROM projects WHERE id = ${id} FOR UPDATE`,
  );
  if (!row) throw new AppError('not_found', 'Ce projet n’existe pas.');
  return row;
}

async function setCountries(op: Op, id: string, input: string[]) {
  const { codes } = resolveCountries(input);
  await op.tx.run(sql`DELETE FROM project_countries WHERE project_id = ${id}`);
  for (const c of codes)
    await op.tx.run(sql`INSERT INTO project_countries (project_id, country) VALUES (${id}, ${c})`);
  return codes;
}

async function orgKinds(op: Op, ids: string[]) {
  const rows = await op.tx.many<{ id: string; kind: string }>(
    sql`SELECT id, kind FROM organisations WHERE id = ANY(${ids}::uuid[])`,
  );
  const missing = ids.filter((i) => !rows.some((r) => r.id === i));
  if (missing.length)
    throw new AppError('validation', undefined, {
      partnerIds: 'Organisation partenaire : elle n’existe pas dans l’annuaire.',
    });
  return rows;
}

export async function createProject(
  op: Op,
  input: DetailsInput & { organisationId: string; partnerIds: string[] },
): Promise<string> {
  const ids = [...new Set([input.organisationId, ...input.partnerIds])];
  await orgKinds(op, ids);
  const by = op.audit.actor.kind === 'user' ? op.audit.actor.user.id : null;
  const { id } = await op.tx.one<{
    id: string;
  }>(sql`INSERT INTO projects (title, kind, summary, objectives, starts_on, ends_on,
      created_by, created_at, updated_at)
    VALUES (${input.title}, ${input.kind}, ${input.summary}, ${input.objectives}, ${input.startsOn}, ${input.endsOn},
      ${by}, ${op.now}, ${op.now}) RETURNING id`);
  for (const o of ids)
    await op.tx.run(sql`INSERT INTO project_partners (project_id, organisation_id) VALUES (${id}, ${o})`);
  const countries = await setCountries(op, id, input.countries);
  await record(op, id, 'create', {
    title: input.title,
    kind: input.kind,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    partners: ids,
    countries,
  });
  return id;
}

export async function updateDetails(op: Op, id: string, input: DetailsInput) {
  await lockProject(op, id);
  const before = await op.tx.one(
    sql`SELECT title, kind, summary, objectives, starts_on, ends_on FROM projects WHERE id = ${id}`,
  );
  await op.tx.run(sql`UPDATE projects SET title = ${input.title}, kind = ${input.kind}, summary = ${input.summary},
    objectives = ${input.objectives}, starts_on = ${input.startsOn}, ends_on = ${input.endsOn} WHERE id = ${id}`);
  const countries = await setCountries(op, id, input.countries);
  await record(op, id, 'update', { ...input, countries }, before);
}

export async function addPartner(
  op: Op,
  id: string,
  p: { organisationId: string | null; foreignName: string | null; country: string | null; role: string },
) {
  await lockProject(op, id);
  if (p.organisationId) {
    await orgKinds(op, [p.organisationId]);
    const dup = await op.tx.maybeOne(
      sql`SELECT 1 FROM project_partners WHERE project_id = ${id} AND organisation_id = ${p.organisationId}`,
    );
    if (dup)
      throw new AppError('validation', undefined, {
        organisationId: 'Partenaire : cette organisation est déjà partenaire.',
      });
  }
  await op.tx.run(sql`INSERT INTO project_partners (project_id, organisation_id, foreign_name, country, role)
    VALUES (${id}, ${p.organisationId}, ${p.organisationId ? null : p.foreignName}, ${p.country}, ${p.role})`);
  if (p.country && p.country !== 'FR')
    await op.tx.run(
      sql`INSERT INTO project_countries (project_id, country) VALUES (${id}, ${p.country}) ON CONFLICT DO NOTHING`,
    );
  await record(op, id, 'partner.add', p);
}

export async function addMilestone(op: Op, id: string, m: { title: string; dueOn: string }) {
  await lockProject(op, id);
  await op.tx.run(
    sql`INSERT INTO project_milestones (project_id, title, due_on) VALUES (${id}, ${m.title}, ${m.dueOn})`,
  );
  await record(op, id, 'milestone.add', m);
}

export async function addBudgetLine(op: Op, id: string, b: { label: string; amount: number }) {
  await lockProject(op, id);
  await op.tx.run(
    sql`INSERT INTO project_budget_lines (project_id, label, amount) VALUES (${id}, ${b.label}, ${b.amount})`,
  );
  await record(op, id, 'budget.add', b);
}

async function sourceOf(op: Op, f: FundingLineInput) {
  if (!f.programmeId) return f.source;
  const p = await op.tx.maybeOne<{ name: string }>(
    sql`SELECT name FROM funding_programmes WHERE id = ${f.programmeId}`,
  );
  if (!p)
    throw new AppError('validation', undefined, {
      programmeId: 'Programme : il n’existe pas dans le catalogue.',
    });
  return f.source || p.name;
}

export async function addFundingLine(op: Op, id: string, f: FundingLineInput) {
  await lockProject(op, id);
  const source = await sourceOf(op, f);
  await op.tx.run(sql`INSERT INTO project_funding_lines (project_id, programme_id, source, requested, obtained, status)
    VALUES (${id}, ${f.programmeId}, ${source}, ${f.requested}, ${f.obtained}, ${f.status})`);
  await record(op, id, 'funding.add', { ...f, source });
}

export async function updateFundingLine(op: Op, id: string, lineId: string, f: FundingLineInput) {
  await lockProject(op, id);
  const before = await op.tx.maybeOne(
    sql`SELECT source, programme_id, requested, obtained, status FROM project_funding_lines WHERE id = ${lineId} AND project_id = ${id}`,
  );
  if (!before) throw new AppError('not_found', 'Cette ligne de financement n’existe pas.');
  const source = await sourceOf(op, f);
  await op.tx.run(sql`UPDATE project_funding_lines SET programme_id = ${f.programmeId}, source = ${source},
    requested = ${f.requested}, obtained = ${f.obtained}, status = ${f.status} WHERE id = ${lineId}`);
  await record(op, id, 'funding.update', { lineId, ...f, source }, before);
}

/** Replaces the participant counts (aggregates only). Inconsistent counts change nothing. */
export async function setParticipants(op: Op, id: string, counts: Counts) {
  const errors = checkCounts(counts);
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
  await lockProject(op, id);
  await op.tx.run(sql`DELETE FROM project_participants WHERE project_id = ${id}`);
  for (const a of AUDIENCES)
    for (const d of Object.keys(DIMENSIONS) as (keyof typeof DIMENSIONS)[])
      for (const [cat, n] of Object.entries(counts[a][d]))
        if (n > 0)
          await op.tx.run(sql`INSERT INTO project_participants (project_id, audience, dimension, category, count)
            VALUES (${id}, ${a}, ${d}, ${cat}, ${n})`);
  await record(op, id, 'participants.set', { counts });
}

export async function setAssessment(
  op: Op,
  id: string,
  items: { criterion: (typeof CRITERIA)[number]; level: number; comment: string }[],
) {
  await lockProject(op, id);
  for (const i of items)
    await op.tx.run(sql`INSERT INTO project_assessments (project_id, criterion, level, comment)
      VALUES (${id}, ${i.criterion}, ${i.level}, ${i.comment})
      ON CONFLICT (project_id, criterion) DO UPDATE SET level = EXCLUDED.level, comment = EXCLUDED.comment`);
  await record(op, id, 'assessment.set', { items });
}

/** Moves the project along the lifecycle table; a refused transition changes nothing. */
export async function transition(op: Op, id: string, to: Status, reason?: string) {
  await lockProject(op, id);
  const view = await loadProject(op.tx, id);
  if (!view) throw new AppError('not_found', 'Ce projet n’existe pas.');
  const from = view.project.status;
  const check = checkTransition(factsOf(view), to, today(op.now), reason);
  if (!check.ok) throw new AppError('conflict', check.reasons.join(' '), { to: check.reasons.join(' ') });
  await op.tx.run(sql`UPDATE projects SET status = ${to}, abandon_reason = ${to === 'abandoned' ? reason!.trim() : null}
    WHERE id = ${id}`);
  await record(op, id, 'status', { from, to, ...(to === 'abandoned' ? { reason } : {}) }, { status: from });
}

/** Partners ask for publication; a network admin publishes or withdraws it (moderation). */
export async function setPublication(op: Op, id: string, to: 'private' | 'requested' | 'published') {
  const before = await op.tx.maybeOne<{ publication: string }>(
    sql`SELECT publication FROM projects WHERE id = ${id} FOR UPDATE`,
  );
  if (!before) throw new AppError('not_found', 'Ce projet n’existe pas.');
  await op.tx.run(sql`UPDATE projects SET publication = ${to} WHERE id = ${id}`);
  await record(op, id, 'publication', { from: before.publication, to }, before);
}

/** Attaches a document (checked type, size and content; stored in the database). */
export async function addDocument(op: Op, id: string, file: { name: string; bytes: Uint8Array }) {
  const check = checkDocument(file.name, file.bytes);
  if (!check.ok) throw new AppError('validation', undefined, { document: check.message });
  await lockProject(op, id);
  const a = op.audit.actor;
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const { id: docId } = await op.tx.one<{ id: string }>(sql`INSERT INTO project_documents
      (project_id, file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_by_name, created_at)
    VALUES (${id}, ${file.name.slice(-200)}, ${check.contentType}, ${file.bytes.length}, ${sha256}, ${file.bytes},
      ${a.kind === 'user' ? a.user.id : null}, ${a.kind === 'user' ? a.user.name : 'système'}, ${op.now}) RETURNING id`);
  await record(op, id, 'document.add', {
    documentId: docId,
    fileName: file.name,
    size: file.bytes.length,
    sha256,
  });
  return docId;
}
